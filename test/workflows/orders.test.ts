import { measure } from '../integration/harness';
import { day, freshCrm, rows, save } from './helpers';

type Env<T> = ({ ok: true } & T) | { ok: false; errors: { code: string; field: string; message: string }[] };

function quoteWithLines(crm: ReturnType<typeof freshCrm>) {
  const c = save(crm, 'customers', { name: '比亚迪' });
  const q = save(crm, 'quotes', { customerId: c.id, status: '客户同意' });
  save(crm, 'lineItems', {
    docType: '报价单',
    docId: q.id,
    customerId: c.id,
    product: 'CRM 授权',
    quantity: 10,
    unitPrice: 1000,
    discount: 10,
  });
  save(crm, 'lineItems', { docType: '报价单', docId: q.id, customerId: c.id, product: '实施服务', quantity: 1, unitPrice: 3000 });
  return { c, q };
}

describe('quote → order → payments', () => {
  it('creates an order with the quote lines copied and its total from them, once per quote', () => {
    const crm = freshCrm();
    const { c, q } = quoteWithLines(crm);
    const r = crm.call<Env<{ orderId: string; total: number; lineIds: string[] }>>('createOrderFromQuote', q.id, {
      orderDate: '2024-05-01',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.total).toBe(12000);
    expect(crm.call('getRecord', 'orders', r.orderId)).toMatchObject({
      customerId: c.id,
      quoteId: q.id,
      total: 12000,
      orderDate: '2024-05-01',
      deliveryStatus: '待发货',
    });
    const lines = rows(crm, 'lineItems', { docId: r.orderId });
    expect(lines.map((l) => [l.docType, l.product, l.amount])).toEqual(
      expect.arrayContaining([
        ['订单', 'CRM 授权', 9000],
        ['订单', '实施服务', 3000],
      ]),
    );
    expect(crm.call('getRecord', 'quotes', q.id)).toMatchObject({ total: 12000 });
    const again = crm.call<Env<object>>('createOrderFromQuote', q.id);
    expect(again).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: 'quote_ordered' })] });
  });

  it('refuses a quote the customer has not accepted, or one without lines', () => {
    const crm = freshCrm();
    const c = save(crm, 'customers', { name: '小米' });
    const sent = save(crm, 'quotes', { customerId: c.id, status: '已发送' });
    expect(crm.call('createOrderFromQuote', sent.id)).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'quote_not_accepted' })],
    });
    const empty = save(crm, 'quotes', { customerId: c.id, status: '客户同意' });
    expect(crm.call('createOrderFromQuote', empty.id)).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'quote_no_lines' })],
    });
    expect(rows(crm, 'orders')).toHaveLength(0);
  });

  it('schedules installments against an order, never more than its total, with statuses from the dates', () => {
    const crm = freshCrm();
    const { q } = quoteWithLines(crm);
    const order = crm.call<Env<{ orderId: string }>>('createOrderFromQuote', q.id);
    if (!order.ok) throw new Error('no order');
    const plan = crm.call<Env<{ scheduled: { id: string; amount: number; dueDate: string }[]; left: number }>>(
      'schedulePayments',
      order.orderId,
      { installments: 3, firstDueDate: day(-40), intervalMonths: 1 },
    );
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    expect(plan.scheduled.map((p) => p.amount)).toEqual([4000, 4000, 4000]);
    expect(plan.left).toBe(0);
    const payments = rows(crm, 'payments', { orderId: order.orderId });
    expect(payments.map((p) => p.installment).sort()).toEqual([1, 2, 3]);
    expect(payments.find((p) => p.dueDate === day(-40))?.status).toBe('逾期');
    expect(crm.call('schedulePayments', order.orderId, { installments: 1, firstDueDate: day(5) })).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'payment_plan' })],
    });
    expect(crm.call('schedulePayments', order.orderId, { installments: 0, firstDueDate: day(5) })).toMatchObject({ ok: false });
    expect(rows(crm, 'payments')).toHaveLength(3);
  });

  it('schedules a contract by percentages', () => {
    const crm = freshCrm();
    const c = save(crm, 'customers', { name: '美的' });
    const k = save(crm, 'contracts', { customerId: c.id, contractNo: 'HT-001', signDate: '2024-01-01', amount: 100000, endDate: day(365) });
    const r = crm.call<Env<{ scheduled: { amount: number }[] }>>('schedulePayments', k.id, {
      items: [
        { percent: 30, dueDate: day(10) },
        { percent: 70, dueDate: day(100) },
      ],
      method: '银行转账',
    });
    expect(r).toMatchObject({ ok: true, scheduled: [{ amount: 30000 }, { amount: 70000 }] });
    expect(rows(crm, 'payments', { contractId: k.id }).every((p) => p.status === '待回款' && p.method === '银行转账')).toBe(true);
  });

  it('runDailyJobs derives lifetime amount, first deal, grade and lifecycle from paid payments in one write per column run', () => {
    const crm = freshCrm();
    const { c, q } = quoteWithLines(crm);
    const order = crm.call<Env<{ orderId: string }>>('createOrderFromQuote', q.id, { orderDate: day(-3) });
    if (!order.ok) throw new Error('no order');
    crm.call('schedulePayments', order.orderId, { installments: 2, firstDueDate: day(-2) });
    const [first] = rows(crm, 'payments', { orderId: order.orderId }).sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate)));
    save(crm, 'payments', { id: first.id, version: first.version, paidDate: day(-1) });
    const idle = save(crm, 'customers', { name: '沉睡客户' });
    const before = crm.call<Rec>('getRecord', 'customers', c.id);
    const m = measure(crm, () => crm.call<{ updated: Record<string, number> }>('runDailyJobs'));
    expect(crm.call('getRecord', 'customers', c.id)).toMatchObject({
      lifetimeAmount: 6000,
      firstDealDate: day(-3),
      lifecycle: '成交',
      grade: 'D',
      version: before.version,
    });
    expect(crm.call('getRecord', 'customers', idle.id)).toMatchObject({ lifecycle: '潜在', grade: 'D', lifetimeAmount: 0 });
    expect(m.result.updated.customers).toBe(2);
    // A second run the same day finds nothing to change.
    expect(crm.call<{ updated: Record<string, number> }>('runDailyJobs').updated).toEqual({});
    expect(m.byMethod['Range.setValues'] ?? 0).toBeLessThanOrEqual(8);
  });
});
type Rec = Record<string, unknown> & { version: number };
