import { SUMMARY_KEYS, SUMMARY_SOURCES, type SummaryKey } from '../../core/summaries';
import { tabExtent, type SheetStore } from '../../store';

type Properties = GoogleAppsScript.Properties.Properties;

/** Document property holding the last rebuild's fingerprint and the tabs still to write. */
export const STATE_PROPERTY = 'crm.summaries.state';

export interface RebuildState {
  fingerprint: string;
  /** Tabs a run that hit its time budget left for the next run. */
  pending: SummaryKey[];
  /** Hash of the lists tab (option lists and owners) the last rebuild left. */
  lists: string;
}

export function readState(props: Properties): RebuildState {
  try {
    const raw = JSON.parse(props.getProperty(STATE_PROPERTY) ?? 'null') as Partial<RebuildState> | null;
    const pending = Array.isArray(raw?.pending) ? raw.pending.filter((k): k is SummaryKey => SUMMARY_KEYS.includes(k as SummaryKey)) : [];
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return { fingerprint: text(raw?.fingerprint), pending, lists: text(raw?.lists) };
  } catch {
    return { fingerprint: '', pending: [], lists: '' };
  }
}

export function writeState(props: Properties, state: RebuildState): void {
  props.setProperty(STATE_PROPERTY, JSON.stringify(state));
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
