import { SYSTEM_FIELDS, tableDef, type Column, type TableDef, type TableKey } from '../schema';
import { CrmError, type Values } from '../core';
import { cellReader, cellWriter, type SheetCell } from './cells';
import { consecutiveRuns, readLayout, type Layout } from './layout';
import { spanBlocks } from './spans';
import type { RecordChange, SheetStore } from './store';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Cell = string | number | boolean | Date;

/**
 * Column reads for whole-table jobs (summaries, reminders, daily jobs, export, duplicates, board):
 * the header row once, then only the columns a job uses, each contiguous run of them with one
 * getValues over rows 2..last row. Cached per store (one store per execution): a second request
 * for a subset reuses the cells; a request for more columns reads only the missing ones.
 *
 * Cost per table: one round trip for the extent (getDataRange gives last row and column), one for
 * the header, one per run of needed columns. Two runs separated by a few unneeded columns are read
 * as one when the gap's cells cost less than the round trip saved.
 */

/** One round trip (0.15 s) costs as much as this many cells (20 µs each): DESIGN.md's model. */
export const CELLS_PER_ROUND_TRIP = 7500;

/** Always read: a row without an ID is not a record, and every job skips deleted rows. */
const ALWAYS: readonly string[] = ['id', 'deleted'];

/** Records of one table with only the fields asked for (plus id and deleted), as canonical values. */
export interface ColumnTable {
  key: TableKey;
  def: TableDef;
  sheet: Sheet | null;
  layout: Layout;
  /** The fields these records carry: those asked for (and id, deleted) that the tab has a column for. */
  fields: readonly string[];
  /** Rows with an ID (for tables without IDs: rows with a value in some field read). */
  records: Values[];
  /** Sheet row number of each record. */
  rowNumbers: number[];
  byId: Map<string, number>;
}

/** What one execution has read of one tab. */
interface TabCache {
  def: TableDef;
  sheet: Sheet | null;
  layout: Layout;
  /** Last row with content (header included): data rows are 2..lastRow. */
  lastRow: number;
  /** Raw cells per 0-based column, index r - 2 for sheet row r. */
  raw: Map<number, SheetCell[]>;
  /** Canonical values per field, same indexing as raw (filled when a field is first asked for). */
  values: Map<string, unknown[]>;
}

interface Extent {
  sheet: Sheet | null;
  lastRow: number;
  lastColumn: number;
}

interface StoreCache {
  extents: Map<TableKey, Extent>;
  tabs: Map<TableKey, TabCache>;
}

const caches = new WeakMap<SheetStore, StoreCache>();
function cacheOf(store: SheetStore): StoreCache {
  let c = caches.get(store);
  if (!c) caches.set(store, (c = { extents: new Map(), tabs: new Map() }));
  return c;
}

/**
 * Forget this execution's column reads (after taking the lock reads must be fresh, as
 * SheetStore.invalidate does for whole-table reads).
 */
export function invalidateColumns(store: SheetStore): void {
  caches.delete(store);
}

/**
 * A tab's last row and column, one round trip (the Sheet's getDataRange; the Range's own
 * getNumRows/getNumColumns are arithmetic), asked once per execution. -1 rows for a missing tab.
 */
export function tabExtent(store: SheetStore, key: TableKey): Extent {
  const cache = cacheOf(store);
  const hit = cache.extents.get(key);
  if (hit) return hit;
  const sheet = store.findSheet(tableDef(key))?.sheet ?? null;
  let extent: Extent = { sheet, lastRow: -1, lastColumn: 0 };
  if (sheet) {
    const range = sheet.getDataRange();
    extent = { sheet, lastRow: range.getNumRows(), lastColumn: range.getNumColumns() };
  }
  cache.extents.set(key, extent);
  return extent;
}

function tabOf(store: SheetStore, key: TableKey): TabCache {
  const cache = cacheOf(store);
  const hit = cache.tabs.get(key);
  if (hit) return hit;
  const def = tableDef(key);
  const { lang } = store.env;
  const { sheet, lastRow, lastColumn } = tabExtent(store, key);
  if (!sheet && def.kind === 'data') throw CrmError.of('missing_tab', lang, { tab: def.tab[lang] });
  const header = sheet && lastRow >= 1 && lastColumn >= 1 ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] as SheetCell[]) : [];
  const layout = readLayout(def, header);
  if (layout.duplicates.length) throw CrmError.of('bad_header', lang, { tab: sheet?.getName() ?? '', column: layout.duplicates[0] });
  if (def.kind === 'data' && !layout.index.has('id')) throw CrmError.of('missing_column', lang, { tab: sheet?.getName() ?? '', column: 'ID' });
  const tab: TabCache = { def, sheet, layout, lastRow: Math.max(lastRow, 1), raw: new Map(), values: new Map() };
  cache.tabs.set(key, tab);
  return tab;
}

/**
 * Groups sorted column indexes into read ranges: consecutive columns together, and two runs joined
 * across a gap when the gap's cells cost less than another round trip.
 */
export function readRuns(columns: readonly number[], rows: number, cellsPerTrip = CELLS_PER_ROUND_TRIP): { start: number; end: number }[] {
  const runs = consecutiveRuns(columns);
  const out: { start: number; end: number }[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && (run.start - last.end - 1) * rows < cellsPerTrip) last.end = run.end;
    else out.push({ ...run });
  }
  return out;
}

/** Reads the columns of `fields` not read yet in this execution (one getValues per run). */
function ensureColumns(store: SheetStore, tab: TabCache, fields: readonly string[]): void {
  const rows = tab.lastRow - 1;
  const missing = fields
    .map((f) => tab.layout.index.get(f))
    .filter((c): c is number => c !== undefined && !tab.raw.has(c));
  if (missing.length && tab.sheet && rows > 0) {
    for (const run of readRuns(missing, rows)) {
      const width = run.end - run.start + 1;
      const grid = tab.sheet.getRange(2, run.start + 1, rows, width).getValues() as SheetCell[][];
      for (let c = run.start; c <= run.end; c++) {
        // A column read earlier (and perhaps written since) keeps its cached cells.
        if (tab.raw.has(c)) continue;
        const at = c - run.start;
        tab.raw.set(c, grid.map((row) => row[at]));
      }
    }
  }
  for (const f of fields) {
    const at = tab.layout.index.get(f);
    if (at === undefined || tab.values.has(f)) continue;
    const col = tab.def.columns.find((c) => c.key === f) as Column;
    const read = cellReader(col, store.env.timeZone, store.env.formatDate);
    const raw = tab.raw.get(at) ?? [];
    const out = new Array<unknown>(rows);
    for (let i = 0; i < rows; i++) out[i] = read(raw[i] ?? '');
    tab.values.set(f, out);
  }
}

/**
 * The records of `key` with only `fields` (plus id and deleted), read column by column. Fields the
 * tab has no column for are left out of the records (as SheetStore.load leaves them out). Rows with
 * a blank ID are skipped; tables without IDs (the change log) skip rows blank in every field read.
 */
export function loadColumns(store: SheetStore, key: TableKey, fields: readonly string[]): ColumnTable {
  const tab = tabOf(store, key);
  const wanted = [...new Set([...ALWAYS, ...fields])].filter((f) => tab.def.columns.some((c) => c.key === f));
  const present = wanted.filter((f) => tab.layout.index.has(f));
  ensureColumns(store, tab, present);
  const rows = tab.lastRow - 1;
  const t: ColumnTable = { key, def: tab.def, sheet: tab.sheet, layout: tab.layout, fields: present, records: [], rowNumbers: [], byId: new Map() };
  const idAt = tab.layout.index.get('id');
  const idRaw = idAt === undefined ? null : (tab.raw.get(idAt) as SheetCell[]);
  const columns = present.map((f) => [f, tab.values.get(f) as unknown[]] as const);
  const raws = present.map((f) => tab.raw.get(tab.layout.index.get(f) as number) as SheetCell[]);
  for (let i = 0; i < rows; i++) {
    if (idRaw ? idRaw[i] === '' || idRaw[i] === undefined : raws.every((r) => r[i] === '' || r[i] === undefined)) continue;
    const rec: Values = {};
    for (const [f, values] of columns) rec[f] = values[i];
    if (idRaw) {
      rec.id = String(rec.id).trim();
      t.byId.set(rec.id as string, t.records.length);
    }
    t.records.push(rec);
    t.rowNumbers.push(i + 2);
  }
  return t;
}

/** Fields the column writer refuses: the store's own stamps and keys, and references to other rows. */
function writable(col: Column): boolean {
  return !(col.key in SYSTEM_FIELDS) && col.kind !== 'ref';
}

/**
 * Writes changed fields of records read with loadColumns: one setValues per run of changed columns
 * (never across a column that did not change) per cluster of touched rows (spanBlocks with
 * bridge: false), cells of untouched rows inside a span rewritten exactly as read. Stamps nothing:
 * for values the CRM derives itself (totals, statuses, grades), not for edits. Every change passes
 * the store's role check first. A field with no column on the tab is skipped when the schema marks
 * it derived (as SheetStore writes do) and refused otherwise. `t` and the execution's cache are
 * updated to the values written.
 */
export function writeColumns(store: SheetStore, t: ColumnTable, updates: readonly RecordChange[]): void {
  if (!updates.length) return;
  const { lang } = store.env;
  const tab = tabOf(store, t.key);
  if (!tab.sheet) throw CrmError.of('missing_tab', lang, { tab: t.def.tab[lang] });
  const columns = new Map<string, Column>();
  const next: [number, Values][] = [];
  for (const { id, changes } of updates) {
    const i = t.byId.get(id);
    if (i === undefined) throw CrmError.of('not_found', lang, { id });
    for (const [k, v] of Object.entries(changes)) {
      const col = t.def.columns.find((c) => c.key === k);
      if (!col || !writable(col)) throw new Error(`writeColumns: ${t.key}.${k} is not a column this writer may write`);
      if (!tab.layout.index.has(k)) {
        const blank = v === null || v === undefined || v === false || (Array.isArray(v) && v.length === 0);
        if (!col.derived && !blank) throw CrmError.of('missing_column', lang, { tab: tab.sheet.getName(), column: col.label[lang] });
        continue;
      }
      if (!t.fields.includes(k)) throw new Error(`writeColumns: ${t.key}.${k} was not read, so its cells cannot be rewritten as read`);
      columns.set(k, col);
    }
    const record = { ...t.records[i], ...changes };
    store.authorize(t.key, t.records[i], record);
    next.push([i, record]);
  }
  const keys = [...columns.keys()];
  const writers = keys.map((k) => [tab.layout.index.get(k) as number, cellWriter(columns.get(k) as Column, lang), k] as const);
  const fresh = new Map<number, Cell[]>();
  for (const [i, record] of next) {
    const row: Cell[] = [];
    for (const [at, write, k] of writers) row[at] = write(record[k]);
    fresh.set(t.rowNumbers[i], row);
  }
  const asRead = (row: number): SheetCell[] => {
    const out: SheetCell[] = [];
    for (const [at] of writers) out[at] = (tab.raw.get(at) as SheetCell[])[row - 2];
    return out;
  };
  const blocks = spanBlocks(tab.layout, keys, fresh, asRead, { bridge: false });
  for (const b of blocks) tab.sheet.getRange(b.row, b.column, b.values.length, b.values[0].length).setValues(b.values);
  // The cache follows the sheet: cells as Sheets would return them, values as written.
  for (const b of blocks) {
    b.values.forEach((cells, r) => cells.forEach((v, c) => {
      const raw = tab.raw.get(b.column - 1 + c);
      if (raw) raw[b.row - 2 + r] = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : (v as SheetCell);
    }));
  }
  for (const [i, record] of next) {
    t.records[i] = record;
    for (const k of keys) tab.values.get(k)![t.rowNumbers[i] - 2] = record[k];
  }
}
