import { SUMMARY_KEYS, SUMMARY_SOURCES, type SummaryKey, type SummaryTableKey } from '../../core/summaries';
import { keyColumn, sentinelOf, tabExtent, type SheetStore } from '../../store';

type Properties = GoogleAppsScript.Properties.Properties;

/** Document property holding the last rebuild's fingerprint and the tabs still to write. */
export const STATE_PROPERTY = 'crm.summaries.state';

export interface RebuildState {
  fingerprint: string;
  /** Tabs a run that hit its time budget left for the next run. */
  pending: SummaryKey[];
  /** Hash of the lists tab (option lists and owners) the last rebuild left. */
  lists: string;
  /** Per tab, the chartsPrint of the charts the last rebuild left there (writeBlock.ts). */
  charts: Partial<Record<SummaryKey, string>>;
}

export function readState(props: Properties): RebuildState {
  try {
    const raw = JSON.parse(props.getProperty(STATE_PROPERTY) ?? 'null') as Partial<RebuildState> | null;
    const pending = Array.isArray(raw?.pending) ? raw.pending.filter((k): k is SummaryKey => SUMMARY_KEYS.includes(k as SummaryKey)) : [];
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const charts: Partial<Record<SummaryKey, string>> = {};
    const rawCharts: unknown = raw?.charts;
    if (typeof rawCharts === 'object' && rawCharts !== null) {
      for (const [k, v] of Object.entries(rawCharts))
        if (SUMMARY_KEYS.includes(k as SummaryKey) && typeof v === 'string') charts[k as SummaryKey] = v;
    }
    return { fingerprint: text(raw?.fingerprint), pending, lists: text(raw?.lists), charts };
  } catch {
    return { fingerprint: '', pending: [], lists: '', charts: {} };
  }
}

/** `also`: other document properties to write in the same call (one round trip for all). */
export function writeState(props: Properties, state: RebuildState, also: readonly [string, string][] = []): void {
  if (also.length) props.setProperties(Object.fromEntries([[STATE_PROPERTY, JSON.stringify(state)], ...also]));
  else props.setProperty(STATE_PROPERTY, JSON.stringify(state));
}

/** FNV-1a, enough to tell two fingerprints apart in a 9 KB property. */
export function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/**
 * What the summaries depend on, cheaply: the day (periods and "overdue" move with it), the last
 * row of every source tab and of the change log (saves, imports and typed edits all append
 * history), and the filter cells. One extent read per tab (getDataRange): O(1) calls, never a full
 * read; the rebuild's column reads reuse it.
 */
export function fingerprint(store: SheetStore, today: string, filterCells: unknown): string {
  const sizes = SUMMARY_SOURCES.map((key) => tabExtent(store, key).lastRow);
  return hash(JSON.stringify([today, store.env.lang, sizes, filterCells]));
}

/**
 * The sentinel cell (row 3 of the key index tab) standing for each source table: a live COUNTA of
 * its ID column (the change log's record IDs) with the indexed range's count, first row and height.
 * Rows with an ID appended or deleted anywhere change it (as they change the tab's last row; a row
 * without one is no record to the reports), so with the sentinel row read in the rebuild's first
 * batched read the fingerprint needs no extent per tab.
 */
export function sentinelColumns(): Record<SummaryTableKey, number> {
  const out = {} as Record<SummaryTableKey, number>;
  for (const key of SUMMARY_SOURCES) {
    const column = key === 'history' ? keyColumn('history', 'customer') : keyColumn(key, 'id');
    if (!column) throw new Error(`summaries: no key index column for ${key}`);
    out[key] = sentinelOf(column).column;
  }
  return out;
}

/**
 * The fingerprint from the sentinel row read; a table whose sentinel is blank (its index was never
 * built, so no formula yet) is measured as before, by its extent (one round trip each).
 */
export function sentinelFingerprint(store: SheetStore, today: string, filterCells: unknown, sentinels: readonly unknown[] | null): string {
  const columns = sentinelColumns();
  const sizes = SUMMARY_SOURCES.map((key) => {
    const v = sentinels?.[columns[key] - 1];
    return v === undefined || v === null || v === '' ? tabExtent(store, key).lastRow : String(v);
  });
  return hash(JSON.stringify([today, store.env.lang, sizes, filterCells]));
}
