import { history, tableDef, type Lang, type TableDef, type TableKey } from '../schema';
import { CrmError, type Values } from '../core';
import { cellReader, cellWriter, escapeText, isDate, type FormatDate, type SheetCell } from './cells';
import { columnRuns, readLayout, type Layout } from './layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Everything the store needs from Apps Script, handed in by the server so tests can inject it. */
export interface StoreEnv {
  spreadsheet: Spreadsheet;
  lock: GoogleAppsScript.Lock.Lock;
  formatDate: FormatDate;
  flush(): void;
  timeZone: string;
  lang: Lang;
}

/** One table as read in this execution: one getValues, cached until the execution ends. */
export interface LoadedTable {
  def: TableDef;
  sheet: Sheet | null;
  layout: Layout;
  /** Rows that have an ID, as canonical values. */
  records: Values[];
  /** Sheet row number of each record. */
  rowNumbers: number[];
  /** The cells of each record's row, as read (for rewriting untouched cells inside a write span). */
  cells: SheetCell[][];
  byId: Map<string, number>;
  /** Rows the data range spans, header included. */
  height: number;
}

export interface HistoryEntry {
  time: string;
  user: string;
  table: string;
  recordId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  source: 'sidebar' | 'edit' | 'import' | 'script';
  note?: string;
}

const LOCK_TIMEOUT_MS = 10000;
/** Blank rows added when the history grid is full, so most multi-row appends need no insert. */
const HISTORY_SPARE_ROWS = 500;
/** A cell holds at most 50,000 characters; history values are cut below that. */
const MAX_CELL = 45000;

export class SheetStore {
  private readonly cache = new Map<TableKey, LoadedTable>();
  constructor(readonly env: StoreEnv) {}

  findSheet(def: TableDef): Sheet | null {
    const ss = this.env.spreadsheet;
    return ss.getSheetByName(def.tab[this.env.lang]) ?? ss.getSheetByName(def.tab.zh) ?? ss.getSheetByName(def.tab.en);
  }

  /** Reads a whole table with one getValues; a missing tab reads as empty for settings and the log. */
  load(key: TableKey): LoadedTable {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const def = tableDef(key);
    const sheet = this.findSheet(def);
    if (!sheet && def.kind === 'data') throw CrmError.of('missing_tab', this.env.lang, { tab: def.tab[this.env.lang] });
    const values = sheet ? (sheet.getDataRange().getValues() as SheetCell[][]) : [[]];
    const layout = readLayout(def, values[0] ?? []);
    if (layout.duplicates.length) throw CrmError.of('bad_header', this.env.lang, { tab: sheet?.getName() ?? '', column: layout.duplicates[0] });
    if (def.kind === 'data' && !layout.index.has('id')) throw CrmError.of('missing_column', this.env.lang, { tab: sheet?.getName() ?? '', column: 'ID' });
    const readers = def.columns
      .filter((c) => layout.index.has(c.key))
      .map((c) => ({ key: c.key, at: layout.index.get(c.key) as number, read: cellReader(c, this.env.timeZone, this.env.formatDate) }));
    const idAt = layout.index.get('id');
    const t: LoadedTable = { def, sheet, layout, records: [], rowNumbers: [], cells: [], byId: new Map(), height: values.length };
    for (let r = 1; r < values.length; r++) {
      const row = values[r];
      if (idAt !== undefined ? row[idAt] === '' : row.every((c) => c === '')) continue;
      const rec: Values = {};
      for (const rd of readers) rec[rd.key] = rd.read(row[rd.at]);
      if (idAt !== undefined) {
        rec.id = String(rec.id).trim();
        t.byId.set(rec.id as string, t.records.length);
      }
      t.records.push(rec);
      t.rowNumbers.push(r + 1);
      t.cells.push(row);
    }
    this.cache.set(key, t);
    return t;
  }

  /** Forget cached reads (after the lock is taken, reads must be fresh). */
  invalidate(): void {
    this.cache.clear();
  }

  private rowCells(t: LoadedTable, record: Values): (string | number | boolean | Date)[] {
    const row: (string | number | boolean | Date)[] = new Array(t.layout.width).fill('');
    for (const col of t.def.columns) {
      const at = t.layout.index.get(col.key);
      const v = record[col.key];
      if (at === undefined) {
        if (v !== null && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0)) {
          throw CrmError.of('missing_column', this.env.lang, { tab: t.sheet?.getName() ?? '', column: col.label[this.env.lang] });
        }
        continue;
      }
      row[at] = cellWriter(col, this.env.lang)(v);
    }
    return row;
  }

  /** Appends records after the last row: appendRow for one (grows the grid), else one block write. */
  append(key: TableKey, records: Values[]): void {
    if (!records.length) return;
    const t = this.load(key);
    if (!t.sheet) throw CrmError.of('missing_tab', this.env.lang, { tab: t.def.tab[this.env.lang] });
    const rows = records.map((r) => this.rowCells(t, r));
    if (rows.length === 1) t.sheet.appendRow(rows[0]);
    else {
      t.sheet.insertRowsAfter(Math.max(t.height, 1), rows.length);
      t.sheet.getRange(t.height + 1, 1, rows.length, t.layout.width).setValues(rows);
    }
    for (let i = 0; i < records.length; i++) {
      t.byId.set(String(records[i].id), t.records.length);
      t.records.push({ ...records[i] });
      t.rowNumbers.push(t.height + 1);
      t.cells.push(rows[i]);
      t.height++;
    }
  }

  /**
   * Writes changed fields of one record: one setValues per run of our columns (usually one), so
   * user-added columns in between are never written. Untouched cells inside a run are rewritten
   * exactly as read.
   */
  update(key: TableKey, id: string, changes: Values): void {
    const t = this.load(key);
    const i = t.byId.get(id);
    if (i === undefined || !t.sheet) throw CrmError.of('not_found', this.env.lang, { id });
    const record = { ...t.records[i], ...changes };
    const fresh = this.rowCells(t, record);
    const changed = new Set(Object.keys(changes).map((k) => t.layout.index.get(k)));
    const cells = t.cells[i].slice();
    for (const run of columnRuns(t.layout, Object.keys(changes))) {
      const out: (string | number | boolean | Date)[] = [];
      for (let c = run.start; c <= run.end; c++) {
        const value = changed.has(c) ? fresh[c] : rewrite(cells[c]);
        out.push(value);
        cells[c] = value;
      }
      t.sheet.getRange(t.rowNumbers[i], run.start + 1, 1, out.length).setValues([out]);
    }
    t.records[i] = record;
    t.cells[i] = cells;
  }

  /**
   * Appends change-log rows (fixed column order, the log is the CRM's own tab). One entry is one
   * appendRow; several are one block after the last row, inserting spare rows when the grid is full.
   */
  appendHistory(entries: HistoryEntry[]): void {
    if (!entries.length) return;
    const sheet = this.findSheet(tableDef('history'));
    if (!sheet) return;
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

  /** Runs `fn` holding the script lock; a lock that cannot be had in time is a clear "busy". */
  withLock<T>(fn: () => T): T {
    try {
      this.env.lock.waitLock(LOCK_TIMEOUT_MS);
    } catch {
      throw CrmError.of('busy', this.env.lang);
    }
    try {
      this.invalidate();
      const out = fn();
      this.env.flush();
      return out;
    } finally {
      this.env.lock.releaseLock();
    }
  }
}

/** A cell read from the sheet, written back unchanged in meaning. */
function rewrite(cell: SheetCell): string | number | boolean | Date {
  return typeof cell === 'string' ? escapeText(cell) : cell;
}

function historyCell(key: string, e: HistoryEntry): string {
  const v = (e as unknown as Record<string, unknown>)[key];
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : isDate(v) ? v.toISOString() : JSON.stringify(v);
  // The time stays parseable so Sheets stores a real date-time people can sort and filter.
  if (key === 'time') return s;
  return escapeText(s.length > MAX_CELL ? `${s.slice(0, MAX_CELL)}…` : s);
}
