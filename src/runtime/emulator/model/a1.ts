/** A1 notation: column letters, cell/range references, optional sheet prefix. */

export interface GridRef {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}
export interface A1Ref {
  sheetName: string | null;
  startRow: number | null; // null = unbounded (whole column)
  startCol: number | null; // null = unbounded (whole row)
  endRow: number | null;
  endCol: number | null;
}

export function columnToLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellA1(row: number, col: number): string {
  return columnToLetters(col) + row;
}

export function rangeA1(ref: GridRef): string {
  const start = cellA1(ref.row, ref.col);
  if (ref.numRows === 1 && ref.numCols === 1) return start;
  return `${start}:${cellA1(ref.row + ref.numRows - 1, ref.col + ref.numCols - 1)}`;
}

/** Splits "'My sheet'!A1:B2" into sheet name and the rest. */
function splitSheet(a1: string): { sheetName: string | null; rest: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { sheetName: null, rest: a1 };
  let name = a1.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, rest: a1.slice(bang + 1) };
}

const PART = /^\$?([A-Za-z]*)\$?(\d*)$/;

/** Parses A1 notation; returns null when it is not a valid reference. */
export function parseA1(a1: string): A1Ref | null {
  const { sheetName, rest } = splitSheet(a1.trim());
  const [a, b, extra] = rest.split(':');
  if (extra !== undefined || !a) return null;
  const p1 = PART.exec(a);
  const p2 = b === undefined ? p1 : PART.exec(b);
  if (!p1 || !p2 || (!p1[1] && !p1[2]) || (!p2[1] && !p2[2])) return null;
  const num = (s: string): number | null => (s ? Number(s) : null);
  const col = (s: string): number | null => (s ? lettersToColumn(s) : null);
  const ref: A1Ref = { sheetName, startRow: num(p1[2]), startCol: col(p1[1]), endRow: num(p2[2]), endCol: col(p2[1]) };
  if (ref.startRow === 0 || ref.endRow === 0) return null;
  // "A2:B" style: an open end means to the edge of the grid (see resolveA1).
  // "A1:B" style: open end means to the edge of the grid.
  return ref;
}

/** Resolves a parsed reference against grid dimensions, normalising reversed corners. */
export function resolveA1(ref: A1Ref, maxRows: number, maxCols: number): GridRef {
  const r1 = ref.startRow ?? 1;
  const c1 = ref.startCol ?? 1;
  const r2 = ref.endRow ?? maxRows;
  const c2 = ref.endCol ?? maxCols;
  const top = Math.min(r1, r2),
    left = Math.min(c1, c2);
  return { row: top, col: left, numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
}
