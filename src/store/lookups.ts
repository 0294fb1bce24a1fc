import { SEARCH_KEY, tableDef, type TableKey } from '../schema';
import { editDirectory, editRows, INDEX_BUCKETS, UNINDEXED, type IndexCell } from '../core/keyIndex';
import { nextIds, rowOfSearchKey, searchKeyOf, type Values } from '../core';
import { escapeText, type SheetCell } from './cells';
import type { HistoryEntry } from './history';
import { columnLetters, quoteSheet, type Block } from './io';
import { bucketOfKey, directoryKey, keyColumn, keyColumnsOf, KEY_COLUMNS, sentinelField, sentinelOf, type KeyColumn } from './keyColumns';
import type { SheetStore } from './store';

/** What an interactive operation will look up, so the store can read it all in two batched reads. */
export interface LookupPlan {
  /** Tables whose header (layout) is needed. */
  tables?: TableKey[];
  /** Records by ID. */
  ids?: [TableKey, string][];
  /** Records whose `field` (an indexed column: customerId, a unique field) holds `value`. */
  keyed?: [TableKey, string, unknown][];
  /**
   * Like `keyed`, but only the index cells are read, not the rows: the caller reads just the
   * columns it needs of the rows `hinted` names (a key with many rows, like the shared pool's).
   */
  hints?: [TableKey, string, unknown][];
  /**
   * Tables that will draw new IDs today (their directory cell of `day`); `rows`: how many records
   * the step appends (default 1), whose rows are confirmed blank in the same read.
   */
  newIds?: [TableKey, string, number?][];
  /** Customers whose change log is wanted. */
  history?: string[];
  /** Change-log rows the step may write (default HISTORY_ROWS_AHEAD): confirmed blank ahead of the append. */
  logRows?: number;
  /** Tables whose sentinel (live count of IDs) is wanted. */
  counts?: TableKey[];
  /** Rows (hints, confirmed by the caller) to read with the plan's second read. */
  rows?: [TableKey, number[]][];
  /** Other blocks (the agenda's cells) to read with the plan's first read, handed to `accept`. */
  blocks?: { block: Block; accept: (values: SheetCell[][]) => void }[];
}

interface Want {
  column: KeyColumn;
  key: string;
  seq: number | null;
  kind?: 'newIds' | 'hint';
}

/** The change log's index column (keyed by customer, which is no column of the log). */
const isLogColumn = (c: KeyColumn) => c.table === 'history' && c.field === 'customer';

/** How long a read waits for the script lock to repair the index columns it had to read whole. */
const REPAIR_WAIT_MS = 500;

/** Change-log rows a plan confirms blank ahead of its append (an update logs one row per field). */
const HISTORY_ROWS_AHEAD = 20;

/**
 * Reading by key. Each lookup asks the key index for rows (a hint), reads those rows, and returns
 * only what the rows themselves confirm (the ID cell, the key cell). When the index cannot say (a
 * column never built, a key it gave up on) or a confirmation fails (rows sorted, inserted or
 * deleted by hand), it reads the key column instead: slower, always right. A column read whole
 * while the lock is held rebuilds that index column, so the next lookup is fast again.
 */
export class Lookups {
  private scans = new Map<string, Map<number, unknown>>();
  /** Cells below a table's indexed rows (see KeyIndex.tailFrom), by `table.field`: row → value. */
  private tails = new Map<string, Map<number, unknown>>();
  /** Change-log rows written in this execution, attributed to a customer when the lock is released. */
  private newHistory: { table: string; recordId: string; row: number; entry: HistoryEntry }[] = [];
  /** Records that moved to another customer in this execution: their old log rows follow. */
  private moves: { recordId: string; from: string; to: string }[] = [];

  /** During rebuild: columns the caller read under this lock, used instead of reading them again. */
  private shared: ((table: TableKey, field: string) => Map<number, unknown> | null) | null = null;

  constructor(private readonly store: SheetStore) {}

  reset(): void {
    this.scans.clear();
    this.tails.clear();
    this.newHistory = [];
    this.moves = [];
  }

  private wants(plan: LookupPlan): Want[] {
    const out: Want[] = [];
    for (const [table, id] of plan.ids ?? []) {
      const col = keyColumn(table, 'id');
      if (!col) continue;
      const k = directoryKey(tableDef(table).prefix ?? '', String(id).toUpperCase());
      out.push({ column: col, key: k.key, seq: k.seq });
    }
    for (const [table, field, value] of plan.keyed ?? []) {
      const col = keyColumn(table, field);
      const key = col?.keyOf(value);
      if (col && key) out.push({ column: col, key, seq: null });
    }
    for (const [table, field, value] of plan.hints ?? []) {
      const col = keyColumn(table, field);
      const key = col?.keyOf(value);
      if (col && key) out.push({ column: col, key, seq: null, kind: 'hint' });
    }
    for (const [table, day] of plan.newIds ?? []) {
      const col = keyColumn(table, 'id');
      if (col) out.push({ column: col, key: day, seq: null, kind: 'newIds' });
    }
    const hist = keyColumn('history', 'customer') as KeyColumn;
    for (const c of plan.history ?? []) out.push({ column: hist, key: c.toUpperCase(), seq: null });
    return out;
  }

  private hintRows(w: Want): number[] | 'unknown' {
    const hint = w.seq === null ? this.store.keys.rows(w.column, w.key) : this.store.keys.directory(w.column, w.key, w.seq);
    if (hint !== 'unknown') return hint.rows;
    // The change log's tail is matched by its records (history), not by a key.
    const tail = isLogColumn(w.column) ? null : this.tailOf(w.column);
    if (!tail) return 'unknown';
    const above = w.seq === null ? this.store.keys.rows(w.column, w.key, true) : this.store.keys.directory(w.column, w.key, w.seq, true);
    if (above === 'unknown') return 'unknown';
    const prefix = tableDef(w.column.table).prefix ?? '';
    const matches = (v: unknown) => {
      if (w.seq === null) return w.column.keyOf(v) === w.key;
      const k = directoryKey(prefix, String(v).trim().toUpperCase());
      return k.key === w.key && k.seq === w.seq;
    };
    const below = [...tail.values].filter(([row, v]) => tail.ids.has(row) && matches(v)).map(([row]) => row);
    return [...new Set([...above.rows, ...below])];
  }

  /**
   * The rows below what the index covers, when only they are unknown to it (rows added behind its
   * back, see KeyIndex.tailFrom) and they hold every extra ID: the ID cells and the column's cells
   * there. Read by readTails (batched) or here; null when the index cannot be helped this way.
   * Not under the lock: a locked step reads the column whole and rebuilds the index instead.
   */
  private tailOf(column: KeyColumn): { ids: Map<number, unknown>; values: Map<number, unknown> } | null {
    if (this.store.holdsLock) return null;
    const from = this.store.keys.tailFrom(column);
    if (from === null) return null;
    this.readTails([column]);
    const ids = this.tails.get(`${column.table}.${sentinelField(column)}`);
    // The change log's index keys rows by customer, which is no column: its tail is the record IDs.
    const values = isLogColumn(column) ? ids : this.tails.get(`${column.table}.${column.field}`);
    if (!ids || !values || !this.store.keys.tailVouches(column, ids.size)) return null;
    return { ids, values };
  }

  /** Reads, in one batched read, the tails (ID cells and key cells) of the columns that have one. */
  private readTails(columns: readonly KeyColumn[]): void {
    if (this.store.holdsLock) return;
    const blocks: { id: string; from: number; block: Block }[] = [];
    const want = (table: TableKey, field: string, from: number) => {
      const id = `${table}.${field}`;
      if (this.tails.has(id) || blocks.some((b) => b.id === id)) return;
      const t = this.store.header(table);
      const at = t.layout.index.get(field);
      if (at === undefined || !t.sheet) return;
      // From the range's own last row (which exists in the grid), so the read never starts past it.
      blocks.push({ id, from, block: { sheet: t.name, row: from - 1, column: at + 1, numRows: null, numColumns: 1 } });
    };
    for (const column of columns) {
      const from = this.store.keys.tailFrom(column);
      if (from === null) continue;
      want(column.table, sentinelField(column), from);
      if (!isLogColumn(column)) want(column.table, column.field, from);
    }
    if (!blocks.length) return;
    const values = this.store.io.read(blocks.map((b) => b.block));
    blocks.forEach(({ id, from, block }, i) => {
      const out = new Map<number, unknown>();
      values[i].forEach((row, r) => {
        const v = row?.[0];
        if (block.row + r >= from && v !== '' && v !== undefined && v !== null) out.set(block.row + r, v);
      });
      this.tails.set(id, out);
    });
  }

  /**
   * Reads, in at most two batched reads, the headers, index cells and hinted rows a plan needs.
   * Lookups afterwards find them in memory; anything still missing is read when asked.
   */
  prefetch(plan: LookupPlan, extra?: Block, onExtra?: (values: SheetCell[][]) => void): void {
    const wants = this.wants(plan);
    const tables = new Set<TableKey>([...(plan.tables ?? []), ...(plan.counts ?? []), ...wants.map((w) => w.column.table)]);
    const byColumn = new Map<KeyColumn, string[]>();
    for (const w of wants) byColumn.set(w.column, [...(byColumn.get(w.column) ?? []), w.key]);
    const blocks: Block[] = [...byColumn].flatMap(([col, keys]) => this.store.keys.blocksFor(col, keys));
    for (const table of plan.counts ?? []) {
      const col = keyColumn(table, 'id');
      if (col) blocks.push(...this.store.keys.headBlocks(col));
    }
    // The change log's state cell carries its append hint.
    if (tables.has('history')) blocks.push(...this.store.keys.headBlocks(keyColumn('history', 'customer') as KeyColumn));
    if (extra) blocks.unshift(extra);
    const own = new Map((plan.blocks ?? []).map((o) => [o.block, o.accept]));
    blocks.push(...own.keys());
    this.store.prepare([...tables], blocks, (b, v) =>
      b === extra ? onExtra?.(v) : own.has(b) ? (own.get(b) as (v: SheetCell[][]) => void)(v) : this.store.keys.accept(b, v),
    );
    // Rows added below what the index covers: read alone (one batched read) before the rows.
    this.readTails(wants.filter((w) => w.kind !== 'newIds').map((w) => w.column));
    const rows = new Map<TableKey, number[]>();
    const add = (table: TableKey, list: readonly number[]) => rows.set(table, [...(rows.get(table) ?? []), ...list]);
    for (const w of wants) {
      if (w.kind === 'newIds' || w.kind === 'hint') continue;
      const hint = this.hintRows(w);
      if (hint !== 'unknown') add(w.column.table, hint);
    }
    for (const [table, list] of plan.rows ?? []) add(table, list);
    // Where new rows will go (only a locked step appends): confirmed blank in the same read.
    if (this.store.holdsLock) {
      for (const [table, , n] of plan.newIds ?? []) add(table, this.store.appendCandidates(table, Math.max(1, n ?? 1)));
      if (tables.has('history')) add('history', this.store.appendCandidates('history', Math.max(HISTORY_ROWS_AHEAD, plan.logRows ?? 0)));
    }
    // A new customer's change-log cell: its ID follows from today's directory, read just now.
    const log = keyColumn('history', 'customer') as KeyColumn;
    const next = (plan.newIds ?? [])
      .filter(([t]) => t === 'customers')
      .flatMap(([t, day]) => {
        const max = this.store.keys.maxSeq(keyColumn(t, 'id') as KeyColumn, day);
        return max === null ? [] : [`${tableDef(t).prefix ?? ''}${day}${String(max + 1).padStart(3, '0')}`];
      });
    const logCells = tables.has('history') ? this.store.keys.blocksFor(log, next) : [];
    try {
      this.store.readRows(rows, logCells, (b, v) => this.store.keys.accept(b, v));
    } catch (e) {
      // A hint past a grid people shrank: read again without the append candidates.
      if (!/grid limits/i.test(String(e))) throw e;
      for (const w of wants)
        if (w.kind !== 'newIds' && w.kind !== 'hint') {
          const h = this.hintRows(w);
          if (h !== 'unknown') rows.set(w.column.table, h);
        }
      rows.delete('history');
      this.store.readRows(new Map([...rows].filter(([t]) => !(plan.newIds ?? []).some(([n]) => n === t))));
    }
  }

  /**
   * The rows the index lists under `field` = `value` (after a plan's `hints`, from memory), rows
   * added below the index included: unconfirmed, so the caller must read and check each row's cells.
   * 'unknown' when the index cannot say: the caller reads the column instead.
   */
  hinted(table: TableKey, field: string, value: unknown): number[] | 'unknown' {
    const column = keyColumn(table, field);
    const key = column?.keyOf(value) ?? null;
    if (!column || !key || this.store.header(table).full) return 'unknown';
    const hint = this.hintRows({ column, key, seq: null });
    return hint === 'unknown' ? hint : [...hint].sort((a, b) => a - b);
  }

  /** One record by ID (deleted ones included); null when there is none. */
  byId(table: TableKey, rawId: string): Values | null {
    const id = String(rawId).trim();
    const t0 = this.store.header(table);
    if (t0.full) {
      const i = t0.byId.get(id);
      return i === undefined ? null : t0.records[i];
    }
    const known = t0.byId.get(id);
    if (known !== undefined && this.confirmedId(table, t0.rowNumbers[known], id)) return t0.records[known];
    this.prefetch({ ids: [[table, id]] });
    const t = this.store.header(table);
    const col = keyColumn(table, 'id');
    const k = directoryKey(tableDef(table).prefix ?? '', id);
    const hint = col ? this.hintRows({ column: col, key: k.key, seq: k.seq }) : 'unknown';
    if (hint !== 'unknown') {
      const ok = hint.filter((r) => this.confirmedId(table, r, id));
      if (ok.length) return t.records[t.byId.get(id) as number];
      if (!hint.length) return null;
    }
    // The index cannot say, or its row holds another record: read the ID column.
    const rows = this.scanFor(table, 'id', (v) => String(v).trim() === id);
    this.store.readRows(new Map([[table, rows]]));
    const i = t.byId.get(id);
    return i === undefined ? null : t.records[i];
  }

  /** Rows holding `id` (normally one; a pasted copy makes two), confirmed by their ID cells. */
  rowsWithId(table: TableKey, rawId: string): number[] {
    const id = String(rawId).trim();
    const t = this.store.header(table);
    if (t.full) return t.rowNumbers.filter((_row, i) => String(t.records[i].id) === id);
    this.prefetch({ ids: [[table, id]] });
    const col = keyColumn(table, 'id');
    const k = directoryKey(tableDef(table).prefix ?? '', id);
    const hint = col ? this.hintRows({ column: col, key: k.key, seq: k.seq }) : 'unknown';
    // The directory holds one row per ID: a second row with the same ID is one it never saw.
    const rows =
      hint === 'unknown' || !hint.every((r) => this.confirmedId(table, r, id))
        ? this.scanFor(table, 'id', (v) => String(v).trim() === id)
        : hint;
    const seen = t.rowNumbers.filter((_r, i) => String(t.records[i].id) === id);
    return [...new Set([...rows, ...seen])].sort((a, b) => a - b);
  }

  private confirmedId(table: TableKey, row: number, id: string): boolean {
    const v = this.store.readRow(table, row);
    return !!v && String(v.id ?? '').trim() === id;
  }

  /**
   * Records whose `field` holds `value` (children by customerId, a unique field by its folded
   * value), deleted ones included, in sheet order.
   */
  withKey(table: TableKey, field: string, value: unknown): Values[] {
    const t0 = this.store.header(table);
    const col = keyColumn(table, field);
    const key = col?.keyOf(value) ?? null;
    if (t0.full || !col || !key) {
      const t = this.store.load(table);
      return t.records.filter((r) => (col ? col.keyOf(r[field]) === key : r[field] === value));
    }
    this.prefetch({ keyed: [[table, field, value]] });
    const t = this.store.header(table);
    const hint = this.hintRows({ column: col, key, seq: null });
    const holds = (row: number) => {
      const v = this.store.readRow(table, row);
      return !!v && String(v.id ?? '').trim() !== '' && col.keyOf(v[field]) === key;
    };
    let rows: number[];
    if (hint !== 'unknown' && hint.every(holds)) rows = hint;
    else {
      rows = this.scanFor(table, field, (v) => col.keyOf(v) === key);
      this.store.readRows(new Map([[table, rows]]));
    }
    return rows
      .sort((a, b) => a - b)
      .map((r) => t.records[t.rowNumbers.indexOf(r)])
      .filter((r): r is Values => !!r);
  }

  /**
   * withKey for several (table, field, value) at once: after the plan's two reads, the columns the
   * index cannot vouch for are read in ONE batched read and their rows in one more, so a cold 360
   * view costs four round trips, not two per table.
   */
  withKeys(wants: readonly [TableKey, string, unknown][]): Values[][] {
    this.prefetch({ keyed: [...wants] });
    const cold: [TableKey, string][] = [];
    for (const [table, field, value] of wants) {
      const col = keyColumn(table, field);
      const key = col?.keyOf(value) ?? null;
      if (!col || !key || this.store.header(table).full) continue;
      const hint = this.hintRows({ column: col, key, seq: null });
      const holds = (row: number) => {
        const v = this.store.readRow(table, row);
        return !!v && String(v.id ?? '').trim() !== '' && col.keyOf(v[field]) === key;
      };
      if (hint === 'unknown' || !hint.every(holds)) cold.push([table, field]);
    }
    if (cold.length) {
      this.scanCold(cold);
      const rows = new Map<TableKey, number[]>();
      for (const [table, field, value] of wants) {
        if (!cold.some(([t, f]) => t === table && f === field)) continue;
        const col = keyColumn(table, field) as KeyColumn;
        const key = col.keyOf(value);
        rows.set(table, [...(rows.get(table) ?? []), ...this.scanFor(table, field, (v) => col.keyOf(v) === key)]);
      }
      this.store.readRows(rows);
    }
    return wants.map(([table, field, value]) => this.withKey(table, field, value));
  }

  /**
   * How many rows of a table have an ID, by its sentinel (one cell read with the plan): null when
   * the index cannot vouch for it.
   */
  idCount(table: TableKey): number | null {
    const col = keyColumn(table, 'id');
    if (!col) return null;
    this.prefetch({ counts: [table] });
    const n = this.store.keys.liveCount(col);
    return n === null ? null : n - 1;
  }

  /**
   * Records whose `field` holds `value`: by the index when it keys that field (withKey), else by
   * one read of that column and then the matching rows.
   */
  withValue(table: TableKey, field: string, value: unknown): Values[] {
    if (keyColumn(table, field)) return this.withKey(table, field, value);
    const t0 = this.store.header(table);
    if (t0.full) return t0.records.filter((r) => r[field] === value);
    const rows = this.scanFor(table, field, (v) => String(v).trim() === String(value));
    this.store.readRows(new Map([[table, rows]]));
    return rows
      .map((r) => this.store.readRow(table, r))
      .filter((r): r is Values => !!r && r[field] === value && String(r.id ?? '') !== '')
      .map((r) => t0.records[t0.byId.get(String(r.id)) as number] ?? r);
  }

  /** IDs for `count` new records of `table` created on `day` (yyyyMMdd); the caller holds the lock. */
  nextIds(table: TableKey, day: string, count = 1): string[] {
    const prefix = tableDef(table).prefix ?? '';
    const t0 = this.store.header(table);
    if (t0.full) return nextIds(prefix, day, t0.byId.keys(), count);
    const col = keyColumn(table, 'id') as KeyColumn;
    this.prefetch({ newIds: [[table, day]] });
    const max = this.store.keys.maxSeq(col, day);
    // The directory's highest number of the day stands for every ID of that day.
    if (max !== null) return nextIds(prefix, day, max ? [prefix + day + String(max).padStart(3, '0')] : [], count);
    return nextIds(
      prefix,
      day,
      [...this.column(table, 'id').values()].map((v) => String(v).trim()),
      count,
    );
  }

  /** The change log of a customer's records (`ids`: the customer's and its children's IDs). */
  history(customerId: string, ids: ReadonlySet<string>): Values[] {
    const col = keyColumn('history', 'customer') as KeyColumn;
    const key = customerId.toUpperCase();
    const t0 = this.store.header('history');
    if (t0.full || !t0.sheet) return t0.records.filter((h) => ids.has(String(h.recordId)));
    this.prefetch({ history: [key] });
    const hint = this.hintRows({ column: col, key, seq: null });
    const ours = (row: number) => {
      const v = this.store.readRow('history', row);
      return !!v && ids.has(String(v.recordId ?? ''));
    };
    let rows: number[] | null = hint !== 'unknown' && hint.every(ours) ? hint : null;
    if (!rows) rows = this.historyBelow(col, key, ours, ids);
    if (!rows) {
      rows = this.scanFor('history', 'recordId', (v) => ids.has(String(v)));
      this.store.readRows(new Map([['history', rows]]));
      // The change log's index is rebuilt by the daily job (it needs every table's customer IDs).
    }
    return rows.map((r) => this.store.readRow('history', r)).filter((r): r is Values => !!r);
  }

  /**
   * A customer's change-log rows when the log's index vouches only above its tail: the index's rows
   * (confirmed) plus the rows below whose record is the customer's. Null when that cannot be said.
   */
  private historyBelow(col: KeyColumn, key: string, ours: (row: number) => boolean, ids: ReadonlySet<string>): number[] | null {
    const tail = this.tailOf(col);
    const above = tail ? this.store.keys.rows(col, key, true) : 'unknown';
    if (!tail || above === 'unknown') return null;
    const below = [...tail.ids].filter(([, v]) => ids.has(String(v).trim())).map(([row]) => row);
    this.store.readRows(new Map([['history', [...above.rows, ...below]]]));
    return above.rows.every(ours) ? [...new Set([...above.rows, ...below])].sort((a, b) => a - b) : null;
  }

  /** The customer a change-log entry belongs to (null: none, e.g. a lead). */
  customerOf(table: string, recordId: string, entry: HistoryEntry | null): string | null {
    if (table === 'customers') return recordId.toUpperCase();
    const t = this.store.cached(table as TableKey);
    const i = t?.byId.get(recordId);
    const rec = i === undefined ? null : t?.records[i];
    const fromRecord = rec?.customerId;
    const snapshot =
      entry && entry.field === '*' && entry.newValue && typeof entry.newValue === 'object'
        ? (entry.newValue as Record<string, unknown>).customerId
        : undefined;
    const c = fromRecord ?? snapshot;
    return typeof c === 'string' && c.trim() ? c.trim().toUpperCase() : null;
  }

  /** Change-log rows written now; attributed to customers when the lock is released. */
  historyWritten(entries: readonly HistoryEntry[], first: number): void {
    entries.forEach((entry, i) => this.newHistory.push({ table: entry.table, recordId: entry.recordId, row: first + i, entry }));
  }

  /** A record moved from one customer to another: its earlier log rows move in the index too. */
  moved(recordId: string, from: string, to: string): void {
    this.moves.push({ recordId, from: from.toUpperCase(), to: to.toUpperCase() });
  }

  /** Hands the change log's index edits of this execution to the key index (before its flush). */
  settle(): void {
    const col = keyColumn('history', 'customer') as KeyColumn;
    const byCustomer = new Map<string, number[]>();
    for (const h of this.newHistory) {
      const c = this.customerOf(h.table, h.recordId, h.entry);
      if (c) byCustomer.set(c, [...(byCustomer.get(c) ?? []), h.row]);
    }
    for (const [c, rows] of byCustomer) this.store.keys.editRows(col, c, rows);
    this.newHistory = [];
    if (!this.moves.length) return;
    const moves = this.moves;
    this.moves = [];
    this.prefetch({ history: moves.map((m) => m.from) });
    for (const m of moves) {
      const hint = this.hintRows({ column: col, key: m.from, seq: null });
      if (hint === 'unknown') continue;
      const rows = hint.filter((r) => String(this.store.readRow('history', r)?.recordId ?? '') === m.recordId);
      if (!rows.length) continue;
      this.store.keys.editRows(col, m.from, [], rows);
      this.store.keys.editRows(col, m.to, rows);
    }
  }

  /** A column's cells by row (rows 2..), read once per execution. */
  column(table: TableKey, field: string): Map<number, unknown> {
    this.scanAll([[table, field]]);
    return this.scans.get(`${table}.${field}`) as Map<number, unknown>;
  }

  /**
   * Key columns a read without the lock must read whole (the index distrusts them, or a hinted row
   * no longer holds its key): read under the script lock when it is free within REPAIR_WAIT_MS, so
   * their index columns are rebuilt from that read and written at once (one batched write) and the
   * next read is warm again, instead of every read scanning until the next locked step. With them
   * the columns a rebuild needs in the same batched read: the table's ID column (only rows with an
   * ID are indexed), and when the table's sentinel is off too, its other key columns (the ID
   * directory is rebuilt, which carries the sentinel). When the lock is busy: the same scan, no
   * repair (right, just slower).
   */
  private scanCold(cold: readonly [TableKey, string][]): void {
    if (this.store.holdsLock || !this.store.keys.present()) {
      this.scanAll(cold);
      return;
    }
    const pairs = new Map<string, [TableKey, string]>();
    const want = (t: TableKey, f: string) => pairs.set(`${t}.${f}`, [t, f]);
    for (const [table, field] of cold) {
      want(table, field);
      want(table, 'id');
      const col = keyColumn(table, field);
      if (col && !this.store.keys.trusted(sentinelOf(col))) for (const other of keyColumnsOf(table)) want(table, other.field);
    }
    const todo = [...pairs.values()];
    // Only the cold columns (and a directory that is off) are rebuilt: a trusted ID directory read
    // for its IDs is left as it is.
    const rebuild = todo.filter(([t, f]) => {
      const col = keyColumn(t, f);
      return !!col && (cold.some(([ct, cf]) => ct === t && cf === f) || !this.store.keys.trusted(col));
    });
    if (!this.store.tryRepair(() => this.scanAll(todo, rebuild), REPAIR_WAIT_MS)) this.scanAll(cold);
  }

  /**
   * Reads several whole columns (rows 2..) in one batched read (headers first, batched too), each
   * once per execution; a table read whole answers from its grid. Under the lock, each column read
   * rebuilds its index column (`rebuild`: only those).
   */
  private scanAll(pairs: readonly [TableKey, string][], rebuild?: readonly [TableKey, string][]): void {
    // Columns the caller already read under this lock (rebuild's `shared`) are taken as they are.
    const taken: [TableKey, string][] = [];
    for (const [t, f] of pairs) {
      const got = this.scans.has(`${t}.${f}`) ? null : this.shared?.(t, f);
      if (got) {
        this.scans.set(`${t}.${f}`, got);
        taken.push([t, f]);
      }
    }
    const todo = pairs.filter(([t, f]) => !this.scans.has(`${t}.${f}`));
    if (!todo.length && !taken.length) return;
    this.store.prepare(
      [...taken, ...todo].map(([t]) => t),
      [],
    );
    const filled = (v: unknown) => v !== '' && v !== undefined && v !== null;
    const blocks: { id: string; block: Block }[] = [];
    for (const [table, field] of todo) {
      const t = this.store.header(table);
      const at = t.layout.index.get(field);
      const out = new Map<number, unknown>();
      this.scans.set(`${table}.${field}`, out);
      if (at === undefined || !t.sheet) continue;
      if (t.full) {
        for (let r = 2; r <= t.grid.length; r++) if (filled(t.grid[r - 1]?.[at])) out.set(r, t.grid[r - 1][at]);
      } else blocks.push({ id: `${table}.${field}`, block: { sheet: t.name, row: 2, column: at + 1, numRows: null, numColumns: 1 } });
    }
    const values = this.store.io.read(blocks.map((b) => b.block));
    blocks.forEach(({ id }, i) => {
      const out = this.scans.get(id) as Map<number, unknown>;
      values[i].forEach((row, r) => {
        if (filled(row?.[0])) out.set(r + 2, row[0]);
      });
    });
    for (const [table, field] of [...taken, ...todo]) {
      if (!rebuild || rebuild.some(([t, f]) => t === table && f === field)) this.rebuildFrom(table, field);
    }
  }

  private scanFor(table: TableKey, field: string, match: (v: unknown) => boolean): number[] {
    const rows: number[] = [];
    for (const [r, v] of this.column(table, field)) if (match(v)) rows.push(r);
    return rows;
  }

  /** Under the lock, a column read whole rebuilds its index column (written when the lock is released). */
  private rebuildFrom(table: TableKey, field: string): void {
    if (!this.store.holdsLock) return;
    const col = keyColumn(table, field);
    if (!col || col.table === 'history') return;
    const values = this.scans.get(`${table}.${field}`) as Map<number, unknown>;
    // A row is indexed only when it is a record (has an ID): needs the ID column too.
    const ids = field === 'id' ? values : this.column(table, 'id');
    const cells: IndexCell[] = Array.from({ length: INDEX_BUCKETS }, () => ({}));
    const prefix = tableDef(table).prefix ?? '';
    const dir = new Map<string, Map<number, number>>();
    const lists = new Map<string, number[]>();
    // An ID on two rows (a pasted copy not yet given its own): the index gives up on that day, so
    // lookups of it read the column until the next rebuild, instead of trusting either row.
    const doubled = new Set<string>();
    for (const [row, v] of values) {
      if (!ids.has(row)) continue;
      const key = col.keyOf(v);
      if (!key) continue;
      if (col.kind === 'directory') {
        const k = directoryKey(prefix, key);
        const m = dir.get(k.key) ?? new Map<number, number>();
        if (m.has(k.seq)) doubled.add(k.key);
        m.set(k.seq, row);
        dir.set(k.key, m);
      } else lists.set(key, [...(lists.get(key) ?? []), row]);
    }
    for (const [key, m] of dir) editDirectory(cells[bucketOfKey(key)], key, m);
    for (const key of doubled) cells[bucketOfKey(key)][key] = UNINDEXED;
    for (const [key, rows] of lists) editRows(cells[bucketOfKey(key)], key, rows);
    this.store.keys.rebuild(col, cells, col.kind === 'directory' ? this.sentinel(table, 'id', ids) : null);
    // The directory carries the table's sentinel: rebuilding it vouches for the table's other
    // columns too, so they are rebuilt from the same moment (rows that came behind the index's
    // back are in none of them).
    if (col.kind === 'directory') for (const other of keyColumnsOf(table)) if (other !== col) this.column(table, other.field);
  }

  /**
   * Rebuilds index columns from whole-column reads, under the lock: every column, or only those
   * not trusted (never built, or given up after a change the index could not follow). Returns the
   * names of the columns rebuilt. `shared`: columns the caller has read under this same lock (and
   * not changed since but through the store), taken instead of read again.
   */
  rebuild(which: 'all' | 'untrusted', shared?: (table: TableKey, field: string) => Map<number, unknown> | null): string[] {
    this.shared = shared ?? null;
    try {
      return this.rebuildColumns(which);
    } finally {
      this.shared = null;
    }
  }

  private rebuildColumns(which: 'all' | 'untrusted'): string[] {
    const keys = this.store.keys;
    if (which === 'untrusted')
      this.store.prepare(
        [],
        KEY_COLUMNS.flatMap((c) => keys.headBlocks(c)),
        (b, v) => keys.accept(b, v),
      );
    const todo = KEY_COLUMNS.filter((c) => which === 'all' || !keys.trusted(c));
    // Every column the rebuild reads, in one batched read.
    const reads = new Map<string, [TableKey, string]>();
    const want = (t: TableKey, f: string) => reads.set(`${t}.${f}`, [t, f]);
    for (const col of todo) {
      if (col.table === 'history') {
        want('history', 'table');
        want('history', 'recordId');
        for (const c of KEY_COLUMNS)
          if (c.field === 'customerId') {
            want(c.table, 'id');
            want(c.table, 'customerId');
          }
      } else {
        want(col.table, col.field);
        want(col.table, 'id');
        if (tableDef(col.table).searchable) want(col.table, SEARCH_KEY);
      }
    }
    this.scanAll([...reads.values()]);
    for (const col of todo) if (col.table !== 'history') this.column(col.table, col.field);
    if (todo.some((c) => c.table === 'history')) this.rebuildHistory();
    const searched = new Set(todo.filter((c) => c.kind === 'directory' && tableDef(c.table).searchable).map((c) => c.table));
    for (const table of searched) this.backfillSearchKeys(table);
    return todo.map((c) => c.name);
  }

  /**
   * Search keys for rows that have an ID but no key (rows from before the key existed, written by
   * another script): the tab is read whole once and the key column rewritten where it differs.
   */
  private backfillSearchKeys(table: TableKey): void {
    const t0 = this.store.header(table);
    const at = t0.layout.index.get(SEARCH_KEY);
    if (at === undefined) return;
    const ids = this.column(table, 'id');
    const stored = this.column(table, SEARCH_KEY);
    if ([...ids.keys()].every((row) => rowOfSearchKey(stored.get(row)))) return;
    const t = this.store.load(table);
    const def = tableDef(table);
    const last = t.grid.length;
    const values: string[][] = [];
    let changed = false;
    for (let row = 2; row <= last; row++) {
      const i = t.byId.get(String(t.grid[row - 1]?.[t.layout.index.get('id') ?? 0] ?? '').trim());
      const key = i !== undefined && t.rowNumbers[i] === row ? searchKeyOf(def, t.records[i]) : '';
      if (key !== (stored.get(row) ?? '')) changed = true;
      values.push([escapeText(key)]);
    }
    if (changed && values.length)
      this.store.queueWrite({ sheet: t.name, row: 2, column: at + 1, numRows: values.length, numColumns: 1 }, values);
  }

  /** The change log's index: each row's record mapped to its customer through every table's IDs. */
  private rebuildHistory(): void {
    const col = keyColumn('history', 'customer') as KeyColumn;
    const owner = new Map<string, string>();
    for (const c of KEY_COLUMNS) {
      if (c.field !== 'customerId') continue;
      const ids = this.column(c.table, 'id');
      const customers = this.column(c.table, 'customerId');
      for (const [row, id] of ids) {
        const cust = customers.get(row);
        if (cust) owner.set(`${c.table}|${String(id).trim()}`, String(cust).trim().toUpperCase());
      }
    }
    const tables = this.column('history', 'table');
    const records = this.column('history', 'recordId');
    const lists = new Map<string, number[]>();
    for (const [row, rid] of records) {
      const table = String(tables.get(row) ?? '');
      const id = String(rid).trim();
      const cust = table === 'customers' ? id.toUpperCase() : owner.get(`${table}|${id}`);
      if (cust) lists.set(cust, [...(lists.get(cust) ?? []), row]);
    }
    const cells: IndexCell[] = Array.from({ length: INDEX_BUCKETS }, () => ({}));
    for (const [key, rows] of lists) editRows(cells[bucketOfKey(key)], key, rows);
    this.store.keys.rebuild(col, cells, this.sentinel('history', 'recordId', records));
  }

  /**
   * A table's sentinel from a scan of its ID column: the formula, the count the scan implies, and
   * the append hints (the row after the last ID; the grid's height when known).
   */
  private sentinel(
    table: TableKey,
    field: string,
    scan: ReadonlyMap<number, unknown>,
  ): { formula: string; count: number; next: number; max: number | null; end: number; head: number } | null {
    let last = 1;
    for (const row of scan.keys()) last = Math.max(last, row);
    const end = Math.max(2, last);
    const a = this.sentinelFormula(table, field, end);
    if (!a) return null;
    return {
      formula: a.formula,
      count: scan.size + a.head,
      next: last + 1,
      max: this.store.grid(this.store.header(table).name)?.rows ?? null,
      end,
      head: a.head,
    };
  }

  /** The sentinel formula of a key column's table over rows 2..end (see KeyIndex.tailFrom). */
  anchor(column: KeyColumn, end: number): { formula: string; head: number } | null {
    // Only from a header already read: this runs while the batched write is being assembled.
    if (!this.store.cached(column.table)) return null;
    return this.sentinelFormula(column.table, sentinelField(column), end);
  }

  /**
   * `=COUNTA(ID:ID)&"/"&COUNTA(ID2:ID<end>)&"/"&ROW(…)&"/"&ROWS(…)`: the whole column's count of
   * IDs, and the count, first row and height of rows 2..end, which Sheets keeps pointing at the
   * same rows as people insert and delete rows (so a change there shows, and rows added below it
   * can be read alone). `head`: whether the header cell itself counts.
   */
  private sentinelFormula(table: TableKey, field: string, end: number): { formula: string; head: number } | null {
    const t = this.store.header(table);
    const at = t.layout.index.get(field);
    if (at === undefined || !t.sheet) return null;
    const c = `${quoteSheet(t.name)}!${columnLetters(at + 1)}`;
    const header = t.grid[0]?.[at];
    const head = header !== '' && header !== undefined && header !== null ? 1 : 0;
    const range = `${c}2:${columnLetters(at + 1)}${end}`;
    return { formula: `=COUNTA(${c}:${columnLetters(at + 1)})&"/"&COUNTA(${range})&"/"&ROW(${range})&"/"&ROWS(${range})`, head };
  }
}
