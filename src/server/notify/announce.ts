import { tableDef, type DataTableKey, type Lang } from '../../schema';
import { findMember, type TeamMember, type Webhook } from '../../core';
import type { SheetStore } from '../../store';
import { openContext } from '../context';
import { queueMessages, type OutboxRow } from './outbox';

/**
 * Something that happened which is someone's to act on. Producers (assignment, the shared pool,
 * lead intake, the daily jobs, won deals) describe the event; announce() decides how it reaches
 * people. It never throws: telling someone must never undo or block what was saved.
 */
export type TeamEventKind =
  'assigned' | 'poolWarning' | 'poolReturned' | 'poolAssigned' | 'overdueFollowUp' | 'dealWon' | 'duplicateLead' | 'ticketRaised';

export interface TeamEvent {
  kind: TeamEventKind;
  /** The person it is for: an owner cell (email or display name from the settings tab). */
  to: string;
  table: DataTableKey;
  recordId: string;
  /** The record's title (customer name, lead company...). */
  title: string;
  /** One short line more (the rule that assigned, the days left before the pool...). */
  detail?: string;
  /** The mail when the person is mailed (default: the event's one line as subject and body). */
  mail?: { subject: string; body: string };
}

const SUBJECT: Record<TeamEventKind, Record<Lang, string>> = {
  assigned: { zh: '分配给你', en: 'Assigned to you' },
  poolWarning: { zh: '即将退回公海', en: 'Returning to the pool soon' },
  poolReturned: { zh: '已退回公海', en: 'Returned to the pool' },
  poolAssigned: { zh: '从公海分配给你', en: 'Assigned to you from the pool' },
  overdueFollowUp: { zh: '跟进已逾期', en: 'Follow-up overdue' },
  dealWon: { zh: '赢单', en: 'Deal won' },
  duplicateLead: { zh: '重复线索', en: 'Duplicate lead' },
  ticketRaised: { zh: '客户通过自助门户提交了工单', en: 'A customer raised a ticket through the self-service portal' },
};

/** The one-line text of an event, in the spreadsheet's language. */
export function eventText(e: TeamEvent, lang: Lang): string {
  const what = `${tableDef(e.table).record[lang]} ${e.title} (${e.recordId})`;
  return `[CRM] ${SUBJECT[e.kind][lang]}: ${what}${e.detail ? ` · ${e.detail}` : ''}`;
}

/** The email of an owner cell (owners are written as emails or as settings-tab display names). */
export function emailOf(who: string, users: readonly TeamMember[]): string | null {
  const w = who.trim().toLowerCase();
  if (!w) return null;
  // The same matching that decides ownership (core/roles): email or display name, folded.
  const member = findMember(users, w);
  if (member) return member.email;
  return /^[^\s@]+@[^\s@]+$/.test(w) ? w : null;
}

/** The text posted to a team's chat: the event's one line, with whose it is. */
export function groupText(e: TeamEvent, users: readonly TeamMember[], lang: Lang): string {
  const member = findMember(users, e.to);
  const who = member?.name || member?.email || e.to.trim();
  const what = `${tableDef(e.table).record[lang]} ${e.title} (${e.recordId})`;
  return `[CRM] ${SUBJECT[e.kind][lang]} → ${who}: ${what}${e.detail ? ` · ${e.detail}` : ''}`;
}

/** The webhooks that post an event: those for its person's team, and those for everyone (team blank). */
export function hooksFor(e: TeamEvent, users: readonly TeamMember[], hooks: readonly Webhook[]): Webhook[] {
  const team = findMember(users, e.to)?.team.trim() ?? '';
  return hooks.filter((h) => !h.team || (team !== '' && h.team === team));
}

export interface AnnounceOptions {
  /** The webhooks (default: the settings of the execution's context). */
  hooks?: readonly Webhook[];
  /** The store to queue with (default: the execution's context's). */
  store?: SheetStore;
  /** false: team chats only, no mail fallback (for events already mailed another way, such as the digest's). */
  mail?: boolean;
}

/**
 * Queues one outbox row per event and matching webhook (one locked append); returns the indexes
 * of the events queued. Never throws: without webhooks, or when the outbox cannot be written
 * (busy, no outbox tab yet), nothing is queued and the events fall back to mail.
 */
function queueForHooks(events: readonly TeamEvent[], users: readonly TeamMember[], lang: Lang, options: AnnounceOptions): Set<number> {
  const covered = new Set<number>();
  try {
    const ctx = options.store && options.hooks ? null : openContext();
    const hooks = options.hooks ?? ctx?.settings.hooks ?? [];
    const store = options.store ?? (ctx as NonNullable<typeof ctx>).store;
    if (!hooks.length) return covered;
    const queuedAt = Utilities.formatDate(new Date(), store.env.timeZone, 'yyyy-MM-dd HH:mm');
    const rows: OutboxRow[] = [];
    events.forEach((e, i) => {
      const text = groupText(e, users, lang);
      for (const h of hooksFor(e, users, hooks)) {
        rows.push({ queuedAt, hook: h.name, event: e.kind, recordId: e.recordId, person: e.to, text });
        covered.add(i);
      }
    });
    queueMessages(store, rows);
    return covered;
  } catch (err) {
    console.warn(`announce: could not queue team-chat messages: ${err instanceof Error ? err.message : String(err)}`);
    return new Set();
  }
}

/**
 * Tells people about events. Each event goes to the team-chat webhooks that cover its person's
 * team (queued on the outbox tab, sent by the delivery trigger: a save never waits for a robot);
 * an event no webhook covers (or that could not be queued) is mailed to its person while MailApp's
 * daily quota lasts: a send refused for the quota stops the rest (asking for the remaining quota
 * first would cost every telling step a round trip). Returns how many mails were sent. Never throws.
 */
export function announce(events: readonly TeamEvent[], users: readonly TeamMember[], lang: Lang, options: AnnounceOptions = {}): number {
  if (!events.length) return 0;
  const covered = queueForHooks(events, users, lang, options);
  if (options.mail === false) return 0;
  let sent = 0;
  let quotaLeft = true;
  events.forEach((e, i) => {
    if (covered.has(i) || !quotaLeft) return;
    const to = emailOf(e.to, users);
    if (!to) return;
    const text = eventText(e, lang);
    try {
      MailApp.sendEmail(to, e.mail?.subject ?? text, e.mail?.body ?? text);
      sent++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (QUOTA_REFUSAL.test(message)) quotaLeft = false;
      console.warn(`announce: could not mail ${to}: ${message}`);
    }
  });
  return sent;
}

/** MailApp's refusal once the day's recipients are used up. */
const QUOTA_REFUSAL = /too many times|quota/i;

/**
 * Tells the events an execution's committed writes produced (ctx.events, emptied): call it after
 * the locked step has returned (its writes flushed), never inside it.
 */
export function tellPending(ctx: { events: TeamEvent[]; settings: { users: readonly TeamMember[] }; lang: Lang }): number {
  return announce(ctx.events.splice(0), ctx.settings.users, ctx.lang);
}
