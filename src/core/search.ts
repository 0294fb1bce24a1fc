import { foldKey, phoneDigits, type Column, type TableDef } from '../schema';
import type { Values } from './validate';
import { initialSets, isInitialsQuery, matchInitials } from './pinyin';

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

/** Besides the title, person names are matched by pinyin initials too. */
const PINYIN_FIELDS = new Set(['contactName', 'name', 'company']);

/** Mainland numbers are stored with or without +86/86; both sides drop it before comparing. */
function localDigits(phone: string): string {
  return phoneDigits(phone).replace(/^\+?86(?=1\d{10}$|0\d{9,11}$)/, '');
}

/**
 * The fields search matches besides the ID: the title, people's names (also by pinyin initials),
 * phones, emails and tags. Notes, addresses and references are not searched: a search reads one
 * small key per row (SEARCH_KEY) built from these alone.
 */
export function searchFields(table: TableDef): readonly Column[] {
  let hit = fieldsCache.get(table);
  if (!hit) {
    hit = table.columns.filter(
      (c) => c.key === table.titleField || PINYIN_FIELDS.has(c.key) || c.kind === 'phone' || c.kind === 'email' || c.kind === 'tags',
    );
    fieldsCache.set(table, hit);
  }
  return hit;
}
const fieldsCache = new WeakMap<TableDef, readonly Column[]>();

/** A row's search key: its ID, last change, deleted flag and the searched fields, as one small JSON cell. */
export function searchKeyOf(table: TableDef, row: Values): string {
  const fields: Record<string, unknown> = {};
  for (const c of searchFields(table)) {
    const v = row[c.key];
    if (v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)) fields[c.key] = v;
  }
  return JSON.stringify([String(row.id ?? ''), String(row.updatedAt ?? ''), row.deleted ? 1 : 0, fields]);
}

/** The row a search key stands for (the fields search reads); null when the cell is not a key. */
export function rowOfSearchKey(text: unknown): Values | null {
  if (typeof text !== 'string' || !text.startsWith('[')) return null;
  try {
    const [id, updatedAt, deleted, fields] = JSON.parse(text) as [unknown, unknown, unknown, unknown];
    if (typeof id !== 'string' || !fields || typeof fields !== 'object') return null;
    return { ...(fields as Values), id, updatedAt: typeof updatedAt === 'string' && updatedAt ? updatedAt : null, deleted: deleted === 1 };
  } catch {
    return null;
  }
}

/** What a query can match in a row, folded once per row. */
function score(table: TableDef, row: Values, q: string, digits: string, pinyin: boolean): number {
  const id = typeof row.id === 'string' ? row.id.toLowerCase() : '';
  if (id && id === q) return 100;
  let best = id && id.startsWith(q) ? 80 : 0;
  for (const col of searchFields(table)) {
    const v = row[col.key];
    if (v === null || v === undefined || v === '') continue;
    if (col.kind === 'phone' && digits.length >= 3 && typeof v === 'string' && localDigits(v).includes(digits)) best = Math.max(best, 60);
    else if (col.kind === 'tags' && Array.isArray(v) && v.some((t) => foldKey(String(t)) === q)) best = Math.max(best, 50);
    else if (typeof v === 'string' && (col.kind === 'text' || col.kind === 'email' || col.kind === 'user' || col.kind === 'ref')) {
      const f = foldKey(v);
      const isTitle = col.key === table.titleField;
      if (f === q) best = Math.max(best, isTitle ? 90 : 55);
      else if (f.startsWith(q)) best = Math.max(best, isTitle ? 70 : 40);
      else if (f.includes(q)) best = Math.max(best, isTitle ? 50 : 20);
      else if (pinyin && (isTitle || PINYIN_FIELDS.has(col.key)) && /[\u4e00-\u9fff]/.test(v)) {
        const hit = matchInitials(initialSets(v), q);
        if (hit) best = Math.max(best, (hit === 'prefix' ? 45 : 25) - (isTitle ? 0 : 10));
      }
    }
  }
  return best;
}

/**
 * Ranks rows by how well they match a partial name, ID, phone (separators ignored), email or tag;
 * case-, width- and space-insensitive. An empty query lists rows, newest first.
 */
export function searchRows(table: TableDef, rows: readonly Values[], query: string, options: SearchOptions = {}): SearchPage {
  const ranked = rankRows(table, rows, query, options);
  return { total: ranked.total, offset: ranked.offset, limit: ranked.limit, items: ranked.page };
}

/**
 * The ranking behind searchRows, on any row-like values (whole records or what search keys hold):
 * the page of rows, in order, and the total. `where` needs its fields in the rows.
 */
export function rankRows<R extends Values>(
  table: TableDef,
  rows: readonly R[],
  query: string,
  options: SearchOptions = {},
): { total: number; offset: number; limit: number; page: R[] } {
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(options.limit ?? 20)));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const q = foldKey(query);
  const digits = localDigits(query).replace(/^\+/, '');
  const onlyDigits = /^\d+$/.test(digits) ? digits : '';
  const pinyin = isInitialsQuery(q);
  const where = Object.entries(options.where ?? {});
  const hits: { row: R; s: number }[] = [];
  for (const row of rows) {
    if (row.deleted && !options.includeDeleted) continue;
    if (where.some(([k, v]) => row[k] !== v)) continue;
    const s = q === '' ? 1 : score(table, row, q, onlyDigits, pinyin);
    if (s > 0) hits.push({ row, s });
  }
  hits.sort((a, b) => b.s - a.s || String(b.row.updatedAt ?? '').localeCompare(String(a.row.updatedAt ?? '')));
  return { total: hits.length, offset, limit, page: hits.slice(offset, offset + limit).map((h) => h.row) };
}
