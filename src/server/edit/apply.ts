import type { Lang } from '../../schema';
import { isCrmNote, MARK_BACKGROUND, type CellMark, type CellWrite } from '../../core/edits';
import { cellWriter, consecutiveRuns, rewrite, spanBlocks, type LoadedTable, type SheetStore } from '../../store';
import { a1 } from '../summaries/layout';

type Cell = string | number | boolean | Date;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Queues the planned values for the store's one batched write, with the log rows (see spanBlocks, without bridging: only written columns are touched,
 * so the user's own cells and columns stay as typed). Rows the plan writes are rewritten as read
 * apart from their planned cells.
 */
export function writeValues(store: SheetStore, t: LoadedTable, writes: readonly CellWrite[], lang: Lang): void {
  if (!t.sheet || !writes.length) return;
  const fresh = new Map<number, Cell[]>();
  const keys = new Set<string>();
  for (const w of writes) {
    const at = t.layout.index.get(w.field);
    const col = t.def.columns.find((c) => c.key === w.field);
    if (at === undefined || !col) continue;
    let row = fresh.get(w.rowNumber);
    if (!row) fresh.set(w.rowNumber, (row = (t.grid[w.rowNumber - 1] ?? []).map(rewrite)));
    row[at] = cellWriter(col, lang)(w.value);
    keys.add(w.field);
  }
  for (const b of spanBlocks(t.layout, [...keys], fresh, (r) => t.grid[r - 1], { bridge: false, maxGap: t.full ? undefined : 1 })) {
    store.queueWrite({ sheet: t.name, row: b.row, column: b.column, numRows: b.values.length, numColumns: b.values[0].length }, b.values);
  }
}

/**
 * Sets the planned notes (one getNotes and at most one setNotes over the block they span; people's
 * own notes are kept) and the highlight of marked cells (one call per colour, through a RangeList).
 * A cleared mark only removes the CRM's own note and highlight.
 */
export function writeMarks(sheet: Sheet, t: LoadedTable, marks: readonly CellMark[]): void {
  const placed = marks
    .map((m) => ({ ...m, col: t.layout.index.get(m.field) }))
    .filter((m): m is CellMark & { col: number } => m.col !== undefined);
  if (!placed.length) return;
  const top = Math.min(...placed.map((m) => m.rowNumber));
  const left = Math.min(...placed.map((m) => m.col));
  const bottom = Math.max(...placed.map((m) => m.rowNumber));
  const right = Math.max(...placed.map((m) => m.col));
  const range = sheet.getRange(top, left + 1, bottom - top + 1, right - left + 1);
  const notes = range.getNotes();
  const marked = new Map<number, number[]>();
  const cleared = new Map<number, number[]>();
  let changed = false;
  for (const m of placed) {
    const i = m.rowNumber - top;
    const j = m.col - left;
    const current = notes[i][j] ?? '';
    if (m.note !== null) {
      if (current !== m.note) {
        notes[i][j] = m.note;
        changed = true;
      }
      marked.set(m.col, [...(marked.get(m.col) ?? []), m.rowNumber]);
    } else if (isCrmNote(current)) {
      notes[i][j] = '';
      changed = true;
      cleared.set(m.col, [...(cleared.get(m.col) ?? []), m.rowNumber]);
    }
  }
  if (changed) range.setNotes(notes);
  const paint = (cells: Map<number, number[]>, colour: string | null) => {
    const list = [...cells].flatMap(([col, rows]) =>
      consecutiveRuns(rows).map((r) => a1({ row: r.start, column: col + 1, numRows: r.end - r.start + 1, numColumns: 1 })),
    );
    if (list.length) sheet.getRangeList(list).setBackground(colour);
  };
  paint(marked, MARK_BACKGROUND);
  paint(cleared, null);
}

/** Marks the top-left cell of an edit that could not be processed (a person's own note is kept). */
export function markCell(range: GoogleAppsScript.Spreadsheet.Range, note: string): void {
  const cell = range.getCell(1, 1);
  const current = cell.getNote();
  if (current === '' || isCrmNote(current)) cell.setNote(note);
  cell.setBackground(MARK_BACKGROUND);
}
