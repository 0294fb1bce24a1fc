import { prefetchAgendaMark, writeAgenda } from '../operations/agenda';
import { loadReminderTables, REMINDER_FIRST_READ, reminderParams, type ReminderTablesRead } from '../operations/reminders';
import {
  dayOf,
  numberParam,
  OWNERSHIP_COLUMNS,
  PAYMENT_STATUS_COLUMNS,
  paymentStatus,
  sameValue,
  updateStamps,
  type Values,
} from '../../core';
import {
  ATTRIBUTION_COLUMNS,
  attributedRevenue,
  CONTRACT_STATUS_COLUMNS,
  contractStatus,
  CUSTOMER_FACT_COLUMNS,
  DELIVERY_LINE_COLUMNS,
  DELIVERY_NOTE_COLUMNS,
  DELIVERY_PLAN_COLUMNS,
  deliveryStatuses,
  DERIVED_CUSTOMER_FIELDS,
  deriveCustomers,
  dueShipments,
  orderLinesOf,
  DOCUMENT_TOTAL_COLUMNS,
  documentTotals,
  str,
  type DeriveParams,
} from '../../core/workflows';
import type { DataTableKey, TableKey } from '../../schema';
import { invalidateColumns, loadColumns, prefetchColumns, readColumn, type ColumnTable } from '../../store';
import { openContext, type Context } from '../context';
import { NO_ARGS } from '../args';
import { throwing } from '../entry';
import { WritePlan } from './batch';
import { sendDigest, type DigestReport } from './digest';
import { WORKFLOW_PERMISSIONS } from './permissions';
import { poolReturn, POOL_DAILY_COLUMNS, type PoolReport } from './pool';
import { tellPending } from '../notify';

export interface DailyReport {
  /** Rows whose derived fields changed, per table. */
  updated: Partial<Record<DataTableKey, number>>;
  digest: DigestReport | null;
  /** The shared pool's returns and warnings. */
  pool: PoolReport;
}

/** Fields whose changes are worth a history row (the rest follow from rows that have their own). */
const LOGGED: readonly string[] = ['grade', 'lifecycle', 'status', 'deliveryStatus'];

export function deriveParams(ctx: Context): DeriveParams {
  const n = (k: 'churnDays' | 'gradeA' | 'gradeB' | 'gradeC' | 'gradeRecencyDays') => numberParam(ctx.settings, k);
  return {
    churnDays: n('churnDays'),
    gradeA: n('gradeA'),
    gradeB: n('gradeB'),
    gradeC: n('gradeC'),
    gradeRecencyDays: n('gradeRecencyDays'),
  };
}

/** Collects changed derived values of one table: id → changes (live rows only). */
function diff(rows: readonly Values[], compute: (r: Values, i: number) => Values): Map<string, Values> {
  const out = new Map<string, Values>();
  rows.forEach((r, i) => {
    if (r.deleted) return;
    const next = compute(r, i);
    const changes = Object.fromEntries(Object.entries(next).filter(([k, v]) => !sameValue(v, r[k])));
    if (Object.keys(changes).length) out.set(str(r.id), changes);
  });
  return out;
}

type DailyTable =
  | 'customers'
  | 'opportunities'
  | 'followUps'
  | 'orders'
  | 'payments'
  | 'contracts'
  | 'tickets'
  | 'feedback'
  | 'lineItems'
  | 'quotes'
  | 'campaigns'
  | 'campaignMembers'
  | 'deliveryNotes'
  | 'deliveryPlans';

/**
 * The columns recomputeDerived reads per table: what the computations read (their own lists),
 * the derived fields it writes, and for written tables the fields the role check looks at.
 */
export const DAILY_COLUMNS: Readonly<Record<DailyTable, readonly string[]>> = {
  customers: [...CUSTOMER_FACT_COLUMNS.customers, ...DERIVED_CUSTOMER_FIELDS, ...OWNERSHIP_COLUMNS],
  opportunities: CUSTOMER_FACT_COLUMNS.opportunities,
  followUps: CUSTOMER_FACT_COLUMNS.followUps,
  // orderTotal reads id and total.
  orders: [...CUSTOMER_FACT_COLUMNS.orders, ...ATTRIBUTION_COLUMNS.orders, 'id', 'total', 'deliveryStatus', ...OWNERSHIP_COLUMNS],
  payments: [...CUSTOMER_FACT_COLUMNS.payments, ...PAYMENT_STATUS_COLUMNS, 'status', ...OWNERSHIP_COLUMNS],
  contracts: [...CUSTOMER_FACT_COLUMNS.contracts, ...CONTRACT_STATUS_COLUMNS, ...OWNERSHIP_COLUMNS],
  tickets: CUSTOMER_FACT_COLUMNS.tickets,
  feedback: CUSTOMER_FACT_COLUMNS.feedback,
  lineItems: [...new Set([...DOCUMENT_TOTAL_COLUMNS, ...DELIVERY_LINE_COLUMNS])],
  quotes: ['id', 'total', ...OWNERSHIP_COLUMNS],
  campaigns: [...ATTRIBUTION_COLUMNS.campaigns, 'revenue', ...OWNERSHIP_COLUMNS],
  campaignMembers: ATTRIBUTION_COLUMNS.campaignMembers,
  // Delivery plans make their due shipments' notes; the notes set their orders' 发货状态.
  deliveryNotes: DELIVERY_NOTE_COLUMNS,
  deliveryPlans: DELIVERY_PLAN_COLUMNS,
};

/**
 * Recomputes every derived field that depends on other rows or on the date: customer lifetime
 * amount, first deal, grade and lifecycle; quote and order totals; payment and contract status;
 * campaign revenue. Reads only DAILY_COLUMNS; each table gets at most one write per run of adjacent
 * changed columns per cluster of changed rows.
 */
export function recomputeDerived(ctx: Context, alsoRead: Partial<Record<TableKey, readonly string[]>> = {}): DailyReport['updated'] {
  // Every column of every table in one batched read (plus what the caller reads next, e.g. the digest).
  const wants: Partial<Record<TableKey, readonly string[]>> = { ...alsoRead };
  for (const [k, fields] of Object.entries(DAILY_COLUMNS) as [DailyTable, readonly string[]][]) wants[k] = [...(wants[k] ?? []), ...fields];
  prefetchColumns(ctx.store, wants);
  const tables = new Map<DailyTable, ColumnTable>();
  const table = (k: DailyTable) => {
    let t = tables.get(k);
    if (!t) tables.set(k, (t = loadColumns(ctx.store, k, DAILY_COLUMNS[k])));
    return t;
  };
  const load = (k: DailyTable) => table(k).records;
  const today = ctx.now.slice(0, 10);
  const totals = documentTotals(load('lineItems'));
  const orderTotal = (o: Values) => totals.get(`订单|${str(o.id)}`) ?? (typeof o.total === 'number' ? o.total : 0);
  const customers = load('customers');
  const derived = deriveCustomers(
    customers,
    {
      opportunities: load('opportunities'),
      followUps: load('followUps'),
      orders: load('orders'),
      payments: load('payments'),
      contracts: load('contracts'),
      tickets: load('tickets'),
      feedback: load('feedback'),
    },
    deriveParams(ctx),
    today,
  );
  const revenue = attributedRevenue(load('campaigns'), load('campaignMembers'), load('orders'), orderTotal);
  const shipments = plannedNotes(ctx, load('deliveryPlans'), load('orders'), load('lineItems'), load('deliveryNotes'), today);
  const delivery = deliveryStatuses(load('lineItems'), [...load('deliveryNotes'), ...shipments]);
  const plans: [DataTableKey, Map<string, Values>][] = [
    ['customers', diff(customers, (_r, i) => Object.fromEntries(DERIVED_CUSTOMER_FIELDS.map((f) => [f, derived[i][f]])))],
    ['quotes', diff(load('quotes'), (q) => (totals.has(`报价单|${str(q.id)}`) ? { total: totals.get(`报价单|${str(q.id)}`) } : {}))],
    [
      'orders',
      diff(load('orders'), (o) => ({
        ...(totals.has(`订单|${str(o.id)}`) ? { total: totals.get(`订单|${str(o.id)}`) } : {}),
        ...(delivery.has(str(o.id)) ? { deliveryStatus: delivery.get(str(o.id)) } : {}),
      })),
    ],
    ['payments', diff(load('payments'), (p) => ({ status: paymentStatus(p, today) }))],
    ['contracts', diff(load('contracts'), (k) => ({ status: contractStatus(k, today) }))],
    ['campaigns', diff(load('campaigns'), (c) => ({ revenue: revenue.get(str(c.id)) ?? 0 }))],
  ];
  const writes = new WritePlan(ctx, 'daily recompute');
  const updated: DailyReport['updated'] = {};
  writes.append('deliveryNotes', shipments);
  if (shipments.length) updated.deliveryNotes = shipments.length;
  for (const [key, changes] of plans) {
    writes.useColumns(table(key as DailyTable) as ColumnTable & { key: DataTableKey });
    // Derived values are the system's, not an edit: updatedAt (the edit token) stays, so open forms can still save.
    for (const [id, c] of changes) writes.update(key, id, c, { stamp: false, log: LOGGED });
    if (changes.size) updated[key] = changes.size;
  }
  writes.commit();
  return updated;
}

/**
 * The notes of the delivery plans' shipments due by today that no row holds yet (core dueShipments:
 * once each, never past an order line's quantity), with IDs and created stamps. Draws the IDs (a
 * read) only when there is something to write; the caller writes them.
 */
function plannedNotes(
  ctx: Context,
  plans: readonly Values[],
  orders: readonly Values[],
  lines: readonly Values[],
  notes: readonly Values[],
  today: string,
): Values[] {
  const live = new Map(orders.filter((o) => !o.deleted).map((o) => [str(o.id), o]));
  const inputs: Values[] = [];
  for (const plan of plans) {
    const order = live.get(str(plan.orderId));
    if (plan.deleted || !order) continue;
    const mine = [...notes, ...inputs].filter((n) => str(n.orderId) === str(plan.orderId));
    inputs.push(...dueShipments({ ...plan, customerId: order.customerId }, orderLinesOf(lines, str(plan.orderId)), mine, today));
  }
  if (!inputs.length) return [];
  const ids = ctx.store.lookups.nextIds('deliveryNotes', dayOf(ctx.now), inputs.length);
  return inputs.map((n, i) => ({
    id: ids[i],
    ...n,
    createdAt: ctx.now,
    createdBy: ctx.user,
    ...updateStamps(null, ctx.user, ctx.clock),
    deleted: false,
  }));
}

/** runDailyJobs(): recompute derived fields, the agenda and the index repair (one locked step), then send the reminder digest. */
export const runDailyJobs = throwing(
  NO_ARGS,
  (): DailyReport => {
    const ctx = openContext();
    let reminders: ReminderTablesRead | undefined;
    let pool: PoolReport = { returned: 0, warned: 0 };
    const updated = ctx.store.withLock(() => {
      // Reads inside the lock are fresh, as withLock makes the store's own.
      invalidateColumns(ctx.store);
      // With the store's headers of the recompute's tables in the same batched read, so the index
      // repair below reads no header (without the Sheets service each header would be a read).
      prefetchAgendaMark(ctx, ctx.store.io.batched ? (Object.keys(DAILY_COLUMNS) as DailyTable[]) : []);
      // The reminders' first columns come in the same read; the recompute's writes keep them current.
      // The pool's columns too (the return follows the recompute: grades are today's).
      const alsoRead: Partial<Record<TableKey, readonly string[]>> = { ...REMINDER_FIRST_READ };
      for (const [k, f] of Object.entries(POOL_DAILY_COLUMNS) as [TableKey, readonly string[]][])
        alsoRead[k] = [...(alsoRead[k] ?? []), ...f];
      const changed = recomputeDerived(ctx, alsoRead);
      pool = poolReturn(ctx);
      // Each owner's reminder agenda, from the same columns (and the latest follow-ups' plans, one
      // more read), in the same write; the digest then uses the same tables.
      reminders = loadReminderTables(ctx);
      writeAgenda(ctx, reminderParams(ctx), reminders);
      // The key index repairs itself here after changes it could not follow (another script's
      // writes), in the same lock: the key columns the recompute read (IDs, customer IDs) are taken
      // from its read, not read again.
      ctx.store.lookups.rebuild('untrusted', (t, f) => readColumn(ctx.store, t, f));
      return changed;
    });
    // Returns and warnings are told once their writes are committed.
    tellPending(ctx);
    return { updated, digest: sendDigest(ctx, null, reminders), pool };
  },
  WORKFLOW_PERMISSIONS.runDailyJobs,
);
