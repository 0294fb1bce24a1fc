import type { DataTableKey } from '../../schema';
import { type FieldError, type Values } from '../../core';
import { DELIVERY_KEY_FIELDS, deliveryErrors, deliveryStatusOf, isBlank, orderLinesOf, planErrors, str } from '../../core/workflows';
import type { HistoryEntry, LookupPlan } from '../../store';
import type { Context } from '../context';

/**
 * Delivery notes and plans on the interactive paths (saveRecord, import, the edit trigger, delete):
 * what they read by key (the order by ID, the customer's lines and notes by customer ID), the
 * checks of core/workflows/delivery.ts, and the order's 发货状态 written with the note.
 */

export const DELIVERY_TABLES: readonly DataTableKey[] = ['deliveryNotes', 'deliveryPlans'];
export const isDeliveryTable = (key: DataTableKey): boolean => DELIVERY_TABLES.includes(key);

/** The fields whose change is checked again (and, for notes, may change the order's status). */
export const DELIVERY_CHECKED: Partial<Record<DataTableKey, readonly string[]>> = {
  deliveryNotes: DELIVERY_KEY_FIELDS,
  deliveryPlans: ['orderId', 'customerId', 'every', 'unit', 'startDate', 'endDate'],
};

const upper = (v: unknown) => str(v).trim().toUpperCase();

/**
 * The customer's lines and notes, read by key with the save's own reads (customer known from the
 * input); with `rows` (an update's record and input), also the order and line they name, by ID.
 */
export function deliveryLookups(key: DataTableKey, customers: readonly unknown[], rows: readonly Values[] = []): LookupPlan {
  if (!isDeliveryTable(key)) return {};
  const ids = [...new Set(customers.map(upper).filter(Boolean))];
  const refs = (field: string, table: DataTableKey) =>
    [...new Set(rows.map((r) => upper(r[field])).filter(Boolean))].map((id) => [table, id] as [DataTableKey, string]);
  return {
    ids: [...refs('orderId', 'orders'), ...refs('lineId', 'lineItems')],
    keyed: ids.flatMap((c) => [
      ['lineItems', 'customerId', c] as [DataTableKey, string, unknown],
      ['deliveryNotes', 'customerId', c] as [DataTableKey, string, unknown],
    ]),
  };
}

/**
 * A note or plan given without a customer takes its order's (the 360 view and every check read
 * them by customer ID); a customer given is checked against the order's instead. The order was
 * read by ID with the save's references.
 */
export function withOrderCustomer(ctx: Context, key: DataTableKey, input: Values): Values {
  if (!isDeliveryTable(key) || !isBlank(input.customerId) || isBlank(input.orderId)) return input;
  const order = ctx.store.record('orders', upper(input.orderId));
  return order && !isBlank(order.customerId) ? { ...input, customerId: order.customerId } : input;
}

const byKey = (ctx: Context, table: DataTableKey, customer: unknown): Values[] =>
  isBlank(customer) ? [] : ctx.store.lookups.withKey(table, 'customerId', upper(customer));

/**
 * The checks of a note or plan that need its order and the customer's other rows (`extra`: rows
 * accepted before it in the same import or paste). Reads by key only.
 */
export function deliveryRowErrors(
  ctx: Context,
  key: DataTableKey,
  values: Values,
  selfId: string | null,
  extra: readonly Values[] = [],
  exclude: (r: Values) => boolean = () => false,
): FieldError[] {
  if (!isDeliveryTable(key)) return [];
  const orderId = upper(values.orderId);
  const order = orderId ? ctx.store.record('orders', orderId) : undefined;
  const live = order && !order.deleted ? order : undefined;
  if (key === 'deliveryPlans') {
    const lines = orderLinesOf(byKey(ctx, 'lineItems', live?.customerId ?? values.customerId), orderId);
    return planErrors(values, live, lines, ctx.lang);
  }
  const lineId = upper(values.lineId);
  const line = lineId ? ctx.store.record('lineItems', lineId) : undefined;
  const others = [...byKey(ctx, 'deliveryNotes', values.customerId).filter((r) => !exclude(r)), ...extra];
  return deliveryErrors(values, live, line && !line.deleted ? line : undefined, others, selfId, ctx.lang);
}

export interface StatusChange {
  id: string;
  customerId: string;
  before: unknown;
  after: string;
}

/**
 * The orders whose 发货状态 the written notes change: each order a written note names (before or
 * after), from its lines and the customer's notes as they will be (`written` replace the rows with
 * their IDs). Read before anything is queued (a read sends queued writes); written by writeStatus.
 */
export function statusChanges(ctx: Context, written: readonly Values[], before: readonly (Values | null)[] = []): StatusChange[] {
  const orders = new Set([...written, ...before].filter((r): r is Values => !!r).map((r) => upper(r.orderId)));
  const out: StatusChange[] = [];
  const fresh = new Map(written.map((r) => [str(r.id), r]));
  for (const orderId of orders) {
    if (!orderId) continue;
    const order = ctx.store.record('orders', orderId);
    if (!order || order.deleted) continue;
    const customer = order.customerId;
    const stored = byKey(ctx, 'deliveryNotes', customer).filter((r) => !fresh.has(str(r.id)));
    const notes = [...stored, ...written.filter((r) => upper(r.customerId) === upper(customer))];
    const status = deliveryStatusOf(orderLinesOf(byKey(ctx, 'lineItems', customer), orderId), notes, orderId);
    if (status && status !== order.deliveryStatus)
      out.push({ id: orderId, customerId: str(customer), before: order.deliveryStatus, after: status });
  }
  return out;
}

/** Queues the status changes (derived: no stamp, so a form open on the order still saves) with their log rows. */
export function writeStatus(ctx: Context, changes: readonly StatusChange[], source: HistoryEntry['source']): void {
  if (!changes.length) return;
  ctx.store.appendHistory(
    changes.map((c) => ({
      time: ctx.now,
      user: ctx.user,
      table: 'orders',
      recordId: c.id,
      field: 'deliveryStatus',
      oldValue: c.before,
      newValue: c.after,
      source,
      note: 'from delivery notes',
    })),
  );
  for (const c of changes) ctx.store.update('orders', c.id, { deliveryStatus: c.after });
}
