import { foldKey, tableOfId, type Lang, type TableDef } from '../schema';
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
    if (typeof id !== 'string' || id === '') continue;
    const target = col.ref ?? linkTarget(col.refs, id);
    if (!target) {
      if (col.refs) errors.push(linkTableError(col.key, col.refs, id, lang, tableLabel));
      continue;
    }
    const state = lookup(target, id);
    if (state !== 'ok')
      errors.push(fieldError(col.key, state === 'missing' ? 'ref_missing' : 'ref_deleted', lang, { table: tableLabel(target), id }));
  }
  return errors;
}

/** The table a typed reference's ID names, when it is one the field may link; else null. */
export function linkTarget(refs: readonly string[] | undefined, id: string): string | null {
  const table = tableOfId(id);
  return table && refs?.includes(table) ? table : null;
}

function linkTableError(field: string, refs: readonly string[], id: string, lang: Lang, tableLabel: (t: string) => string): FieldError {
  const table = tableOfId(id);
  const tables = refs.map(tableLabel).join(lang === 'zh' ? '、' : ', ');
  return fieldError(field, 'link_table', lang, { table: table ? tableLabel(table) : id, tables });
}

/** Who a user field must name: someone on the settings tab (fields marked `member`), by email or display name. */
export function checkMembers(table: TableDef, values: Values, users: readonly { email: string; name: string }[], lang: Lang): FieldError[] {
  const errors: FieldError[] = [];
  for (const col of table.columns) {
    const v = values[col.key];
    if (!col.member || typeof v !== 'string' || v.trim() === '') continue;
    const k = foldKey(v);
    if (!users.some((u) => (u.email !== '' && foldKey(u.email) === k) || (u.name !== '' && foldKey(u.name) === k)))
      errors.push(fieldError(col.key, 'not_member', lang, { value: v }));
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
