import { langOfLocale, type Lang } from '../schema';
import { parseSettings, type Settings, type SettingsRow } from '../core';
import { SheetStore } from '../store';

/** What one execution knows: the store (with its per-execution read cache), settings, who and when. */
export interface Context {
  store: SheetStore;
  settings: Settings;
  lang: Lang;
  user: string;
  timeZone: string;
  /** 'YYYY-MM-DD HH:mm' in the spreadsheet time zone, fixed for the execution. */
  now: string;
}

export function currentUser(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || 'unknown';
}

/**
 * Opens the active spreadsheet. Settings (one tab, one read) give the time zone and locale that
 * setup recorded, so no extra metadata call is needed per execution.
 */
export function openContext(): Context {
  const store = new SheetStore({
    spreadsheet: SpreadsheetApp.getActiveSpreadsheet(),
    lock: LockService.getScriptLock(),
    formatDate: (d, tz, pattern) => Utilities.formatDate(d, tz, pattern),
    flush: () => SpreadsheetApp.flush(),
    timeZone: Session.getScriptTimeZone(),
    lang: langOfLocale(Session.getActiveUserLocale()),
  });
  const settings = parseSettings(store.load('settings').records as unknown as SettingsRow[]);
  if (settings.params.timeZone) store.env.timeZone = settings.params.timeZone;
  if (settings.params.locale) store.env.lang = langOfLocale(settings.params.locale);
  const timeZone = store.env.timeZone;
  return {
    store,
    settings,
    lang: store.env.lang,
    user: currentUser(),
    timeZone,
    now: Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH:mm'),
  };
}
