import { DATA_TABLE_KEYS, tableDef, type Column, type DataTableKey } from '../../schema';
import { cellReader, type FormatDate } from '../../store';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** What handleEdit needs from an installable on-edit event. */
export interface EditEvent {
  range: Range;
  /** The single edited cell's previous value as Apps Script reports it (text; dates as serial numbers). */
  oldValue: string | undefined;
  /** Who typed, when Apps Script says (often blank for consumer accounts and other domains). */
  editor: string;
}

function hasMethod(o: unknown, name: string): boolean {
  return typeof o === 'object' && o !== null && typeof (o as Record<string, unknown>)[name] === 'function';
}

/** The event's parts, or null for anything that is not an edit event (a direct call, a test poke). */
export function readEvent(e: unknown): EditEvent | null {
  if (typeof e !== 'object' || e === null) return null;
  const ev = e as { range?: unknown; oldValue?: unknown; user?: unknown };
  if (!hasMethod(ev.range, 'getSheet') || !hasMethod(ev.range, 'getRow')) return null;
  // Only the event says who typed: the script itself runs as the trigger's installer.
  const editor = hasMethod(ev.user, 'getEmail') ? String((ev.user as GoogleAppsScript.Base.User).getEmail() ?? '') : '';
  return { range: ev.range as Range, oldValue: typeof ev.oldValue === 'string' ? ev.oldValue : undefined, editor };
}

/** The data table a tab holds (by its zh or en title), or null for other tabs. */
export function tableOfTab(name: string): DataTableKey | null {
  return DATA_TABLE_KEYS.find((k) => tableDef(k).tab.zh === name || tableDef(k).tab.en === name) ?? null;
}

/** Sheets serial day number (days since 1899-12-30, wall clock) → 'YYYY-MM-DD[ HH:mm]'. */
function serialToText(serial: number, withTime: boolean, withSeconds: boolean, formatDate: FormatDate): string {
  const wall = new Date(Math.round((serial - 25569) * 86400) * 1000);
  return formatDate(wall, 'UTC', withTime ? (withSeconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm') : 'yyyy-MM-dd');
}

/** The canonical form of e.oldValue in a column (null when the cell was empty). */
export function previousValue(col: Column, oldValue: string | undefined, timeZone: string, formatDate: FormatDate): unknown {
  if (oldValue === undefined || oldValue === '') return col.kind === 'tags' ? [] : col.kind === 'bool' ? false : null;
  if ((col.kind === 'date' || col.kind === 'datetime') && /^\d+(\.\d+)?$/.test(oldValue)) {
    return serialToText(Number(oldValue), col.kind === 'datetime', col.seconds === true, formatDate);
  }
  return cellReader(col, timeZone, formatDate)(oldValue);
}
