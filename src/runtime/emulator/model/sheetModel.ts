/**
 * One tab of the host-side workbook model. Values are kept compactly as an array of row arrays of
 * primitives/Dates; everything else (formulas, notes, formats, styles, validations) lives in sparse
 * layers. Nothing here parses or counts: the service layer does that.
 */
import { GridRef } from './a1';
import { CellValue, copyCell, isEmptyCell } from './cellValue';
import { SparseGrid } from './sparseGrid';
import { ChartSpec, ProtectionSpec, ValidationSpec } from './specs';

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
export type StyleKey = 'fontWeight' | 'fontColor' | 'fontSize' | 'fontStyle' | 'fontFamily' | 'hAlign' | 'vAlign' | 'wrap' | 'wrapStrategy';
export type StyleValue = string | number | boolean;

export class SheetModel {
  maxRows = DEFAULT_ROWS;
  maxColumns = DEFAULT_COLUMNS;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly hiddenRows = new Set<number>();
  readonly formulas = new SparseGrid<string>();
  readonly notes = new SparseGrid<string>();
  readonly numberFormats = new SparseGrid<string>();
  readonly backgrounds = new SparseGrid<string>();
  readonly validations = new SparseGrid<ValidationSpec>();
  readonly styles = new Map<StyleKey, SparseGrid<StyleValue>>();
  protections: ProtectionSpec[] = [];
  charts: ChartSpec[] = [];
  /** rows[r - 1][c - 1]; missing rows/cells are empty. */
  private rows: (CellValue[] | undefined)[] = [];
  private extentCache: { lastRow: number; lastColumn: number } | null = null;
  /** Computes a formula cell's value at read time (set by the workbook); null: formulas read as stored. */
  evaluate: ((formula: string, row: number, col: number) => CellValue) | null = null;
  /**
   * Told after rows/columns are inserted (count > 0) or deleted (count < 0) at `at`, so the
   * workbook can adjust the references of every formula pointing here, as Sheets does.
   */
  onStructureChange: ((axis: 'row' | 'col', at: number, count: number) => void) | null = null;

  constructor(
    readonly id: number,
    public name: string,
  ) {}

  style(key: StyleKey): SparseGrid<StyleValue> {
    let g = this.styles.get(key);
    if (!g) {
      g = new SparseGrid();
      this.styles.set(key, g);
    }
    return g;
  }

  get cellCount(): number {
    return this.maxRows * this.maxColumns;
  }

  getCell(row: number, col: number): CellValue {
    if (this.evaluate && !this.formulas.isEmpty) {
      const f = this.formulas.get(row, col);
      if (f !== undefined) return this.evaluate(f, row, col);
    }
    return this.rows[row - 1]?.[col - 1] ?? '';
  }

  /** Stores a value as-is (already parsed). Dates must be host Dates owned by the model. */
  setCell(row: number, col: number, value: CellValue): void {
    let r = this.rows[row - 1];
    if (!r) {
      if (value === '') return;
      r = this.rows[row - 1] = [];
    }
    r[col - 1] = value;
    this.extentCache = null;
  }

  /** Copies of the block's values (fresh Dates), padded with ''. */
  readBlock(ref: GridRef, mapCell: (v: CellValue) => CellValue = copyCell): CellValue[][] {
    const out: CellValue[][] = new Array(ref.numRows);
    for (let i = 0; i < ref.numRows; i++) {
      const src = this.rows[ref.row - 1 + i];
      const row: CellValue[] = new Array(ref.numCols);
      for (let j = 0; j < ref.numCols; j++) {
        const v = src?.[ref.col - 1 + j];
        row[j] = v === undefined ? '' : mapCell(v);
      }
      out[i] = row;
    }
    if (this.evaluate && !this.formulas.isEmpty) {
      for (let i = 0; i < ref.numRows; i++) {
        for (let j = 0; j < ref.numCols; j++) {
          const f = this.formulas.get(ref.row + i, ref.col + j);
          if (f !== undefined) out[i][j] = this.evaluate(f, ref.row + i, ref.col + j);
        }
      }
    }
    return out;
  }

  /** Host-side fast write: no parsing, no counting, grows the grid when needed. Dates are stored as given. */
  setValuesRaw(row: number, col: number, values: CellValue[][]): void {
    const width = values.reduce((w, r) => Math.max(w, r.length), 0);
    this.maxRows = Math.max(this.maxRows, row + values.length - 1);
    this.maxColumns = Math.max(this.maxColumns, col + width - 1);
    for (let i = 0; i < values.length; i++) {
      const src = values[i];
      const idx = row - 1 + i;
      // null/undefined from callers become '' so readers never meet them.
      if (col === 1 && !this.rows[idx]) {
        this.rows[idx] = src.map((v) => v ?? '');
        continue;
      }
      const dst = this.rows[idx] ?? (this.rows[idx] = []);
      for (let j = 0; j < src.length; j++) dst[col - 1 + j] = src[j] ?? '';
    }
    this.extentCache = null;
  }

  /** Host-side copy of the data range (rows 1..lastRow, columns 1..lastColumn). */
  getValuesRaw(): CellValue[][] {
    const { lastRow, lastColumn } = this.extent();
    return this.readBlock({ row: 1, col: 1, numRows: lastRow, numCols: lastColumn });
  }

  clearValues(ref: GridRef): void {
    const end = Math.min(ref.row + ref.numRows - 1, this.rows.length);
    for (let r = ref.row; r <= end; r++) {
      const cells = this.rows[r - 1];
      if (!cells) continue;
      for (let c = ref.col; c < ref.col + ref.numCols && c <= cells.length; c++) cells[c - 1] = '';
    }
    this.formulas.clear(ref.row, ref.col, ref.numRows, ref.numCols);
    this.extentCache = null;
  }

  /** Last row/column holding a value (formulas count: their cells hold '#ERROR!'). */
  extent(): { lastRow: number; lastColumn: number } {
    if (this.extentCache) return this.extentCache;
    let lastRow = 0;
    let lastColumn = 0;
    for (let r = this.rows.length - 1; r >= 0; r--) {
      const cells = this.rows[r];
      if (!cells) continue;
      for (let c = cells.length - 1; c >= lastColumn; c--) {
        if (!isEmptyCell(cells[c])) {
          if (!lastRow) lastRow = r + 1;
          lastColumn = c + 1;
          break;
        }
      }
    }
    this.extentCache = { lastRow, lastColumn };
    return this.extentCache;
  }

  private layers(): SparseGrid<unknown>[] {
    return [this.formulas, this.notes, this.numberFormats, this.backgrounds, this.validations, ...this.styles.values()];
  }

  /** Inserts `count` empty rows before row `at` (1-based), shifting everything below. */
  insertRows(at: number, count: number): void {
    // concat, not splice(...spread): spreading 100k arguments overflows the stack.
    if (at - 1 < this.rows.length) this.rows = this.rows.slice(0, at - 1).concat(new Array<undefined>(count), this.rows.slice(at - 1));
    for (const layer of this.layers()) layer.shiftRows(at, count);
    shiftIndexSet(this.hiddenRows, at, count);
    for (const p of this.protections) if (p.range) shiftRef(p.range, 'row', at, count);
    this.maxRows += count;
    this.extentCache = null;
    this.onStructureChange?.('row', at, count);
  }

  deleteRows(at: number, count: number): void {
    this.rows.splice(at - 1, count);
    for (const layer of this.layers()) layer.shiftRows(at, -count);
    shiftIndexSet(this.hiddenRows, at, -count);
    for (const p of this.protections) if (p.range) shiftRef(p.range, 'row', at, -count);
    this.maxRows -= count;
    this.extentCache = null;
    this.onStructureChange?.('row', at, -count);
  }

  /**
   * A person's Data > Sort range on rows top..top+count-1 by one column, as Sheets does it: whole
   * rows move (values, formulas, notes, formats, validations); blank keys go last whichever the
   * direction; otherwise numbers and dates before text before booleans, text compared
   * case-insensitively; equal keys keep their order (stable).
   */
  sortRows(top: number, count: number, column: number, ascending = true): void {
    const rank = (v: CellValue) => (typeof v === 'number' || v instanceof Date ? 0 : typeof v === 'string' ? 1 : 2);
    const keyOf = (v: CellValue): number | string =>
      v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? v.toLowerCase() : v;
    const order = Array.from({ length: count }, (_, i) => top + i).map((row) => ({ row, v: this.getCell(row, column) }));
    order.sort((a, b) => {
      const ea = isEmptyCell(a.v);
      const eb = isEmptyCell(b.v);
      if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
      const c = rank(a.v) - rank(b.v) || (keyOf(a.v) < keyOf(b.v) ? -1 : keyOf(a.v) > keyOf(b.v) ? 1 : 0);
      return ascending ? c : -c;
    });
    const moves = new Map<number, number>();
    order.forEach(({ row }, i) => moves.set(row, top + i));
    const before = this.rows.slice();
    for (const [from, to] of moves) this.rows[to - 1] = before[from - 1];
    for (const layer of this.layers()) layer.moveRows(moves);
    this.extentCache = null;
  }

  insertColumns(at: number, count: number): void {
    const blanks = new Array<CellValue>(count).fill('');
    this.rows = this.rows.map((r) => (r && at - 1 < r.length ? r.slice(0, at - 1).concat(blanks, r.slice(at - 1)) : r));
    for (const layer of this.layers()) layer.shiftColumns(at, count);
    shiftIndexSet(this.hiddenColumns, at, count);
    shiftIndexMap(this.columnWidths, at, count);
    for (const p of this.protections) if (p.range) shiftRef(p.range, 'col', at, count);
    this.maxColumns += count;
    this.extentCache = null;
    this.onStructureChange?.('col', at, count);
  }

  deleteColumns(at: number, count: number): void {
    for (const r of this.rows) if (r) r.splice(at - 1, count);
    for (const layer of this.layers()) layer.shiftColumns(at, -count);
    shiftIndexSet(this.hiddenColumns, at, -count);
    shiftIndexMap(this.columnWidths, at, -count);
    for (const p of this.protections) if (p.range) shiftRef(p.range, 'col', at, -count);
    this.maxColumns -= count;
    this.extentCache = null;
    this.onStructureChange?.('col', at, -count);
  }

  /** Deep copy (for Spreadsheet.copy / Drive makeCopy). */
  clone(id: number, name = this.name): SheetModel {
    const s = new SheetModel(id, name);
    Object.assign(s, {
      maxRows: this.maxRows,
      maxColumns: this.maxColumns,
      frozenRows: this.frozenRows,
      frozenColumns: this.frozenColumns,
      hidden: this.hidden,
      tabColor: this.tabColor,
    });
    s.rows = this.rows.map((r) => r?.map(copyCell));
    // A snapshot restored over this sheet keeps evaluating and adjusting; a workbook that takes the copy adopts it.
    s.evaluate = this.evaluate;
    s.onStructureChange = this.onStructureChange;
    for (const [k, v] of this.columnWidths) s.columnWidths.set(k, v);
    this.hiddenColumns.forEach((c) => s.hiddenColumns.add(c));
    this.hiddenRows.forEach((r) => s.hiddenRows.add(r));
    const copyInto = <T>(from: SparseGrid<T>, to: SparseGrid<T>): void => {
      for (const [r, c, v] of from.entries()) to.set(r, c, v);
    };
    copyInto(this.formulas, s.formulas);
    copyInto(this.notes, s.notes);
    copyInto(this.numberFormats, s.numberFormats);
    copyInto(this.backgrounds, s.backgrounds);
    copyInto(this.validations, s.validations);
    for (const [k, g] of this.styles) copyInto(g, s.style(k));
    s.protections = this.protections.map((p) => structuredClone({ ...p, sheetId: id }));
    s.charts = this.charts.map((c) => structuredClone(c));
    return s;
  }
}

function shiftIndexSet(set: Set<number>, at: number, count: number): void {
  const moved = [...set].flatMap((i) => (i < at ? [i] : count < 0 && i < at - count ? [] : [i + count]));
  set.clear();
  moved.forEach((i) => set.add(i));
}

function shiftIndexMap(map: Map<number, number>, at: number, count: number): void {
  const moved = [...map].flatMap(([i, v]): [number, number][] => (i < at ? [[i, v]] : count < 0 && i < at - count ? [] : [[i + count, v]]));
  map.clear();
  moved.forEach(([i, v]) => map.set(i, v));
}

/** Moves or resizes a stored range when rows/columns are inserted or deleted. */
function shiftRef(ref: GridRef, axis: 'row' | 'col', at: number, count: number): void {
  const startKey = axis === 'row' ? 'row' : 'col';
  const sizeKey = axis === 'row' ? 'numRows' : 'numCols';
  const start = ref[startKey];
  const end = start + ref[sizeKey] - 1;
  if (count > 0) {
    if (at <= start) ref[startKey] = start + count;
    else if (at <= end) ref[sizeKey] += count;
    return;
  }
  const delEnd = at - count - 1;
  const keptBefore = Math.max(0, Math.min(end, at - 1) - start + 1);
  const keptAfter = Math.max(0, end - Math.max(start, delEnd + 1) + 1);
  ref[startKey] = start < at ? start : Math.max(at, start + count);
  ref[sizeKey] = Math.max(1, keptBefore + keptAfter);
}
