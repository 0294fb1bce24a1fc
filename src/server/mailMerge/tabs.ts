import { tableDef, type TableKey } from '../../schema';
import type { Values } from '../../core';
import { cellWriter, consecutiveRuns, type ColumnTable, type SheetStore } from '../../store';

/**
 * Rewrites cells of a log tab's rows in place (the mailings' counts, the recipients' statuses):
 * one block per run of adjacent rows and adjacent columns, queued with the store's writes (one
 * batched write at the end of the locked step).
 */
export function writeRows(store: SheetStore, t: ColumnTable, name: string, updates: ReadonlyMap<number, Values>): void {
  if (!updates.size) return;
  const def = tableDef(t.key as TableKey);
  const fields = [...new Set([...updates.values()].flatMap((u) => Object.keys(u)))];
  const cols = fields
    .map((f) => ({ f, at: t.layout.index.get(f), col: def.columns.find((c) => c.key === f) }))
    .filter((c): c is { f: string; at: number; col: NonNullable<typeof c.col> } => c.at !== undefined && !!c.col)
    .sort((a, b) => a.at - b.at);
  const colRuns: (typeof cols)[] = [];
  for (const c of cols) {
    const last = colRuns[colRuns.length - 1];
    if (last && last[last.length - 1].at === c.at - 1) last.push(c);
    else colRuns.push([c]);
  }
  for (const cr of colRuns) {
    const rows = [...updates.keys()].filter((r) => cr.some((c) => c.f in (updates.get(r) as Values)));
    for (const run of consecutiveRuns(rows)) {
      const span: number[] = [];
      for (let r = run.start; r <= run.end; r++) span.push(r);
      // A cell not changed in a row of the span is written as read (the column read holds it).
      const at = new Map(t.rowNumbers.map((row, i) => [row, t.records[i]]));
      const values = span.map((r) =>
        cr.map((c) => {
          const u = updates.get(r) as Values;
          return cellWriter(c.col, store.env.lang)(c.f in u ? u[c.f] : (at.get(r)?.[c.f] ?? null));
        }),
      );
      store.queueWrite({ sheet: name, row: run.start, column: cr[0].at + 1, numRows: span.length, numColumns: cr.length }, values);
    }
  }
}
