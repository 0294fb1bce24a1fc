import { fieldError, type FieldError } from '../errors';
import { DELIVERY_STATUSES, firstFlagged, hasFlag, PLAN_UNITS, type DeliveryStatus, type Lang } from '../../schema';
import type { Values } from '../validate';
import { addMonths, dateOfIndex, dayIndex, isBlank, live, num, str } from './values';
import { ORDER_LINE } from './orders';

/**
 * Delivery notes (发货单, one row per shipped order line) and delivery plans (发货计划): the checks
 * of a note against its order and the order's other notes, the order's delivery status from its
 * notes, and the shipments a plan makes due. Pure: the callers read the rows (by customer, or the
 * columns below for the daily job) and write what these return.
 */

export const TO_SHIP = firstFlagged(DELIVERY_STATUSES, 'initial');
export const PART_SHIPPED = firstFlagged(DELIVERY_STATUSES, 'partShipped');
export const SHIPPED = firstFlagged(DELIVERY_STATUSES, 'shipped');
export const RECEIVED = firstFlagged(DELIVERY_STATUSES, 'received');

/** The note fields the status and the plans read (the daily job reads only these). */
export const DELIVERY_NOTE_COLUMNS: readonly string[] = [
  'id',
  'deleted',
  'noteNo',
  'orderId',
  'customerId',
  'lineId',
  'quantity',
  'receivedDate',
];
/** The line-item fields they read. */
export const DELIVERY_LINE_COLUMNS: readonly string[] = ['id', 'deleted', 'docType', 'docId', 'quantity', 'product'];
/** The note fields whose change can change a check or the order's status (an update of others is not re-checked). */
export const DELIVERY_KEY_FIELDS: readonly string[] = ['orderId', 'customerId', 'lineId', 'quantity', 'shipDate', 'receivedDate'];
/** The plan fields the daily job reads. */
export const DELIVERY_PLAN_COLUMNS: readonly string[] = [
  'id',
  'deleted',
  'orderId',
  'customerId',
  'every',
  'unit',
  'startDate',
  'endDate',
  'carrier',
];
/** A plan's shipments at most (a typo of "every 1 week for 10 years" is refused, not written 520 times). */
export const MAX_PLAN_SHIPMENTS = 60;

/** Quantities to the hundredth, without float drift. */
const q2 = (n: number): number => Math.round(n * 100) / 100;

/** The live lines of an order. */
export function orderLinesOf(lines: readonly Values[], orderId: string): Values[] {
  return live(lines).filter((l) => l.docType === ORDER_LINE && str(l.docId) === orderId);
}

/** What the live notes ship per line (lineId → quantity), `except` a note being replaced. */
export function shippedByLine(notes: readonly Values[], except: string | null = null): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of live(notes)) {
    if (except !== null && n.id === except) continue;
    const line = str(n.lineId);
    out.set(line, q2((out.get(line) ?? 0) + num(n.quantity)));
  }
  return out;
}

/**
 * The checks of one note (its canonical values) against its order, its line and the other notes
 * (any rows: only live ones of the same line count; `selfId` is the note itself, when it exists).
 * A missing order or line is the reference check's to report; here nothing is said about it.
 */
export function deliveryErrors(
  note: Values,
  order: Values | undefined,
  line: Values | undefined,
  others: readonly Values[],
  selfId: string | null,
  lang: Lang,
): FieldError[] {
  const errors: FieldError[] = [];
  if (num(note.quantity) <= 0) errors.push(fieldError('quantity', 'delivery_quantity', lang));
  const orderId = str(note.orderId);
  if (order && !isBlank(note.customerId) && str(order.customerId) !== str(note.customerId))
    errors.push(
      fieldError('customerId', 'delivery_customer', lang, { id: str(note.customerId), order: orderId, customer: str(order.customerId) }),
    );
  if (order && !isBlank(order.orderDate) && !isBlank(note.shipDate) && str(note.shipDate) < str(order.orderDate))
    errors.push(
      fieldError('shipDate', 'delivery_before_order', lang, { date: str(note.shipDate), order: orderId, orderDate: str(order.orderDate) }),
    );
  if (!isBlank(note.receivedDate) && !isBlank(note.shipDate) && str(note.receivedDate) < str(note.shipDate))
    errors.push(
      fieldError('receivedDate', 'delivery_received_early', lang, { date: str(note.receivedDate), shipDate: str(note.shipDate) }),
    );
  if (!line) return errors;
  if (line.docType !== ORDER_LINE || str(line.docId) !== orderId) {
    errors.push(
      fieldError('lineId', 'delivery_line_order', lang, {
        line: str(line.id),
        order: orderId,
        doc: `${str(line.docType)} ${str(line.docId)}`,
      }),
    );
    return errors;
  }
  const ordered = num(line.quantity);
  const shipped =
    shippedByLine(
      others.filter((n) => n.lineId === line.id),
      selfId,
    ).get(str(line.id)) ?? 0;
  if (num(note.quantity) > 0 && q2(shipped + num(note.quantity)) > ordered)
    errors.push(
      fieldError('quantity', 'delivery_over', lang, {
        line: str(line.id),
        product: str(line.product),
        ordered,
        shipped,
        left: Math.max(0, q2(ordered - shipped)),
      }),
    );
  return errors;
}

/**
 * An order's delivery status from its lines and its notes (any rows of the order's customer: the
 * live ones of this order count): nothing shipped 待发货; some line short 部分发货; every line
 * shipped in full 已发货, and 已签收 once every note of it has a received date. An order without
 * lines has nothing to compare with: null (its status is left as it is).
 */
export function deliveryStatusOf(orderLines: readonly Values[], notes: readonly Values[], orderId: string): DeliveryStatus | null {
  if (!orderLines.length) return null;
  const mine = live(notes).filter((n) => str(n.orderId) === orderId);
  const shipped = shippedByLine(mine);
  if (![...shipped.values()].some((v) => v > 0)) return TO_SHIP;
  if (orderLines.some((l) => (shipped.get(str(l.id)) ?? 0) < num(l.quantity))) return PART_SHIPPED;
  return mine.every((n) => !isBlank(n.receivedDate)) ? RECEIVED : SHIPPED;
}

/**
 * The statuses of every order that has notes (live or deleted: a deleted last note takes its order
 * back to 待发货), from whole-table columns: orderId → status. Orders no note ever named keep
 * their status (set before there were notes).
 */
export function deliveryStatuses(lines: readonly Values[], notes: readonly Values[]): Map<string, DeliveryStatus> {
  const byOrder = new Map<string, Values[]>();
  for (const n of notes) {
    const o = str(n.orderId);
    if (o) byOrder.set(o, [...(byOrder.get(o) ?? []), n]);
  }
  const linesOf = new Map<string, Values[]>();
  for (const l of live(lines)) {
    if (l.docType !== ORDER_LINE || !byOrder.has(str(l.docId))) continue;
    linesOf.set(str(l.docId), [...(linesOf.get(str(l.docId)) ?? []), l]);
  }
  const out = new Map<string, DeliveryStatus>();
  for (const [o, ns] of byOrder) {
    const s = deliveryStatusOf(linesOf.get(o) ?? [], ns, o);
    if (s) out.set(o, s);
  }
  return out;
}

/** A plan's shipment dates: startDate, then every N weeks or months, up to endDate (at most MAX + 1, to tell too many). */
export function planDates(plan: Values): string[] {
  const every = Math.floor(num(plan.every));
  const start = str(plan.startDate);
  const end = str(plan.endDate);
  if (every < 1 || Number.isNaN(dayIndex(start)) || Number.isNaN(dayIndex(end))) return [];
  const weeks = hasFlag(PLAN_UNITS, plan.unit, 'weeks');
  const out: string[] = [];
  for (let k = 0; out.length <= MAX_PLAN_SHIPMENTS; k++) {
    const d = weeks ? dateOfIndex(dayIndex(start) + 7 * every * k) : addMonths(start, every * k);
    if (d > end) break;
    out.push(d);
  }
  return out;
}

/** The checks of a plan against its order and the order's lines (on every save, import and typed edit). */
export function planErrors(plan: Values, order: Values | undefined, orderLines: readonly Values[], lang: Lang): FieldError[] {
  const errors: FieldError[] = [];
  const orderId = str(plan.orderId);
  if (Math.floor(num(plan.every)) < 1) errors.push(fieldError('every', 'plan_every', lang));
  if (!isBlank(plan.startDate) && !isBlank(plan.endDate) && str(plan.endDate) < str(plan.startDate))
    errors.push(fieldError('endDate', 'plan_dates', lang, { startDate: str(plan.startDate), endDate: str(plan.endDate) }));
  const count = planDates(plan).length;
  if (count > MAX_PLAN_SHIPMENTS)
    errors.push(fieldError('endDate', 'plan_too_many', lang, { count: `${MAX_PLAN_SHIPMENTS}+`, max: MAX_PLAN_SHIPMENTS }));
  if (!order) return errors;
  if (!isBlank(plan.customerId) && str(order.customerId) !== str(plan.customerId))
    errors.push(
      fieldError('customerId', 'delivery_customer', lang, { id: str(plan.customerId), order: orderId, customer: str(order.customerId) }),
    );
  if (!isBlank(order.orderDate) && !isBlank(plan.startDate) && str(plan.startDate) < str(order.orderDate))
    errors.push(
      fieldError('startDate', 'delivery_before_order', lang, {
        date: str(plan.startDate),
        order: orderId,
        orderDate: str(order.orderDate),
      }),
    );
  if (!orderLines.length) errors.push(fieldError('orderId', 'plan_no_lines', lang, { order: orderId }));
  return errors;
}

/** The note number of a plan's k-th shipment (1-based): how the daily job knows it was written. */
export const planNoteNo = (planId: string, k: number): string => `${planId}-${k}`;

/**
 * The notes a plan's shipments due by `today` still need: shipment k of n (its date on or before
 * today, its note number on no row yet, live or deleted) brings each line up to k/n of its
 * quantity (whole units for a whole quantity; the last shipment the rest), less what the line's
 * live notes (and the shipments before it in this run) already ship; never past the quantity.
 * `notes`: every note row of the plan's order. Running it again finds nothing left to write.
 */
export function dueShipments(plan: Values, orderLines: readonly Values[], notes: readonly Values[], today: string): Values[] {
  const dates = planDates(plan);
  if (!dates.length || dates.length > MAX_PLAN_SHIPMENTS) return [];
  const planId = str(plan.id);
  const numbers = new Set(notes.map((n) => str(n.noteNo)));
  const shipped = shippedByLine(notes.filter((n) => str(n.orderId) === str(plan.orderId)));
  const out: Values[] = [];
  const n = dates.length;
  dates.forEach((date, i) => {
    const k = i + 1;
    if (date > today || numbers.has(planNoteNo(planId, k))) return;
    for (const line of orderLines) {
      const q = num(line.quantity);
      const whole = Number.isInteger(q);
      const upTo = k === n ? q : whole ? Math.floor((q * k) / n) : Math.floor((q * k * 100) / n) / 100;
      const done = shipped.get(str(line.id)) ?? 0;
      const take = q2(Math.min(upTo, q) - done);
      if (take <= 0) continue;
      shipped.set(str(line.id), q2(done + take));
      out.push({
        noteNo: planNoteNo(planId, k),
        orderId: str(plan.orderId),
        customerId: str(plan.customerId),
        lineId: str(line.id),
        quantity: take,
        shipDate: date,
        ...(isBlank(plan.carrier) ? {} : { carrier: str(plan.carrier) }),
      });
    }
  });
  return out;
}
