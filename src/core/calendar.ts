/**
 * Follow-ups on the calendar, the pure part: which follow-ups want an event in whose calendar,
 * what the event says, and the two CRM-maintained cells that tie a follow-up to its event
 * (docs/WORKSPACE.md, "Follow-ups on the calendar").
 *
 * - `calendarEvent`: `<email> <iCal ID>`, the event and the calendar it lives in (its owner's
 *   default calendar when it was made: CalendarApp reaches only the running user's calendars, so
 *   the cell says whose sync may change or remove it).
 * - `calendarSync`: the event is out of date (a change its owner's sync has not applied yet).
 */
import type { Lang } from '../schema';
import type { Values } from './validate';

/** Minutes an event lasts, and its popup reminder's lead. */
export const EVENT_MINUTES = 30;
export const REMINDER_MINUTES = 15;
/** What the sync looks through for events it made (orphans of an interrupted run, stale copies): days back and ahead of now. */
export const WINDOW_DAYS_BEFORE = 31;
export const WINDOW_DAYS_AFTER = 400;
/** Follow-ups one sync run handles at most (the rest wait for the next run). */
export const SYNC_BATCH = 100;
/** The follow-up's fields an event shows or depends on. */
export const CALENDAR_FIELDS = ['nextPlanAt', 'nextPlan', 'customerId', 'owner', 'deleted'] as const;

export interface EventRef {
  owner: string;
  id: string;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

export function parseEventRef(cell: unknown): EventRef | null {
  const m = /^(\S+@\S+)\s+(\S+)$/.exec(text(cell));
  return m ? { owner: m[1].toLowerCase(), id: m[2] } : null;
}

export function formatEventRef(ref: EventRef | null): string {
  return ref ? `${ref.owner} ${ref.id}` : '';
}

/** Whether the follow-up wants an event in its owner's calendar (a live follow-up with a next time, its owner opted in). */
export function wantsEvent(f: Values, optedIn: (user: string) => boolean): boolean {
  return f.deleted !== true && text(f.nextPlanAt) !== '' && text(f.owner) !== '' && optedIn(text(f.owner).toLowerCase());
}

/**
 * Whether a write of `after` over `before` (null: a new follow-up) puts the follow-up's event out
 * of date: a field the event shows changed, and there is an event or one is wanted.
 */
export function calendarOutOfDate(before: Values | null, after: Values, optedIn: (user: string) => boolean): boolean {
  const changed = before === null || CALENDAR_FIELDS.some((f) => text(before[f]) !== text(after[f]));
  if (!changed) return false;
  return parseEventRef(after.calendarEvent) !== null || wantsEvent(after, optedIn);
}

/** Whether a write could need the calendar's registry (a change of a field the event shows, with an event or a next time). */
export function calendarMayChange(before: Values | null, after: Values): boolean {
  const changed = before === null || CALENDAR_FIELDS.some((f) => text(before[f]) !== text(after[f]));
  return changed && (parseEventRef(after.calendarEvent) !== null || text(after.nextPlanAt) !== '');
}

export interface EventContent {
  title: string;
  /** 'YYYY-MM-DD HH:mm' in the spreadsheet's time zone. */
  start: string;
  description: string;
}

/**
 * The description's last line: which spreadsheet's follow-up the event is (a person may use two
 * CRMs). Written by createEvent itself, so an event a run made just before it was cut off is known.
 */
export function eventMarker(spreadsheetId: string, followUpId: string): string {
  return `CRM ${spreadsheetId} ${followUpId}`;
}

/** The follow-up ID an event's description marks, for this spreadsheet; null when none. */
export function markedFollowUp(description: string, spreadsheetId: string): string | null {
  const last = description.slice(description.lastIndexOf('\n') + 1);
  const m = /^CRM (\S+) ([A-Z]{1,3}\d{11,})$/.exec(last);
  return m && m[1] === spreadsheetId ? m[2] : null;
}

/** The event a follow-up shows: the customer and the next plan in the title, the way back in the description. */
export function eventContent(f: Values, customerName: string, link: string, lang: Lang, marker = ''): EventContent {
  const customer = customerName || text(f.customerId);
  const plan = text(f.nextPlan);
  const zh = lang === 'zh';
  const title = zh ? `跟进：${customer}${plan ? ` · ${plan}` : ''}` : `Follow up: ${customer}${plan ? ` · ${plan}` : ''}`;
  const content = text(f.content);
  const lines = zh
    ? [
        `客户：${customer}（${text(f.customerId)}）`,
        plan ? `下次跟进计划：${plan}` : '',
        `跟进记录 ${text(f.id)}：${content.length > 300 ? `${content.slice(0, 300)}…` : content}`,
        link ? `在 CRM 中打开：${link}` : '',
      ]
    : [
        `Customer: ${customer} (${text(f.customerId)})`,
        plan ? `Next plan: ${plan}` : '',
        `Follow-up ${text(f.id)}: ${content.length > 300 ? `${content.slice(0, 300)}…` : content}`,
        link ? `Open in the CRM: ${link}` : '',
      ];
  return { title, start: text(f.nextPlanAt).slice(0, 16), description: [...lines, marker].filter(Boolean).join('\n') };
}

/** The way back to the customer: the web app's deep link when the team app is deployed (appUrl), else the spreadsheet. */
export function customerLink(appUrl: string, spreadsheetUrl: string, customerId: string): string {
  const app = appUrl.trim();
  if (app) return `${app}${app.includes('?') ? '&' : '?'}customer=${encodeURIComponent(customerId)}`;
  return spreadsheetUrl;
}

/** The opt-in registry (a document property everyone's executions read): who wants their follow-ups on their calendar. */
export interface CalendarRegistry {
  users: string[];
}

export function parseRegistry(raw: string | null): CalendarRegistry {
  try {
    const v = JSON.parse(raw ?? 'null') as { users?: unknown } | null;
    const users = Array.isArray(v?.users) ? v.users.filter((u): u is string => typeof u === 'string').map((u) => u.toLowerCase()) : [];
    return { users: [...new Set(users)] };
  } catch {
    return { users: [] };
  }
}
