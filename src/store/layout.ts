import { foldKey, type Column, type TableDef } from '../schema';

/** Where each field's column is on a tab, found by header text, so people can reorder and rename. */
export interface Layout {
  /** 0-based column index per field key. */
  index: Map<string, number>;
  /** Header width: columns beyond our fields (user-added) are kept as they are. */
  width: number;
  /** Field keys with no column on the tab. */
  missing: string[];
  /** Header texts that name a field twice. */
  duplicates: string[];
}

/** Every name a column may go by: its key, both labels and its aliases, folded. */
export function headerNames(col: Column): string[] {
  return [col.key, col.label.zh, col.label.en, ...col.aliases].map(foldKey);
}

const lookupCache = new WeakMap<TableDef, Map<string, string>>();
function lookup(table: TableDef): Map<string, string> {
  let map = lookupCache.get(table);
  if (map) return map;
  map = new Map();
  // Labels win over aliases: an alias never steals a header that is another field's label.
  for (const col of table.columns) for (const n of headerNames(col).slice(0, 3)) if (!map.has(n)) map.set(n, col.key);
  for (const col of table.columns) for (const n of headerNames(col).slice(3)) if (!map.has(n)) map.set(n, col.key);
  lookupCache.set(table, map);
  return map;
}

export function readLayout(table: TableDef, header: readonly unknown[]): Layout {
  const names = lookup(table);
  const index = new Map<string, number>();
  const duplicates: string[] = [];
  let width = 0;
  header.forEach((h, i) => {
    const text = typeof h === 'string' ? h : h === null || h === undefined ? '' : String(h);
    if (text.trim() !== '') width = i + 1;
    const key = names.get(foldKey(text));
    if (!key) return;
    if (index.has(key)) duplicates.push(text);
    else index.set(key, i);
  });
  const missing = table.columns.filter((c) => !index.has(c.key)).map((c) => c.key);
  return { index, width: Math.max(width, ...[...index.values()].map((i) => i + 1), 0), missing, duplicates };
}

/**
 * Contiguous runs of our columns covering `keys`, split wherever a column that is not ours lies
 * between them, so a write never touches a user-added column.
 */
export function columnRuns(layout: Layout, keys: readonly string[]): { start: number; end: number }[] {
  const ours = new Set(layout.index.values());
  const cols = keys
    .map((k) => layout.index.get(k))
    .filter((i): i is number => i !== undefined)
    .sort((a, b) => a - b);
  const runs: { start: number; end: number }[] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && c <= last.end + 1) last.end = Math.max(last.end, c);
    else if (last && rangeIsOurs(ours, last.end + 1, c - 1)) last.end = c;
    else runs.push({ start: c, end: c });
  }
  return runs;
}
function rangeIsOurs(ours: Set<number>, from: number, to: number): boolean {
  for (let i = from; i <= to; i++) if (!ours.has(i)) return false;
  return true;
}

/** Sorted distinct numbers grouped into runs of consecutive values. */
export function consecutiveRuns(numbers: readonly number[]): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  for (const n of [...new Set(numbers)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && n === last.end + 1) last.end = n;
    else runs.push({ start: n, end: n });
  }
  return runs;
}
