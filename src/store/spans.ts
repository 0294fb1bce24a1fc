import { escapeText, type SheetCell } from './cells';
import { columnRuns, consecutiveRuns, type Layout } from './layout';

type Cell = string | number | boolean | Date;

/** A cell read from the sheet, written back unchanged in meaning. */
export function rewrite(cell: SheetCell | undefined): Cell {
  if (cell === undefined) return '';
  return typeof cell === 'string' ? escapeText(cell) : cell;
}

/** A block to write: rows from `row` (sheet row number), columns from `column` (1-based). */
export interface Block {
  row: number;
  column: number;
  values: Cell[][];
}

/** Touched rows further apart than this are written as separate blocks rather than one tall one. */
export const MAX_SPAN_GAP = 200;

/** Sorted row numbers grouped so that no group spans a gap wider than MAX_SPAN_GAP. */
function clusters(numbers: readonly number[], maxGap: number): [number, number][] {
  const out: [number, number][] = [];
  for (const n of numbers) {
    const last = out[out.length - 1];
    if (last && n - last[1] <= maxGap) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * The blocks that write `keys` of the rows `rows` (sheet row number → fresh cells of the whole
 * row): per run of our columns, one block from the first to the last touched row of each cluster
 * of nearby rows, with cells of untouched rows (and untouched columns inside a run) rewritten
 * exactly as read. Calls grow with clusters of touched rows, never with the table. The run that
 * holds `updatedAt` (the edit token) comes first, so a write cut short by a failure leaves the
 * token moved on (a stale client is refused) rather than new values under the old token (a silent
 * overwrite).
 * `bridge: false` writes only the key columns (runs are not joined across other columns of ours),
 * so cells people just typed are never rewritten. `maxGap: 1` joins only adjacent rows: for rows
 * read by key, where the rows between were never read and must not be rewritten.
 */
export function spanBlocks(
  layout: Layout,
  keys: readonly string[],
  rows: ReadonlyMap<number, Cell[]>,
  asRead: (row: number) => readonly SheetCell[] | undefined,
  options: { bridge: boolean; maxGap?: number } = { bridge: true },
): Block[] {
  if (!rows.size) return [];
  const groups = clusters(
    [...rows.keys()].sort((a, b) => a - b),
    options.maxGap ?? MAX_SPAN_GAP,
  );
  const cols = keys.map((k) => layout.index.get(k)).filter((c): c is number => c !== undefined);
  const changed = new Set(cols);
  const holds = (run: { start: number; end: number }, field: string) => {
    const at = layout.index.get(field);
    return at !== undefined && run.start <= at && at <= run.end ? 1 : 0;
  };
  // The edit token first; new rows' IDs last (a row without an ID is simply processed again next time).
  const order = (run: { start: number; end: number }) => holds(run, 'id') - holds(run, 'updatedAt');
  const runs = (options.bridge ? columnRuns(layout, keys) : consecutiveRuns(cols)).sort((a, b) => order(a) - order(b));
  return runs.flatMap((run) =>
    groups.map(([first, last]) => {
      const values: Cell[][] = [];
      for (let r = first; r <= last; r++) {
        const fresh = rows.get(r);
        const read = asRead(r) ?? [];
        const out: Cell[] = [];
        for (let c = run.start; c <= run.end; c++) out.push(fresh && changed.has(c) ? fresh[c] : rewrite(read[c]));
        values.push(out);
      }
      return { row: first, column: run.start + 1, values };
    }),
  );
}
