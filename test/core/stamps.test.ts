import { nextUpdatedAt, stampSeconds, updateStamps, versionOf } from '../../src/core';
import { cellReader, serialText } from '../../src/store';
import { customers } from '../../src/schema';

describe('updatedAt stamps and the edit token', () => {
  it('derives the token from updatedAt: wall-clock seconds, 0 without a readable stamp', () => {
    expect(versionOf('2024-03-05 09:30:15')).toBe(Date.UTC(2024, 2, 5, 9, 30, 15) / 1000);
    expect(versionOf('2024-03-05 09:30')).toBe(Date.UTC(2024, 2, 5, 9, 30, 0) / 1000);
    for (const none of [null, undefined, '', 'yesterday', 42]) expect(versionOf(none)).toBe(0);
    expect(stampSeconds('2024-03-05 09:30:15')! - stampSeconds('2024-03-05 09:30:14')!).toBe(1);
  });

  it('stamps now, or a second past the previous stamp when that is not earlier', () => {
    expect(nextUpdatedAt(null, '2024-03-05 09:30:15')).toBe('2024-03-05 09:30:15');
    expect(nextUpdatedAt('2024-03-05 09:00', '2024-03-05 09:30:15')).toBe('2024-03-05 09:30:15');
    expect(nextUpdatedAt('2024-03-05 09:30:15', '2024-03-05 09:30:15')).toBe('2024-03-05 09:30:16');
    expect(nextUpdatedAt('2024-12-31 23:59:59', '2024-12-31 23:59:30')).toBe('2025-01-01 00:00:00');
    expect(nextUpdatedAt('junk', '2024-03-05 09:30:15')).toBe('2024-03-05 09:30:15');
    const a = updateStamps({ updatedAt: '2024-03-05 09:30:15' }, 'me', '2024-03-05 09:30:15');
    expect(a).toEqual({ updatedAt: '2024-03-05 09:30:16', updatedBy: 'me', version: versionOf('2024-03-05 09:30:16') });
    expect(updateStamps(a, 'me', '2024-03-05 09:30:15').version).toBeGreaterThan(a.version);
  });

  it('reads the updatedAt column to the second (serial numbers, Dates and text), other datetimes to the minute', () => {
    const col = (k: string) => customers.columns.find((c) => c.key === k)!;
    const fmt = (d: Date, _tz: string, p: string) =>
      p.endsWith(':ss') ? d.toISOString().slice(0, 19).replace('T', ' ') : d.toISOString().slice(0, 16).replace('T', ' ');
    const serial = Date.UTC(2024, 2, 5, 9, 30, 15) / 86400000 + 25569;
    expect(serialText(serial, true, true)).toBe('2024-03-05 09:30:15');
    expect(serialText(serial, true)).toBe('2024-03-05 09:30');
    const updated = cellReader(col('updatedAt'), 'UTC', fmt);
    expect(updated(serial)).toBe('2024-03-05 09:30:15');
    expect(updated(new Date(Date.UTC(2024, 2, 5, 9, 30, 15)))).toBe('2024-03-05 09:30:15');
    expect(updated('2024/3/5 9:30')).toBe('2024-03-05 09:30:00');
    expect(cellReader(col('createdAt'), 'UTC', fmt)(serial)).toBe('2024-03-05 09:30');
  });
});
