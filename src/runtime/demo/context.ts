/** The generator's shared state and the per-customer plan the table builders fill in. */
import type { TableKey } from '../../schema';
import type { Values } from '../../core';
import { TableBuilder } from './builder';
import { Calendar } from './calendar';
import type { Company } from './companies';
import { Rng } from './random';

export type Fate = 'prospect' | 'interested' | 'won' | 'churned';

/** An opportunity and the minutes between which follow-ups may refer to it. */
export interface OpportunitySpan {
  record: Values;
  from: number;
  to: number;
  open: boolean;
}

/** What the generator remembers about one customer while it builds the related rows. */
export interface CustomerPlan {
  record: Values;
  company: Company;
  fate: Fate;
  /** Creation minute. */
  created: number;
  /** Last minute any activity of this customer may happen at (before the churn for 流失). */
  end: number;
  owner: string;
  /** Multiplies order quantities: bigger companies buy more. */
  scale: number;
  contacts: Values[];
  opportunities: OpportunitySpan[];
  orders: Values[];
  /** Day number of each order in `orders`. */
  orderDays: number[];
  /** Paid amount in cents (exact integer sum). */
  paidCents: number;
  /** Day of the earliest order with a paid payment, or -1. */
  firstPaidOrderDay: number;
  hasOverdue: boolean;
  productNames: string[];
}

/** Tables the generator fills, in tab order. */
export const GENERATED_TABLES = [
  'customers',
  'contacts',
  'leads',
  'opportunities',
  'followUps',
  'quotes',
  'orders',
  'lineItems',
  'deliveryNotes',
  'deliveryPlans',
  'contracts',
  'payments',
  'campaigns',
  'campaignMembers',
  'feedback',
  'tickets',
  'todos',
  'files',
  'targets',
  'products',
  'settings',
] as const satisfies readonly TableKey[];
export type GeneratedTable = (typeof GENERATED_TABLES)[number];

/** How far back the data goes and how far ahead dates (contract ends, plans) may reach. */
export const HISTORY_DAYS = 1095;
const FUTURE_DAYS = 1100;

/** Working hours: 08:30 to 18:30. */
const WORK_START = 8 * 60 + 30;
const WORK_SPAN = 600;

export class Gen {
  readonly rng: Rng;
  /** The to-dos' own draws, so adding them left every other table as it was generated before. */
  readonly todoRng: Rng;
  /** The delivery notes' and plan's own draws, likewise. */
  readonly deliveryRng: Rng;
  /** The files' own draws, likewise. */
  readonly filesRng: Rng;
  /** Each customer's Drive folder ID (one per customer with files). */
  readonly folders = new Map<Values, string>();
  /** Delivery notes numbered so far (FH + ship day + sequence); whether the one plan is made. */
  noteSeq = 0;
  planMade = false;
  readonly cal: Calendar;
  readonly tables: Record<GeneratedTable, TableBuilder>;
  /** Folded names of every company so far (customers and leads), for uniqueness. */
  readonly takenNames = new Set<string>();
  products: Values[] = [];
  private contractSeq = 0;

  constructor(
    seed: number,
    today: string,
    readonly owners: readonly string[],
  ) {
    this.rng = new Rng(seed);
    this.todoRng = new Rng(seed ^ 0x70d05);
    this.deliveryRng = new Rng(seed ^ 0xde11e);
    this.filesRng = new Rng(seed ^ 0xf11e5);
    this.cal = new Calendar(today, HISTORY_DAYS + 60, FUTURE_DAYS);
    this.tables = Object.fromEntries(GENERATED_TABLES.map((k) => [k, new TableBuilder(k)])) as Record<GeneratedTable, TableBuilder>;
  }

  /** A working-hours minute on `day` (today at the latest); on today, before now. */
  workMinute(day: number): number {
    const cal = this.cal;
    const m = cal.at(day, WORK_START + Math.floor(this.rng.next() * WORK_SPAN));
    return m > cal.nowMinute ? cal.at(day, WORK_START + Math.floor(this.rng.next() * (cal.nowMinute - cal.at(day, WORK_START)))) : m;
  }

  /** A working-hours minute between two minutes (inclusive day range), never after now. */
  minuteBetween(from: number, to: number): number {
    const cal = this.cal;
    const last = Math.min(to, cal.nowMinute);
    const d0 = cal.dayOf(from);
    const d1 = Math.max(d0, cal.dayOf(last));
    const m = this.workMinute(this.rng.int(d0, d1));
    return m < from ? from : m > last ? Math.max(from, last) : m;
  }

  /** A working-hours minute on `day`, kept within [lo, hi]. */
  minuteOn(day: number, lo: number, hi: number): number {
    const m = this.workMinute(day);
    return m < lo ? lo : m > hi ? Math.max(lo, hi) : m;
  }

  owner(): string {
    return this.rng.pick(this.owners);
  }

  /** Mostly the customer's owner, sometimes a colleague covering. */
  ownerFor(plan: CustomerPlan): string {
    return this.rng.chance(0.9) ? plan.owner : this.owner();
  }

  /** Contract numbers like HT2025-000123, unique across the workbook. */
  contractNo(day: number): string {
    this.contractSeq++;
    return `HT${this.cal.date(day).slice(0, 4)}-${String(this.contractSeq).padStart(6, '0')}`;
  }
}
