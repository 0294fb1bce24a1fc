/**
 * Keeps operations independent on one workbook per size without cloning it (a clone of the 100k
 * workbook costs seconds and gigabytes): after a write, the rows it appended are cleared and every
 * tab's grid is set back, host-side and uncounted. In-place edits (a changed region, a bumped
 * version) stay; no later operation's calls or cell counts depend on them.
 */
import type { Workbook } from '../src/runtime';

interface TabMark {
  lastRow: number;
  maxRows: number;
  maxColumns: number;
}

export type Snapshot = Map<string, TabMark>;

export function snapshot(workbook: Workbook): Snapshot {
  const marks: Snapshot = new Map();
  for (const s of workbook.sheets) marks.set(s.name, { lastRow: s.extent().lastRow, maxRows: s.maxRows, maxColumns: s.maxColumns });
  return marks;
}

/** Clears what was appended below each tab's former last row and restores its grid size. */
export function rollback(workbook: Workbook, marks: Snapshot): void {
  for (const s of workbook.sheets) {
    const mark = marks.get(s.name);
    if (!mark) continue; // a tab the operation created (none of the measured ones do)
    const { lastRow } = s.extent();
    if (lastRow > mark.lastRow) s.clearValues({ row: mark.lastRow + 1, col: 1, numRows: lastRow - mark.lastRow, numCols: Math.max(s.maxColumns, mark.maxColumns) });
    s.maxRows = mark.maxRows;
    s.maxColumns = mark.maxColumns;
  }
}
