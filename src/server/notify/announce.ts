import { tableDef, type DataTableKey, type Lang } from '../../schema';
import type { TeamMember } from '../../core';

/**
 * Something that happened which is someone's to act on. Producers (assignment, the shared pool,
 * lead intake, the daily jobs, won deals) describe the event; announce() decides how it reaches
 * people. It never throws: telling someone must never undo or block what was saved.
 */
export type TeamEventKind = 'assigned' | 'poolWarning' | 'poolReturned' | 'poolAssigned' | 'overdueFollowUp' | 'dealWon' | 'duplicateLead';

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
}

const SUBJECT: Record<TeamEventKind, Record<Lang, string>> = {
  assigned: { zh: '分配给你', en: 'Assigned to you' },
  poolWarning: { zh: '即将退回公海', en: 'Returning to the pool soon' },
  poolReturned: { zh: '已退回公海', en: 'Returned to the pool' },
  poolAssigned: { zh: '从公海分配给你', en: 'Assigned to you from the pool' },
  overdueFollowUp: { zh: '跟进已逾期', en: 'Follow-up overdue' },
  dealWon: { zh: '赢单', en: 'Deal won' },
  duplicateLead: { zh: '重复线索', en: 'Duplicate lead' },
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
  const member = users.find((u) => u.email.toLowerCase() === w || (u.name !== '' && u.name.toLowerCase() === w));
  if (member) return member.email;
  return /^[^\s@]+@[^\s@]+$/.test(w) ? w : null;
}

/**
 * Tells each event's person by email, within MailApp's remaining daily quota; returns how many
 * were sent. A failed mail is logged and skipped.
 */
export function announce(events: readonly TeamEvent[], users: readonly TeamMember[], lang: Lang): number {
  if (!events.length) return 0;
  let quota = MailApp.getRemainingDailyQuota();
  let sent = 0;
  for (const e of events) {
    const to = emailOf(e.to, users);
    if (!to || quota <= 0) continue;
    const text = eventText(e, lang);
    try {
      MailApp.sendEmail(to, text, text);
      sent++;
      quota--;
    } catch (err) {
      console.warn(`announce: could not mail ${to}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return sent;
}

/**
 * Tells the events an execution's committed writes produced (ctx.events, emptied): call it after
 * the locked step has returned (its writes flushed), never inside it.
 */
export function tellPending(ctx: { events: TeamEvent[]; settings: { users: readonly TeamMember[] }; lang: Lang }): number {
  return announce(ctx.events.splice(0), ctx.settings.users, ctx.lang);
}
