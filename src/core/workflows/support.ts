import { CONTRACT_STATUSES, firstFlagged, flagged, TICKET_STATUSES, type Lang, type TicketStatus } from '../../schema';
import { fieldError, type FieldError } from '../errors';
import type { Values } from '../validate';
import { dayIndex, isBlank, live, num, str } from './values';

/**
 * Ticket status flow: 新建 → 处理中 → 已解决 → 已关闭. Any open ticket may be resolved or closed
 * directly (a quick answer), a resolved or closed one may be reopened (处理中), and a closed ticket
 * does not go back to 新建.
 */
const TICKET_FLOW: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  新建: ['处理中', '已解决', '已关闭'],
  处理中: ['新建', '已解决', '已关闭'],
  已解决: ['处理中', '已关闭'],
  已关闭: ['处理中'],
};
const CLOSED = new Set<string>(flagged(TICKET_STATUSES, 'closed'));
const ACTIVE = firstFlagged(CONTRACT_STATUSES, 'active');
const EXPIRED = firstFlagged(CONTRACT_STATUSES, 'expired');

/** Problems with a ticket's status change; resolving or closing needs a resolution. */
export function ticketErrors(next: Values, prev: Values | null, lang: Lang): FieldError[] {
  const to = str(next.status);
  const from = prev ? str(prev.status) : firstFlagged(TICKET_STATUSES, 'initial');
  const errors: FieldError[] = [];
  if (prev && from !== to && from && !((TICKET_FLOW as Readonly<Record<string, readonly string[]>>)[from] ?? []).includes(to))
    errors.push(fieldError('status', 'ticket_flow', lang, { from, to }));
  if (CLOSED.has(to) && (!prev || from !== to) && isBlank(next.resolution))
    errors.push(fieldError('resolution', 'resolution_required', lang));
  return errors;
}

/** Hours from opening to closing, or null while the ticket is open. */
export function resolutionHours(t: Values): number | null {
  const a = minutesOf(t.openedAt ?? t.createdAt);
  const b = minutesOf(t.closedAt);
  return Number.isNaN(a) || Number.isNaN(b) || b < a ? null : Math.round(((b - a) / 60) * 10) / 10;
}
function minutesOf(s: unknown): number {
  const day = dayIndex(s);
  const m = typeof s === 'string' ? /(\d{2}):(\d{2})$/.exec(s) : null;
  return day * 1440 + (m ? Number(m[1]) * 60 + Number(m[2]) : 0);
}

/** The fields contractStatus reads. */
export const CONTRACT_STATUS_COLUMNS: readonly string[] = ['status', 'endDate'];

/** An active contract whose end date has passed is 到期 (expired). */
export function contractStatus(c: Values, today: string): string | null {
  const status = str(c.status) || ACTIVE;
  return status === ACTIVE && typeof c.endDate === 'string' && c.endDate < today ? EXPIRED : status;
}

/** Average satisfaction (1-5) of the feedback given, and how many scores it is from. */
export function satisfaction(feedback: readonly Values[]): { average: number | null; count: number } {
  const scores = live(feedback)
    .map((f) => num(f.satisfaction))
    .filter((n) => n >= 1 && n <= 5);
  return {
    average: scores.length ? Math.round((scores.reduce((s, n) => s + n, 0) / scores.length) * 100) / 100 : null,
    count: scores.length,
  };
}

/** Workflow checks that need the previous version of a row, run on every save path. */
export function workflowErrors(table: string, next: Values, prev: Values | null, lang: Lang): FieldError[] {
  return table === 'tickets' ? ticketErrors(next, prev, lang) : [];
}
