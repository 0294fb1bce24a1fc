import { firstFlagged, flagged, LIFECYCLES, STAGES, type Grade, type Lifecycle } from '../../schema';
import type { Values } from '../validate';
import { dayIndex, latest, live, num, str, cents } from './values';

export type { Grade, Lifecycle };

export interface DeriveParams {
  churnDays: number;
  gradeA: number;
  gradeB: number;
  gradeC: number;
  gradeRecencyDays: number;
}

/** What a customer's rows say about it, gathered in one pass over each child table. */
export interface CustomerFacts {
  /** Sum of paid payments. */
  lifetimeAmount: number;
  /** Earliest order with a paid payment (or the paid date of a payment without an order). */
  firstDealDate: string | null;
  /** Latest paid date or won date: the recency behind the grade. */
  lastDealDate: string | null;
  /** Latest sign of life: follow-up, stage change, order, payment, ticket, feedback, creation. */
  lastActivity: string;
  hasOpenDeal: boolean;
  hasWon: boolean;
}

export type FactTables = 'opportunities' | 'followUps' | 'orders' | 'payments' | 'contracts' | 'tickets' | 'feedback';
export type FactData = Partial<Record<FactTables, readonly Values[]>>;

const OPEN_STAGES = new Set<string>(flagged(STAGES, 'open'));
const WON_STAGES = new Set<string>(flagged(STAGES, 'won'));
const [PROSPECT, ENGAGED, CUSTOMER, CHURNED] = (['initial', 'engaged', 'won', 'churned'] as const).map((f) => firstFlagged(LIFECYCLES, f));
const ACTIVITY: Partial<Record<FactTables, readonly string[]>> = {
  followUps: ['time'],
  opportunities: ['stageChangedAt', 'createdAt'],
  orders: ['orderDate'],
  payments: ['paidDate'],
  contracts: ['signDate'],
  tickets: ['openedAt'],
  feedback: ['date'],
};

/**
 * The fields deriveCustomers reads, per table ('customers' for the customers themselves): the daily
 * job reads only these columns (test/workflows/columns.test.ts checks equal output on rows cut to them).
 */
export const CUSTOMER_FACT_COLUMNS: Readonly<Record<FactTables | 'customers', readonly string[]>> = {
  customers: ['id', 'createdAt'],
  opportunities: ['deleted', 'customerId', 'stage', 'wonAt', 'stageChangedAt', 'createdAt'],
  followUps: ['deleted', 'customerId', 'time'],
  orders: ['id', 'deleted', 'customerId', 'orderDate'],
  payments: ['deleted', 'customerId', 'orderId', 'amount', 'paidDate'],
  contracts: ['deleted', 'customerId', 'signDate'],
  tickets: ['deleted', 'customerId', 'openedAt'],
  feedback: ['deleted', 'customerId', 'date'],
};

function emptyFacts(createdAt: unknown): CustomerFacts {
  return { lifetimeAmount: 0, firstDealDate: null, lastDealDate: null, lastActivity: str(createdAt), hasOpenDeal: false, hasWon: false };
}
const earlier = (a: string | null, b: string): string => (a === null || (b && b < a) ? b : a);

/** Facts for every customer in `customers`, from the child tables given (one pass each). */
export function collectFacts(customers: readonly Values[], data: FactData): Map<string, CustomerFacts> {
  const facts = new Map<string, CustomerFacts>();
  for (const c of customers) facts.set(str(c.id), emptyFacts(c.createdAt));
  const of = (row: Values) => facts.get(str(row.customerId));
  for (const table of Object.keys(ACTIVITY) as FactTables[]) {
    for (const row of live(data[table] ?? [])) {
      const f = of(row);
      if (f) for (const k of ACTIVITY[table] ?? []) f.lastActivity = latest(f.lastActivity, row[k]);
    }
  }
  for (const o of live(data.opportunities ?? [])) {
    const f = of(o);
    if (!f) continue;
    if (OPEN_STAGES.has(str(o.stage))) f.hasOpenDeal = true;
    if (WON_STAGES.has(str(o.stage))) {
      f.hasWon = true;
      if (o.wonAt) f.lastDealDate = latest(f.lastDealDate ?? '', o.wonAt);
    }
  }
  const orderDate = new Map(live(data.orders ?? []).map((o) => [str(o.id), str(o.orderDate)]));
  for (const p of live(data.payments ?? [])) {
    const f = of(p);
    if (!f || !p.paidDate) continue;
    f.hasWon = true;
    f.lifetimeAmount = cents(f.lifetimeAmount + num(p.amount));
    f.lastDealDate = latest(f.lastDealDate ?? '', p.paidDate);
    f.firstDealDate = earlier(f.firstDealDate, orderDate.get(str(p.orderId)) || str(p.paidDate));
  }
  return facts;
}

/**
 * 潜在 (no deal) → 意向 (open opportunity) → 成交 (won deal or paid payment) → 流失 (no activity and
 * no open deal for churnDays).
 */
export function lifecycleOf(f: CustomerFacts, today: string, churnDays: number): Lifecycle {
  const idle = dayIndex(today) - dayIndex(f.lastActivity);
  if (!f.hasOpenDeal && idle >= churnDays) return CHURNED;
  if (f.hasWon) return CUSTOMER;
  return f.hasOpenDeal ? ENGAGED : PROSPECT;
}

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

/** Grade by lifetime amount thresholds; one step lower when the last deal is older than gradeRecencyDays. */
export function gradeOf(f: Pick<CustomerFacts, 'lifetimeAmount' | 'lastDealDate'>, p: DeriveParams, today: string): Grade {
  const a = f.lifetimeAmount;
  let i = a >= p.gradeA ? 0 : a >= p.gradeB ? 1 : a >= p.gradeC ? 2 : 3;
  const since = f.lastDealDate ? dayIndex(today) - dayIndex(f.lastDealDate) : NaN;
  if (since > p.gradeRecencyDays) i = Math.min(3, i + 1);
  return GRADES[i];
}

export interface DerivedCustomer {
  lifetimeAmount: number;
  firstDealDate: string | null;
  grade: Grade;
  lifecycle: Lifecycle;
}
export const DERIVED_CUSTOMER_FIELDS = ['lifetimeAmount', 'firstDealDate', 'grade', 'lifecycle'] as const;

/** Every customer's derived fields, in the order of `customers`. */
export function deriveCustomers(customers: readonly Values[], data: FactData, p: DeriveParams, today: string): DerivedCustomer[] {
  const facts = collectFacts(customers, data);
  return customers.map((c) => {
    const f = facts.get(str(c.id)) ?? emptyFacts(c.createdAt);
    return {
      lifetimeAmount: f.lifetimeAmount,
      firstDealDate: f.firstDealDate,
      grade: gradeOf(f, p, today),
      lifecycle: lifecycleOf(f, today, p.churnDays),
    };
  });
}
