import { deliveryErrors, deliveryStatusOf, dueShipments, planDates, planNoteNo } from '../../src/core/workflows';

/** The pure part of delivery notes and plans (core/workflows/delivery.ts). */
const line = (id: string, quantity: number, docId = 'S20260301001') => ({ id, docType: '订单', docId, quantity, product: id });
const note = (lineId: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  orderId: 'S20260301001',
  customerId: 'C20260301001',
  lineId,
  quantity,
  shipDate: '2026-03-05',
  deleted: false,
  ...extra,
});
const order = { id: 'S20260301001', customerId: 'C20260301001', orderDate: '2026-03-01' };

describe('delivery status', () => {
  const lines = [line('D1', 10), line('D2', 2.5)];
  it('follows the notes: none, some, all, all received; deleted notes do not count', () => {
    expect(deliveryStatusOf(lines, [], order.id)).toBe('待发货');
    expect(deliveryStatusOf(lines, [note('D1', 10)], order.id)).toBe('部分发货');
    expect(deliveryStatusOf(lines, [note('D1', 10), note('D2', 2.5)], order.id)).toBe('已发货');
    expect(
      deliveryStatusOf(lines, [note('D1', 10, { receivedDate: '2026-03-06' }), note('D2', 2.5, { receivedDate: '2026-03-07' })], order.id),
    ).toBe('已签收');
    expect(deliveryStatusOf(lines, [note('D1', 10, { deleted: true })], order.id)).toBe('待发货');
    expect(deliveryStatusOf([], [note('D1', 1)], order.id)).toBeNull();
  });
  it('adds up fractions without drift', () => {
    const parts = [0.1, 0.2, 0.2, 1, 1].map((q) => note('D2', q));
    expect(deliveryErrors(note('D2', 0.0), order, line('D2', 2.5), parts, null, 'en')[0]?.code).toBe('delivery_quantity');
    expect(deliveryErrors(note('D2', 0.01), order, line('D2', 2.5), parts, null, 'en')[0]?.code).toBe('delivery_over');
  });
});

describe('plans', () => {
  it('every N months from a month end keeps to the last day of shorter months', () => {
    expect(planDates({ every: 1, unit: '月', startDate: '2026-01-31', endDate: '2026-05-31' })).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
    expect(planDates({ every: 3, unit: '周', startDate: '2026-03-02', endDate: '2026-04-12' })).toEqual(['2026-03-02', '2026-03-23']);
  });
  it('splits whole quantities in whole units (the last shipment the rest) and fractions to the hundredth', () => {
    const plan = {
      id: 'DP1',
      orderId: order.id,
      customerId: order.customerId,
      every: 1,
      unit: '周',
      startDate: '2026-03-02',
      endDate: '2026-03-16',
    };
    const lines = [line('D1', 10), line('D2', 2.5)];
    const due = dueShipments(plan, lines, [], '2026-03-31');
    const of = (k: number) => due.filter((n) => n.noteNo === planNoteNo('DP1', k)).map((n) => [n.lineId, n.quantity]);
    expect([of(1), of(2), of(3)]).toEqual([
      [
        ['D1', 3],
        ['D2', 0.83],
      ],
      [
        ['D1', 3],
        ['D2', 0.83],
      ],
      [
        ['D1', 4],
        ['D2', 0.84],
      ],
    ]);
    // Written once: with those notes on the tab (even deleted), nothing is due again.
    expect(
      dueShipments(
        plan,
        lines,
        due.map((n) => ({ ...n, deleted: true })),
        '2026-03-31',
      ),
    ).toEqual([]);
  });
});
