import { loadCrm, type Crm } from '../integration/harness';
import { dataFingerprint, historyRows } from '../integrity/helpers';
import { checkJournal } from '../integrity/journal';
import { rows, save, type Rec } from './helpers';

/**
 * Delivery notes (发货单) and plans (发货计划) through the built bundle: partial deliveries add up
 * per line and set the order's 发货状态 on every write (save, import, typed edit, delete), an
 * over-shipment and the other bad notes are refused with nothing written, and a plan's shipments
 * are written by the daily job on their days, once each, as the clock moves. docs/DELIVERY.md.
 */

type Err = { field: string; code: string; message: string; messages: { zh: string; en: string } };
type Env = { ok: true; record: Rec } | { ok: false; errors: Err[] };

const DAY = 86_400_000;
const START = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai, day 0 = 2026-03-02 (a Monday)
const dayOf = (n: number) => new Date(Date.UTC(2026, 2, 2 + n)).toISOString().slice(0, 10);

function shop(crm: Crm = loadCrm({ user: 'owner@example.com', now: START })) {
  crm.call('setupWorkbook');
  const c = save(crm, 'customers', { name: '华为' });
  const other = save(crm, 'customers', { name: '中兴' });
  const order = save(crm, 'orders', { customerId: c.id, orderDate: dayOf(0) });
  const line = (o: Rec, product: string, quantity: number) =>
    save(crm, 'lineItems', { docType: '订单', docId: o.id, customerId: o.customerId, product, quantity, unitPrice: 100 });
  const a = line(order, '服务器', 10);
  const b = line(order, '交换机', 4);
  const second = save(crm, 'orders', { customerId: c.id, orderDate: dayOf(0) });
  const foreign = line(second, '路由器', 3);
  return { crm, c, other, order, a, b, second, foreign };
}

const status = (crm: Crm, id: string) => crm.call<Rec>('getRecord', 'orders', id).deliveryStatus;

describe('delivery notes', () => {
  it('three partial deliveries: 部分发货, then 已发货, then 已签收 once received; an over-shipment is refused', () => {
    const { crm, c, order, a, b } = shop();
    expect(status(crm, order.id)).toBe('待发货');
    // Customer ID left out: the order's.
    const n1 = save(crm, 'deliveryNotes', {
      noteNo: 'FH-001',
      orderId: order.id,
      lineId: a.id,
      quantity: 4,
      shipDate: dayOf(1),
      carrier: '顺丰',
    });
    expect(n1.id).toMatch(/^DN\d{11}$/);
    expect(n1.customerId).toBe(c.id);
    expect(status(crm, order.id)).toBe('部分发货');
    const n2 = save(crm, 'deliveryNotes', {
      noteNo: 'FH-002',
      orderId: order.id,
      customerId: c.id,
      lineId: a.id,
      quantity: 6,
      shipDate: dayOf(3),
    });
    expect(status(crm, order.id)).toBe('部分发货');

    const before = dataFingerprint(crm);
    const over = crm.call<Env>('saveRecord', 'deliveryNotes', { orderId: order.id, lineId: b.id, quantity: 5, shipDate: dayOf(4) });
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.errors[0]).toMatchObject({ field: 'quantity', code: 'delivery_over' });
    expect(over.errors[0].messages.zh).toContain('本单最多可发 4');
    expect(over.errors[0].messages.en).toContain('at most 4');
    // One more of a line already shipped in full: refused too.
    const more = crm.call<Env>('saveRecord', 'deliveryNotes', { orderId: order.id, lineId: a.id, quantity: 1, shipDate: dayOf(4) });
    expect(more).toMatchObject({ ok: false, errors: [{ code: 'delivery_over' }] });
    expect(dataFingerprint(crm)).toBe(before);

    const n3 = save(crm, 'deliveryNotes', { noteNo: 'FH-003', orderId: order.id, lineId: b.id, quantity: 4, shipDate: dayOf(4) });
    expect(status(crm, order.id)).toBe('已发货');
    // Raising a shipped quantity past the order is refused as well (the note's own quantity replaced, not added).
    expect(crm.call<Env>('saveRecord', 'deliveryNotes', { id: n3.id, version: n3.version, quantity: 5 })).toMatchObject({
      ok: false,
      errors: [{ code: 'delivery_over' }],
    });
    save(crm, 'deliveryNotes', { id: n1.id, version: n1.version, receivedDate: dayOf(3) });
    save(crm, 'deliveryNotes', { id: n2.id, version: n2.version, receivedDate: dayOf(5) });
    expect(status(crm, order.id)).toBe('已发货');
    const last = save(crm, 'deliveryNotes', { id: n3.id, version: n3.version, receivedDate: dayOf(6) });
    expect(status(crm, order.id)).toBe('已签收');
    // The order's log tells where its status came from.
    const log = historyRows(crm).filter((h) => h.recordId === order.id && h.field === 'deliveryStatus');
    expect(log.map((h) => h.newValue)).toEqual(['部分发货', '已发货', '已签收']);

    // The customer value tab counts the shipments of the month and the orders per status.
    crm.call('rebuildSummaries');
    const tab = crm.rt.workbook.getSheet('客户价值')!.getValuesRaw();
    const after = (title: string) => tab.slice(tab.findIndex((r) => r[0] === title));
    expect(
      after('每月发货（按发货日期）')
        .find((r) => r[0] === '2026-03')
        ?.slice(0, 6),
    ).toEqual(['2026-03', 3, 3, 14, 3, 1]);
    expect(
      after('发货状态（本期订单）')
        .find((r) => r[0] === '已签收')
        ?.slice(0, 2),
    ).toEqual(['已签收', 1]);
    // Deleting a note takes the order back.
    expect(crm.call<{ ok: boolean }>('deleteRecord', 'deliveryNotes', last.id).ok).toBe(true);
    expect(status(crm, order.id)).toBe('部分发货');
    // The log replays to the tabs: notes, the order's status changes and the delete included.
    expect(checkJournal(crm).problems).toEqual([]);
  });

  it('refuses a line of another order, a ship date before the order, a received date before shipping, another customer: nothing written', () => {
    const { crm, other, order, a, foreign } = shop();
    const before = dataFingerprint(crm);
    const refused = (values: Record<string, unknown>, code: string, field: string) => {
      const r = crm.call<Env>('saveRecord', 'deliveryNotes', {
        orderId: order.id,
        lineId: a.id,
        quantity: 1,
        shipDate: dayOf(1),
        ...values,
      });
      expect(r).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ code, field })]) });
      return r.ok ? null : r.errors.find((e) => e.code === code);
    };
    expect(refused({ lineId: foreign.id }, 'delivery_line_order', 'lineId')?.messages.en).toContain(`not a line of order ${order.id}`);
    expect(refused({ shipDate: '2026-02-27' }, 'delivery_before_order', 'shipDate')?.messages.zh).toContain('早于订单');
    expect(refused({ receivedDate: dayOf(0) }, 'delivery_received_early', 'receivedDate')?.messages.zh).toContain('早于发货日期');
    refused({ customerId: other.id }, 'delivery_customer', 'customerId');
    refused({ quantity: 0 }, 'delivery_quantity', 'quantity');
    expect(dataFingerprint(crm)).toBe(before);
    expect(status(crm, order.id)).toBe('待发货');
  });

  it('an import adds up with the notes on the tab and the file’s earlier rows: a file that over-ships is refused whole', () => {
    const { crm, order, a, b } = shop();
    save(crm, 'deliveryNotes', { orderId: order.id, lineId: a.id, quantity: 8, shipDate: dayOf(1) });
    const header = '订单编号,明细编号,发货数量,发货日期,运单号';
    const before = dataFingerprint(crm);
    const bad = crm.call<Env>(
      'importRecords',
      'deliveryNotes',
      `${header}\n${order.id},${a.id},1,${dayOf(2)},SF1\n${order.id},${a.id},2,${dayOf(2)},SF2\n`,
      {
        mode: 'commit',
      },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toContain('3.quantity');
    expect(dataFingerprint(crm)).toBe(before);
    const good = crm.call<{ ok: boolean; written: { created: number } }>(
      'importRecords',
      'deliveryNotes',
      `${header}\n${order.id},${a.id},2,${dayOf(2)},SF1\n${order.id},${b.id},4,${dayOf(2)},SF2\n`,
      { mode: 'commit' },
    );
    expect(good).toMatchObject({ ok: true, written: { created: 2 } });
    expect(status(crm, order.id)).toBe('已发货');
    expect(rows(crm, 'deliveryNotes', { orderId: order.id }).every((n) => n.customerId === order.customerId)).toBe(true);
    // Exported like any table.
    const csv = crm.call<{ content: string; rows: number }>('exportRecords', 'deliveryNotes', { format: 'csv' });
    expect(csv.rows).toBe(3);
    expect(csv.content.split('\n')[0]).toContain('发货单号');
    expect(csv.content).toContain('SF2');
  });

  it('rows typed into the tab: the good one counts toward the order, an over-shipment is marked and does not until fixed; received dates typed', () => {
    const { crm, c, order, a, b } = shop();
    const sheet = crm.rt.workbook.getSheet('发货单');
    if (!sheet) throw new Error('no delivery notes tab');
    const header = sheet.getValuesRaw()[0] as string[];
    const at = (label: string) => header.indexOf(label) + 1;
    const row = (line: string, qty: number) => ['', order.id, c.id, line, qty, dayOf(1)];
    const e = crm.rt.userEdit('发货单', 2, at('发货单号'), [row(a.id, 3), row(b.id, 9)]);
    const report = crm.call<{ created: number; invalid: number }>('handleEdit', e);
    expect(report).toMatchObject({ created: 2, invalid: 1 });
    expect(sheet.notes.get(3, at('发货数量'))).toMatch(/^⚠ CRM.*订购 4/);
    expect(status(crm, order.id)).toBe('部分发货');
    // The marked cell fixed (one cell typed), the rest of the order shipped, then received by typing.
    const fix = crm.rt.userEdit('发货单', 3, at('发货数量'), [[4]]);
    expect(crm.call<{ invalid: number }>('handleEdit', fix)).toMatchObject({ invalid: 0 });
    expect(sheet.notes.get(3, at('发货数量'))).toBeUndefined();
    save(crm, 'deliveryNotes', { orderId: order.id, lineId: a.id, quantity: 7, shipDate: dayOf(2), receivedDate: dayOf(3) });
    expect(status(crm, order.id)).toBe('已发货');
    const received = crm.rt.userEdit('发货单', 2, at('签收日期'), [[dayOf(2)]]);
    crm.call('handleEdit', received);
    expect(status(crm, order.id)).toBe('已发货');
    crm.call('handleEdit', crm.rt.userEdit('发货单', 3, at('签收日期'), [[dayOf(4)]]));
    expect(status(crm, order.id)).toBe('已签收');
  });
});

describe('delivery plans', () => {
  it('the daily job writes each shipment on its day, once, catching up after missed days and never over-shipping', () => {
    const { crm, order, a, b } = shop();
    // Every 2 weeks from day 7 to day 40: days 7, 21 and 35; the lines split 3/3/4 and 1/1/2.
    const plan = save(crm, 'deliveryPlans', {
      orderId: order.id,
      every: 2,
      unit: '周',
      startDate: dayOf(7),
      endDate: dayOf(40),
      carrier: '德邦',
    });
    expect(plan.id).toMatch(/^DP\d{11}$/);
    expect(plan.customerId).toBe(order.customerId);
    // A typed shipment of 2 of line a on day 2: the plan tops the line up to its schedule.
    save(crm, 'deliveryNotes', { orderId: order.id, lineId: a.id, quantity: 2, shipDate: dayOf(2) });
    const notesOn = new Map<number, Rec[]>();
    for (let d = 1; d <= 45; d++) {
      crm.rt.advanceClock(DAY);
      // Days 20 to 24 the job did not run (trigger failures); day 30 it ran twice.
      if (d >= 20 && d <= 24) continue;
      crm.call('runDailyJobs');
      if (d === 30) crm.call('runDailyJobs');
      const planned = rows(crm, 'deliveryNotes', { orderId: order.id }).filter((n) => String(n.noteNo).startsWith(plan.id));
      notesOn.set(d, planned);
    }
    const count = (d: number) => notesOn.get(d)?.length ?? 0;
    expect([count(6), count(7), count(20 - 1), count(25), count(34), count(35), count(45)]).toEqual([0, 2, 2, 4, 4, 6, 6]);
    const all = notesOn.get(45) ?? [];
    const of = (k: number) =>
      all
        .filter((n) => n.noteNo === `${plan.id}-${k}`)
        .map((n) => [n.lineId, n.quantity, n.shipDate, n.carrier])
        .sort();
    // Shipment 1 brings line a up to 3 (2 already shipped): 1; line b to 1.
    expect(of(1)).toEqual(
      [
        [a.id, 1, dayOf(7), '德邦'],
        [b.id, 1, dayOf(7), '德邦'],
      ].sort(),
    );
    // Shipment 2, written on day 25 (catching up), dated its own day.
    expect(of(2)).toEqual(
      [
        [a.id, 3, dayOf(21), '德邦'],
        [b.id, 1, dayOf(21), '德邦'],
      ].sort(),
    );
    expect(of(3)).toEqual(
      [
        [a.id, 4, dayOf(35), '德邦'],
        [b.id, 2, dayOf(35), '德邦'],
      ].sort(),
    );
    expect(status(crm, order.id)).toBe('已发货');
    expect(checkJournal(crm).problems).toEqual([]);
  });

  it('refuses a plan starting before the order, ending before it starts, or for an order without lines', () => {
    const { crm, c, order } = shop();
    const empty = save(crm, 'orders', { customerId: c.id, orderDate: dayOf(0) });
    const before = dataFingerprint(crm);
    const plan = (values: Record<string, unknown>) =>
      crm.call<Env>('saveRecord', 'deliveryPlans', {
        orderId: order.id,
        every: 1,
        unit: '月',
        startDate: dayOf(1),
        endDate: dayOf(90),
        ...values,
      });
    expect(plan({ startDate: '2026-02-01' })).toMatchObject({ ok: false, errors: [{ code: 'delivery_before_order' }] });
    expect(plan({ endDate: dayOf(0) })).toMatchObject({ ok: false, errors: [{ code: 'plan_dates' }] });
    expect(plan({ orderId: empty.id })).toMatchObject({ ok: false, errors: [{ code: 'plan_no_lines' }] });
    expect(plan({ every: 0 })).toMatchObject({ ok: false, errors: [{ code: 'plan_every' }] });
    expect(plan({ every: 1, unit: '周', endDate: '2030-01-01' })).toMatchObject({ ok: false, errors: [{ code: 'plan_too_many' }] });
    expect(dataFingerprint(crm)).toBe(before);
  });
});
