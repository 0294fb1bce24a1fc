import {
  directoryMaxSeq, directoryRow, editDirectory, editRows, formatCell, INDEX_BUCKETS, listedRows, parseCell, type IndexCell,
} from '../core/keyIndex';
import type { SheetCell } from './cells';
import { CellIO, type Block } from './io';
import { bucketOfKey, INDEX_FIRST_BUCKET_ROW, INDEX_META_ROW, INDEX_TAB, KEY_COLUMNS, type KeyColumn } from './keyColumns';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What the index says of a key: rows to confirm, or that it cannot say (read the column instead). */
export type Hint = { rows: number[] } | 'unknown';

interface Meta {
  name: string;
  built: boolean;
  /** The table's first free row after the CRM's last append (a hint, confirmed blank before use). */
  next?: number;
  /** The table's grid height after the CRM last grew it (a hint: people may delete rows). */
  max?: number;
}

/** A write the store sends in its one batched write. */
export interface QueuedWrite {
  block: Block;
  values: (string | number | boolean)[][];
}

const cellId = (column: number, bucket: number) => `${column}:${bucket}`;

/**
 * The key index's cells as this execution knows them: read on demand (one batched read for all
 * the cells an operation needs), edited in memory as the store writes rows, and written back in
 * one batched write when the store's lock is released. A column is trusted only when its state
 * cell says it was built completely; anything else is 'unknown' and the store scans instead.
 * Cells are only ever read or written under the lock by writers, so edits never interleave.
 */
export class KeyIndex {
  private cells = new Map<string, IndexCell>();
  private meta = new Map<number, Meta>();
  private dirty = new Set<string>();
  private dirtyMeta = new Set<number>();
  /** Columns rebuilt from a scan in this execution: written whole at flush. */
  private rebuilt = new Set<number>();
  private tabChecked: boolean | null = null;

  constructor(private readonly spreadsheet: Spreadsheet, private readonly io: CellIO, private readonly afterStructure: () => void) {}

  /** The meta block of a column, when not yet read (plans name it to learn a table's append hints). */
  metaBlock(column: KeyColumn): Block[] {
    return this.hasTab() && !this.meta.has(column.column) ? [{ sheet: INDEX_TAB, row: INDEX_META_ROW, column: column.column, numRows: 1, numColumns: 1 }] : [];
  }

  /** Forget what was read (a new lock: others may have written since). */
  reset(): void {
    this.cells.clear();
    this.meta.clear();
    this.dirty.clear();
    this.dirtyMeta.clear();
    this.rebuilt.clear();
    this.pending = [];
    this.tabChecked = null;
  }

  /** A table's append hints (next free row, grid height) from its ID column's state cell. */
  rowHints(column: KeyColumn): { next: number | null; max: number | null } {
    const m = this.trusted(column) ? this.meta.get(column.column) : undefined;
    return { next: m?.next ?? null, max: m?.max ?? null };
  }

  /** Records a table's new append hints (written with the rest at flush). */
  setRowHints(column: KeyColumn, next: number, max: number | null): void {
    const m = this.meta.get(column.column);
    if (!m || !this.trusted(column)) return;
    if (m.next === next && (max === null || m.max === max)) return;
    m.next = next;
    if (max !== null) m.max = max;
    this.dirtyMeta.add(column.column);
  }

  /** Whether the column's state cell was read in this execution. */
  knows(column: KeyColumn): boolean {
    return this.meta.has(column.column);
  }

  private hasTab(): boolean {
    if (this.tabChecked === null) this.tabChecked = this.spreadsheet.getSheetByName(INDEX_TAB) !== null;
    return this.tabChecked;
  }

  /** The blocks to read so that `keys` of `column` can be answered (none when already known). */
  blocksFor(column: KeyColumn, keys: readonly string[]): Block[] {
    if (!this.hasTab()) return [];
    const out: Block[] = [];
    if (!this.meta.has(column.column)) out.push({ sheet: INDEX_TAB, row: INDEX_META_ROW, column: column.column, numRows: 1, numColumns: 1 });
    for (const key of keys) {
      const b = bucketOfKey(key);
      if (!this.cells.has(cellId(column.column, b))) out.push({ sheet: INDEX_TAB, row: INDEX_FIRST_BUCKET_ROW + b, column: column.column, numRows: 1, numColumns: 1 });
    }
    return dedupe(out);
  }

  /** Takes what a batched read returned for blocks made by blocksFor. */
  accept(block: Block, values: SheetCell[][]): void {
    if (block.sheet !== INDEX_TAB) return;
    const v = values[0]?.[0] ?? '';
    if (block.row === INDEX_META_ROW) this.meta.set(block.column, parseMeta(v));
    else this.cells.set(cellId(block.column, block.row - INDEX_FIRST_BUCKET_ROW), parseCell(v));
  }

  trusted(column: KeyColumn): boolean {
    const m = this.meta.get(column.column);
    return !!m && m.built && m.name === column.name;
  }

  private cell(column: KeyColumn, key: string): IndexCell | null {
    return this.cells.get(cellId(column.column, bucketOfKey(key))) ?? null;
  }

  /** Rows listed under `key` in a 'rows' column. */
  rows(column: KeyColumn, key: string): Hint {
    const cell = this.trusted(column) ? this.cell(column, key) : null;
    if (!cell) return 'unknown';
    const rows = listedRows(cell, key);
    return rows === 'unindexed' ? 'unknown' : { rows };
  }

  /** The row a directory gives for an ID's (key, seq). */
  directory(column: KeyColumn, key: string, seq: number): Hint {
    const cell = this.trusted(column) ? this.cell(column, key) : null;
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

  /** Records that `key` now has `add` rows and no longer `remove` rows ('rows' columns). */
  editRows(column: KeyColumn, key: string, add: readonly number[], remove: readonly number[] = []): void {
    this.edit(column, key, (cell) => editRows(cell, key, add, remove));
  }

  /** Records sequence → row changes of an ID directory (row null: gone). */
  editDirectory(column: KeyColumn, key: string, changes: ReadonlyMap<number, number | null>): void {
    this.edit(column, key, (cell) => editDirectory(cell, key, changes));
  }

  /** Pending edits need their cells: the blocks to read first (under the lock). */
  private pending: { column: KeyColumn; key: string; apply: (cell: IndexCell) => void }[] = [];
  private edit(column: KeyColumn, key: string, apply: (cell: IndexCell) => void): void {
    this.pending.push({ column, key, apply });
  }

  /**
   * Replaces a whole column with cells computed from a complete scan (which already shows every
   * write of this execution: edits pending for it are dropped). Trusted from now on; written whole
   * at flush.
   */
  rebuild(column: KeyColumn, cells: IndexCell[]): void {
    this.rebuilt.add(column.column);
    this.pending = this.pending.filter((p) => p.column.column !== column.column);
    cells.forEach((c, b) => this.cells.set(cellId(column.column, b), c));
    this.meta.set(column.column, { ...this.meta.get(column.column), name: column.name, built: true });
  }

  /**
   * What this execution changed, as writes for the store's one batched write: reads the cells
   * pending edits need (one batched read, none when the operation's plan read them already),
   * applies the edits to trusted columns (an untrusted column stays untrusted: it will be rebuilt
   * whole), and returns every changed cell, state cell and rebuilt column.
   */
  flush(now: string): QueuedWrite[] {
    if (!this.pending.length && !this.rebuilt.size && !this.dirtyMeta.size) return [];
    if (!this.ensureTab()) return [];
    // Edits of untrusted columns are dropped (the column will be rebuilt whole): no need to read them.
    this.pending = this.pending.filter((p) => !this.meta.has(p.column.column) || this.trusted(p.column));
    const byColumn = new Map<number, { column: KeyColumn; keys: string[] }>();
    for (const p of this.pending) {
      const e = byColumn.get(p.column.column) ?? { column: p.column, keys: [] };
      e.keys.push(p.key);
      byColumn.set(p.column.column, e);
    }
    const blocks = [...byColumn.values()].flatMap((e) => this.blocksFor(e.column, e.keys));
    const values = this.io.read(blocks);
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
        block: { sheet: INDEX_TAB, row: INDEX_META_ROW, column, numRows: null, numColumns: 1 },
        values: [[metaText(this.meta.get(column) as Meta, now)], ...cells.map((c) => [quoted(formatCell(c))])],
      });
      this.dirtyMeta.delete(column);
    }
    for (const column of this.dirtyMeta) {
      writes.push({ block: { sheet: INDEX_TAB, row: INDEX_META_ROW, column, numRows: 1, numColumns: 1 }, values: [[metaText(this.meta.get(column) as Meta, now)]] });
    }
    for (const id of this.dirty) {
      const [column, bucket] = id.split(':').map(Number);
      if (this.rebuilt.has(column)) continue;
      writes.push({
        block: { sheet: INDEX_TAB, row: INDEX_FIRST_BUCKET_ROW + bucket, column, numRows: null, numColumns: 1 },
        values: [[quoted(formatCell(this.cells.get(id) as IndexCell))]],
      });
    }
    if (this.newTab) writes.push({ block: { sheet: INDEX_TAB, row: 1, column: 1, numRows: 1, numColumns: KEY_COLUMNS.length }, values: [KEY_COLUMNS.map((c) => c.name)] });
    this.newTab = false;
    this.dirty.clear();
    this.dirtyMeta.clear();
    this.rebuilt.clear();
    return mergeAdjacent(writes);
  }

  /** Marks columns untrusted (a change the store cannot follow row by row): the writes to send. */
  invalidate(columns: readonly KeyColumn[], now: string): QueuedWrite[] {
    if (!columns.length || !this.hasTab()) return [];
    for (const c of columns) this.meta.set(c.column, { name: c.name, built: false });
    return columns.map((c) => ({
      block: { sheet: INDEX_TAB, row: INDEX_META_ROW, column: c.column, numRows: 1, numColumns: 1 },
      values: [[metaText({ name: c.name, built: false }, now)]],
    }));
  }

  /**
   * Creates the hidden index tab when missing (under the lock), sized to the index exactly. Its
   * columns start untrusted, apart from those rebuilt in this execution; the header and state row
   * go with the flush's writes.
   */
  ensureTab(): boolean {
    if (this.hasTab()) return true;
    const sheet = this.spreadsheet.insertSheet(INDEX_TAB);
    const width = KEY_COLUMNS.length;
    const rows = INDEX_FIRST_BUCKET_ROW - 1 + INDEX_BUCKETS;
    // A new tab has the spreadsheet's default grid (1000 × 26).
    const maxRows = sheet.getMaxRows();
    const maxColumns = sheet.getMaxColumns();
    if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    if (maxColumns > width) sheet.deleteColumns(width + 1, maxColumns - width);
    else if (maxColumns < width) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
    sheet.hideSheet();
    this.afterStructure();
    this.tabChecked = true;
    for (const c of KEY_COLUMNS) {
      if (!this.meta.has(c.column)) this.meta.set(c.column, { name: c.name, built: false });
      this.dirtyMeta.add(c.column);
    }
    this.newTab = true;
    return true;
  }
  private newTab = false;
}

/** A cell text the API must keep as text ('{' never parses, but be explicit). */
const quoted = (s: string) => (s === '' ? '' : `'${s}`);

function metaText(m: Meta, now: string): string {
  return `'${JSON.stringify({ ...m, at: now })}`;
}

const rowNumber = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 2 ? v : undefined);

function parseMeta(v: unknown): Meta {
  try {
    const m = JSON.parse(String(v)) as Partial<Meta>;
    return { name: String(m.name ?? ''), built: m.built === true, next: rowNumber(m.next), max: rowNumber(m.max) };
  } catch {
    return { name: '', built: false };
  }
}

function dedupe(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  return blocks.filter((b) => {
    const k = `${b.sheet}|${b.row}|${b.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Cells of one column on consecutive rows become one block. */
function mergeAdjacent(writes: { block: Block; values: (string | number | boolean)[][] }[]) {
  const sorted = [...writes].sort((a, b) => a.block.column - b.block.column || a.block.row - b.block.row);
  const out: typeof writes = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    const single = w.values[0]?.length === 1 && last?.values[0]?.length === 1;
    if (last && single && last.block.column === w.block.column && last.block.row + last.values.length === w.block.row) last.values.push(...w.values);
    else out.push({ block: { ...w.block, numColumns: 1 }, values: [...w.values] });
  }
  return out.map((w) => ({ block: { ...w.block, numRows: w.values.length }, values: w.values }));
}
