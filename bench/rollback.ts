/**
 * Keeps operations independent on one workbook per size without cloning it (a clone of the 100k
 * workbook costs seconds and gigabytes). `snapshot` starts a journal: from then on every cell the
 * operation writes (its value and formula, through the model's setCell / formulas / clearValues,
 * which every service write goes through) is remembered as it was before the first write.
 * `rollback` puts those cells back, clears what was appended, restores every tab's grid size and
 * the document properties (the digest's "sent today" stamp), host-side and uncounted. So in-place
 * edits are undone too: the `_crm_index` tab (directories, sentinel counts, append hints), search
 * keys, a merged customer, a bumped version. What is not restored: formats, validations and
 * protections (only the setup operations change them; no later operation's counts depend on them),
 * and the document cache (getCapacity's answer, measured in its own order).
 */
import type { Workbook } from '../src/runtime';
import type { Runtime } from '../src/runtime';
import type { CellValue } from '../src/runtime/emulator/model/cellValue';
import type { SheetModel } from '../src/runtime/emulator/model/sheetModel';

interface TabMark {
  lastRow: number;
  maxRows: number;
  maxColumns: number;
}

/** Each written cell's value and formula before the first write since the snapshot. */
type Journal = Map<SheetModel, Map<string, { row: number; col: number; value: CellValue | undefined; formula: string | undefined }>>;

export interface Snapshot {
  marks: Map<string, TabMark>;
  journal: Journal;
  properties: Record<string, string> | null;
  /** Row or column inserts/deletes inside the data: cell positions moved, the journal cannot undo them. */
  moved: string[];
  /** Tabs whose rows the measured code may move (its own scratch tabs): not checked. */
  free: ReadonlySet<string>;
}

interface Raw {
  rows: (CellValue[] | undefined)[];
}

const TRACKED = Symbol('bench-journal');
type Tracked = SheetModel & { [TRACKED]?: { current: Journal | null; paused: boolean } };

/** Wraps a tab's write paths once; the wrappers record into whichever journal is current. */
function track(sheet: Tracked, snap: Snapshot): void {
  if (!sheet[TRACKED]) {
    const state = { current: null as Journal | null, paused: false };
    sheet[TRACKED] = state;
    const raw = sheet as unknown as Raw;
    const remember = (row: number, col: number) => {
      const j = state.current;
      if (!j || state.paused) return;
      let cells = j.get(sheet);
      if (!cells) j.set(sheet, (cells = new Map()));
      const key = `${row}:${col}`;
      if (!cells.has(key)) cells.set(key, { row, col, value: raw.rows[row - 1]?.[col - 1], formula: sheet.formulas.get(row, col) });
    };
    const setCell = sheet.setCell.bind(sheet);
    sheet.setCell = (row, col, value) => {
      remember(row, col);
      setCell(row, col, value);
    };
    const setFormula = sheet.formulas.set.bind(sheet.formulas);
    sheet.formulas.set = (row, col, value) => {
      remember(row, col);
      setFormula(row, col, value);
    };
    const clearValues = sheet.clearValues.bind(sheet);
    sheet.clearValues = (ref) => {
      if (state.current && !state.paused) {
        const end = Math.min(ref.row + ref.numRows - 1, raw.rows.length);
        for (let r = ref.row; r <= end; r++) {
          const cells = raw.rows[r - 1];
          for (let c = ref.col; c < ref.col + ref.numCols && (cells ? c <= cells.length : false); c++) remember(r, c);
        }
        for (const [r, c] of sheet.formulas.entries())
          if (r >= ref.row && r < ref.row + ref.numRows && c >= ref.col && c < ref.col + ref.numCols) remember(r, c);
      }
      clearValues(ref);
    };
    for (const name of ['insertRows', 'deleteRows', 'insertColumns', 'deleteColumns'] as const) {
      const original = sheet[name].bind(sheet);
      sheet[name] = (at: number, count: number) => {
        const { lastRow, lastColumn } = sheet.extent();
        const inside = name.endsWith('Rows') ? at <= lastRow : at <= lastColumn;
        const snap = state.current && !state.paused ? snapCurrent.get(state.current) : undefined;
        // Tabs the operation created itself are not the generated workbook's: moving their cells is fine.
        if (snap && inside && snap.marks.has(sheet.name) && !snap.free.has(sheet.name))
          snap.moved.push(`${sheet.name}.${name}(${at}, ${count})`);
        original(at, count);
      };
    }
  }
  const state = (sheet as Tracked)[TRACKED];
  if (state) state.current = snap.journal;
}

const snapCurrent = new WeakMap<Journal, Snapshot>();

function documentProperties(rt: Runtime): GoogleAppsScript.Properties.Properties | null {
  const service = rt.globals.PropertiesService as GoogleAppsScript.Properties.PropertiesService | undefined;
  return service?.getDocumentProperties() ?? null;
}

/** Marks every tab and starts journaling writes (host-side; the next measure() resets the counters). */
export function snapshot(workbook: Workbook, rt?: Runtime, free: readonly string[] = []): Snapshot {
  const marks = new Map<string, TabMark>();
  for (const s of workbook.sheets) marks.set(s.name, { lastRow: s.extent().lastRow, maxRows: s.maxRows, maxColumns: s.maxColumns });
  const snap: Snapshot = {
    marks,
    journal: new Map(),
    properties: rt ? (documentProperties(rt)?.getProperties() ?? null) : null,
    moved: [],
    free: new Set(free),
  };
  snapCurrent.set(snap.journal, snap);
  for (const s of workbook.sheets) track(s as Tracked, snap);
  return snap;
}

/**
 * Puts back every journaled cell, clears what was appended below each tab's former last row,
 * restores grid sizes and document properties, then starts a fresh journal against the same marks.
 * Throws when the operation moved cells inside the data (an insert or delete above the last row):
 * the workbook would not be the generated one any more.
 */
export function rollback(workbook: Workbook, snap: Snapshot, rt?: Runtime): void {
  for (const s of workbook.sheets) {
    const state = (s as Tracked)[TRACKED];
    if (state) state.paused = true;
  }
  try {
    for (const [sheet, cells] of snap.journal) {
      for (const { row, col, value, formula } of cells.values()) {
        sheet.setCell(row, col, value ?? '');
        sheet.formulas.set(row, col, formula);
      }
    }
    for (const s of workbook.sheets) {
      const mark = snap.marks.get(s.name);
      if (!mark) continue; // a tab the operation created (none of the measured ones do)
      const { lastRow } = s.extent();
      if (lastRow > mark.lastRow)
        s.clearValues({ row: mark.lastRow + 1, col: 1, numRows: lastRow - mark.lastRow, numCols: Math.max(s.maxColumns, mark.maxColumns) });
      s.maxRows = mark.maxRows;
      s.maxColumns = mark.maxColumns;
    }
    if (rt && snap.properties) {
      const props = documentProperties(rt);
      props?.setProperties(snap.properties, true);
    }
  } finally {
    for (const s of workbook.sheets) {
      const state = (s as Tracked)[TRACKED];
      if (state) state.paused = false;
    }
  }
  snap.journal.clear();
  const moved = snap.moved.splice(0);
  for (const s of workbook.sheets) track(s as Tracked, snap);
  if (moved.length)
    throw new Error(
      `rollback: the operation moved cells inside the data (${moved.join(', ')}); the workbook is no longer the generated one`,
    );
}
