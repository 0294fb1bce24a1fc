import { history } from '../schema';
import type { HistoryEntry } from '../core';
import { escapeText, isDate } from './cells';

export type { HistoryEntry };

/** A cell holds at most 50,000 characters; history values are cut below that. */
const MAX_CELL = 45000;

function historyCell(key: string, e: HistoryEntry): string {
  const v = (e as unknown as Record<string, unknown>)[key];
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : isDate(v) ? v.toISOString() : JSON.stringify(v);
  // The time stays parseable so Sheets stores a real date-time people can sort and filter.
  if (key === 'time') return s;
  return escapeText(s.length > MAX_CELL ? `${s.slice(0, MAX_CELL)}…` : s);
}

/** Change-log rows in the log's fixed column order (the log is the CRM's own tab). */
export function historyRows(entries: readonly HistoryEntry[]): string[][] {
  return entries.map((e) => history.columns.map((c) => historyCell(c.key, e)));
}
