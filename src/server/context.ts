import { langOfLocale, tableDef, type Lang } from '../schema';
import { parseSettings, type SaveContext, type Settings } from '../core';
import { SheetStore, type LookupPlan } from '../store';
import { Authority, currentScope } from './auth';
import type { TeamEvent } from './notify/announce';

/** What one execution knows: the store (with its per-execution read cache), settings, who and when. */
export interface Context {
  store: SheetStore;
  settings: Settings;
  lang: Lang;
  user: string;
  timeZone: string;
  /** 'YYYY-MM-DD HH:mm' in the spreadsheet time zone, fixed for the execution. */
  now: string;
  /** The same moment to the second, 'YYYY-MM-DD HH:mm:ss': what updatedAt stamps start from (see core's nextUpdatedAt). */
  clock: string;
  /** The user's roles; the store asks it before every write to a data table. */
  auth: Authority;
  /**
   * Events for people (assignments, pool warnings...) that this execution's writes produced: told
   * by tellPending (src/server/notify) once the writes are committed, never before.
   */
  events: TeamEvent[];
}

/** Who saves, when and in which language: what the save rules (defaults, derived values) need. */
export const saveContext = (ctx: Context): SaveContext => ({ user: ctx.user, now: ctx.now, lang: ctx.lang });

/**
 * Who runs this execution. The active user, else the effective user: they differ only in
 * installable triggers, where a time-driven run has no active user and acts as its installer
 * (handleEdit, the one event-driven trigger, identifies the editor itself).
 */
export function currentUser(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || 'unknown';
}

function createContext(plan?: LookupPlan): Context {
  const store = new SheetStore({
    spreadsheet: SpreadsheetApp.getActiveSpreadsheet(),
    lock: LockService.getScriptLock(),
    formatDate: (d, tz, pattern) => Utilities.formatDate(d, tz, pattern),
    flush: () => SpreadsheetApp.flush(),
    timeZone: Session.getScriptTimeZone(),
    lang: langOfLocale(Session.getActiveUserLocale()),
    // (A script not bound to a document has no document properties: its steps go unprotected.)
    properties: () => (typeof PropertiesService === 'undefined' ? null : PropertiesService.getDocumentProperties()),
  });
  // The settings tab and the operation's first key lookups: one batched read.
  const settings = parseSettings(store.loadSmall('settings', plan).records);
  if (settings.params.timeZone) store.env.timeZone = settings.params.timeZone;
  if (settings.params.locale) store.env.lang = langOfLocale(settings.params.locale);
  const timeZone = store.env.timeZone;
  const user = currentUser();
  const auth = new Authority(user === 'unknown' ? '' : user, settings, store.env.lang);
  store.env.authorizeWrite = (table, before, after, planned) =>
    auth.checkWrite(table, before, after, (t, id) => planned?.(t, id) ?? store.record(t, id), tableDef(table).tab[store.env.lang]);
  const clock = Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH:mm:ss');
  const now = clock.slice(0, 16);
  store.env.now = now;
  return { store, settings, lang: store.env.lang, user, timeZone, auth, now, clock, events: [] };
}

/**
 * Opens the active spreadsheet. Settings (one tab, one read) give the time zone and locale that
 * setup recorded, so no extra metadata call is needed per execution; `plan` names what the
 * operation will look up by key, read in the same round trip. Within an entry point's
 * scope the same context is returned every time (the role check already opened it).
 */
export function openContext(plan?: LookupPlan): Context {
  const scope = currentScope<Context>();
  if (scope?.ctx) {
    if (plan) scope.ctx.store.lookups.prefetch(plan);
    return scope.ctx;
  }
  const ctx = createContext(plan);
  if (scope) scope.ctx = ctx;
  return ctx;
}
