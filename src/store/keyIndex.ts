import {
  directoryMaxSeq,
  directoryRow,
  dropDirectoryRow,
  editDirectory,
  editRows,
  formatCell,
  INDEX_BUCKETS,
  listedRows,
  parseCell,
  type IndexCell,
} from '../core/keyIndex';
import type { SheetCell } from './cells';
import type { Block } from './io';
import {
  bucketOfKey,
  INDEX_FIRST_BUCKET_ROW,
  INDEX_META_ROW,
  INDEX_TAB,
  INDEX_WIDTH_BEFORE_DUPLICATES,
  KEY_COLUMNS,
  sentinelOf,
  type KeyColumn,
} from './keyColumns';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What the index says of a key: rows to confirm, or that it cannot say (read the column instead). */
export type Hint = { rows: number[] } | 'unknown';

interface Meta {
  name: string;
  built: boolean;
  /**
   * Sentinel columns: the count of non-empty cells of the table's ID column (header included) as
   * the index last knew it. When the sentinel formula's live count differs, rows came or went
   * without the index (another script, a restored version): the table's columns are not trusted.
   */
  count?: number;
  /** The table's first free row after the CRM's last append (a hint, confirmed blank before use). */
  next?: number;
  /** The table's grid height after the CRM last grew it (a hint: people may delete rows). */
  max?: number;
  /**
   * Sentinel columns: the last row of the sentinel's second range (`ID2:ID<end>`, the rows the
   * index covered when it wrote the formula), the IDs it counted there (`inner`), and whether the
   * header cell counts (`head`). With them, rows added below `end` behind the index's back are
   * found by reading only the rows below `end` (see tailFrom).
   */
  end?: number;
  inner?: number;
  head?: number;
}

/**
 * What a sentinel formula reads: the live count of the whole ID column, and for the current form
 * (`=COUNTA(col)&"/"&COUNTA(rng)&"/"&ROW(rng)&"/"&ROWS(rng)`, rng = rows 2..end, which Sheets moves
 * and resizes as people insert and delete rows) that range's count, first row and height.
 */
interface Live {
  full: number;
  prefix: number | null;
  start: number | null;
  rows: number | null;
}

function parseLive(v: unknown): Live | null {
  if (typeof v === 'number' && Number.isInteger(v)) return { full: v, prefix: null, start: null, rows: null };
  const m = /^(\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(typeof v === 'string' ? v.trim() : '');
  return m ? { full: Number(m[1]), prefix: Number(m[2]), start: Number(m[3]), rows: Number(m[4]) } : null;
}

/** A table's sentinel formula and the header cell it counts, for rows 2..end (see Meta.end). */
export type SentinelAnchor = (column: KeyColumn, end: number) => { formula: string; head: number } | null;

/** A write the store sends in its one batched write. */
export interface QueuedWrite {
  block: Block;
  values: (string | number | boolean)[][];
}

const cellId = (column: number, bucket: number) => `${column}:${bucket}`;
const headBlock = (column: number): Block => ({ sheet: INDEX_TAB, row: INDEX_META_ROW, column, numRows: 2, numColumns: 1 });

/**
 * The key index's cells as this execution knows them: read on demand (one batched read for all
 * the cells an operation needs), edited in memory as the store writes rows, and written back with
 * the store's one batched write when the lock is released. A column is trusted only when its state
 * cell says it was built completely and its table's sentinel still counts what the index counted;
 * anything else is 'unknown' and the store scans instead. Cells are read for writing and written
 * only under the lock, so edits never interleave.
 */
export class KeyIndex {
  private cells = new Map<string, IndexCell>();
  private meta = new Map<number, Meta>();
  /** Live sentinel values read (sentinel columns only). */
  private live = new Map<number, Live | null>();
  private dirty = new Set<string>();
  private dirtyMeta = new Set<number>();
  /** Columns rebuilt from a scan in this execution: written whole at flush. */
  private rebuilt = new Set<number>();
  /** Sentinel formulas to (re)write, by column. */
  private formulas = new Map<number, string>();
  private pending: { column: KeyColumn; key: string; apply: (cell: IndexCell) => void }[] = [];
  private tabChecked: boolean | null = null;
  private newTab = false;

  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly afterStructure: () => void,
    /** Creates a tab of an exact size through the API (false when there is none). */
    private readonly addSheet: (title: string, rows: number, columns: number, hidden: boolean) => boolean = () => false,
    /** The sentinel formula for a table's rows 2..end (null when its layout is not known now). */
    private readonly anchor: SentinelAnchor = () => null,
  ) {}

  /** Forget what was read (a new lock: others may have written since). */
  reset(): void {
    this.cells.clear();
    this.meta.clear();
    this.live.clear();
    this.dirty.clear();
    this.dirtyMeta.clear();
    this.rebuilt.clear();
    this.formulas.clear();
    this.pending = [];
    this.tabChecked = null;
    this.newTab = false;
  }

  /** Whether the index tab exists (a read repairs index columns only then; it never creates the tab). */
  present(): boolean {
    return this.hasTab();
  }

  private hasTab(): boolean {
    if (this.tabChecked === null) this.tabChecked = this.spreadsheet.getSheetByName(INDEX_TAB) !== null;
    return this.tabChecked;
  }

  /** The state blocks (state cell and sentinel) a column's trust depends on, when not yet read. */
  headBlocks(column: KeyColumn): Block[] {
    if (!this.hasTab()) return [];
    const cols = new Set([column.column, sentinelOf(column).column]);
    return [...cols].filter((c) => !this.meta.has(c)).map(headBlock);
  }

  /** The blocks to read so that `keys` of `column` can be answered (none when already known). */
  blocksFor(column: KeyColumn, keys: readonly string[]): Block[] {
    if (!this.hasTab()) return [];
    const out = this.headBlocks(column);
    for (const key of keys) {
      const b = bucketOfKey(key);
      if (!this.cells.has(cellId(column.column, b)))
        out.push({ sheet: INDEX_TAB, row: INDEX_FIRST_BUCKET_ROW + b, column: column.column, numRows: 1, numColumns: 1 });
    }
    return dedupe(out);
  }

  /** Takes what a batched read returned for blocks made by blocksFor / headBlocks. */
  accept(block: Block, values: SheetCell[][]): void {
    if (block.sheet !== INDEX_TAB) return;
    if (block.row === INDEX_META_ROW) {
      this.meta.set(block.column, parseMeta(values[0]?.[0] ?? ''));
      this.live.set(block.column, parseLive(values[1]?.[0]));
    } else {
      this.cells.set(cellId(block.column, block.row - INDEX_FIRST_BUCKET_ROW), parseCell(values[0]?.[0] ?? ''));
    }
  }

  private built(column: number, name: string): boolean {
    const m = this.meta.get(column);
    return !!m && m.built && m.name === name;
  }

  trusted(column: KeyColumn): boolean {
    if (this.rebuilt.has(column.column)) return true;
    if (!this.built(column.column, column.name)) return false;
    const s = sentinelOf(column);
    if (this.rebuilt.has(s.column)) return true;
    const m = this.meta.get(s.column);
    const l = this.live.get(s.column);
    if (!m || !m.built || typeof m.count !== 'number' || !l || l.full !== m.count) return false;
    // Rows 2..end must also be as the index left them: a row deleted there and another added below
    // leave the whole count unchanged, but not the range's (which Sheets shrinks with the delete).
    return l.prefix === null || m.end === undefined || this.prefixIntact(m, l);
  }

  private prefixIntact(m: Meta, l: Live): boolean {
    return m.end !== undefined && l.start === 2 && l.rows === m.end - 1 && l.prefix === m.inner;
  }

  /**
   * When the table's count of IDs changed behind the index's back but its rows 2..end did not (the
   * sentinel's range there still starts at row 2, has its height and counts what the index
   * counted): the first row below that range. The index then still vouches for rows 2..end, and
   * the rows from the returned one on are read to find the rest (`tailVouches` checks that they
   * hold every extra ID). Null when the column is trusted outright or cannot be helped this way.
   */
  tailFrom(column: KeyColumn): number | null {
    if (!this.built(column.column, column.name) || this.trusted(column)) return null;
    const s = sentinelOf(column);
    const m = this.meta.get(s.column);
    const l = this.live.get(s.column);
    if (!m?.built || !l || m.end === undefined || m.inner === undefined || m.head === undefined || typeof m.count !== 'number') return null;
    return this.prefixIntact(m, l) ? m.end + 1 : null;
  }

  /** The last row the table's sentinel range covers (the rows the index vouches for), if known. */
  indexedEnd(column: KeyColumn): number | null {
    const m = this.meta.get(sentinelOf(column).column);
    return m?.built && m.end !== undefined ? m.end : null;
  }

  /** Whether `idsBelow` IDs found from tailFrom on are all the table's IDs the index does not cover. */
  tailVouches(column: KeyColumn, idsBelow: number): boolean {
    const s = sentinelOf(column);
    const m = this.meta.get(s.column);
    const l = this.live.get(s.column);
    return !!m && !!l && l.prefix !== null && m.head !== undefined && l.full === m.head + l.prefix + idsBelow;
  }

  private cell(column: KeyColumn, key: string): IndexCell | null {
    return this.cells.get(cellId(column.column, bucketOfKey(key))) ?? null;
  }

  /** The live sentinel count (non-empty ID cells, header included) of a trusted sentinel column. */
  liveCount(column: KeyColumn): number | null {
    const s = sentinelOf(column);
    const v = this.live.get(s.column);
    return this.trusted(s) && v ? v.full : null;
  }

  /** Whether the column's cells may be used: trusted, or trusted above a tail (`tail`). */
  private usable(column: KeyColumn, tail: boolean): boolean {
    return this.trusted(column) || (tail && this.tailFrom(column) !== null);
  }

  /**
   * Rows listed under `key` in a 'rows' column. With `tail`, also when the index vouches only above
   * its tail: the caller adds the tail's rows.
   */
  rows(column: KeyColumn, key: string, tail = false): Hint {
    const cell = this.usable(column, tail) ? this.cell(column, key) : null;
    if (!cell) return 'unknown';
    const rows = listedRows(cell, key);
    return rows === 'unindexed' ? 'unknown' : { rows };
  }

  /** The row a directory gives for an ID's (key, seq). */
  directory(column: KeyColumn, key: string, seq: number, tail = false): Hint {
    const cell = this.usable(column, tail) ? this.cell(column, key) : null;
    if (!cell) return 'unknown';
    const row = directoryRow(cell, key, seq);
    if (row === 'unindexed') return 'unknown';
    return { rows: row === null ? [] : [row] };
  }

  /** The highest sequence of a day in a directory; null when the index cannot say. */
  maxSeq(column: KeyColumn, day: string): number | null {
    const cell = this.trusted(column) ? this.cell(column, day) : null;
    return cell ? directoryMaxSeq(cell, day) : null;
  }

  /** A table's append hints (next free row, grid height), from its sentinel column's state cell. */
  rowHints(column: KeyColumn): { next: number | null; max: number | null } {
    const s = sentinelOf(column);
    const m = this.trusted(s) ? this.meta.get(s.column) : undefined;
    return { next: m?.next ?? null, max: m?.max ?? null };
  }

  /** Records a table's new append hints (written with the rest at flush). */
  setRowHints(column: KeyColumn, next: number, max: number | null): void {
    const s = sentinelOf(column);
    const m = this.meta.get(s.column);
    if (!m || !this.trusted(s)) return;
    if (m.next === next && (max === null || m.max === max)) return;
    m.next = next;
    if (max !== null) m.max = max;
    this.dirtyMeta.add(s.column);
  }

  /**
   * `delta` ID cells of a table went from empty to filled (or back, negative) by the CRM's own
   * writes: the index's count follows, so its sentinel keeps matching.
   */
  counted(column: KeyColumn, delta: number): void {
    if (!delta) return;
    const s = sentinelOf(column);
    const m = this.meta.get(s.column);
    if (!m || typeof m.count !== 'number' || !this.trusted(s)) return;
    m.count += delta;
    const live = this.live.get(s.column);
    if (live) this.live.set(s.column, { ...live, full: live.full + delta });
    this.dirtyMeta.add(s.column);
  }

  /**
   * Rows up to `lastRow` now hold records the index lists (a typed row given its ID below the last
   * append): the append hint moves past them, so the sentinel's range covers them too.
   */
  covered(column: KeyColumn, lastRow: number): void {
    const s = sentinelOf(column);
    const m = this.meta.get(s.column);
    if (!m || m.next === undefined || m.next > lastRow || !this.trusted(s)) return;
    m.next = lastRow + 1;
    this.dirtyMeta.add(s.column);
  }

  /** Records that `key` now has `add` rows and no longer `remove` rows ('rows' columns). */
  editRows(column: KeyColumn, key: string, add: readonly number[], remove: readonly number[] = []): void {
    this.pending.push({ column, key, apply: (cell) => editRows(cell, key, add, remove) });
  }

  /** Forgets an ID's entry if it names `row` (what the row held before is not sure: a paste, a retyped ID). */
  dropDirectoryRow(column: KeyColumn, key: string, seq: number, row: number): void {
    this.pending.push({ column, key, apply: (cell) => dropDirectoryRow(cell, key, seq, row) });
  }

  /** Records sequence → row changes of an ID directory (row null: gone). */
  editDirectory(column: KeyColumn, key: string, changes: ReadonlyMap<number, number | null>): void {
    this.pending.push({ column, key, apply: (cell) => editDirectory(cell, key, changes) });
  }

  /**
   * Replaces a whole column with cells computed from a complete scan (which already shows every
   * write of this execution: edits pending for it are dropped). Trusted from now on; written whole
   * at flush. A sentinel column also gets its count and formula (`sentinel`).
   */
  rebuild(
    column: KeyColumn,
    cells: IndexCell[],
    sentinel: { formula: string; count: number; next: number; max: number | null; end: number; head: number } | null,
  ): void {
    this.rebuilt.add(column.column);
    this.pending = this.pending.filter((p) => p.column.column !== column.column);
    cells.forEach((c, b) => this.cells.set(cellId(column.column, b), c));
    const meta: Meta = { ...this.meta.get(column.column), name: column.name, built: true };
    if (sentinel) {
      meta.count = sentinel.count;
      meta.next = sentinel.next;
      if (sentinel.max !== null) meta.max = sentinel.max;
      else delete meta.max;
      meta.end = sentinel.end;
      meta.head = sentinel.head;
      meta.inner = sentinel.count - sentinel.head;
      this.live.set(column.column, { full: sentinel.count, prefix: meta.inner, start: 2, rows: sentinel.end - 1 });
      this.formulas.set(column.column, sentinel.formula);
    }
    this.meta.set(column.column, meta);
  }

  /**
   * What this execution changed, as writes for the store's one batched write: reads the cells
   * pending edits need (one batched read, none when the operation's plan read them already),
   * applies the edits to trusted columns (an untrusted column stays untrusted: it will be rebuilt
   * whole), and returns every changed cell, state cell and rebuilt column.
   */
  flush(now: string, read: (blocks: Block[]) => SheetCell[][][]): QueuedWrite[] {
    if (!this.pending.length && !this.rebuilt.size && !this.dirtyMeta.size) return [];
    this.ensureTab();
    // Edits of untrusted columns are dropped (the column will be rebuilt whole): no need to read them.
    this.pending = this.pending.filter((p) => !this.meta.has(p.column.column) || this.trusted(p.column));
    const byColumn = new Map<KeyColumn, string[]>();
    for (const p of this.pending) byColumn.set(p.column, [...(byColumn.get(p.column) ?? []), p.key]);
    const blocks = dedupe([...byColumn].flatMap(([column, keys]) => this.blocksFor(column, keys)));
    const values = blocks.length ? read(blocks) : [];
    blocks.forEach((b, i) => this.accept(b, values[i]));
    for (const p of this.pending) {
      if (!this.trusted(p.column)) continue;
      const id = cellId(p.column.column, bucketOfKey(p.key));
      const cell = this.cells.get(id) ?? {};
      p.apply(cell);
      this.cells.set(id, cell);
      this.dirty.add(id);
    }
    this.pending = [];
    const writes: QueuedWrite[] = [];
    for (const column of this.rebuilt) {
      const cells = Array.from({ length: INDEX_BUCKETS }, (_, b) => this.cells.get(cellId(column, b)) ?? {});
      writes.push({
        block: { sheet: INDEX_TAB, row: INDEX_FIRST_BUCKET_ROW, column, numRows: null, numColumns: 1 },
        values: cells.map((c) => [quoted(formatCell(c))]),
      });
      this.dirtyMeta.add(column);
    }
    for (const column of this.dirtyMeta) {
      this.reanchor(column);
      const formula = this.formulas.get(column);
      const values: (string | number | boolean)[][] = [[metaText(this.meta.get(column) as Meta, now)]];
      if (formula) values.push([formula]);
      writes.push({ block: { sheet: INDEX_TAB, row: INDEX_META_ROW, column, numRows: values.length, numColumns: 1 }, values });
    }
    for (const id of this.dirty) {
      const [column, bucket] = id.split(':').map(Number);
      if (this.rebuilt.has(column)) continue;
      writes.push({
        block: { sheet: INDEX_TAB, row: INDEX_FIRST_BUCKET_ROW + bucket, column, numRows: null, numColumns: 1 },
        values: [[quoted(formatCell(this.cells.get(id) as IndexCell))]],
      });
    }
    if (this.newTab)
      writes.push({
        block: { sheet: INDEX_TAB, row: 1, column: 1, numRows: 1, numColumns: KEY_COLUMNS.length },
        values: [KEY_COLUMNS.map((c) => c.name)],
      });
    this.newTab = false;
    this.dirty.clear();
    this.dirtyMeta.clear();
    this.rebuilt.clear();
    this.formulas.clear();
    return mergeAdjacent(writes);
  }

  /**
   * A trusted sentinel column whose rows changed moves its range's end to the table's last row, so
   * that rows arriving behind the index's back later are found below it and nothing else is read.
   */
  private reanchor(column: number): void {
    if (this.formulas.has(column)) return;
    const col = KEY_COLUMNS.find((c) => c.column === column);
    const m = this.meta.get(column);
    if (!col || sentinelOf(col) !== col || !m || !this.trusted(col) || m.next === undefined || typeof m.count !== 'number') return;
    const end = Math.max(2, m.next - 1);
    if (m.end === end && m.inner === m.count - (m.head ?? 0) && m.head !== undefined) return;
    const a = this.anchor(col, end);
    if (!a) return;
    m.end = end;
    m.head = a.head;
    // Every ID the index counts lies in rows 2..end when the CRM's appends kept `next`; if one does
    // not, the range counts fewer than `inner` and the tail is simply not used (never wrong).
    m.inner = m.count - a.head;
    this.formulas.set(column, a.formula);
    this.live.set(column, { full: m.count, prefix: m.inner, start: 2, rows: end - 1 });
  }

  /** Marks a table's columns untrusted (a change the index cannot follow row by row): writes to send. */
  invalidate(columns: readonly KeyColumn[], now: string): QueuedWrite[] {
    if (!columns.length || !this.hasTab()) return [];
    return columns.map((c) => {
      this.meta.set(c.column, { ...this.meta.get(c.column), name: c.name, built: false });
      return {
        block: { sheet: INDEX_TAB, row: INDEX_META_ROW, column: c.column, numRows: 1, numColumns: 1 },
        values: [[metaText(this.meta.get(c.column) as Meta, now)]],
      };
    });
  }

  /**
   * Creates the hidden index tab when missing (under the lock), sized to the index exactly. Its
   * columns start untrusted, apart from those rebuilt in this execution; the header and state row
   * go with the flush's writes.
   */
  /** The index tab's width when a read found it narrower than the index (see CellIO.indexWidth); set by the store. */
  knownWidth: () => number | null = () => null;

  /**
   * A tab built before the index's newer columns is widened (under the lock) before anything is
   * written past it: when a read found it narrow, or (asked once) when columns past the old width
   * are rebuilt. Its header row is rewritten with the flush.
   */
  private widen(): void {
    const past = [...this.rebuilt, ...this.dirtyMeta].some((c) => c > INDEX_WIDTH_BEFORE_DUPLICATES);
    let width = this.knownWidth();
    if (width === null && !past) return;
    const sheet = this.spreadsheet.getSheetByName(INDEX_TAB);
    if (!sheet) return;
    if (width === null) width = sheet.getMaxColumns();
    if (width >= KEY_COLUMNS.length) return;
    sheet.insertColumnsAfter(width, KEY_COLUMNS.length - width);
    this.afterStructure();
    this.newTab = true;
  }

  private ensureTab(): void {
    if (this.hasTab()) {
      this.widen();
      return;
    }
    const width = KEY_COLUMNS.length;
    const rows = INDEX_FIRST_BUCKET_ROW - 1 + INDEX_BUCKETS;
    if (!this.addSheet(INDEX_TAB, rows, width, true)) {
      const sheet = this.spreadsheet.insertSheet(INDEX_TAB);
      // A new tab has the spreadsheet's default grid (1000 × 26).
      const maxRows = sheet.getMaxRows();
      const maxColumns = sheet.getMaxColumns();
      if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
      if (maxColumns > width) sheet.deleteColumns(width + 1, maxColumns - width);
      else if (maxColumns < width) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
      sheet.hideSheet();
      this.afterStructure();
    }
    this.tabChecked = true;
    for (const c of KEY_COLUMNS) {
      if (!this.meta.has(c.column)) this.meta.set(c.column, { name: c.name, built: false });
      this.dirtyMeta.add(c.column);
    }
    this.newTab = true;
  }
}

/** A cell text kept as text ('{' never parses, but be explicit). */
const quoted = (s: string) => (s === '' ? '' : `'${s}`);

function metaText(m: Meta, now: string): string {
  return `'${JSON.stringify({ ...m, at: now })}`;
}

const rowNumber = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined);

function parseMeta(v: unknown): Meta {
  try {
    const m = JSON.parse(String(v)) as Partial<Meta>;
    const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
    return {
      name: String(m.name ?? ''),
      built: m.built === true,
      count: rowNumber(m.count),
      next: rowNumber(m.next),
      max: rowNumber(m.max),
      end: rowNumber(m.end),
      inner: count(m.inner),
      head: count(m.head),
    };
  } catch {
    return { name: '', built: false };
  }
}

function dedupe(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  return blocks.filter((b) => {
    const k = `${b.sheet}|${b.row}|${b.column}|${b.numRows}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Single cells of one column on consecutive rows become one block. */
function mergeAdjacent(writes: QueuedWrite[]): QueuedWrite[] {
  const sorted = [...writes].sort((a, b) => a.block.column - b.block.column || a.block.row - b.block.row);
  const out: QueuedWrite[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    const single = w.values[0]?.length === 1 && last?.values[0]?.length === 1;
    if (last && single && last.block.column === w.block.column && last.block.row + last.values.length === w.block.row)
      last.values.push(...w.values);
    else out.push({ block: { ...w.block }, values: [...w.values] });
  }
  return out.map((w) => ({ block: { ...w.block, numRows: w.values.length, numColumns: w.values[0].length }, values: w.values }));
}
