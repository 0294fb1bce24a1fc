import { tableDef } from '../../schema';
import type { Values } from '../../core';
import { cellWriter, consecutiveRuns, type Layout, type SheetStore } from '../../store';

/** Document properties the notifications keep (small: flags, counters, recent send times, signing secrets). */
export const NOTIFY_PROPS = {
  /** '1' while the outbox may hold messages to send: the delivery trigger's idle runs read only this. */
  pending: 'crm.notify.pending',
  /** JSON { url: [ms, ...] }: each robot's requests of the last minute (its rate limit). */
  rate: 'crm.notify.rate',
  /** JSON { day, count }: UrlFetch calls made (or reserved) today, against the daily quota. */
  fetches: 'crm.notify.fetches',
  /** Prefix of a hook's 钉钉 signing secret (kept off the settings tab). */
  secret: 'crm.notify.secret.',
} as const;

/** Whether a tab is the outbox (by its zh or en title). */
export function isOutboxTab(name: string): boolean {
  const tab = tableDef('outbox').tab;
  return name === tab.zh || name === tab.en;
}

export function documentProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

/** One message for the outbox tab, as queued. */
export interface OutboxRow {
  queuedAt: string;
  hook: string;
  event: string;
  recordId: string;
  person: string;
  text: string;
}

/**
 * Appends messages to the outbox tab in one locked step (one block write) and raises the pending
 * flag, so the next delivery run sends them. Throws when the lock cannot be had or the tab is
 * missing (announce then falls back to mail).
 */
export function queueMessages(store: SheetStore, rows: readonly OutboxRow[]): void {
  if (!rows.length) return;
  store.withLock(() => {
    store.append(
      'outbox',
      rows.map((r) => ({ ...r, status: '待发送', attempts: 0, nextAt: null, lastAt: null, error: null })),
    );
  });
  documentProperties().setProperty(NOTIFY_PROPS.pending, '1');
}

/** The outbox columns the delivery run rewrites in place. */
export const MUTABLE = ['status', 'attempts', 'nextAt', 'lastAt', 'error'] as const;

/**
 * Rewrites the mutable cells of outbox rows: one setValues per run of adjacent rows and adjacent
 * columns (the mutable columns are adjacent on a tab setup made). Queued with the store's writes
 * (sent at once outside a locked step).
 */
export function writeOutboxRows(store: SheetStore, sheetName: string, layout: Layout, updates: ReadonlyMap<number, Values>): void {
  if (!updates.size) return;
  const def = tableDef('outbox');
  const cols = MUTABLE.map((f) => ({ f, at: layout.index.get(f), col: def.columns.find((c) => c.key === f) }))
    .filter((c): c is { f: (typeof MUTABLE)[number]; at: number; col: NonNullable<typeof c.col> } => c.at !== undefined && !!c.col)
    .sort((a, b) => a.at - b.at);
  const colRuns: (typeof cols)[] = [];
  for (const c of cols) {
    const last = colRuns[colRuns.length - 1];
    if (last && last[last.length - 1].at === c.at - 1) last.push(c);
    else colRuns.push([c]);
  }
  for (const run of consecutiveRuns([...updates.keys()].sort((a, b) => a - b))) {
    const rows: number[] = [];
    for (let r = run.start; r <= run.end; r++) rows.push(r);
    for (const cr of colRuns) {
      const values = rows.map((r) => cr.map((c) => cellWriter(c.col, store.env.lang)((updates.get(r) as Values)[c.f])));
      store.queueWrite({ sheet: sheetName, row: run.start, column: cr[0].at + 1, numRows: rows.length, numColumns: cr.length }, values);
    }
  }
}
