/**
 * Sparse per-cell layer (notes, formulas, formats, styles, validations): row -> (column -> value).
 * Coordinates are 1-based like the sheet. Shifting rows only rebuilds the outer map.
 */
export class SparseGrid<T> {
  private rows = new Map<number, Map<number, T>>();

  get(row: number, col: number): T | undefined {
    return this.rows.get(row)?.get(col);
  }

  set(row: number, col: number, value: T | undefined): void {
    if (value === undefined) {
      const r = this.rows.get(row);
      if (r) {
        r.delete(col);
        if (r.size === 0) this.rows.delete(row);
      }
      return;
    }
    let r = this.rows.get(row);
    if (!r) {
      r = new Map();
      this.rows.set(row, r);
    }
    r.set(col, value);
  }

  /** Removes every entry in the block. Iterates stored rows when the block is taller than the data. */
  clear(row: number, col: number, numRows: number, numCols: number): void {
    const lastRow = row + numRows - 1;
    const lastCol = col + numCols - 1;
    const visit = (r: number, cells: Map<number, T>): void => {
      for (const c of [...cells.keys()]) if (c >= col && c <= lastCol) cells.delete(c);
      if (cells.size === 0) this.rows.delete(r);
    };
    if (numRows > this.rows.size) {
      for (const [r, cells] of [...this.rows]) if (r >= row && r <= lastRow) visit(r, cells);
    } else {
      for (let r = row; r <= lastRow; r++) {
        const cells = this.rows.get(r);
        if (cells) visit(r, cells);
      }
    }
  }

  /** Rows at or after `at` move down by `count` (negative count deletes rows at..at-count-1). */
  shiftRows(at: number, count: number): void {
    const next = new Map<number, Map<number, T>>();
    for (const [r, cells] of this.rows) {
      if (r < at) next.set(r, cells);
      else if (count < 0 && r < at - count) continue;
      else next.set(r + count, cells);
    }
    this.rows = next;
  }

  /** Columns at or after `at` move right by `count` (negative deletes). */
  shiftColumns(at: number, count: number): void {
    for (const [r, cells] of [...this.rows]) {
      const next = new Map<number, T>();
      for (const [c, v] of cells) {
        if (c < at) next.set(c, v);
        else if (count < 0 && c < at - count) continue;
        else next.set(c + count, v);
      }
      if (next.size) this.rows.set(r, next);
      else this.rows.delete(r);
    }
  }

  /** Moves whole rows: `moves` maps an old row to its new row (a permutation of a block of rows). */
  moveRows(moves: ReadonlyMap<number, number>): void {
    const next = new Map<number, Map<number, T>>();
    for (const [r, cells] of this.rows) next.set(moves.get(r) ?? r, cells);
    this.rows = next;
  }

  *entries(): IterableIterator<[number, number, T]> {
    for (const [r, cells] of this.rows) for (const [c, v] of cells) yield [r, c, v];
  }

  get isEmpty(): boolean {
    return this.rows.size === 0;
  }

  get size(): number {
    let n = 0;
    for (const cells of this.rows.values()) n += cells.size;
    return n;
  }

  clone(copy: (v: T) => T = (v) => v): SparseGrid<T> {
    const g = new SparseGrid<T>();
    for (const [r, c, v] of this.entries()) g.set(r, c, copy(v));
    return g;
  }
}
