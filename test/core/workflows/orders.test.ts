import { addMonths, planOrderFromQuote, planPayments } from '../../../src/core/workflows';

describe('orders and payments', () => {
  it('copies accepted quote lines and totals them', () => {
    const q = { id: 'Q1', status: '客户同意', customerId: 'C1', owner: 'a' };
    const lines = [
      { docType: '报价单', docId: 'Q1', product: 'x', quantity: 3, unitPrice: 100, discount: 50 },
      { docType: '报价单', docId: 'Q2', product: 'y', quantity: 1, unitPrice: 1 },
    ];
    const plan = planOrderFromQuote(q, lines, [], {}, 'zh');
    expect(plan.total).toBe(150);
    expect(plan.lines).toEqual([{ docType: '订单', customerId: 'C1', product: 'x', quantity: 3, unitPrice: 100, discount: 50 }]);
    expect(() => planOrderFromQuote({ ...q, status: '已发送' }, lines, [], {}, 'en')).toThrow(/Only an accepted quote/);
  });
  it('splits installments to the cent, by month with end-of-month clamping, and refuses over-scheduling', () => {
    expect(planPayments({ installments: 3, firstDueDate: '2024-01-31' }, 100, 0, 'zh')).toEqual([
      { amount: 33.33, dueDate: '2024-01-31', installment: 1 },
      { amount: 33.33, dueDate: '2024-02-29', installment: 2 },
      { amount: 33.34, dueDate: '2024-03-31', installment: 3 },
    ]);
    expect(
      planPayments(
        {
          items: [
            { percent: 30, dueDate: '2024-01-01' },
            { amount: 70, dueDate: '2024-02-01' },
          ],
        },
        100,
        2,
        'zh',
      ).map((p) => [p.amount, p.installment]),
    ).toEqual([
      [30, 3],
      [70, 4],
    ]);
    expect(() => planPayments({ installments: 2, firstDueDate: '2024-01-01', amount: 200 }, 100, 0, 'en')).toThrow(/only 100.00 is left/);
    expect(() => planPayments({ installments: 2, firstDueDate: '2024-13-01' }, 100, 0, 'en')).toThrow(/firstDueDate/);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});
