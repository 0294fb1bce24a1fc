import { dayOf, nextIds } from '../../src/core';

describe('nextIds', () => {
  it('starts each day at 001 and continues after the highest existing number', () => {
    expect(nextIds('C', '20240315', [])).toEqual(['C20240315001']);
    expect(nextIds('C', '20240315', ['C20240315001', 'C20240315007', 'C20240314999', 'P20240315050'])).toEqual(['C20240315008']);
  });
  it('grows past three digits without colliding', () => {
    const ids = Array.from({ length: 999 }, (_, i) => `C20240315${String(i + 1).padStart(3, '0')}`);
    expect(nextIds('C', '20240315', ids, 2)).toEqual(['C202403151000', 'C202403151001']);
  });
  it('ignores malformed IDs and rejects bad prefixes or days', () => {
    expect(nextIds('O', '20261123', ['O20261123xyz', 'O2026112301'])).toEqual(['O20261123001']);
    expect(() => nextIds('c1', '20261123', [])).toThrow();
    expect(() => nextIds('C', '2026-11-23', [])).toThrow();
  });
  it('takes the day from a stamp', () => {
    expect(dayOf('2026-11-23 09:05')).toBe('20261123');
  });
});
