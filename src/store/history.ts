import { history } from '../schema';
import type { HistoryEntry } from '../core';
import { escapeText, isDate } from './cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export type { HistoryEntry };

/** Blank rows added when the history grid is full, so most multi-row appends need no insert. */
const HISTORY_SPARE_ROWS = 500;
/** A cell holds at most 50,000 characters; history values are cut below that. */
const MAX_CELL = 45000;

export function historyCell(key: string, e: HistoryEntry): string {
  const v = (e as unknown as Record<string, unknown>)[key];
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : isDate(v) ? v.toISOString() : JSON.stringify(v);
  // The time stays parseable so Sheets stores a real date-time people can sort and filter.
  if (key === 'time') return s;
  return escapeText(s.length > MAX_CELL ? `${s.slice(0, MAX_CELL)}…` : s);
}

/**
 * Appends change-log rows (fixed column order, the log is the CRM's own tab). One entry is one
 * appendRow; several are one block after the last row, inserting spare rows when the grid is full.
 */
export function writeHistory(sheet: Sheet, entries: readonly HistoryEntry[]): void {
  if (!entries.length) return;
  const rows = entries.map((e) => history.columns.map((c) => historyCell(c.key, e)));
  if (rows.length === 1) {
    sheet.appendRow(rows[0]);
    return;
  }
  const last = sheet.getLastRow();
  try {
    sheet.getRange(last + 1, 1, rows.length, rows[0].length).setValues(rows);
  } catch (e) {
    if (!/outside the dimensions|out of bounds/i.test(String(e))) throw e;
    sheet.insertRowsAfter(Math.max(last, 1), rows.length + HISTORY_SPARE_ROWS);
    sheet.getRange(last + 1, 1, rows.length, rows[0].length).setValues(rows);
  }
}
