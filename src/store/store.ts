import {
  isDataTableKey,
  SEARCH_KEY,
  tableDef,
  VERSION,
  type DataTableKey,
  type Lang,
  type RowOf,
  type TableDef,
  type TableKey,
} from '../schema';
import { CrmError, searchFields, searchKeyOf, versionOf, type Values } from '../core';
import { cellReader, cellWriter, escapeText, type FormatDate, type SheetCell } from './cells';
import { historyRows, type HistoryEntry } from './history';
import { CellIO, pastGrid, type Block } from './io';
import { WriteIntents, type QueuedWrite } from './intent';
import { KeyIndex } from './keyIndex';
import { directoryKey, INDEX_TAB, keyColumn, keyColumnsOf, type KeyColumn } from './keyColumns';
import { consecutiveRuns, readLayout, type Layout } from './layout';
import { spanBlocks } from './spans';
import { Lookups, type LookupPlan } from './lookups';

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
  /** 'YYYY-MM-DD HH:mm' of this execution, stamped on the index's state cells. */
  now?: string;
  /** false: never the Sheets advanced service (simple triggers may not use one). */
  useApi?: boolean;
  /**
   * Called before every write of a data-table record (before = null for a create); throws to
   * refuse. The server installs its role check here, so no entry point can write around it.
   * `planned`: records the same step creates (not on their tabs yet), which a record's ownership
   * may go through (a converted lead's contact belongs to the customer created with it).
   */
  authorizeWrite?: (table: DataTableKey, before: Values | null, after: Values, planned?: PlannedLookup) => void;
  /**
   * The document's properties, where a logged step written without the Sheets service keeps its
   * intent (see intent.ts) so a failure between its writes is rolled back, never left half done.
   */
  properties?: () => GoogleAppsScript.Properties.Properties | null;
}

/** A record the current step creates, by table and ID (undefined: not one of them). */
export type PlannedLookup = (table: DataTableKey, id: string) => Values | undefined;

/**
 * One table as this execution knows it. `full`: read whole with one getValues (whole-table jobs);
 * otherwise only the header and the rows read by key so far (interactive operations). The store
 * hands it out typed by table (`LoadedTable<RowOf<K>>`); inside, rows are plain Values.
 */
export interface LoadedTable<R extends Values = Values> {
  def: TableDef;
  sheet: Sheet | null;
  /** The tab's name as found (zh, en or the language in use). */
  name: string;
  layout: Layout;
  full: boolean;
  /** Rows that have an ID, as canonical values (all of them when full, those read otherwise). */
  records: R[];
  /** Sheet row number of each record. */
  rowNumbers: number[];
  /** The cells of each record's row, as read (for rewriting untouched cells inside a write span). */
  cells: SheetCell[][];
  byId: Map<string, number>;
  /** Rows the data range spans, header included (full tables only; -1 when not known). */
  height: number;
  /** Rows as read, header first (grid[r - 1] is sheet row r); sparse unless full. */
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
/** Rows added past what an append needs when a tab's grid is full, so most appends need no insert. */
const GROWTH_ROWS = 100;

export class SheetStore {
  private readonly cache = new Map<TableKey, LoadedTable>();
  readonly io: CellIO;
  readonly keys: KeyIndex;
  readonly lookups: Lookups;
  private locked = false;
  /** Whether SpreadsheetApp writes are waiting (the API's writes are immediate). */
  private buffered = false;
  /** API writes of this execution, sent as one batched write (see flushWrites). */
  private queue: QueuedWrite[] = [];
  /** Logged steps written without the Sheets service (null when there are no properties to keep them). */
  private readonly intents: WriteIntents | null;
  /** Tables appended to by key in this execution: their grids may need to grow before the write. */
  private grown = new Map<TableKey, number>();

  constructor(readonly env: StoreEnv) {
    // The API reads the spreadsheet itself: SpreadsheetApp writes still buffered must land first.
    // The API reads the spreadsheet itself: writes held back must land before a read that could
    // see them. Reads of the key index's own tab need not wait: its writes are only ever made at
    // the very end, so the rows, the log and the index go out together in one write.
    this.io = new CellIO(
      env.spreadsheet,
      env.useApi !== false,
      (d) => env.formatDate(d, this.env.timeZone, 'yyyy-MM-dd HH:mm:ss'),
      (reading) => {
        if (reading && reading.every((b) => b.sheet === INDEX_TAB)) return;
        this.flushWrites();
        if (!this.buffered) return;
        this.env.flush();
        this.buffered = false;
      },
    );
    this.keys = new KeyIndex(
      env.spreadsheet,
      () => this.env.flush(),
      (title, rows, columns, hidden) => this.io.addSheet(title, rows, columns, hidden),
      (column, end) => this.lookups.anchor(column, end),
    );
    this.lookups = new Lookups(this);
    this.keys.knownWidth = () => this.io.indexWidth;
    const properties = env.properties;
    this.intents =
      properties && env.useApi !== false
        ? new WriteIntents(properties, {
            read: (block) => this.io.read([block])[0],
            write: (block, values) => this.io.write([{ block, values }]),
            flush: () => this.env.flush(),
          })
        : null;
  }

  get holdsLock(): boolean {
    return this.locked;
  }

  findSheet(def: TableDef): { sheet: Sheet; name: string } | null {
    const ss = this.env.spreadsheet;
    for (const name of [def.tab[this.env.lang], def.tab.zh, def.tab.en]) {
      const sheet = ss.getSheetByName(name);
      if (sheet) return { sheet, name };
    }
    return null;
  }

  private table(key: TableKey, header: readonly unknown[], found: { sheet: Sheet; name: string } | null, full: boolean): LoadedTable {
    const def = tableDef(key);
    const layout = readLayout(def, header);
    if (layout.duplicates.length) throw CrmError.of('bad_header', this.env.lang, { tab: found?.name ?? '', column: layout.duplicates[0] });
    if (def.kind === 'data' && !layout.index.has('id'))
      throw CrmError.of('missing_column', this.env.lang, { tab: found?.name ?? '', column: 'ID' });
    const readers = def.columns
      .filter((c) => layout.index.has(c.key) && c.key !== SEARCH_KEY)
      .map((c) => ({ key: c.key, at: layout.index.get(c.key) as number, read: cellReader(c, this.env.timeZone, this.env.formatDate) }));
    // A data record's edit token is not a column: it is derived from updatedAt (see VERSION).
    const data = def.kind === 'data';
    const read = (row: readonly SheetCell[]): Values => {
      const rec: Values = {};
      for (const rd of readers) rec[rd.key] = rd.read(row[rd.at] ?? '');
      if (data) rec[VERSION] = versionOf(rec.updatedAt);
      return rec;
    };
    return {
      def,
      sheet: found?.sheet ?? null,
      name: found?.name ?? def.tab[this.env.lang],
      layout,
      full,
      records: [],
      rowNumbers: [],
      cells: [],
      byId: new Map(),
      height: full ? 0 : -1,
      grid: [header as SheetCell[]],
      read,
    };
  }

  private missingTab(def: TableDef): never {
    throw CrmError.of('missing_tab', this.env.lang, { tab: def.tab[this.env.lang] });
  }

  /** Reads a whole table with one getValues; a missing tab reads as empty for settings and the log. */
  load<K extends TableKey>(key: K): LoadedTable<RowOf<K>> {
    return this.loadWhole(key) as LoadedTable<RowOf<K>>;
  }

  private loadWhole(key: TableKey): LoadedTable {
    const hit = this.cache.get(key);
    if (hit?.full) return hit;
    const def = tableDef(key);
    const found = this.findSheet(def);
    if (!found && def.kind === 'data') this.missingTab(def);
    const values = found ? (found.sheet.getDataRange().getValues() as SheetCell[][]) : [[]];
    const t = this.table(key, values[0] ?? [], found, true);
    t.grid = values;
    t.height = values.length;
    for (let r = 1; r < values.length; r++) this.remember(t, r + 1, values[r]);
    this.cache.set(key, t);
    return t;
  }

  /** Adds a row as read to a table's records (rows without an ID are not records). */
  private remember(t: LoadedTable, row: number, cells: SheetCell[]): void {
    t.grid[row - 1] = cells;
    const idAt = t.layout.index.get('id');
    if (idAt !== undefined ? blank(cells[idAt]) : cells.every(blank)) return;
    const rec = t.read(cells);
    if (idAt !== undefined) rec.id = String(rec.id).trim();
    const known = idAt !== undefined ? t.byId.get(rec.id as string) : undefined;
    if (known !== undefined && t.rowNumbers[known] === row) {
      t.records[known] = rec;
      t.cells[known] = cells;
      return;
    }
    if (idAt !== undefined) t.byId.set(rec.id as string, t.records.length);
    t.records.push(rec);
    t.rowNumbers.push(row);
    t.cells.push(cells);
  }

  /** The table as read so far in this execution, if at all. */
  cached<K extends TableKey>(key: K): LoadedTable<RowOf<K>> | undefined {
    return this.cache.get(key) as LoadedTable<RowOf<K>> | undefined;
  }

  /**
   * A small table (settings) read whole in one batched read, together with `plan`'s first read:
   * the one round trip every execution starts with.
   */
  loadSmall<K extends TableKey>(key: K, plan?: LookupPlan): LoadedTable<RowOf<K>> {
    return this.loadSmallTable(key, plan) as LoadedTable<RowOf<K>>;
  }

  private loadSmallTable(key: TableKey, plan?: LookupPlan): LoadedTable {
    const hit = this.cache.get(key);
    if (hit?.full) {
      if (plan) this.lookups.prefetch(plan);
      return hit;
    }
    const def = tableDef(key);
    const found = this.findSheet(def);
    if (!found) {
      const empty = this.table(key, [], null, true);
      this.cache.set(key, empty);
      if (plan) this.lookups.prefetch(plan);
      return empty;
    }
    const whole: Block = { sheet: found.name, row: 1, column: 1, numRows: null, numColumns: null };
    this.lookups.prefetch(plan ?? {}, whole, (values) => {
      const t = this.table(key, values[0] ?? [], found, true);
      t.grid = values.map((r) => [...r]);
      t.height = values.length;
      for (let r = 1; r < values.length; r++) this.remember(t, r + 1, t.grid[r]);
      this.cache.set(key, t);
    });
    return this.cache.get(key) as LoadedTable;
  }

  /** The table's header and layout, read (batched with `extra` blocks) when not yet known. */
  header<K extends TableKey>(key: K): LoadedTable<RowOf<K>> {
    this.prepare([key], []);
    return this.cache.get(key) as LoadedTable<RowOf<K>>;
  }

  /**
   * One batched read: the headers of `tables` not yet known plus `extra` blocks (index cells),
   * handed to `accept`. The store's unit of interactive reading.
   */
  prepare(tables: readonly TableKey[], extra: readonly Block[], accept?: (block: Block, values: SheetCell[][]) => void): void {
    const heads: { key: TableKey; found: { sheet: Sheet; name: string } | null }[] = [];
    for (const key of new Set(tables)) {
      if (this.cache.has(key)) continue;
      const def = tableDef(key);
      const found = this.findSheet(def);
      if (!found) {
        if (def.kind === 'data') this.missingTab(def);
        this.cache.set(key, this.table(key, [], null, true));
        continue;
      }
      heads.push({ key, found });
    }
    const blocks: Block[] = [...heads.map((h) => ({ sheet: h.found!.name, row: 1, column: 1, numRows: 1, numColumns: null })), ...extra];
    if (!blocks.length) return;
    const values = this.io.read(blocks);
    heads.forEach((h, i) => this.cache.set(h.key, this.table(h.key, values[i][0] ?? [], h.found, false)));
    extra.forEach((b, i) => accept?.(b, values[heads.length + i]));
  }

  /**
   * Reads rows of tables (one batched read for all, with the headers not yet known), adding them to
   * the tables' records.
   */
  readRows(
    rows: ReadonlyMap<TableKey, readonly number[]>,
    extra: readonly Block[] = [],
    accept?: (block: Block, values: SheetCell[][]) => void,
  ): void {
    const heads: { key: TableKey; found: { sheet: Sheet; name: string } }[] = [];
    const blocks: { key: TableKey; block: Block }[] = [];
    for (const [key, list] of rows) {
      let t = this.cache.get(key);
      if (!t) {
        const def = tableDef(key);
        const found = this.findSheet(def);
        if (!found) {
          this.header(key);
          continue;
        }
        heads.push({ key, found });
      }
      if (t?.full || (t && !t.sheet)) continue;
      const name = t?.name ?? heads[heads.length - 1].found.name;
      for (const run of consecutiveRuns(list.filter((r) => r >= 2 && t?.grid[r - 1] === undefined))) {
        blocks.push({ key, block: { sheet: name, row: run.start, column: 1, numRows: run.end - run.start + 1, numColumns: null } });
      }
    }
    if (!blocks.length && !heads.length && !extra.length) return;
    const headBlocks: Block[] = heads.map((h) => ({ sheet: h.found.name, row: 1, column: 1, numRows: 1, numColumns: null }));
    const values = this.io.read([...headBlocks, ...blocks.map((b) => b.block), ...extra]);
    extra.forEach((b, i) => accept?.(b, values[headBlocks.length + blocks.length + i]));
    heads.forEach((h, i) => this.cache.set(h.key, this.table(h.key, values[i][0] ?? [], h.found, false)));
    blocks.forEach(({ key, block }, i) => {
      const t = this.cache.get(key) as LoadedTable;
      const got = values[heads.length + i];
      for (let r = 0; r < (block.numRows ?? 0); r++) this.remember(t, block.row + r, got[r] ?? []);
    });
  }

  /** Rows of a table already read in this execution, by row number (header excluded). */
  readRow(key: TableKey, row: number): Values | null {
    const t = this.cache.get(key);
    const cells = t?.grid[row - 1];
    if (!t || cells === undefined) return null;
    return t.read(cells);
  }

  /** Whether a row was read in this execution. */
  hasRow(key: TableKey, row: number): boolean {
    return this.cache.get(key)?.grid[row - 1] !== undefined;
  }

  /** One record by ID (any state, deleted included), found by key (or in a whole read). */
  record<K extends TableKey>(key: K, id: string): RowOf<K> | undefined {
    return (this.lookups.byId(key, id) ?? undefined) as RowOf<K> | undefined;
  }

  /** Forget cached reads (after the lock is taken, reads must be fresh). */
  invalidate(): void {
    this.flushWrites();
    this.forget();
  }

  /** Forgets cached reads and hints, without sending anything. */
  private forget(): void {
    this.cache.clear();
    this.nextFree.clear();
    this.grids = undefined;
    this.growth = [];
    this.lookups.reset();
    this.keys.reset();
  }

  /** The role check for a write of `after` over `before`; batch writers outside the store call it too. */
  authorize(key: TableKey, before: Values | null, after: Values, planned?: PlannedLookup): void {
    if (this.env.authorizeWrite && isDataTableKey(key)) this.env.authorizeWrite(key, before, after, planned);
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
          throw CrmError.of('missing_column', this.env.lang, { tab: t.name, column: col.label[this.env.lang] });
        }
        continue;
      }
      row[at] = col.key === SEARCH_KEY ? escapeText(searchKeyOf(t.def, record)) : cellWriter(col, this.env.lang)(v);
    }
    return row;
  }

  /** The key column that carries a table's append hints (its ID directory; the log's own column). */
  private hintColumn(key: TableKey): KeyColumn | undefined {
    return key === 'history' ? keyColumn('history', 'customer') : keyColumn(key, 'id');
  }

  /**
   * The first free row for `n` new rows: after a whole read, its end; else the index's hint when
   * the rows from it are read blank in this execution (plans read them), else after getLastRow.
   */
  private nextRow(key: TableKey, t: LoadedTable, n: number): number {
    if (t.full) return Math.max(t.height, 1) + 1;
    const known = this.nextFree.get(key);
    if (known !== undefined) return known;
    const col = this.hintColumn(key);
    const next = col ? this.keys.rowHints(col).next : null;
    if (next !== null) {
      // Only rows read blank in this execution are free, or rows past the grid's real end (asked
      // now, once for every tab): the grid-height hint may be stale (rows inserted by hand push
      // data past it), so it never vouches for a row.
      const rows = Array.from({ length: n }, (_, i) => next + i);
      const read = (r: number) => this.hasRow(key, r) && (t.grid[r - 1] ?? []).every(blank);
      if (rows.every(read)) return next;
      const grid = this.grid(t.name);
      if (grid && rows.every((r) => read(r) || r > grid.rows)) return next;
    }
    return Math.max((t.sheet as Sheet).getLastRow(), 1) + 1;
  }
  private nextFree = new Map<TableKey, number>();
  /** Tabs' real grid heights and sheet IDs, asked once per execution (one metadata call) when needed. */
  private grids: Map<string, { rows: number; sheetId: number }> | null | undefined = undefined;
  grid(name: string): { rows: number; sheetId: number } | null {
    if (this.grids === undefined) this.grids = this.io.grids();
    return this.grids?.get(name) ?? null;
  }
  /** Rows to add at the end of tabs' grids before the batched write (one structural request). */
  private growth: { sheetId: number; from: number; count: number; need: number }[] = [];

  /**
   * The row the table's next append goes to, as the index (or this execution's appends) says:
   * null when the index cannot vouch for it. The change log's is the agenda's journal mark.
   */
  appendHint(key: TableKey): number | null {
    const known = this.nextFree.get(key);
    if (known !== undefined) return known;
    const col = this.hintColumn(key);
    return col ? this.keys.rowHints(col).next : null;
  }

  /** Rows the plan should read to confirm a table's append hint (`n` rows from it). */
  appendCandidates(key: TableKey, n: number): number[] {
    const col = this.hintColumn(key);
    const { next, max } = col ? this.keys.rowHints(col) : { next: null, max: null };
    if (next === null) return [];
    return Array.from({ length: n }, (_, i) => next + i).filter((r) => max === null || r <= max);
  }

  /** Appends records after the last row, in one block write; the key index learns their rows. */
  append(key: TableKey, records: Values[]): void {
    if (!records.length) return;
    const t = this.cache.get(key)?.full ? (this.cache.get(key) as LoadedTable) : this.header(key);
    if (!t.sheet) this.missingTab(t.def);
    for (const r of records) this.authorize(key, null, r);
    const rows = records.map((r) => this.rowCells(t, r));
    const first = this.nextRow(key, t, rows.length);
    if (t.full) {
      t.sheet.insertRowsAfter(Math.max(t.height, 1), rows.length);
      this.buffered = true;
    }
    this.queueAppend(key, t, first, rows);
    for (let i = 0; i < records.length; i++) {
      this.remember(t, first + i, rows[i] as SheetCell[]);
      t.records[t.byId.get(String(records[i].id)) as number] = withVersion(t.def, { ...records[i] });
    }
    if (t.full) t.height = Math.max(t.height, first + rows.length - 1);
    this.indexRows(
      key,
      records.map((r, i) => ({ row: first + i, before: null, after: r })),
      records.filter((r) => !blank(r.id)).length,
    );
  }

  /** Queues rows from `first` for the batched write; the table's append hint moves past them. */
  private queueAppend(key: TableKey, t: LoadedTable, first: number, rows: Cell[][]): void {
    // The grid must have the rows: a batch looks at its height first; a single row does when the
    // index's hint says the grid is full (else it leaves that to the rare failed write).
    if (t.sheet) {
      const col = this.hintColumn(key);
      const known = col ? this.keys.rowHints(col).max : null;
      const last = first + rows.length - 1;
      if ((known === null && rows.length > 1) || (known !== null && known < last)) {
        const grid = this.grid(t.name);
        if (grid) {
          // With the API: every tab's growth in one structural request, sent before the write.
          if (grid.rows < last) {
            this.growth.push({ sheetId: grid.sheetId, from: grid.rows, count: last + GROWTH_ROWS - grid.rows, need: last - grid.rows });
            grid.rows = last + GROWTH_ROWS;
          }
          if (col) this.keys.setRowHints(col, last + 1, grid.rows);
        } else {
          const max = t.sheet.getMaxRows();
          if (max < last) {
            t.sheet.insertRowsAfter(max, last + GROWTH_ROWS - max);
            this.buffered = true;
            if (col) this.keys.setRowHints(col, last + 1, last + GROWTH_ROWS);
          }
        }
      }
    }
    this.queue.push({
      block: { sheet: t.name, row: first, column: 1, numRows: rows.length, numColumns: rows[0].length },
      values: rows,
      kind: key === 'history' ? 'log' : 'append',
    });
    const end = first + rows.length;
    this.nextFree.set(key, end);
    this.grown.set(key, Math.max(this.grown.get(key) ?? 0, end - 1));
    const col = this.hintColumn(key);
    if (col) this.keys.setRowHints(col, end, null);
  }

  /** Marks index columns untrusted (with the batched write): the next locked step rebuilds them. */
  untrust(columns: readonly KeyColumn[]): void {
    this.queue.push(...this.keys.invalidate(columns, this.env.now ?? ''));
    if (!this.locked) this.flushWrites();
  }

  /** Queues a block of cells (already escaped) for the one batched write. */
  queueWrite(block: Block, values: Cell[][]): void {
    this.queue.push({ block, values });
    if (!this.locked) this.flushWrites();
  }

  /**
   * Sends the queued writes in one batched write (all or nothing). When Sheets refuses a write past
   * a tab's grid, the grids of the tabs appended to grow (with room for the next appends) and the
   * same write is sent again.
   */
  flushWrites(): void {
    if (!this.queue.length) return;
    const queue = this.queue;
    this.queue = [];
    if (this.growth.length) {
      const growth = this.growth;
      this.growth = [];
      try {
        this.io.growGrids(growth);
      } catch (e) {
        // Near Sheets' 10M-cell limit the spare rows may not fit: grow by exactly what is written.
        if (!/limit|cells/i.test(String(e))) throw e;
        this.io.growGrids(growth.map((g) => ({ ...g, count: g.need })));
      }
    }
    let flushed = false;
    try {
      flushed = this.send(queue);
    } catch (e) {
      if (!pastGrid(e)) throw e;
      for (const [key, last] of this.grown) {
        const t = this.cache.get(key) as LoadedTable;
        const max = (t.sheet as Sheet).getMaxRows();
        if (max >= last) continue;
        const grid = last + GROWTH_ROWS;
        (t.sheet as Sheet).insertRowsAfter(max, grid - max);
        const col = this.hintColumn(key);
        if (col) this.keys.setRowHints(col, this.nextFree.get(key) ?? last + 1, grid);
      }
      // The hints just set go with the same write.
      flushed = this.send([...queue, ...this.keys.flush(this.env.now ?? '', (blocks) => this.io.read(blocks))]);
    }
    this.grown.clear();
    // An intent flushed everything before its commit, which is the step's last call.
    if (!this.io.batched) this.buffered = !flushed;
  }

  /**
   * One write of queued blocks: with the Sheets service one batchUpdate (all or nothing); without it
   * a logged step goes as an intent (see intent.ts), anything else block by block. True when it
   * went as an intent (which flushes what came before its commit).
   */
  private send(queue: readonly QueuedWrite[]): boolean {
    if (!this.io.batched && queue.some((q) => q.kind === 'log') && this.intents?.send(queue)) return true;
    this.io.write(queue);
    return false;
  }

  /**
   * Rows written outside the store (the edit handler writes cells itself): the key index learns what
   * they now hold. `before`: what the index may hold for each row (what it held before the edit, and
   * what the sheet showed when read: a rebuild in this execution saw the typed state).
   */
  editedRows(key: TableKey, changes: readonly { row: number; before: readonly Values[]; after: Values }[], idDelta: number): void {
    this.reindex(key, changes, idDelta);
  }

  /** Tells the key index what the rows of `key` now hold (before: what they held, null for new). */
  private indexRows(key: TableKey, changes: readonly { row: number; before: Values | null; after: Values }[], idDelta = 0): void {
    this.reindex(
      key,
      changes.map((c) => ({ row: c.row, before: c.before ? [c.before] : [], after: c.after })),
      idDelta,
    );
  }

  /**
   * For each row and key column: entries of the keys the row may have held are dropped where they
   * name the row, and the row is listed under its key now, unless every view of it already had
   * that key. `idDelta`: ID cells filled (or cleared) by these writes, for the table's count.
   */
  private reindex(key: TableKey, changes: readonly { row: number; before: readonly Values[]; after: Values }[], idDelta: number): void {
    if (!this.locked) {
      // Index cells are read, edited and written under the lock only: outside it, a write the
      // index cannot follow marks the table's columns untrusted (the next locked reader rebuilds).
      this.untrust(keyColumnsOf(key));
      return;
    }
    const prefix = tableDef(key).prefix ?? '';
    const lastRecord = Math.max(0, ...changes.filter((c) => !blank(c.after.id)).map((c) => c.row));
    for (const col of keyColumnsOf(key)) {
      if (col.kind === 'directory') {
        this.keys.counted(col, idDelta);
        if (lastRecord) this.keys.covered(col, lastRecord);
      }
      const field = col.kind === 'directory' ? 'id' : col.field;
      for (const c of changes) {
        const now = col.keyOf(c.after[field]);
        // A row without an ID is no record: the index never listed it under any key.
        const was = c.before.map((b) => (blank(b.id) ? null : col.keyOf(b[field])));
        for (const k of new Set(was)) {
          if (!k || k === now) continue;
          if (col.kind === 'rows') this.keys.editRows(col, k, [], [c.row]);
          else {
            const d = directoryKey(prefix, k);
            this.keys.dropDirectoryRow(col, d.key, d.seq, c.row);
          }
        }
        if (!now || (was.length && was.every((k) => k === now))) continue;
        if (col.kind === 'rows') this.keys.editRows(col, now, [c.row]);
        else {
          const d = directoryKey(prefix, now);
          this.keys.editDirectory(col, d.key, new Map([[d.seq, c.row]]));
        }
      }
    }
  }

  /**
   * Writes changed fields of one record: one write per run of our columns (usually one), so
   * user-added columns in between are never written. Untouched cells inside a run are rewritten
   * exactly as read.
   */
  update(key: TableKey, id: string, changes: Values): void {
    this.updateMany(key, [{ id, changes }]);
  }

  /**
   * Writes changed fields of several records, queued for the one batched write. Whole tables: one
   * block per run of changed columns, spanning the first to the last touched row (rows between are
   * rewritten as read), so the blocks do not grow with the number of records. Rows read by key: the
   * changed columns of each row.
   */
  updateMany(key: TableKey, updates: readonly RecordChange[]): void {
    if (!updates.length) return;
    const t = this.cache.get(key)?.full ? (this.cache.get(key) as LoadedTable) : this.header(key);
    if (!t.sheet) this.missingTab(t.def);
    const fresh = new Map<number, Cell[]>();
    const next: [number, Values, Values][] = [];
    const keys = new Set<string>();
    for (const { id, changes } of updates) {
      if (!t.full) this.record(key, id);
      const i = t.byId.get(id);
      if (i === undefined) throw CrmError.of('not_found', this.env.lang, { id });
      const record = withVersion(t.def, { ...t.records[i], ...changes });
      this.authorize(key, t.records[i], record);
      fresh.set(t.rowNumbers[i], this.rowCells(t, record));
      next.push([i, t.records[i], record]);
      for (const k of Object.keys(changes)) keys.add(k);
      if (t.def.searchable && Object.keys(changes).some((k) => searchKeyChanges(t.def, k))) keys.add(SEARCH_KEY);
    }
    const blocks = spanBlocks(
      t.layout,
      [...keys],
      fresh,
      (row) => t.grid[row - 1],
      t.full ? { bridge: true } : { bridge: false, maxGap: 1 },
    );
    for (const b of blocks)
      this.queue.push({
        block: { sheet: t.name, row: b.row, column: b.column, numRows: b.values.length, numColumns: b.values[0].length },
        values: b.values,
      });
    for (const b of blocks)
      b.values.forEach((cells, r) =>
        cells.forEach((v, c) => {
          (t.grid[b.row - 1 + r] ??= [])[b.column - 1 + c] = v as SheetCell;
        }),
      );
    for (const [i, , record] of next) {
      t.records[i] = record;
      t.cells[i] = t.grid[t.rowNumbers[i] - 1];
    }
    this.indexRows(
      key,
      next.map(([i, before, after]) => ({ row: t.rowNumbers[i], before, after })),
      0,
    );
    // A record moved to another customer takes its earlier change-log rows along in the index.
    if (key !== 'customers') {
      for (const [, before, after] of next) {
        const from = String(before.customerId ?? '').trim();
        const to = String(after.customerId ?? '').trim();
        if (from && to && from !== to) this.lookups.moved(String(after.id), from, to);
      }
    }
  }

  /** Appends change-log rows in one write; the index learns which customer each belongs to. */
  appendHistory(entries: HistoryEntry[]): void {
    if (!entries.length) return;
    const t = this.cache.get('history')?.full ? (this.cache.get('history') as LoadedTable) : this.header('history');
    if (!t.sheet) return;
    const rows = historyRows(entries);
    const first = this.nextRow('history', t, rows.length);
    this.queueAppend('history', t, first, rows);
    rows.forEach((r, i) => {
      t.grid[first + i - 1] = r;
    });
    if (t.full) t.height = first + rows.length - 1;
    this.lookups.historyWritten(entries, first);
    const logColumn = keyColumn('history', 'customer');
    if (logColumn) this.keys.counted(logColumn, rows.length);
  }

  /** Runs `fn` holding the script lock; a lock that cannot be had in time is a clear "busy". */
  withLock<T>(fn: () => T): T {
    try {
      this.env.lock.waitLock(LOCK_TIMEOUT_MS);
    } catch {
      throw CrmError.of('busy', this.env.lang);
    }
    try {
      return this.whileLocked(fn);
    } finally {
      this.env.lock.releaseLock();
    }
  }

  /**
   * For a read that met index columns it cannot trust (no lock of its own): runs `fn` (whole-column
   * reads, which rebuild those columns while the lock is held) holding the script lock, when it can
   * be had within `waitMs`, then sends the rebuilt columns in one batched write and releases the
   * lock. Nothing read before is forgotten: what `fn` rebuilds comes only from its own reads, made
   * under the lock, so no CRM write can fall between them and the index written. Returns false
   * (fn not run) when the lock is busy; the caller reads without repairing. A failed write leaves
   * the index as it was (the write is all or nothing) and the answer unchanged.
   */
  tryRepair(fn: () => void, waitMs: number): boolean {
    if (this.locked) {
      fn();
      return true;
    }
    let got = false;
    try {
      got = this.env.lock.tryLock(waitMs);
    } catch {
      got = false;
    }
    if (!got) return false;
    this.locked = true;
    try {
      fn();
      const indexWrites = this.keys.flush(this.env.now ?? '', (blocks) => this.io.read(blocks));
      this.queue.push(...indexWrites);
      try {
        this.flushWrites();
        if (this.buffered) this.env.flush();
      } catch {
        // The repair is a favour to the next read: this one answers from its scan all the same.
        this.queue = [];
        this.grown.clear();
      }
      this.buffered = false;
      return true;
    } finally {
      this.locked = false;
      this.env.lock.releaseLock();
    }
  }

  /**
   * Runs `fn` while the caller holds the script lock: reads start fresh, and the writes (rows, log,
   * key index) go out in one batched write at the end.
   */
  whileLocked<T>(fn: () => T): T {
    this.locked = true;
    try {
      this.invalidate();
      // Without the Sheets service: first settle what a failed or cut-off logged step left.
      if (!this.io.batched) this.intents?.settle();
      const out = fn();
      this.lookups.settle();
      // (flush may read, which sends the queue first: take its writes before queueing them)
      const indexWrites = this.keys.flush(this.env.now ?? '', (blocks) => this.io.read(blocks));
      this.queue.push(...indexWrites);
      this.flushWrites();
      if (this.buffered) this.env.flush();
      this.buffered = false;
      return out;
    } catch (e) {
      // A step that fails writes nothing: what it queued is dropped, never sent by a later read or
      // step of the same execution, and what it read (and changed in memory) is forgotten.
      this.queue = [];
      this.grown.clear();
      this.forget();
      throw e;
    } finally {
      this.locked = false;
    }
  }
}

const blank = (c: unknown) => c === '' || c === null || c === undefined;

/** A data record with its edit token derived from its updatedAt as written. */
function withVersion(def: TableDef, record: Values): Values {
  if (def.kind === 'data') record[VERSION] = versionOf(record.updatedAt);
  return record;
}

/** Whether a change of `field` changes a row's search key. */
export function searchKeyChanges(def: TableDef, field: string): boolean {
  return field === 'id' || field === 'updatedAt' || field === 'deleted' || searchFields(def).some((c) => c.key === field);
}
