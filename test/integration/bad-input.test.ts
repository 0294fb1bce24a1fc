import type { EntryName } from '../../src/server/entryNames';
import { loadCrm, type Crm } from './harness';

/** Every sheet's values, notes and formulas: "changes nothing" means this stays equal. */
function fingerprint(crm: Crm): string {
  return JSON.stringify(crm.rt.workbook.sheets.map((s) => [s.name, s.getValuesRaw(), s.formulas.size, s.notes.size]));
}

describe('bad input to every entry point gets a clear error and changes nothing', () => {
  // English messages for the patterns below; the zh case is checked at the end.
  const crm = loadCrm({ locale: 'zh_CN', userLocale: 'en' });
  crm.call('setupWorkbook');
  const seed = crm.call<{ ok: true; record: { id: string } }>('saveRecord', 'customers', { name: 'Acme' });
  const id = seed.record.id;
  const huge = 'x'.repeat(100_000);
  let before = '';
  beforeEach(() => {
    before = fingerprint(crm);
  });
  afterEach(() => {
    expect(fingerprint(crm)).toBe(before);
  });

  const refusals: [EntryName, unknown[], RegExp][] = [
    ['saveRecord', ['nope', { name: 'x' }], /nope/],
    ['saveRecord', ['settings', { key: 'x' }], /settings/],
    ['saveRecord', ['history', {}], /history/],
    ['saveRecord', [], /table.*required/],
    ['saveRecord', ['customers'], /values.*required/],
    ['saveRecord', ['customers', 'name=x'], /object/],
    ['saveRecord', ['customers', ['x']], /object/],
    ['saveRecord', ['customers', 42], /object/],
    ['saveRecord', ['customers', { name: 'B', colour: 'red' }], /colour/],
    ['saveRecord', ['customers', { name: huge }], /long|长/],
    ['saveRecord', ['customers', { name: 12345n.toString(), owner: { a: 1 } }], /owner/],
    ['saveRecord', ['customers', { name: 'C', email: 'not-an-email' }], /email/],
    ['saveRecord', ['customers', { id, name: 'Acme 2' }], /version/],
    ['saveRecord', ['customers', { id, version: 99, name: 'Acme 2' }], /version|reload|重新加载/],
    ['saveRecord', ['customers', { id: 'C19990101001', version: 1, name: 'Ghost' }], /C19990101001/],
    ['saveRecord', ['customers', { id: huge, version: 1 }], /id/],
    ['saveRecord', ['customers', { name: 'D', lifetimeAmount: 5 }], /lifetimeAmount/],
    ['saveRecord', ['contacts', { customerId: 'C19990101001', name: '张三' }], /C19990101001/],
    ['saveRecord', ['payments', { customerId: id, amount: -1 }], /amount/],
  ];
  it.each(refusals)('%s %j', (fn, args, pattern) => {
    const r = crm.call<{ ok: boolean; errors: { field: string; message: string }[] }>(fn, ...args);
    expect(r.ok).toBe(false);
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.errors)).toMatch(pattern);
  });

  const throws: [EntryName, unknown[], RegExp][] = [
    ['getRecord', [], /table/i],
    ['getRecord', ['nope', id], /nope/],
    ['getRecord', ['customers'], /id/],
    ['getRecord', ['customers', 42], /id/],
    ['getRecord', ['customers', huge], /id/],
    ['searchRecords', ['nope', 'a'], /nope/],
    ['searchRecords', ['customers', { q: 1 }], /query/],
    ['searchRecords', ['customers', 'a', 'limit=5'], /options/],
    ['searchRecords', ['customers', 'a', { limit: -1 }], /limit/],
    ['searchRecords', ['customers', 'a', { limt: 5 }], /limt/],
    ['getCustomer360', [], /customerId/],
    ['getCustomer360', [{ id }], /customerId/],
  ];
  it.each(throws)('%s %j throws', (fn, args, pattern) => {
    expect(() => crm.call(fn, ...args)).toThrow(pattern);
  });

  it('answers in Chinese for a Chinese user', () => {
    const zh = loadCrm({ locale: 'zh_CN', userLocale: 'zh-CN' });
    expect(() => zh.call('getRecord', 'nope', 'C1')).toThrow('未知的表：nope');
  });

  it('answers unknown IDs with null and huge queries without error', () => {
    expect(crm.call('getRecord', 'customers', 'C19990101001')).toBeNull();
    expect(crm.call('getCustomer360', 'C19990101001')).toBeNull();
    expect(crm.call<{ total: number }>('searchRecords', 'customers', huge).total).toBe(0);
  });
});
