import {
  CONTRACT_STATUSES, DELIVERY_STATUSES, FEEDBACK_STATUSES, firstFlagged, GRADES, hasFlag, LEAD_STATUSES, LIFECYCLES, PAYMENT_STATUSES,
  QUOTE_STATUSES, STAGE_PROBABILITY, STAGES, TICKET_PRIORITIES, TICKET_STATUSES, type EnumOption, type Lang,
} from '../schema';
import { appendStageLog } from './stageLog';
import type { Values } from './validate';
import { contractStatus } from './workflows/service';

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

/** The value a new record starts with, from the option set's 'initial' flag. */
const initial = (set: readonly EnumOption[]) => firstFlagged(set, 'initial');

/** The fields paymentStatus reads. */
export const PAYMENT_STATUS_COLUMNS: readonly string[] = ['paidDate', 'dueDate'];

/** Payment status follows its dates: paid when a paid date is set, overdue after the due date. */
export function paymentStatus(p: Values, day: string): string {
  if (p.paidDate) return firstFlagged(PAYMENT_STATUSES, 'paid');
  return firstFlagged(PAYMENT_STATUSES, typeof p.dueDate === 'string' && p.dueDate < day ? 'overdue' : 'due');
}

/** Per-table defaults and derived values, applied to every create and update before writing. */
const RULES: Partial<Record<string, Rule>> = {
  customers: (n) => {
    setIfEmpty(n, 'lifecycle', initial(LIFECYCLES));
    // No paid payment yet, so the lowest grade; runDailyJobs recomputes grade and lifecycle from the rows.
    setIfEmpty(n, 'grade', initial(GRADES));
  },
  leads: (n) => setIfEmpty(n, 'status', initial(LEAD_STATUSES)),
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
  quotes: (n, _p, ctx) => {
    setIfEmpty(n, 'status', initial(QUOTE_STATUSES));
    setIfEmpty(n, 'quoteDate', today(ctx));
  },
  orders: (n, _p, ctx) => {
    setIfEmpty(n, 'deliveryStatus', initial(DELIVERY_STATUSES));
    setIfEmpty(n, 'orderDate', today(ctx));
  },
  lineItems: (n) => {
    const gross = Number(n.quantity) * Number(n.unitPrice);
    n.amount = Math.round(gross * (1 - Number(n.discount ?? 0) / 100) * 100) / 100;
  },
  contracts: (n, _p, ctx) => {
    setIfEmpty(n, 'status', initial(CONTRACT_STATUSES));
    n.status = contractStatus(n, today(ctx));
  },
  payments: (n, _p, ctx) => {
    n.status = paymentStatus(n, today(ctx));
  },
  feedback: (n, _p, ctx) => {
    setIfEmpty(n, 'status', initial(FEEDBACK_STATUSES));
    setIfEmpty(n, 'date', today(ctx));
  },
  tickets: (n, p, ctx) => {
    setIfEmpty(n, 'status', initial(TICKET_STATUSES));
    setIfEmpty(n, 'priority', initial(TICKET_PRIORITIES));
    setIfEmpty(n, 'openedAt', ctx.now);
    const closed = hasFlag(TICKET_STATUSES, n.status, 'closed');
    if (closed && !n.closedAt) n.closedAt = ctx.now;
    if (!closed && p && hasFlag(TICKET_STATUSES, p.status, 'closed')) n.closedAt = null;
  },
  campaignMembers: (n) => setIfEmpty(n, 'status', '已邀请'),
};

/** Fills defaults (owner = current user...) and recomputes derived fields in place. */
export function applyRules(tableKey: string, next: Values, prev: Values | null, ctx: SaveContext, hasOwner: boolean): void {
  if (hasOwner) setIfEmpty(next, 'owner', ctx.user);
  RULES[tableKey]?.(next, prev, ctx);
}
