import { contacts, customers, DEFAULT_OPTION_LISTS, leads } from '../../../src/schema';
import { mapHeaders, planImport, rowsToInputs } from '../../../src/core/workflows';

const lists = Object.fromEntries(Object.entries(DEFAULT_OPTION_LISTS).map(([k, v]) => [k, [...v]])) as never;

describe('import planning', () => {
  const ctx = { lang: 'zh' as const, lists, save: { user: 'me@x.com', now: '2024-01-01 10:00' }, crossErrors: () => [] };
  it('maps zh/en labels and aliases, lets the user correct the mapping, ignores read-only columns', () => {
    const m = mapHeaders(customers, ['客户名称', 'Phone', '电子邮箱', '客户等级', '编号', '备注', '未知列'], { 未知列: 'region' }, 'zh');
    expect(m.columns.map((c) => c.field)).toEqual(['name', 'phone', 'email', null, null, 'notes', 'region']);
    expect(m.columns[3].ignored).toBe('read_only');
    expect(mapHeaders(customers, ['电话'], {}, 'zh').missingRequired).toEqual(['name']);
    expect(() => mapHeaders(customers, ['a'], { a: 'nope' }, 'en')).toThrow(/must be a field of customers/);
  });
  it('reports per-row errors, in-file and existing duplicates, and update/merge changes', () => {
    const m = mapHeaders(leads, ['公司名称', '邮箱', '电话'], {}, 'zh');
    const inputs = rowsToInputs(m, [
      ['甲', 'a@a.com', ''],
      ['乙', 'bad', ''],
      ['甲 ', '', ''],
      ['丙', '', '138 0013 8000'],
      ['', '', ''],
    ]);
    const planned = planImport(leads, inputs, [{ id: 'L1', company: '丁', phone: '13800138000', email: null }], 'merge', ctx);
    expect(planned.map((p) => [p.line, p.action])).toEqual([
      [2, 'create'],
      [3, 'error'],
      [4, 'error'],
      [5, 'merge'],
    ]);
    expect(planned[1].errors[0]).toMatchObject({ field: 'email', code: 'email' });
    expect(planned[2]).toMatchObject({ duplicateOf: { line: 2, reason: 'name' } });
    expect(planned[3]).toMatchObject({ duplicateOf: { id: 'L1', reason: 'phone' }, values: {} });
    const contactPlan = planImport(contacts, [{ line: 2, input: { name: 'x' } }], [], 'skip', ctx);
    expect(contactPlan[0].errors.map((e) => e.field)).toEqual(['customerId']);
  });
});
