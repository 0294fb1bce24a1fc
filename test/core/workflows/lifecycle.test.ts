import { collectFacts, gradeOf, lifecycleOf, type DeriveParams } from '../../../src/core/workflows';

describe('lifecycle and grade', () => {
  const p: DeriveParams = { churnDays: 90, gradeA: 1000, gradeB: 100, gradeC: 10, gradeRecencyDays: 365 };
  const c = [{ id: 'C1', createdAt: '2024-01-01 10:00' }];
  it('潜在 → 意向 → 成交 → 流失 from rows and dates', () => {
    const facts = (data: Parameters<typeof collectFacts>[1]) => collectFacts(c, data).get('C1')!;
    expect(lifecycleOf(facts({}), '2024-02-01', 90)).toBe('潜在');
    expect(
      lifecycleOf(facts({ opportunities: [{ customerId: 'C1', stage: '方案报价', createdAt: '2024-01-02 10:00' }] }), '2024-12-01', 90),
    ).toBe('意向');
    const paid = facts({
      orders: [{ id: 'S1', customerId: 'C1', orderDate: '2024-01-05' }],
      payments: [{ customerId: 'C1', orderId: 'S1', amount: 500, paidDate: '2024-01-20' }],
    });
    expect(paid).toMatchObject({ lifetimeAmount: 500, firstDealDate: '2024-01-05', lastDealDate: '2024-01-20' });
    expect(lifecycleOf(paid, '2024-03-01', 90)).toBe('成交');
    expect(lifecycleOf(paid, '2024-06-01', 90)).toBe('流失');
    expect(lifecycleOf(facts({}), '2024-06-01', 90)).toBe('流失');
  });
  it('grades by thresholds and drops a step after gradeRecencyDays without a deal', () => {
    expect(gradeOf({ lifetimeAmount: 1000, lastDealDate: '2024-01-01' }, p, '2024-06-01')).toBe('A');
    expect(gradeOf({ lifetimeAmount: 1000, lastDealDate: '2022-01-01' }, p, '2024-06-01')).toBe('B');
    expect(gradeOf({ lifetimeAmount: 5, lastDealDate: '2022-01-01' }, p, '2024-06-01')).toBe('D');
    expect(gradeOf({ lifetimeAmount: 150, lastDealDate: null }, p, '2024-06-01')).toBe('B');
  });
});
