import { customers } from '../../src/schema';
import { checkRefs, checkUnique, parseSettings, prepareCreate, prepareUpdate, applyRules, paymentStatus } from '../../src/core';

const ctx = { lang: 'en' as const, lists: parseSettings([]).lists };
const current = {
  id: 'C20240101001',
  name: 'Acme',
  owner: 'a@x.com',
  lifetimeAmount: 500,
  version: 3,
  createdAt: '2024-01-01 10:00',
  deleted: false,
  tags: [],
};

describe('prepareCreate / prepareUpdate', () => {
  it('refuses derived and system fields on create', () => {
    const r = prepareCreate(customers, { name: 'A', owner: 'o', lifetimeAmount: 10, createdBy: 'me' }, ctx);
    expect(!r.ok && r.errors.map((e) => e.field).sort()).toEqual(['createdBy', 'lifetimeAmount']);
  });

  it('merges a partial update and reports only what changed', () => {
    const r = prepareUpdate(customers, current, { phone: '13800138000' }, ctx);
    expect(r.ok && r.value.changed).toEqual(['phone']);
    expect(r.ok && r.value.next.name).toBe('Acme');
  });

  it('accepts read-only fields sent back unchanged but refuses changing them', () => {
    expect(prepareUpdate(customers, current, { lifetimeAmount: '500', createdAt: '2024-01-01 10:00', name: 'Acme 2' }, ctx).ok).toBe(true);
    const r = prepareUpdate(customers, current, { lifetimeAmount: 9 }, ctx);
    expect(!r.ok && r.errors[0]).toMatchObject({ field: 'lifetimeAmount', code: 'read_only' });
  });

  it('cannot blank a required field', () => {
    const r = prepareUpdate(customers, current, { name: '' }, ctx);
    expect(!r.ok && r.errors[0]).toMatchObject({ field: 'name', code: 'required' });
  });
});

describe('integrity', () => {
  const rows = [current, { id: 'C20240101002', name: 'Gone Ltd', deleted: true }];
  it('finds duplicate names ignoring case, width and spaces, but not deleted rows or itself', () => {
    expect(checkUnique(customers, { name: ' ＡＣＭＥ ' }, rows, null, 'en')[0]).toMatchObject({ field: 'name', code: 'duplicate' });
    expect(checkUnique(customers, { name: 'acme' }, rows, 'C20240101001', 'en')).toEqual([]);
    expect(checkUnique(customers, { name: 'gone ltd' }, rows, null, 'en')).toEqual([]);
  });
  it('reports missing and deleted references', () => {
    const lookup = (_t: string, id: string) => (id === 'C1' ? 'ok' : id === 'C2' ? 'deleted' : 'missing') as 'ok' | 'deleted' | 'missing';
    const def = { ...customers, columns: [{ ...customers.columns[1], key: 'customerId', ref: 'customers' }] };
    expect(checkRefs(def, { customerId: 'C1' }, lookup, 'en', () => 'Customers')).toEqual([]);
    expect(checkRefs(def, { customerId: 'C2' }, lookup, 'en', () => 'Customers')[0].code).toBe('ref_deleted');
    expect(checkRefs(def, { customerId: 'C3' }, lookup, 'en', () => 'Customers')[0].code).toBe('ref_missing');
  });
});

describe('rules', () => {
  const ctx2 = { user: 'me@x.com', now: '2024-03-15 09:00' };
  it('defaults owner and derives stage stamps and probability', () => {
    const o: Record<string, unknown> = { stage: '方案报价', probability: null, owner: null };
    applyRules('opportunities', o, null, ctx2, true);
    expect(o).toMatchObject({ owner: 'me@x.com', probability: 40, stageChangedAt: '2024-03-15 09:00' });
    const won = { ...o, stage: '成交' };
    applyRules('opportunities', won, o, { ...ctx2, now: '2024-04-01 10:00' }, true);
    expect(won).toMatchObject({ probability: 100, wonAt: '2024-04-01', stageChangedAt: '2024-04-01 10:00' });
  });
  it('derives payment status from dates and line amounts from qty, price and discount', () => {
    expect(paymentStatus({ paidDate: '2024-01-01' }, '2024-02-01')).toBe('已回款');
    expect(paymentStatus({ dueDate: '2024-01-31' }, '2024-02-01')).toBe('逾期');
    expect(paymentStatus({ dueDate: '2024-02-01' }, '2024-02-01')).toBe('待回款');
    const line: Record<string, unknown> = { quantity: 3, unitPrice: 19.99, discount: 10 };
    applyRules('lineItems', line, null, ctx2, false);
    expect(line.amount).toBe(53.97);
  });
});
