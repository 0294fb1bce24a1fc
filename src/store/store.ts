import { isDataTableKey, tableDef, type DataTableKey, type Lang, type TableDef, type TableKey } from '../schema';
import { CrmError, type Values } from '../core';
import { cellReader, cellWriter, type FormatDate, type SheetCell } from './cells';
import { writeHistory, type HistoryEntry } from './history';
import { readLayout, type Layout } from './layout';
import { spanBlocks } from './spans';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Cell = string | number | boolean | Date;

/** Everything the store needs from Apps Script, handed in by the server so tests can inject it. */
export interface StoreEnv {
  spreadsheet: Spreadsheet;
  lock: GoogleAppsScript.Lock.Lock;
  formatDate: FormatDate;
  flush(): void;
  timeZone: string;
  lang: Lang;
  /**
   * Called before every write of a data-table record (before = null for a create); throws to
   * refuse. The server installs its role check here, so no entry point can write around it.
   */
  authorizeWrite?: (table: DataTableKey, before: Values | null, after: Values) => void;
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
  /** Every row as read, header first (grid[r - 1] is sheet row r), including rows without an ID. */
  grid: SheetCell[][];
  /** Canonical values of any row's cells (lenient: what does not fit is kept as typed). */
  read(row: readonly SheetCell[]): Values;
}

/** One record's changed fields, for updateMany. */
export interface RecordChange {
  id: string;
  changes: Values;
}

const LOCK_TIMEOUT_MS = 10000;

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
    const read = (row: readonly SheetCell[]): Values => {
      const rec: Values = {};
      for (const rd of readers) rec[rd.key] = rd.read(row[rd.at] ?? '');
      return rec;
    };
    const idAt = layout.index.get('id');
    const t: LoadedTable = { def, sheet, layout, records: [], rowNumbers: [], cells: [], byId: new Map(), height: values.length, grid: values, read };
    for (let r = 1; r < values.length; r++) {
      const row = values[r];
      if (idAt !== undefined ? row[idAt] === '' : row.every((c) => c === '')) continue;
      const rec = read(row);
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

  /** One record by ID (any state, deleted included), from the execution's read of its table. */
  record(key: TableKey, id: string): Values | undefined {
    const t = this.load(key);
    const i = t.byId.get(id);
    return i === undefined ? undefined : t.records[i];
  }

  /** Forget cached reads (after the lock is taken, reads must be fresh). */
  invalidate(): void {
    this.cache.clear();
  }

  /** The role check for a write of `after` over `before`; batch writers outside the store call it too. */
  authorize(key: TableKey, before: Values | null, after: Values): void {
    if (this.env.authorizeWrite && isDataTableKey(key)) this.env.authorizeWrite(key, before, after);
  }

  private rowCells(t: LoadedTable, record: Values): Cell[] {
    const row: Cell[] = new Array(t.layout.width).fill('');
    for (const col of t.def.columns) {
      const at = t.layout.index.get(col.key);
      const v = record[col.key];
      if (at === undefined) {
        // Derived values are the CRM's own bookkeeping, not what people entered: a tab that predates
        // such a column (setup not re-run since an upgrade) still takes saves, without that value
        // until setup adds the column. An entered value with no column is still refused.
        if (col.derived) continue;
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
    for (const r of records) this.authorize(key, null, r);
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
      t.grid.push(rows[i]);
      t.height++;
    }
  }

  /**
   * Writes changed fields of one record: one setValues per run of our columns (usually one), so
   * user-added columns in between are never written. Untouched cells inside a run are rewritten
   * exactly as read.
   */
  update(key: TableKey, id: string, changes: Values): void {
    this.updateMany(key, [{ id, changes }]);
  }

  /**
   * Writes changed fields of several records with one setValues per run of changed columns,
   * spanning the first to the last touched row (rows between are rewritten as read), so the
   * number of calls does not grow with the number of records.
   */
  updateMany(key: TableKey, updates: readonly RecordChange[]): void {
    if (!updates.length) return;
    const t = this.load(key);
    if (!t.sheet) throw CrmError.of('missing_tab', this.env.lang, { tab: t.def.tab[this.env.lang] });
    const fresh = new Map<number, Cell[]>();
    const next: [number, Values][] = [];
    const keys = new Set<string>();
    for (const { id, changes } of updates) {
      const i = t.byId.get(id);
      if (i === undefined) throw CrmError.of('not_found', this.env.lang, { id });
      const record = { ...t.records[i], ...changes };
      this.authorize(key, t.records[i], record);
      fresh.set(t.rowNumbers[i], this.rowCells(t, record));
      next.push([i, record]);
      for (const k of Object.keys(changes)) keys.add(k);
    }
    const blocks = spanBlocks(t.layout, [...keys], fresh, (row) => t.grid[row - 1]);
    for (const b of blocks) t.sheet.getRange(b.row, b.column, b.values.length, b.values[0].length).setValues(b.values);
    for (const b of blocks) b.values.forEach((cells, r) => cells.forEach((v, c) => { (t.grid[b.row - 1 + r] ??= [])[b.column - 1 + c] = v as SheetCell; }));
    for (const [i, record] of next) {
      t.records[i] = record;
      t.cells[i] = t.grid[t.rowNumbers[i] - 1];
    }
  }

  /** Appends change-log rows (see writeHistory); a workbook without the log tab keeps no log. */
  appendHistory(entries: HistoryEntry[]): void {
    const sheet = this.findSheet(tableDef('history'));
    if (sheet) writeHistory(sheet, entries);
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
