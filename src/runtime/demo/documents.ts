/** Quotes, orders, their line items and the payments of an order. */
import { firstFlagged, PAYMENT_STATUSES, type DeliveryStatus, type LineDocType, type QuoteStatus } from '../../schema';
import { paymentStatus, type Values } from '../../core';
import { ORDER_NOTES, PRODUCTS, QUOTE_TERMS } from './catalog';
import type { CustomerPlan, Gen } from './context';
import { cents, cumulative } from './random';
import { UNSTAMPED } from './builder';

const OVERDUE = firstFlagged(PAYMENT_STATUSES, 'overdue');

export interface LineSpec {
  product: Values;
  name: string;
  quantity: number;
  unitPrice: number;
  discount: number;
}

const LINE_COUNT_WEIGHTS = cumulative([35, 35, 20, 10]);
const DISCOUNTS = [0, 5, 10, 15, 20];
const DISCOUNT_WEIGHTS = cumulative([40, 20, 20, 12, 8]);
const ACTIVE_PRODUCTS = PRODUCTS.map((p, i) => (p.active ? i : -1)).filter((i) => i >= 0);
const PAYMENT_METHODS = ['银行转账', '支付宝', '微信支付', '支票', '现金', '承兑汇票'];
const PAYMENT_METHOD_WEIGHTS = cumulative([70, 6, 6, 5, 3, 10]);
const INSTALMENT_WEIGHTS = cumulative([60, 30, 10]);
/** Share of the order total and days after the order date, per number of instalments. */
const INSTALMENT_PLANS: readonly (readonly [share: number, dueAfter: number][])[] = [
  [[1, 30]],
  [
    [0.5, 15],
    [0.5, 90],
  ],
  [
    [0.3, 15],
    [0.4, 60],
    [0.3, 120],
  ],
];

/** One to four products in quantities that fit the customer's size. */
export function pickLines(g: Gen, plan: CustomerPlan): LineSpec[] {
  const { rng } = g;
  const picks = rng.sample(ACTIVE_PRODUCTS, 1 + rng.weighted(LINE_COUNT_WEIGHTS));
  return picks.map((i) => {
    const spec = PRODUCTS[i];
    const span = spec.maxQty - spec.minQty;
    const quantity = span === 0 ? spec.minQty : Math.max(1, Math.round((spec.minQty + span * Math.pow(rng.next(), 2.5)) * plan.scale));
    return {
      product: g.products[i],
      name: spec.name,
      quantity,
      unitPrice: spec.unitPrice,
      discount: DISCOUNTS[rng.weighted(DISCOUNT_WEIGHTS)],
    };
  });
}

/** Adds the line items of a quote or order; returns the document total (sum of the lines, to the cent). */
export function addLines(
  g: Gen,
  plan: CustomerPlan,
  doc: Values,
  docType: LineDocType,
  minute: number,
  user: string,
  lines: readonly LineSpec[],
  made: Values[] = [],
): number {
  let totalCents = 0;
  for (const l of lines) {
    // Same formula as the lineItems rule in core, so a re-save computes the same amount.
    const amount = Math.round(l.quantity * l.unitPrice * (1 - l.discount / 100) * 100) / 100;
    totalCents += Math.round(amount * 100);
    const line: Values = {
      id: '',
      docType,
      docId: doc,
      customerId: plan.record,
      productId: l.product,
      product: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      amount,
      ...UNSTAMPED,
    };
    g.tables.lineItems.add(g.cal, line, minute, minute, user);
    made.push(line);
  }
  return totalCents / 100;
}

export function addQuote(
  g: Gen,
  plan: CustomerPlan,
  opp: Values | null,
  day: number,
  status: QuoteStatus,
  lines: readonly LineSpec[],
  user: string,
  decidedMinute: number,
): Values {
  const { rng, cal } = g;
  const minute = g.minuteOn(day, plan.created, plan.end);
  const quote: Values = {
    id: '',
    customerId: plan.record,
    opportunityId: opp,
    status,
    quoteDate: cal.date(day),
    validUntil: cal.date(day + 30),
    total: 0,
    terms: rng.chance(0.6) ? rng.pick(QUOTE_TERMS) : null,
    owner: user,
    ...UNSTAMPED,
  };
  g.tables.quotes.add(cal, quote, minute, Math.max(minute, decidedMinute), user);
  quote.total = addLines(g, plan, quote, '报价单', minute, user, lines);
  return quote;
}

function deliveryStatus(g: Gen, age: number): DeliveryStatus {
  const { rng } = g;
  if (age > 30) return rng.chance(0.95) ? '已签收' : '已发货';
  if (age >= 7) return rng.pick<DeliveryStatus>(['已发货', '已发货', '已签收', '部分发货']);
  return rng.pick<DeliveryStatus>(['待发货', '待发货', '部分发货', '已发货']);
}

/** An order with its lines and payments; records it on the plan for the derived customer fields. */
export function addOrder(
  g: Gen,
  plan: CustomerPlan,
  day: number,
  lines: readonly LineSpec[],
  quote: Values | null,
  contract: Values | null,
): Values {
  const { rng, cal } = g;
  const user = g.ownerFor(plan);
  const minute = g.minuteOn(day, plan.created, plan.end);
  const order: Values = {
    id: '',
    customerId: plan.record,
    quoteId: quote,
    contractId: contract,
    orderDate: cal.date(day),
    total: 0,
    deliveryStatus: deliveryStatus(g, cal.today - day),
    owner: user,
    notes: rng.chance(0.1) ? rng.pick(ORDER_NOTES) : null,
    ...UNSTAMPED,
  };
  g.tables.orders.add(cal, order, minute, minute, user);
  const made: Values[] = [];
  const total = addLines(g, plan, order, '订单', minute, user, lines, made);
  addDeliveries(g, plan, order, day, minute, made, user);
  order.total = total;
  plan.orders.push(order);
  plan.orderDays.push(day);
  for (const l of lines) if (!plan.productNames.includes(l.name)) plan.productNames.push(l.name);
  addPayments(g, plan, order, day, minute, total, contract, user);
  return order;
}

const CARRIERS = ['顺丰速运', '德邦物流', '京东物流', '中通快递'];

/** The workbook's one delivery plan: every 2 weeks from 3 days ahead, for 60 days (nothing due yet). */
function addPlan(g: Gen, plan: CustomerPlan, order: Values, madeMinute: number, user: string, carrier: string): void {
  g.planMade = true;
  const p: Values = {
    id: '',
    orderId: order,
    customerId: plan.record,
    every: 2,
    unit: '周',
    startDate: g.cal.date(g.cal.today + 3),
    endDate: g.cal.date(g.cal.today + 60),
    carrier,
    ...UNSTAMPED,
  };
  g.tables.deliveryPlans.add(g.cal, p, madeMinute, madeMinute, user);
}

/**
 * A small workbook may have no order still to ship in its last two weeks: the plan then goes to the
 * latest order still to ship, whenever it was placed, so every workbook has one (the bench saves one).
 */
export function addFallbackPlan(g: Gen, plans: readonly CustomerPlan[]): void {
  if (g.planMade) return;
  let best: { plan: CustomerPlan; order: Values; day: number } | null = null;
  for (const plan of plans)
    plan.orders.forEach((order, i) => {
      if (order.deliveryStatus === '待发货' && (!best || plan.orderDays[i] > best.day)) best = { plan, order, day: plan.orderDays[i] };
    });
  const found = best as { plan: CustomerPlan; order: Values; day: number } | null;
  if (!found) return;
  const minute = g.cal.at(g.cal.today, 9 * 60);
  addPlan(g, found.plan, found.order, minute, String(found.order.owner ?? found.plan.owner), CARRIERS[0]);
}

/**
 * Delivery notes of some recent orders (the last 45 days), agreeing with the status the order was
 * given: 部分发货 ships the first line (all of it when there are others, else half), 已发货 every
 * line, 已签收 every line received since. Older orders keep their status without notes (as orders
 * entered before there were notes do). The first order still to ship in the last two weeks gets
 * the workbook's one delivery plan (every 2 weeks from 3 days ahead, for 60 days: nothing due yet).
 * Drawn from their own stream, so every other table is as before. About 0.2 notes per customer.
 */
function addDeliveries(g: Gen, plan: CustomerPlan, order: Values, day: number, madeMinute: number, lines: Values[], user: string): void {
  const { cal } = g;
  const r = g.deliveryRng;
  const age = cal.today - day;
  if (age < 1 || age > 45 || !lines.length) return;
  const status = order.deliveryStatus as DeliveryStatus;
  const carrier = r.pick(CARRIERS);
  if (status === '待发货') {
    if (g.planMade || age > 14) return;
    addPlan(g, plan, order, madeMinute, user, carrier);
    return;
  }
  if (!r.chance(0.35)) return;
  const received = status === '已签收';
  const shipDay = day + r.int(1, Math.max(1, Math.min(age - (received ? 1 : 0), 5)));
  if (shipDay > cal.today || (received && shipDay >= cal.today)) return;
  const shipped =
    status === '部分发货'
      ? lines.length > 1
        ? [[lines[0], lines[0].quantity as number] as const]
        : (lines[0].quantity as number) >= 2
          ? [[lines[0], Math.floor((lines[0].quantity as number) / 2)] as const]
          : []
      : lines.map((l) => [l, l.quantity as number] as const);
  if (!shipped.length) return;
  g.noteSeq++;
  const noteNo = `FH${cal.date(shipDay).replace(/-/g, '')}-${String(g.noteSeq).padStart(4, '0')}`;
  const minute = Math.min(cal.nowMinute, Math.max(madeMinute, cal.at(shipDay, 9 * 60 + r.int(0, 480))));
  const receivedDay = received ? Math.min(cal.today, shipDay + r.int(1, 4)) : -1;
  const trackingNo = `${carrier === '顺丰速运' ? 'SF' : 'YT'}${r.int(100000000, 999999999)}`;
  for (const [line, quantity] of shipped) {
    const note: Values = {
      id: '',
      noteNo,
      orderId: order,
      customerId: plan.record,
      lineId: line,
      quantity,
      shipDate: cal.date(shipDay),
      carrier,
      trackingNo,
      receivedDate: received ? cal.date(receivedDay) : null,
      notes: null,
      ...UNSTAMPED,
    };
    const updated = received ? Math.min(cal.nowMinute, Math.max(minute, cal.at(receivedDay, 10 * 60))) : minute;
    g.tables.deliveryNotes.add(cal, note, minute, updated, user);
  }
}

/** One to three instalments; paid, due or overdue by their dates relative to today. */
function addPayments(
  g: Gen,
  plan: CustomerPlan,
  order: Values,
  day: number,
  minute: number,
  total: number,
  contract: Values | null,
  user: string,
): void {
  const { rng, cal } = g;
  const schedule = INSTALMENT_PLANS[total < 50000 ? 0 : rng.weighted(INSTALMENT_WEIGHTS)];
  const totalCents = Math.round(total * 100);
  let left = totalCents;
  let anyPaid = false;
  schedule.forEach(([share, dueAfter], i) => {
    const amountCents = i === schedule.length - 1 ? left : Math.round(totalCents * share);
    left -= amountCents;
    const due = day + dueAfter;
    let paid = -1;
    if (due < cal.today) {
      if (rng.chance(due < cal.today - 180 ? 0.97 : 0.88)) paid = Math.min(cal.today, Math.max(day, due + rng.int(-10, 20)));
    } else if (day < cal.today && rng.chance(0.15)) paid = rng.int(day, cal.today);
    const payment: Values = {
      id: '',
      customerId: plan.record,
      orderId: order,
      contractId: contract,
      amount: cents(amountCents / 100),
      dueDate: cal.date(due),
      paidDate: paid >= 0 ? cal.date(paid) : null,
      method: paid >= 0 || rng.chance(0.5) ? PAYMENT_METHODS[rng.weighted(PAYMENT_METHOD_WEIGHTS)] : null,
      status: '',
      installment: schedule.length > 1 ? i + 1 : null,
      notes: null,
      ...UNSTAMPED,
    };
    payment.status = paymentStatus(payment, cal.date(cal.today));
    const paidMinute = paid >= 0 ? g.minuteOn(paid, minute, cal.nowMinute) : minute;
    g.tables.payments.add(cal, payment, minute, paidMinute, user);
    if (paid >= 0) {
      plan.paidCents += amountCents;
      anyPaid = true;
    } else if (payment.status === OVERDUE) plan.hasOverdue = true;
  });
  if (anyPaid && (plan.firstPaidOrderDay < 0 || day < plan.firstPaidOrderDay)) plan.firstPaidOrderDay = day;
}
