import { firstFlagged, foldKey, LINE_DOC_TYPES, type Lang } from '../../schema';
import type { Values } from '../validate';
import type { TeamMember } from '../settings';

const ORDER_LINE = firstFlagged(LINE_DOC_TYPES, 'orderLine');
import { periodOf, type SummaryFilters } from './filters';
import type { SummaryKey } from './model';
import { inPeriod, resolvePeriod, type Period } from './period';

/** The tables summaries read, as the store returns them (canonical values, `deleted` flag). */
export interface SummaryData {
  customers: readonly Values[];
  leads: readonly Values[];
  opportunities: readonly Values[];
  followUps: readonly Values[];
  orders: readonly Values[];
  lineItems: readonly Values[];
  contracts: readonly Values[];
  payments: readonly Values[];
  campaigns: readonly Values[];
  campaignMembers: readonly Values[];
  feedback: readonly Values[];
  tickets: readonly Values[];
  todos: readonly Values[];
  /** 发货单: one row per shipped order line. */
  deliveryNotes: readonly Values[];
  /** The change log: time, user, table, recordId, field, oldValue, newValue. */
  history: readonly Values[];
  /** 业绩目标: one row per owner or team and month. */
  targets: readonly Values[];
}
export type SummaryTableKey = keyof SummaryData;
export const SUMMARY_SOURCES: readonly SummaryTableKey[] = [
  'customers',
  'leads',
  'opportunities',
  'followUps',
  'orders',
  'lineItems',
  'contracts',
  'payments',
  'campaigns',
  'campaignMembers',
  'feedback',
  'tickets',
  'todos',
  'deliveryNotes',
  'history',
  'targets',
];

/**
 * The fields each report reads, per table: the summary rebuild reads only these columns
 * (test/core/summaries/columns.test.ts runs every report on full rows and on rows cut to these
 * fields and requires equal output, so a field read but missing here fails a test). A table
 * listed without 'id' is read without its ID column (no report looks rows of it up by ID; rows
 * blank in every column read are skipped instead); one listed with nothing (leads) is not read.
 * A line's unit price and discount are read only for lines without an amount (LINE_PRICE_FIELDS).
 */
export const SUMMARY_COLUMNS: Readonly<Record<SummaryTableKey, readonly string[]>> = {
  customers: ['id', 'deleted', 'name', 'owner', 'kind', 'lifecycle', 'grade', 'industry', 'region', 'size', 'tags', 'createdAt'],
  leads: [],
  opportunities: [
    'id',
    'deleted',
    'name',
    'customerId',
    'owner',
    'stage',
    'amount',
    'probability',
    'expectedCloseDate',
    'stageChangedAt',
    'stageLog',
    'wonAt',
    'createdAt',
  ],
  followUps: ['deleted', 'customerId', 'opportunityId', 'owner', 'time', 'method'],
  orders: ['id', 'deleted', 'customerId', 'owner', 'orderDate', 'total', 'deliveryStatus'],
  lineItems: ['deleted', 'docType', 'docId', 'product', 'quantity', 'amount'],
  contracts: ['id', 'deleted', 'contractNo', 'customerId', 'owner', 'status', 'endDate', 'amount'],
  payments: ['id', 'deleted', 'customerId', 'orderId', 'contractId', 'amount', 'dueDate', 'paidDate'],
  campaigns: ['id', 'deleted', 'name', 'type', 'owner', 'startDate', 'endDate', 'budget', 'actualCost', 'revenue'],
  campaignMembers: ['deleted', 'campaignId', 'customerId', 'leadId', 'memberKind'],
  feedback: ['deleted', 'customerId', 'date', 'satisfaction', 'topic'],
  tickets: ['deleted', 'customerId', 'owner', 'type', 'status', 'openedAt', 'closedAt'],
  todos: ['deleted', 'customerId', 'owner', 'dueAt', 'done'],
  deliveryNotes: ['deleted', 'orderId', 'noteNo', 'quantity', 'shipDate', 'receivedDate'],
  history: ['time', 'table', 'recordId', 'field', 'oldValue', 'newValue'],
  targets: ['deleted', 'rep', 'team', 'month', 'wonAmount', 'collectedAmount', 'newCustomers', 'followUps'],
};

/**
 * Fields of SUMMARY_COLUMNS one report reads of some rows only: a follow-up's owner and method
 * count only in the team report, for follow-ups in its period; a line's product, quantity and
 * amount only for order lines of orders in the value report's period or whose total is empty (their
 * amount is the lines' sum); a payment's customer, order, contract and amount only for payments due
 * in the team report's period or overdue (team, attention). The rebuild reads SUMMARY_COLUMNS less these first, then these fields
 * of the rows deferredRows picks, in one more batched read; the other rows carry none of them and
 * every report gives the same output (test/core/summaries/columns.test.ts). A row blank in every
 * column of the first read is no record then: it could count only where a deferred field is read
 * without a date, which an open period reads in the first read instead ('all').
 */
export const DEFERRED_COLUMNS = {
  followUps: ['owner', 'method'],
  lineItems: ['product', 'quantity', 'amount'],
  payments: ['customerId', 'orderId', 'contractId', 'amount'],
} as const satisfies Partial<Record<SummaryTableKey, readonly string[]>>;
export type DeferredTable = keyof typeof DEFERRED_COLUMNS;
export const DEFERRED_TABLES = Object.keys(DEFERRED_COLUMNS) as DeferredTable[];

/** Whether a deferred table's fields are needed for no row, every row, or rows picked after the first read. */
export type DeferredNeed = 'none' | 'all' | 'some';

const isOpen = (p: Period) => p.start === null && p.end === null;

/** What the reports being built (`filters`' keys) need of each deferred table, known before any read. */
export function deferredNeeds(filters: Partial<Record<SummaryKey, SummaryFilters>>, today: string): Record<DeferredTable, DeferredNeed> {
  const need = (key: SummaryKey): DeferredNeed => {
    const f = filters[key];
    if (f === undefined) return 'none';
    // The targets report's periods are this month, quarter and year: never open.
    return key === 'targets' ? 'some' : isOpen(periodOf(f, today)) ? 'all' : 'some';
  };
  const either = (a: DeferredNeed, b: DeferredNeed): DeferredNeed =>
    a === 'all' || b === 'all' ? 'all' : a === 'some' || b === 'some' ? 'some' : 'none';
  // An order without a total counts its lines wherever its amount is used (value, campaigns).
  const lineItems = need('value') === 'all' ? 'all' : 'some';
  // Payments count in the team report (due in its period, or overdue) and the attention list (overdue).
  // (and the targets report: its actuals are the team report's, over this year).
  const payments = need('team') === 'all' ? 'all' : filters.team || filters.attention || filters.targets ? 'some' : 'none';
  return { followUps: either(need('team'), need('targets')), lineItems, payments };
}

/**
 * The rows (indexes into the first read's rows) whose deferred fields the reports read, for a
 * table whose need is 'some': a superset of what they read (owner and kind filters aside).
 */
export function deferredRows(
  table: DeferredTable,
  first: Pick<SummaryData, 'orders' | 'followUps' | 'lineItems' | 'payments'>,
  filters: Partial<Record<SummaryKey, SummaryFilters>>,
  today: string,
): number[] {
  const out: number[] = [];
  // The periods whose follow-ups and payments count: the team report's, and this year for the
  // targets report (its month and quarter lie within the year), which counts paid payments only.
  const team = filters.team ? periodOf(filters.team, today) : null;
  const year = filters.targets ? resolvePeriod('year', today, null, null) : null;
  if (table === 'followUps') {
    first.followUps.forEach((r, i) => {
      if ((team && inPeriod(r.time, team)) || (year && inPeriod(r.time, year))) out.push(i);
    });
    return out;
  }
  if (table === 'payments') {
    first.payments.forEach((pay, i) => {
      const paid = isPaid(pay);
      const overdue = !paid && typeof pay.dueDate === 'string' && pay.dueDate < today;
      const dueDate = pay.dueDate ?? pay.paidDate;
      const dated = typeof dueDate === 'string';
      if (overdue || (dated && team && inPeriod(dueDate, team)) || (dated && paid && year && inPeriod(dueDate, year))) out.push(i);
    });
    return out;
  }
  const v = filters.value;
  const period = v ? periodOf(v, today) : null;
  const orders = new Set<string>();
  for (const o of first.orders) {
    if (typeof o.total !== 'number' || (period && inPeriod(o.orderDate ?? o.createdAt, period))) orders.add(str(o.id));
  }
  first.lineItems.forEach((l, i) => {
    if (l.docType === ORDER_LINE && orders.has(str(l.docId))) out.push(i);
  });
  return out;
}

/**
 * Follow-ups only the targets report counts (this year, outside the team report's period): of those
 * the rebuild reads the owner alone (the method is the team report's), a subset of deferredRows.
 */
export function ownerOnlyFollowUps(
  first: Pick<SummaryData, 'followUps'>,
  filters: Partial<Record<SummaryKey, SummaryFilters>>,
  today: string,
): Set<number> {
  const out = new Set<number>();
  if (!filters.targets) return out;
  const year = resolvePeriod('year', today, null, null);
  const team = filters.team ? periodOf(filters.team, today) : null;
  first.followUps.forEach((r, i) => {
    if (inPeriod(r.time, year) && !(team && inPeriod(r.time, team))) out.add(i);
  });
  return out;
}

export interface SummaryParams {
  stalledDays: number;
  churnDays: number;
  contractExpiryDays: number;
}

export interface SummaryContext {
  lang: Lang;
  /** 'YYYY-MM-DD' in the spreadsheet time zone. */
  today: string;
  /** 'YYYY-MM-DD HH:mm', the built-at stamp. */
  now: string;
  params: SummaryParams;
  /** Team members: email → display name (owner columns, owner filter by name). */
  userNames?: ReadonlyMap<string, string>;
  /** The settings tab's users (their teams: the targets report). */
  members?: readonly TeamMember[];
}

/** Live rows of every table plus the lookups several reports share, built once per rebuild. */
export interface Prepared {
  data: { [K in SummaryTableKey]: readonly Values[] };
  customerById: Map<string, Values>;
  orderById: Map<string, Values>;
  contractById: Map<string, Values>;
  /** Order lines (docType 订单) by order ID. */
  orderLines: Map<string, Values[]>;
  /** Order amount: its total, or the sum of its lines when the total is empty. */
  orderAmount: Map<string, number>;
}

export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** What lineAmount reads of a line without an amount, and only then (see needsLinePrice). */
export const LINE_PRICE_FIELDS: readonly string[] = ['unitPrice', 'discount'];

/** A line whose amount is not stored: its amount comes from LINE_PRICE_FIELDS. */
export const needsLinePrice = (line: Values): boolean => typeof line.amount !== 'number';

/** A line's amount: as stored, else quantity × price less the discount. */
export function lineAmount(line: Values): number {
  if (!needsLinePrice(line)) return line.amount as number;
  return num(line.quantity) * num(line.unitPrice) * (1 - num(line.discount) / 100);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function prepare(input: SummaryData): Prepared {
  const data = {} as Prepared['data'];
  // Tables without deleted rows are used as they are (no copy); the log has no deleted flag.
  for (const key of SUMMARY_SOURCES) {
    const rows = input[key] ?? [];
    data[key] = key === 'history' || !rows.some((r) => r.deleted === true) ? rows : rows.filter((r) => r.deleted !== true);
  }
  const byId = (rows: readonly Values[]) => {
    const map = new Map<string, Values>();
    for (const r of rows) map.set(str(r.id), r);
    return map;
  };
  const orderLines = new Map<string, Values[]>();
  for (const line of data.lineItems) if (line.docType === ORDER_LINE) push(orderLines, str(line.docId), line);
  const orderAmount = new Map<string, number>();
  for (const o of data.orders) {
    const id = str(o.id);
    const total = typeof o.total === 'number' ? o.total : (orderLines.get(id) ?? []).reduce((s, l) => s + lineAmount(l), 0);
    orderAmount.set(id, total);
  }
  return {
    data,
    customerById: byId(data.customers),
    orderById: byId(data.orders),
    contractById: byId(data.contracts),
    orderLines,
    orderAmount,
  };
}

/** What a report's filters let through. */
export interface Scope {
  period: Period;
  filters: SummaryFilters;
  inPeriod(date: unknown): boolean;
  ownerOk(owner: unknown): boolean;
  /** The customer's kind matches the kind filter (always true without one). */
  kindOk(customerId: unknown): boolean;
  ownerName(owner: unknown): string;
}

export function makeScope(p: Prepared, ctx: SummaryContext, filters: SummaryFilters, period: Period, blank: string): Scope {
  const names = ctx.userNames ?? new Map<string, string>();
  const wanted = filters.owner === null ? null : foldKey(filters.owner);
  return {
    period,
    filters,
    inPeriod: (date) => inPeriod(date, period),
    ownerOk: (owner) => {
      if (wanted === null) return true;
      const o = str(owner);
      return foldKey(o) === wanted || foldKey(names.get(o) ?? '') === wanted;
    },
    kindOk: (customerId) => filters.kind === null || p.customerById.get(str(customerId))?.kind === filters.kind,
    ownerName: (owner) => {
      const o = str(owner);
      return o === '' ? blank : names.get(o) || o;
    },
  };
}

/** Who a payment counts for: its order's owner, else its contract's, else its customer's. */
export function paymentOwner(p: Prepared, payment: Values): string {
  const order = p.orderById.get(str(payment.orderId));
  if (order && order.owner) return str(order.owner);
  const contract = p.contractById.get(str(payment.contractId));
  if (contract && contract.owner) return str(contract.owner);
  return str(p.customerById.get(str(payment.customerId))?.owner);
}

/** A payment is settled once it has a paid date. */
export const isPaid = (payment: Values): boolean => typeof payment.paidDate === 'string' && payment.paidDate !== '';
