/**
 * The key index's cells, pure. The index is a hint the store keeps on its own hidden tab so that
 * interactive reads find rows by key without reading whole tables (docs/ARCHITECTURE.md): every row
 * it names is confirmed by reading that row's cells before it is returned or changed.
 *
 * Each index column is a hash table of INDEX_BUCKETS cells; a cell is a JSON object from key to a
 * flat list of runs:
 * - ID directories (one per table) are keyed by the ID's day (yyyyMMdd), with runs of
 *   [first sequence number, its row, count]: consecutive IDs on consecutive rows are one run, so a
 *   day's IDs usually take a few numbers, and the day's highest sequence is the next ID's seed.
 * - Row lists (children by customer ID, change-log rows by customer) are keyed by the customer ID,
 *   with runs of [first row, count].
 * A key whose list would make the cell too long is stored as '*': not indexed, read by scanning.
 */

/** Cells per index column. */
export const INDEX_BUCKETS = 1024;
/** Apps Script refuses cells over 50,000 characters; keep well under it. */
const MAX_INDEX_CELL = 40000;
/** A key the index gave up on (too many scattered rows): lookups scan the column instead. */
export const UNINDEXED = '*';

export type Runs = number[];
export type IndexCell = Record<string, Runs | typeof UNINDEXED>;

/** FNV-1a, 32 bits: spreads IDs and days evenly over the buckets. */
export function bucketOf(key: string, buckets = INDEX_BUCKETS): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % buckets;
}

/** A cell as read; anything that is not a well-formed index cell reads as empty (a hint, never trusted). */
export function parseCell(cell: unknown): IndexCell {
  if (typeof cell !== 'string' || cell === '') return {};
  try {
    const parsed: unknown = JSON.parse(cell);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: IndexCell = Object.create(null) as IndexCell;
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (v === UNINDEXED) out[k] = UNINDEXED;
      else if (Array.isArray(v) && v.every((n) => Number.isInteger(n) && n >= 0)) out[k] = v as number[];
    }
    return out;
  } catch {
    return {};
  }
}

/** The cell's text; a key that would push it past MAX_INDEX_CELL becomes UNINDEXED. */
export function formatCell(cell: IndexCell): string {
  const keys = Object.keys(cell).sort();
  if (!keys.length) return '';
  const ordered: IndexCell = {};
  for (const k of keys) ordered[k] = cell[k];
  let text = JSON.stringify(ordered);
  while (text.length > MAX_INDEX_CELL) {
    // Give up on the longest list first: it is the one scans cost least to replace.
    let longest = '';
    for (const k of keys)
      if (ordered[k] !== UNINDEXED && (!longest || (ordered[k] as Runs).length > (ordered[longest] as Runs).length)) longest = k;
    if (!longest) break;
    ordered[longest] = UNINDEXED;
    text = JSON.stringify(ordered);
  }
  return text;
}

// ---- row lists: runs of [first row, count] ----

function rowsOfRuns(runs: Runs): number[] {
  const rows: number[] = [];
  for (let i = 0; i + 1 < runs.length; i += 2) for (let r = 0; r < runs[i + 1]; r++) rows.push(runs[i] + r);
  return rows;
}

function runsOfRows(rows: Iterable<number>): Runs {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: Runs = [];
  for (const r of sorted) {
    const n = runs.length;
    if (n && runs[n - 2] + runs[n - 1] === r) runs[n - 1]++;
    else runs.push(r, 1);
  }
  return runs;
}

/** Rows listed under `key`; 'unindexed' when the index gave up on it; [] when absent. */
export function listedRows(cell: IndexCell, key: string): number[] | 'unindexed' {
  const v = cell[key];
  if (v === UNINDEXED) return 'unindexed';
  return v ? rowsOfRuns(v) : [];
}

/** Adds and removes rows under `key` (an UNINDEXED key stays so). */
export function editRows(cell: IndexCell, key: string, add: readonly number[], remove: readonly number[] = []): void {
  const v = cell[key];
  if (v === UNINDEXED) return;
  const rows = new Set(v ? rowsOfRuns(v) : []);
  for (const r of remove) rows.delete(r);
  for (const r of add) rows.add(r);
  if (rows.size) cell[key] = runsOfRows(rows);
  else delete cell[key];
}

// ---- ID directories: runs of [first sequence, its row, count] ----

/** An ID split into the directory's key (its day) and sequence; null for IDs not made by nextIds. */
export function idParts(prefix: string, id: string): { day: string; seq: number } | null {
  if (!id.startsWith(prefix)) return null;
  const m = /^(\d{8})(\d{3,})$/.exec(id.slice(prefix.length));
  if (!m) return null;
  const seq = Number(m[2]);
  // 'C20240315007' and 'C2024031507' must not both map to sequence 7: only the canonical form counts.
  if (String(seq).padStart(3, '0') !== m[2]) return null;
  return { day: m[1], seq };
}

/** The row the directory gives for a day's sequence number; 'unindexed' when it gave up on the day. */
export function directoryRow(cell: IndexCell, day: string, seq: number): number | null | 'unindexed' {
  const v = cell[day];
  if (v === UNINDEXED) return 'unindexed';
  if (!v) return null;
  for (let i = 0; i + 2 < v.length; i += 3) if (seq >= v[i] && seq < v[i] + v[i + 2]) return v[i + 1] + (seq - v[i]);
  return null;
}

/** The highest sequence the directory lists for the day (0 when none); null when it gave up on the day. */
export function directoryMaxSeq(cell: IndexCell, day: string): number | null {
  const v = cell[day];
  if (v === UNINDEXED) return null;
  let max = 0;
  if (v) for (let i = 0; i + 2 < v.length; i += 3) max = Math.max(max, v[i] + v[i + 2] - 1);
  return max;
}

/** Sequence → row pairs of a day, expanded. */
function directoryPairs(v: Runs): Map<number, number> {
  const pairs = new Map<number, number>();
  for (let i = 0; i + 2 < v.length; i += 3) for (let k = 0; k < v[i + 2]; k++) pairs.set(v[i] + k, v[i + 1] + k);
  return pairs;
}

/** Sets (row) or removes (null) the row of a day's sequence numbers. */
export function editDirectory(cell: IndexCell, day: string, changes: ReadonlyMap<number, number | null>): void {
  const v = cell[day];
  if (v === UNINDEXED) return;
  const pairs = directoryPairs(v ?? []);
  for (const [seq, row] of changes) {
    if (row === null) pairs.delete(seq);
    else pairs.set(seq, row);
  }
  const runs: Runs = [];
  for (const seq of [...pairs.keys()].sort((a, b) => a - b)) {
    const row = pairs.get(seq) as number;
    const n = runs.length;
    if (n && runs[n - 3] + runs[n - 1] === seq && runs[n - 2] + runs[n - 1] === row) runs[n - 1]++;
    else runs.push(seq, row, 1);
  }
  if (runs.length) cell[day] = runs;
  else delete cell[day];
}

/** Forgets a day's sequence number only if the directory places it on `row` (a stale hint of that row). */
export function dropDirectoryRow(cell: IndexCell, day: string, seq: number, row: number): void {
  if (directoryRow(cell, day, seq) === row) editDirectory(cell, day, new Map([[seq, null]]));
}
