/**
 * The calendar sync: brings the running user's default calendar in line with their follow-ups,
 * in one locked step. CalendarApp reaches only the running user's calendars, so a follow-up's
 * event is made, moved or removed only by an execution of its owner: right after their own save
 * (the sidebar calls syncMyCalendar with the IDs it saved), or by their hourly trigger (installed
 * when they opted in; it runs as them), which picks up what others changed (a manager's save, a
 * typed edit, a delete) from the rows marked out of date.
 *
 * Never twice: each event's description ends with a marker naming the spreadsheet and the
 * follow-up (written by createEvent itself), and before making one the sync looks for events
 * already marked with it (an earlier run that made the event but was cut off before writing its
 * ID down): it adopts the first and deletes the others.
 */
import type { Values } from '../../core';
import {
  customerLink,
  EVENT_MINUTES,
  eventContent,
  eventMarker,
  formatEventRef,
  markedFollowUp,
  parseEventRef,
  REMINDER_MINUTES,
  SYNC_BATCH,
  wantsEvent,
  WINDOW_DAYS_AFTER,
  WINDOW_DAYS_BEFORE,
} from '../../core/calendar';
import { loadColumns, type RecordChange } from '../../store';
import type { Context } from '../context';
import { registryOf } from './registry';

export interface SyncReport {
  user: string;
  /** false: the user has not turned the calendar on (nothing was done). */
  optedIn: boolean;
  /** Follow-ups looked at. */
  checked: number;
  created: number;
  updated: number;
  removed: number;
  /** Marked follow-ups left for the next run (over the batch). */
  left: number;
  /** Follow-ups whose event is in this user's calendar after the run (ID → iCal ID). */
  events: Record<string, string>;
  /** A Calendar failure that stopped the run (what was done before it is kept). */
  failed: string | null;
}

type Event = GoogleAppsScript.Calendar.CalendarEvent;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD HH:mm' (or a date alone: 09:00) in the spreadsheet's zone as a Date; null when it is no such time. */
function startOf(ctx: Context, value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?/.exec(value);
  if (!m) return null;
  const d = Utilities.parseDate(`${m[1]} ${m[2] ?? '09:00'}`, ctx.timeZone, 'yyyy-MM-dd HH:mm');
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Syncs `ids` (the caller's own saves), or every marked follow-up of the user (ids null: the trigger). */
export function syncCalendar(ctx: Context, ids: readonly string[] | null): SyncReport {
  const user = ctx.user.toLowerCase();
  const registry = registryOf(ctx);
  const report: SyncReport = {
    user,
    optedIn: registry.users.includes(user),
    checked: 0,
    created: 0,
    updated: 0,
    removed: 0,
    left: 0,
    events: {},
    failed: null,
  };
  if (!report.optedIn) return report;
  return ctx.store.withLock(() => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const spreadsheetId = ss.getId();
    let wanted: string[];
    if (ids) wanted = [...new Set(ids)];
    else {
      // The trigger: marked rows that are this user's (as owner, or as the calendar holding their event).
      const cols = loadColumns(ctx.store, 'followUps', ['owner', 'calendarSync', 'calendarEvent']);
      const marked = cols.records
        .filter((r) => r.calendarSync === true && (text(r.owner).toLowerCase() === user || parseEventRef(r.calendarEvent)?.owner === user))
        .map((r) => String(r.id));
      wanted = marked.slice(0, SYNC_BATCH);
      report.left = marked.length - wanted.length;
    }
    const now = new Date();
    // What this user's calendar holds from the CRM around now: one fetch.
    const fetched = CalendarApp.getEvents(
      new Date(now.getTime() - WINDOW_DAYS_BEFORE * DAY_MS),
      new Date(now.getTime() + WINDOW_DAYS_AFTER * DAY_MS),
    );
    const byMarker = new Map<string, Event[]>();
    const byId = new Map<string, Event>();
    for (const e of fetched) {
      const f = markedFollowUp(e.getDescription(), spreadsheetId);
      if (!f) continue;
      byMarker.set(f, [...(byMarker.get(f) ?? []), e]);
      byId.set(e.getId(), e);
    }
    // The trigger also looks at follow-ups its events name (an orphan of an interrupted run, an
    // event left after the follow-up changed owner): each is kept only if its row still names it.
    if (!ids) for (const f of byMarker.keys()) if (!wanted.includes(f) && wanted.length < SYNC_BATCH * 2) wanted.push(f);
    ctx.store.lookups.prefetch({ tables: ['followUps'], ids: wanted.map((id) => ['followUps', id] as ['followUps', string]) });
    const rows: Values[] = wanted.flatMap((id) => {
      const r = ctx.store.record('followUps', id);
      return r ? [r as Values] : [];
    });
    // Events marked with a follow-up this spreadsheet does not have (a create that failed after its
    // event was made, its ID never written): nothing will ever name them, so they go.
    if (!ids) {
      const found = new Set(rows.map((r) => String(r.id)));
      for (const f of wanted.filter((x) => byMarker.has(x) && !found.has(x)))
        for (const e of byMarker.get(f) ?? []) {
          e.deleteEvent();
          report.removed++;
        }
    }
    const customers = [...new Set(rows.map((r) => text(r.customerId).toUpperCase()).filter(Boolean))];
    if (customers.length)
      ctx.store.lookups.prefetch({ tables: ['customers'], ids: customers.map((c) => ['customers', c] as ['customers', string]) });
    const spreadsheetUrl = ss.getUrl();
    const appUrl = text(ctx.settings.params.appUrl);
    const today = ctx.now.slice(0, 10);
    const optedIn = (u: string) => registry.users.includes(u);
    const changes: RecordChange[] = [];

    for (const r of rows) {
      report.checked++;
      try {
        const id = String(r.id);
        const ref = parseEventRef(r.calendarEvent);
        const mine = ref !== null && ref.owner === user;
        const ownerIsMe = text(r.owner).toLowerCase() === user;
        const start = ownerIsMe && wantsEvent(r, optedIn) ? startOf(ctx, text(r.nextPlanAt)) : null;
        let event: Event | null = mine && ref ? (byId.get(ref.id) ?? CalendarApp.getEventById(ref.id)) : null;
        const copies = (byMarker.get(id) ?? []).filter((e) => e.getId() !== event?.getId());
        if (!event && start && copies.length) event = copies.shift() ?? null;
        for (const c of copies) {
          c.deleteEvent();
          report.removed++;
        }
        let cell = text(r.calendarEvent);
        let sync = false;
        if (!start) {
          if (event) {
            event.deleteEvent();
            report.removed++;
            event = null;
          }
          if (mine) cell = '';
          // Someone else's event stays theirs to remove; a follow-up now another's waits for their sync.
          sync = (ref !== null && !mine) || (!ownerIsMe && wantsEvent(r, optedIn));
        } else {
          const customer = ctx.store.record('customers', text(r.customerId).toUpperCase());
          const link = customerLink(appUrl, spreadsheetUrl, text(r.customerId));
          const content = eventContent(r, text(customer?.name), link, ctx.lang, eventMarker(spreadsheetId, id));
          const end = new Date(start.getTime() + EVENT_MINUTES * 60_000);
          if (event) {
            let changed = false;
            if (event.getTitle() !== content.title) {
              event.setTitle(content.title);
              changed = true;
            }
            if (event.getStartTime().getTime() !== start.getTime() || event.getEndTime().getTime() !== end.getTime()) {
              event.setTime(start, end);
              changed = true;
            }
            if (event.getDescription() !== content.description) {
              event.setDescription(content.description);
              changed = true;
            }
            // An event adopted from a run cut off before its reminder was set.
            if (!event.getPopupReminders().includes(REMINDER_MINUTES)) event.addPopupReminder(REMINDER_MINUTES);
            if (changed) report.updated++;
          } else if (content.start.slice(0, 10) >= today) {
            // A next time already past gets no new event (opting in late does not fill the past).
            // The description's marker names the follow-up from the first call on (no separate tag to lose).
            event = CalendarApp.createEvent(content.title, start, end, { description: content.description });
            event.addPopupReminder(REMINDER_MINUTES);
            report.created++;
          }
          cell = event ? formatEventRef({ owner: user, id: event.getId() }) : '';
        }
        if (event) report.events[id] = event.getId();
        if (cell !== text(r.calendarEvent) || sync !== (r.calendarSync === true))
          changes.push({ id, changes: { calendarEvent: cell || null, calendarSync: sync } });
      } catch (e) {
        // A Calendar failure (quota, a service error): what was done so far is written down; the
        // rest stays marked for the next run, which finds any event made here by its marker.
        report.failed = e instanceof Error ? e.message : String(e);
        break;
      }
    }
    writeCalendarCells(ctx, changes);
    return report;
  });
}

/**
 * The two CRM-maintained cells, without a stamp or a log entry (derived values, like the daily
 * job's: an open form still saves). A rep may write them on a colleague's follow-up that their
 * calendar held (an owner change), so the store's role check lets exactly these through.
 */
function writeCalendarCells(ctx: Context, changes: RecordChange[]): void {
  if (!changes.length) return;
  const env = ctx.store.env;
  const checkWrite = env.authorizeWrite;
  const allowed = new Set(changes.map((c) => c.id));
  env.authorizeWrite = (t, before, after, planned) => {
    if (t === 'followUps' && before && allowed.has(String(before.id))) return;
    checkWrite?.(t, before, after, planned);
  };
  try {
    ctx.store.updateMany('followUps', changes);
  } finally {
    env.authorizeWrite = checkWrite;
  }
}
