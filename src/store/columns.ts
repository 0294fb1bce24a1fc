import { SYSTEM_FIELDS, tableDef, VERSION, type Column, type TableDef, type TableKey } from '../schema';
import { CrmError, versionOf, type Values } from '../core';
import { cellReader, cellWriter, type SheetCell } from './cells';
import { consecutiveRuns, readLayout, type Layout } from './layout';
import { spanBlocks } from './spans';
import { keyColumnsOf } from './keyColumns';
import type { Block } from './io';
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

/** One round trip (0.15 s) costs as much as this many cells (20 µs each): the performance model (docs/PERFORMANCE.md). */
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
  /**
   * lastRow came from the tab's extent (getDataRange): column reads stop there. Otherwise (batched
   * reads without an extent) columns are read to the grid's end and lastRow is the longest column read.
   */
  bounded: boolean;
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
  const layout = checkedLayout(store, def, sheet, header);
  const tab: TabCache = { def, sheet, layout, lastRow: Math.max(lastRow, 1), bounded: true, raw: new Map(), values: new Map() };
  cache.tabs.set(key, tab);
  return tab;
}

/** The layout checks every read of a tab's header makes. */
function checkedLayout(store: SheetStore, def: TableDef, sheet: Sheet | null, header: readonly SheetCell[]): Layout {
  const { lang } = store.env;
  const layout = readLayout(def, header);
  if (layout.duplicates.length) throw CrmError.of('bad_header', lang, { tab: sheet?.getName() ?? '', column: layout.duplicates[0] });
  if (def.kind === 'data' && !layout.index.has('id'))
    throw CrmError.of('missing_column', lang, { tab: sheet?.getName() ?? '', column: 'ID' });
  return layout;
}

/**
 * Groups sorted column indexes into read ranges: consecutive columns together, and two runs joined
 * across a gap when the gap's cells cost less than another round trip.
 */
function readRuns(columns: readonly number[], rows: number, cellsPerTrip = CELLS_PER_ROUND_TRIP): { start: number; end: number }[] {
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
  const missing = fields.map((f) => tab.layout.index.get(f)).filter((c): c is number => c !== undefined && !tab.raw.has(c));
  if (missing.length && tab.sheet && rows > 0) {
    for (const run of readRuns(missing, rows)) {
      const width = run.end - run.start + 1;
      const grid = tab.sheet.getRange(2, run.start + 1, rows, width).getValues() as SheetCell[][];
      for (let c = run.start; c <= run.end; c++) {
        // A column read earlier (and perhaps written since) keeps its cached cells.
        if (tab.raw.has(c)) continue;
        const at = c - run.start;
        tab.raw.set(
          c,
          grid.map((row) => row[at]),
        );
      }
    }
  }
  fillValues(store, tab, fields);
}

/** Canonical values of `fields` from the raw cells read (once per field per execution). */
function fillValues(store: SheetStore, tab: TabCache, fields: readonly string[]): void {
  const rows = tab.lastRow - 1;
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
 * The fields of `fields` (plus id and deleted) the table's schema has. `withId` false: the ID
 * column is not read unless asked for (a job that never looks rows up by ID, such as the summaries'
 * counts); rows are then those with a value in some column read (the deleted flag is one: every
 * row the CRM writes has it).
 */
function wantedFields(def: TableDef, fields: readonly string[], withId = true): string[] {
  // The edit token is no column: it is derived from updatedAt (see VERSION).
  const asked = fields.includes(VERSION) && def.kind === 'data' ? [...fields, 'updatedAt'] : fields;
  return [...new Set([...(withId ? ALWAYS : ALWAYS.filter((f) => f !== 'id')), ...asked])].filter((f) =>
    def.columns.some((c) => c.key === f),
  );
}

/** Options of a column read. */
export interface ColumnReadOptions {
  /** Tables read without their ID column when it is not among the fields asked for (see wantedFields). */
  withoutId?: readonly TableKey[];
}

/** A tab read in a batch: where it is and what it asks for. */
interface Want {
  key: TableKey;
  def: TableDef;
  fields: string[];
  /** The tab's sheet and name (null: no such tab). */
  found: { sheet: Sheet; name: string } | null;
}

/** The column of each field where the setup writes it (schema order): the guess before the header is read. */
function guessedColumns(def: TableDef, fields: readonly string[]): number[] {
  return fields.map((f) => def.columns.findIndex((c) => c.key === f)).filter((i) => i >= 0);
}

/**
 * Column blocks of one tab: each run of consecutive columns one block, from `fromRow` to the tab's
 * last row when known, else to the grid's end (the API clips nothing: the cells to the grid's end
 * are counted, as Sheets counts them).
 */
function columnBlocks(name: string, columns: readonly number[], fromRow: number, lastRow: number | null): Block[] {
  if (lastRow !== null && lastRow < fromRow) return [];
  return consecutiveRuns(columns).map((run) => ({
    sheet: name,
    row: fromRow,
    column: run.start + 1,
    numRows: lastRow === null ? null : lastRow - fromRow + 1,
    numColumns: run.end - run.start + 1,
  }));
}

/** Stores the cells of column blocks (read from `fromRow`) in the tab's cache. */
function takeColumns(tab: TabCache, blocks: readonly Block[], grids: readonly SheetCell[][][], fromRow: number): void {
  let longest = 0;
  blocks.forEach((b, i) => {
    const grid = grids[i] ?? [];
    const rows = grid.slice(2 - fromRow);
    longest = Math.max(longest, rows.length);
    for (let at = 0; at < (b.numColumns as number); at++) {
      const c = b.column - 1 + at;
      if (tab.raw.has(c)) continue;
      tab.raw.set(
        c,
        rows.map((row) => (row[at] ?? '') as SheetCell),
      );
    }
  });
  if (!tab.bounded && longest + 1 > tab.lastRow) {
    // A longer column: rows beyond the shorter ones' ends are blank there; values are recomputed.
    tab.lastRow = longest + 1;
    tab.values.clear();
  }
  const rows = tab.lastRow - 1;
  for (const raw of tab.raw.values()) while (raw.length < rows) raw.push('');
}

/**
 * Reads the columns `wants` asks for, of every tab at once: one batched read (Sheets API
 * values.batchGet) for all of them, header rows included: each tab's layout is guessed from the
 * schema's order (where setup puts the columns) and checked against its header from the same read;
 * columns found elsewhere (people move and add columns) take one more batched read. A tab whose
 * extent was asked this execution (tabExtent) is read to its last row, others to the grid's end.
 * Without the Sheets service the columns are read per run with getValues (loadColumns' own path).
 */
export function prefetchColumns(
  store: SheetStore,
  wants: Partial<Record<TableKey, readonly string[]>>,
  options: ColumnReadOptions = {},
): void {
  const entries = Object.entries(wants) as [TableKey, readonly string[]][];
  const withId = (key: TableKey) => !(options.withoutId ?? []).includes(key);
  if (!store.io.batched) {
    for (const [key, fields] of entries) {
      const tab = tabOf(store, key);
      ensureColumns(
        store,
        tab,
        wantedFields(tab.def, fields, withId(key)).filter((f) => tab.layout.index.has(f)),
      );
    }
    return;
  }
  const cache = cacheOf(store);
  const { lang } = store.env;
  const fresh: Want[] = [];
  const known: Want[] = [];
  for (const [key, fields] of entries) {
    const def = tableDef(key);
    const want: Want = { key, def, fields: wantedFields(def, fields, withId(key)), found: null };
    if (cache.tabs.has(key)) {
      known.push(want);
      continue;
    }
    want.found = store.findSheet(def);
    if (!want.found && def.kind === 'data') throw CrmError.of('missing_tab', lang, { tab: def.tab[lang] });
    if (!want.found) {
      cache.tabs.set(key, { def, sheet: null, layout: readLayout(def, []), lastRow: 1, bounded: true, raw: new Map(), values: new Map() });
      known.push(want);
    } else fresh.push(want);
  }
  const extentOf = (key: TableKey) => cache.extents.get(key)?.lastRow ?? null;
  // First read: headers of new tabs with their guessed columns, and missing columns of known tabs.
  const blocks: Block[] = [];
  const plan: { want: Want; header: number; from: number; to: number }[] = [];
  for (const want of fresh) {
    const name = (want.found as { name: string }).name;
    const header = blocks.push({ sheet: name, row: 1, column: 1, numRows: 1, numColumns: null }) - 1;
    const cols = columnBlocks(name, guessedColumns(want.def, want.fields), 2, extentOf(want.key));
    blocks.push(...cols);
    plan.push({ want, header, from: header + 1, to: blocks.length });
  }
  const missingBlocks = (tab: TabCache, fields: readonly string[], fromRow: number) => {
    const cols = fields.map((f) => tab.layout.index.get(f)).filter((c): c is number => c !== undefined && !tab.raw.has(c));
    return tab.sheet ? columnBlocks(sheetName(store, tab), cols, fromRow, tab.bounded ? tab.lastRow : null) : [];
  };
  const knownPlan: { tab: TabCache; from: number; to: number; row: number }[] = [];
  for (const want of known) {
    const tab = cache.tabs.get(want.key) as TabCache;
    const from = blocks.length;
    // A tab read empty to its grid's end may have no row 2.
    const row = tab.bounded || tab.lastRow >= 2 ? 2 : 1;
    blocks.push(...missingBlocks(tab, want.fields, row));
    knownPlan.push({ tab, from, to: blocks.length, row });
  }
  let grids: SheetCell[][][];
  let fromRow = 2;
  try {
    grids = store.io.read(blocks);
  } catch (e) {
    // A guessed column past the grid, or a tab with no row 2: read the headers first, then the
    // columns where they are, each from row 1 (which every grid has).
    if (!fresh.length) throw e;
    const heads = store.io.read(plan.map((p) => blocks[p.header]));
    grids = blocks.map(() => []);
    plan.forEach((p, i) => {
      grids[p.header] = heads[i];
      p.to = p.from;
    });
    for (const k of knownPlan) k.to = k.from;
    fromRow = 1;
  }
  for (const p of plan) {
    const { want } = p;
    const found = want.found as { sheet: Sheet; name: string };
    const header = (grids[p.header][0] ?? []) as SheetCell[];
    const layout = checkedLayout(store, want.def, found.sheet, header);
    const lastRow = extentOf(want.key);
    const tab: TabCache = {
      def: want.def,
      sheet: found.sheet,
      layout,
      lastRow: Math.max(lastRow ?? 1, 1),
      bounded: lastRow !== null,
      raw: new Map(),
      values: new Map(),
    };
    names.set(tab, found.name);
    // Every column read is the tab's column at that index, whatever field the guess expected there.
    takeColumns(tab, blocks.slice(p.from, p.to), grids.slice(p.from, p.to), fromRow);
    cache.tabs.set(want.key, tab);
  }
  for (const k of knownPlan) takeColumns(k.tab, blocks.slice(k.from, k.to), grids.slice(k.from, k.to), k.row);
  // Second read: columns the guess missed (moved by hand), from row 1 so no grid is too short.
  const more: Block[] = [];
  const morePlan: { tab: TabCache; from: number; to: number }[] = [];
  for (const want of [...fresh, ...known]) {
    const tab = cache.tabs.get(want.key) as TabCache;
    const from = more.length;
    more.push(...missingBlocks(tab, want.fields, 1));
    morePlan.push({ tab, from, to: more.length });
  }
  if (more.length) {
    const res = store.io.read(more);
    for (const m of morePlan) takeColumns(m.tab, more.slice(m.from, m.to), res.slice(m.from, m.to), 1);
  }
  for (const want of [...fresh, ...known]) {
    const tab = cache.tabs.get(want.key) as TabCache;
    fillValues(
      store,
      tab,
      want.fields.filter((f) => tab.layout.index.has(f)),
    );
  }
}

/** Sheet names of tabs read in a batch (A1 notation needs them; getName would be a round trip). */
const names = new WeakMap<TabCache, string>();
function sheetName(store: SheetStore, tab: TabCache): string {
  let name = names.get(tab);
  if (name === undefined) {
    name = store.findSheet(tab.def)?.name ?? '';
    names.set(tab, name);
  }
  return name;
}

/**
 * A column read by loadColumns or prefetchColumns in this execution, as the key index's column scans
 * hold one (sheet row → raw cell, filled cells only); null when this execution has not read it.
 * Cells written since through writeColumns are as written.
 */
export function readColumn(store: SheetStore, key: TableKey, field: string): Map<number, unknown> | null {
  const tab = caches.get(store)?.tabs.get(key);
  const at = tab?.layout.index.get(field);
  const raw = at === undefined ? undefined : tab?.raw.get(at);
  if (!tab || !raw) return null;
  const out = new Map<number, unknown>();
  raw.forEach((v, i) => {
    if (v !== '' && v !== undefined && v !== null) out.set(i + 2, v);
  });
  return out;
}

/**
 * The records of `key` with only `fields` (plus id and deleted), read column by column. Fields the
 * tab has no column for are left out of the records (as SheetStore.load leaves them out). Rows with
 * a blank ID are skipped; tables without IDs (the change log) skip rows blank in every field read.
 */
export function loadColumns(
  store: SheetStore,
  key: TableKey,
  fields: readonly string[],
  options: { withoutId?: boolean } = {},
): ColumnTable {
  const read = options.withoutId ? { withoutId: [key] } : {};
  if (store.io.batched) prefetchColumns(store, { [key]: fields }, read);
  const tab = tabOf(store, key);
  const present = wantedFields(tab.def, fields, !options.withoutId).filter((f) => tab.layout.index.has(f));
  ensureColumns(store, tab, present);
  const rows = tab.lastRow - 1;
  const t: ColumnTable = {
    key,
    def: tab.def,
    sheet: tab.sheet,
    layout: tab.layout,
    fields: present,
    records: [],
    rowNumbers: [],
    byId: new Map(),
  };
  const idAt = present.includes('id') ? tab.layout.index.get('id') : undefined;
  const idRaw = idAt === undefined ? null : (tab.raw.get(idAt) as SheetCell[]);
  const columns = present.map((f) => [f, tab.values.get(f) as unknown[]] as const);
  const token = fields.includes(VERSION) && tab.def.kind === 'data';
  const raws = present.map((f) => tab.raw.get(tab.layout.index.get(f) as number) as SheetCell[]);
  for (let i = 0; i < rows; i++) {
    if (idRaw ? idRaw[i] === '' || idRaw[i] === undefined : raws.every((r) => r[i] === '' || r[i] === undefined)) continue;
    const rec: Values = {};
    for (const [f, values] of columns) rec[f] = values[i];
    if (token) rec[VERSION] = versionOf(rec.updatedAt);
    if (idRaw) {
      rec.id = String(rec.id).trim();
      t.byId.set(rec.id as string, t.records.length);
    }
    t.records.push(rec);
    t.rowNumbers.push(i + 2);
  }
  return t;
}

/**
 * `fields` of some rows of a table read by loadColumns in this execution (`rows`: sheet row
 * numbers): one batched read of their cells, a block per run of adjacent rows and columns, nothing
 * when no row is asked for. Without the Sheets service the columns are read whole (loadColumns).
 * Returns canonical values by row number.
 */
export function loadFieldsAt(store: SheetStore, key: TableKey, fields: readonly string[], rows: readonly number[]): Map<number, Values> {
  return loadFieldsAtMany(store, [{ key, fields, rows }])[0];
}

/** loadFieldsAt of several tables in one batched read (one map per request, in order). */
export function loadFieldsAtMany(
  store: SheetStore,
  wants: readonly { key: TableKey; fields: readonly string[]; rows: readonly number[] }[],
): Map<number, Values>[] {
  const outs = wants.map(() => new Map<number, Values>());
  const blocks: Block[] = [];
  const plans: { out: Map<number, Values>; tab: TabCache; present: string[]; from: number; to: number }[] = [];
  wants.forEach(({ key, fields, rows }, w) => {
    const out = outs[w];
    if (!rows.length) return;
    const tab = tabOf(store, key);
    const present = fields.filter((f) => tab.layout.index.has(f));
    if (!store.io.batched || !tab.sheet) {
      ensureColumns(store, tab, present);
      for (const r of rows) out.set(r, Object.fromEntries(present.map((f) => [f, (tab.values.get(f) as unknown[])[r - 2]])));
      return;
    }
    const name = sheetName(store, tab);
    const columns = present.map((f) => tab.layout.index.get(f) as number);
    const rowRuns = consecutiveRuns([...new Set(rows)].sort((a, b) => a - b));
    const colRuns = consecutiveRuns([...new Set(columns)].sort((a, b) => a - b));
    const from = blocks.length;
    blocks.push(
      ...rowRuns.flatMap((rr) =>
        colRuns.map((cr) => ({
          sheet: name,
          row: rr.start,
          column: cr.start + 1,
          numRows: rr.end - rr.start + 1,
          numColumns: cr.end - cr.start + 1,
        })),
      ),
    );
    plans.push({ out, tab, present, from, to: blocks.length });
  });
  const grids = store.io.read(blocks);
  for (const { out, tab, present, from, to } of plans) {
    const readers = new Map(
      present.map((f) => [f, cellReader(tab.def.columns.find((c) => c.key === f) as Column, store.env.timeZone, store.env.formatDate)]),
    );
    for (let i = from; i < to; i++) {
      const b = blocks[i];
      for (let r = 0; r < (b.numRows as number); r++) {
        const rec = out.get(b.row + r) ?? {};
        for (const f of present) {
          const at = (tab.layout.index.get(f) as number) - (b.column - 1);
          if (at < 0 || at >= (b.numColumns as number)) continue;
          rec[f] = (readers.get(f) as (c: unknown) => unknown)(grids[i]?.[r]?.[at] ?? '');
        }
        out.set(b.row + r, rec);
      }
    }
  }
  return outs;
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
    if (VERSION in t.records[i]) record[VERSION] = versionOf(record.updatedAt);
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
  // Queued for the step's one write with its log rows (one batchUpdate, or without the Sheets
  // service an intent): a write of its own would land the log without these cells when it fails.
  const name = sheetName(store, tab);
  for (const b of blocks)
    store.queueWrite({ sheet: name, row: b.row, column: b.column, numRows: b.values.length, numColumns: b.values[0].length }, b.values);
  // The cache follows the sheet: cells as Sheets would return them, values as written.
  for (const b of blocks) {
    b.values.forEach((cells, r) =>
      cells.forEach((v, c) => {
        const raw = tab.raw.get(b.column - 1 + c);
        if (raw) raw[b.row - 2 + r] = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : (v as SheetCell);
      }),
    );
  }
  // A key column written (the pool's owner): the index follows, in the same write.
  if (keyColumnsOf(t.key).some((c) => keys.includes(c.field)))
    store.editedRows(
      t.key,
      next.map(([i, record]) => ({ row: t.rowNumbers[i], before: [t.records[i]], after: record })),
      0,
    );
  for (const [i, record] of next) {
    t.records[i] = record;
    for (const k of keys) tab.values.get(k)![t.rowNumbers[i] - 2] = record[k];
  }
}
