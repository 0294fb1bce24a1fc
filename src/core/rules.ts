import {
  firstFlagged,
  hasFlag,
  isTableKey,
  PAYMENT_STATUSES,
  STAGE_PROBABILITY,
  STAGES,
  startingValue,
  tableDef,
  TICKET_STATUSES,
  type Lang,
} from '../schema';
import { appendStageLog } from './stageLog';
import type { Values } from './validate';
import { contractStatus } from './workflows/support';

export interface SaveContext {
  user: string;
  /** 'YYYY-MM-DD HH:mm' in the spreadsheet time zone. */
  now: string;
  /** The workbook's language, for derived text (the stage log); zh when not given. */
  lang?: Lang;
}

type Rule = (next: Values, prev: Values | null, ctx: SaveContext) => void;

const today = (ctx: SaveContext) => ctx.now.slice(0, 10);
const setIfEmpty = (v: Values, key: string, value: unknown) => {
  if (v[key] === null || v[key] === undefined || v[key] === '') v[key] = value;
};

/** The fields paymentStatus reads. */
export const PAYMENT_STATUS_COLUMNS: readonly string[] = ['paidDate', 'dueDate'];

/** Payment status follows its dates: paid when a paid date is set, overdue after the due date. */
export function paymentStatus(p: Values, day: string): string {
  if (p.paidDate) return firstFlagged(PAYMENT_STATUSES, 'paid');
  return firstFlagged(PAYMENT_STATUSES, typeof p.dueDate === 'string' && p.dueDate < day ? 'overdue' : 'due');
}

/**
 * Derived values per table, applied to every create and update before writing, after the fields'
 * own `initial` values (the schema's: a status's initial option, a date stamp). A new customer's
 * grade starts at the lowest (no paid payment yet); runDailyJobs recomputes grade and lifecycle.
 */
/** A new owner (a reassignment, a claim typed in): the pool's idle clock starts again today. */
const ownerChange: Rule = (n, p, ctx) => {
  if (p && n.owner !== p.owner && typeof n.owner === 'string' && n.owner.trim()) n.ownerSince = today(ctx);
};

const RULES: Partial<Record<string, Rule>> = {
  customers: ownerChange,
  leads: ownerChange,
  opportunities: (n, p, ctx) => {
    const stage = n.stage as keyof typeof STAGE_PROBABILITY;
    const stageChanged = !p || p.stage !== n.stage;
    if (stageChanged) {
      n.stageChangedAt = ctx.now;
      n.stageLog = appendStageLog(p ? p.stageLog : null, ctx.now, stage, ctx.lang ?? 'zh');
      if (p && (n.probability === null || n.probability === p.probability)) n.probability = STAGE_PROBABILITY[stage];
    }
    setIfEmpty(n, 'probability', STAGE_PROBABILITY[stage]);
    // The win itself (成交), not the after-sales stage that follows it.
    if (stage === firstFlagged(STAGES, 'won') && !n.wonAt) n.wonAt = today(ctx);
    if (hasFlag(STAGES, stage, 'lost') && !n.lostAt) n.lostAt = today(ctx);
  },
  lineItems: (n) => {
    const gross = Number(n.quantity) * Number(n.unitPrice);
    n.amount = Math.round(gross * (1 - Number(n.discount ?? 0) / 100) * 100) / 100;
  },
  contracts: (n, _p, ctx) => {
    n.status = contractStatus(n, today(ctx));
  },
  payments: (n, _p, ctx) => {
    n.status = paymentStatus(n, today(ctx));
  },
  // Done stamps its time once (completing again keeps the first); reopening clears it.
  todos: (n, _p, ctx) => {
    if (n.done === true && !n.doneAt) n.doneAt = ctx.now;
    if (n.done !== true) n.doneAt = null;
  },
  tickets: (n, p, ctx) => {
    const closed = hasFlag(TICKET_STATUSES, n.status, 'closed');
    if (closed && !n.closedAt) n.closedAt = ctx.now;
    if (!closed && p && hasFlag(TICKET_STATUSES, p.status, 'closed')) n.closedAt = null;
  },
};

/** Fills defaults (owner = current user...) and recomputes derived fields in place. */
export function applyRules(tableKey: string, next: Values, prev: Values | null, ctx: SaveContext, hasOwner: boolean): void {
  if (hasOwner) setIfEmpty(next, 'owner', ctx.user);
  if (isTableKey(tableKey)) {
    for (const c of tableDef(tableKey).columns) if (c.initial) setIfEmpty(next, c.key, startingValue(c.initial, c.options, ctx.now));
  }
  RULES[tableKey]?.(next, prev, ctx);
}
