/**
 * "My reminders": what needs doing today, from the tables as the store returns them (canonical
 * 'YYYY-MM-DD' / 'YYYY-MM-DD HH:mm' strings in the spreadsheet's time zone, so no Date objects).
 * Pure: the server passes the rows, the settings parameters and today's date.
 */
import { CONTRACT_STATUSES, flagged, hasFlag, PAYMENT_STATUSES, STAGES, TICKET_STATUSES } from '../schema';
import type { Values } from './validate';

export type ReminderKind = 'followUp' | 'payment' | 'contract' | 'stalled' | 'ticket' | 'todo';
export const REMINDER_KINDS: readonly ReminderKind[] = ['followUp', 'payment', 'contract', 'stalled', 'ticket', 'todo'];

/** overdue: past its date (or idle/open too long); today: due today; soon: due within the window. */
export type Urgency = 'overdue' | 'today' | 'soon';

export interface Reminder {
  kind: ReminderKind;
  /** The table the reminder's record lives in (to open or edit it). */
  table: 'followUps' | 'payments' | 'contracts' | 'opportunities' | 'tickets' | 'todos';
  id: string;
  /** '' for a to-do about a lead (no customer). */
  customerId: string;
  customerName: string;
  owner: string;
  /** What it is about: the next plan, contract number, opportunity name, ticket subject... */
  title: string;
  /** The date that makes it due: plan time, due date, end date, last activity, opened at. */
  date: string;
  /** Days past `date` for overdue/stalled/open items, days left for upcoming ones. */
  days: number;
  urgency: Urgency;
  amount: number | null;
}

export interface ReminderParams {
  /** Contracts ending within this many days. */
  contractExpiryDays: number;
  /** Open opportunities without a stage change or follow-up for this many days. */
  stalledDays: number;
  /** Tickets open for this many days. */
  ticketOpenDays: number;
  /** Unpaid payments due within this many days (overdue ones always count). */
  paymentDueDays: number;
}

export type ReminderTables = 'customers' | 'followUps' | 'payments' | 'contracts' | 'opportunities' | 'tickets' | 'todos';
export type ReminderData = Record<ReminderTables, readonly Values[]>;

/**
 * The fields computeReminders reads, per table: the sidebar and the digest read only these columns
 * (test/core/reminders.test.ts checks equal output on rows cut to them).
 */
export const REMINDER_COLUMNS: Readonly<Record<ReminderTables, readonly string[]>> = {
  customers: ['id', 'deleted', 'name', 'owner'],
  followUps: ['id', 'deleted', 'customerId', 'opportunityId', 'owner', 'time', 'nextPlan', 'nextPlanAt', 'content'],
  payments: ['id', 'deleted', 'customerId', 'orderId', 'contractId', 'amount', 'dueDate', 'paidDate', 'status'],
  contracts: ['id', 'deleted', 'customerId', 'contractNo', 'owner', 'status', 'endDate', 'amount'],
  opportunities: ['id', 'deleted', 'customerId', 'name', 'owner', 'stage', 'amount', 'createdAt', 'stageChangedAt'],
  tickets: ['id', 'deleted', 'customerId', 'owner', 'subject', 'type', 'status', 'openedAt', 'createdAt'],
  todos: ['id', 'deleted', 'customerId', 'linkId', 'owner', 'title', 'dueAt', 'done'],
};

/**
 * Follow-up fields computeReminders (and agendaRows) read of each customer's latest follow-up only
 * (latestFollowUps): the other follow-ups need just REMINDER_COLUMNS' remaining fields (which one is
 * latest, and the last follow-up of each opportunity). Whole-table readers read these fields for
 * the latest rows alone, a tenth of the tab (test/core/reminderColumns.test.ts).
 */
export const LATEST_FOLLOW_UP_FIELDS: readonly string[] = ['owner', 'content', 'nextPlanAt', 'nextPlan'];

/**
 * Each customer's latest live follow-up, as an index into `followUps`: the strictly latest time
 * wins, the first in row order on a tie (the rule computeReminders and agendaRows apply).
 */
export function latestFollowUps(followUps: readonly Values[]): Map<string, number> {
  const out = new Map<string, number>();
  followUps.forEach((f, i) => {
    if (f.deleted) return;
    const key = str(f.customerId);
    const prev = out.get(key);
    if (prev === undefined || str(f.time) > str(followUps[prev].time)) out.set(key, i);
  });
  return out;
}

export interface ReminderQuery {
  /** 'YYYY-MM-DD' in the spreadsheet's time zone. */
  today: string;
  /** Only this owner's reminders (a payment belongs to its customer's owner); null = everyone's. */
  owner: string | null;
}

const OPEN_STAGES = new Set<string>(flagged(STAGES, 'open'));
const OPEN_TICKETS = new Set<string>(flagged(TICKET_STATUSES, 'open'));
const URGENCY_ORDER: Record<Urgency, number> = { overdue: 0, today: 1, soon: 2 };

/** Days since 1970-01-01 of the date part of a canonical date or date-time; NaN otherwise. */
export function dayIndex(s: unknown): number {
  if (typeof s !== 'string') return NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : NaN;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const live = (rows: readonly Values[]) => rows.filter((r) => !r.deleted);
const later = (a: string, b: unknown): string => (typeof b === 'string' && b > a ? b : a);

function dueUrgency(days: number): Urgency {
  return days < 0 ? 'overdue' : days === 0 ? 'today' : 'soon';
}

export function computeReminders(data: ReminderData, params: ReminderParams, query: ReminderQuery): Reminder[] {
  const today = dayIndex(query.today);
  if (Number.isNaN(today)) throw new Error(`today must be YYYY-MM-DD, got ${query.today}`);
  const customers = new Map(live(data.customers).map((c) => [str(c.id), c]));
  const mine = (owner: unknown) => query.owner === null || str(owner) === query.owner;
  const out: Reminder[] = [];
  const add = (r: Omit<Reminder, 'customerName'>) => {
    const customer = customers.get(r.customerId);
    if (customer) out.push({ ...r, customerName: str(customer.name) });
    // A to-do about a lead has no customer: it is reminded all the same.
    else if (r.kind === 'todo' && r.customerId === '') out.push({ ...r, customerName: '' });
  };

  // Follow-ups: the latest follow-up of each customer carries the plan still to do.
  const lastByOpportunity = new Map<string, string>();
  for (const f of live(data.followUps)) {
    const opp = str(f.opportunityId);
    if (opp) lastByOpportunity.set(opp, later(lastByOpportunity.get(opp) ?? '', f.time));
  }
  for (const i of latestFollowUps(data.followUps).values()) {
    const f = data.followUps[i];
    const at = dayIndex(f.nextPlanAt);
    if (Number.isNaN(at) || at > today || !mine(f.owner)) continue;
    add({
      kind: 'followUp',
      table: 'followUps',
      id: str(f.id),
      customerId: str(f.customerId),
      owner: str(f.owner),
      title: str(f.nextPlan) || str(f.content),
      date: str(f.nextPlanAt),
      days: today - at,
      urgency: at < today ? 'overdue' : 'today',
      amount: null,
    });
  }

  for (const p of live(data.payments)) {
    const due = dayIndex(p.dueDate);
    if (p.paidDate || hasFlag(PAYMENT_STATUSES, p.status, 'paid') || Number.isNaN(due) || due > today + params.paymentDueDays) continue;
    const owner = str(customers.get(str(p.customerId))?.owner);
    if (!mine(owner)) continue;
    add({
      kind: 'payment',
      table: 'payments',
      id: str(p.id),
      customerId: str(p.customerId),
      owner,
      title: str(p.contractId || p.orderId || p.id),
      date: str(p.dueDate),
      days: Math.abs(due - today),
      urgency: dueUrgency(due - today),
      amount: num(p.amount),
    });
  }

  for (const k of live(data.contracts)) {
    const end = dayIndex(k.endDate);
    if (
      (k.status && !hasFlag(CONTRACT_STATUSES, k.status, 'active')) ||
      Number.isNaN(end) ||
      end < today ||
      end > today + params.contractExpiryDays ||
      !mine(k.owner)
    )
      continue;
    add({
      kind: 'contract',
      table: 'contracts',
      id: str(k.id),
      customerId: str(k.customerId),
      owner: str(k.owner),
      title: str(k.contractNo) || str(k.id),
      date: str(k.endDate),
      days: end - today,
      urgency: end === today ? 'today' : 'soon',
      amount: num(k.amount),
    });
  }

  for (const o of live(data.opportunities)) {
    if (!OPEN_STAGES.has(str(o.stage)) || !mine(o.owner)) continue;
    const last = later(later(str(o.createdAt), o.stageChangedAt), lastByOpportunity.get(str(o.id)));
    const idle = today - dayIndex(last);
    if (!(idle >= params.stalledDays)) continue;
    add({
      kind: 'stalled',
      table: 'opportunities',
      id: str(o.id),
      customerId: str(o.customerId),
      owner: str(o.owner),
      title: str(o.name),
      date: last,
      days: idle,
      urgency: 'overdue',
      amount: num(o.amount),
    });
  }

  for (const t of live(data.tickets)) {
    if (!OPEN_TICKETS.has(str(t.status)) || !mine(t.owner)) continue;
    const opened = str(t.openedAt) || str(t.createdAt);
    const open = today - dayIndex(opened);
    if (!(open >= params.ticketOpenDays)) continue;
    add({
      kind: 'ticket',
      table: 'tickets',
      id: str(t.id),
      customerId: str(t.customerId),
      owner: str(t.owner),
      title: str(t.subject) || str(t.type),
      date: opened,
      days: open,
      urgency: 'overdue',
      amount: null,
    });
  }

  // To-dos: open ones due today or earlier (overdue once their day has passed), the assignee's.
  for (const t of live(data.todos)) {
    const due = dayIndex(t.dueAt);
    if (t.done === true || Number.isNaN(due) || due > today || !mine(t.owner)) continue;
    add({
      kind: 'todo',
      table: 'todos',
      id: str(t.id),
      customerId: str(t.customerId),
      owner: str(t.owner),
      title: str(t.title),
      date: str(t.dueAt),
      days: today - due,
      urgency: due < today ? 'overdue' : 'today',
      amount: null,
    });
  }

  const kindOrder = (k: ReminderKind) => REMINDER_KINDS.indexOf(k);
  return out.sort(
    (a, b) =>
      kindOrder(a.kind) - kindOrder(b.kind) ||
      URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
      (a.urgency === 'soon' ? a.days - b.days : b.days - a.days) ||
      a.id.localeCompare(b.id),
  );
}
