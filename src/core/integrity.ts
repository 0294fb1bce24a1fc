import { foldKey, type Lang, type TableDef } from '../schema';
import { fieldError, type FieldError } from './errors';
import type { Values } from './validate';

/** What a foreign-key lookup found. */
export type RefState = 'ok' | 'missing' | 'deleted';
export type RefLookup = (table: string, id: string) => RefState;

/** Every foreign key of `values` must point at an existing, not-deleted row. */
export function checkRefs(table: TableDef, values: Values, lookup: RefLookup, lang: Lang, tableLabel: (t: string) => string): FieldError[] {
  const errors: FieldError[] = [];
  for (const col of table.columns) {
    const id = values[col.key];
    if (!col.ref || typeof id !== 'string' || id === '') continue;
    const state = lookup(col.ref, id);
    if (state !== 'ok')
      errors.push(fieldError(col.key, state === 'missing' ? 'ref_missing' : 'ref_deleted', lang, { table: tableLabel(col.ref), id }));
  }
  return errors;
}

/** Key for uniqueness: case, full/half width and all spaces ignored. */
const uniqueKey = foldKey;

/**
 * Unique fields (customer name, contract number...) must not repeat among live rows. `rows` are the
 * table's current records; `selfId` is excluded so an update can keep its own value.
 */
export function checkUnique(table: TableDef, values: Values, rows: readonly Values[], selfId: string | null, lang: Lang): FieldError[] {
  const errors: FieldError[] = [];
  for (const col of table.columns) {
    const v = values[col.key];
    if (!col.unique || typeof v !== 'string' || v === '') continue;
    const key = uniqueKey(v);
    const dup = rows.find(
      (r) => !r.deleted && r.id !== selfId && typeof r[col.key] === 'string' && uniqueKey(r[col.key] as string) === key,
    );
    if (dup) errors.push(fieldError(col.key, 'duplicate', lang, { id: String(dup.id) }));
  }
  return errors;
}
