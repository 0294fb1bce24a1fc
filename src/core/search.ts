import { foldKey, phoneDigits, type TableDef } from '../schema';
import type { Values } from './validate';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  includeDeleted?: boolean;
  /** Only rows whose field equals this value (e.g. { customerId: 'C...' }). */
  where?: Record<string, string>;
}
export interface SearchPage {
  total: number;
  offset: number;
  limit: number;
  items: Values[];
}

export const MAX_PAGE = 200;

/** What a query can match in a row, folded once per row. */
function score(table: TableDef, row: Values, q: string, digits: string): number {
  const id = typeof row.id === 'string' ? row.id.toLowerCase() : '';
  if (id && id === q) return 100;
  let best = id && id.startsWith(q) ? 80 : 0;
  for (const col of table.columns) {
    const v = row[col.key];
    if (v === null || v === undefined || v === '') continue;
    if (col.kind === 'phone' && digits.length >= 3 && typeof v === 'string' && phoneDigits(v).includes(digits)) best = Math.max(best, 60);
    else if (col.kind === 'tags' && Array.isArray(v) && v.some((t) => foldKey(String(t)) === q)) best = Math.max(best, 50);
    else if (typeof v === 'string' && (col.kind === 'text' || col.kind === 'email' || col.kind === 'user' || col.kind === 'ref')) {
      const f = foldKey(v);
      const isTitle = col.key === table.titleField;
      if (f === q) best = Math.max(best, isTitle ? 90 : 55);
      else if (f.startsWith(q)) best = Math.max(best, isTitle ? 70 : 40);
      else if (f.includes(q)) best = Math.max(best, isTitle ? 50 : 20);
    }
  }
  return best;
}

/**
 * Ranks rows by how well they match a partial name, ID, phone (separators ignored), email or tag;
 * case-, width- and space-insensitive. An empty query lists rows, newest first.
 */
export function searchRows(table: TableDef, rows: readonly Values[], query: string, options: SearchOptions = {}): SearchPage {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(options.limit ?? 20)));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const q = foldKey(query);
  const digits = phoneDigits(query).replace(/^\+/, '');
  const onlyDigits = /^\d+$/.test(digits) ? digits : '';
  const where = Object.entries(options.where ?? {});
  const hits: { row: Values; s: number }[] = [];
  for (const row of rows) {
    if (row.deleted && !options.includeDeleted) continue;
    if (where.some(([k, v]) => row[k] !== v)) continue;
    const s = q === '' ? 1 : score(table, row, q, onlyDigits);
    if (s > 0) hits.push({ row, s });
  }
  hits.sort((a, b) => b.s - a.s || String(b.row.updatedAt ?? '').localeCompare(String(a.row.updatedAt ?? '')));
  return { total: hits.length, offset, limit, items: hits.slice(offset, offset + limit).map((h) => h.row) };
}
