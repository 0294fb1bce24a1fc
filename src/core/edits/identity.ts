import type { Column, TableDef } from '../../schema';
import { dayOf, nextIds } from '../ids';
import { isWritable } from '../records';
import type { Values } from '../validate';
import type { EditedRow, EditInput } from './types';

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** How a cell reads in a note or a log entry. */
export function shown(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'string' ? v : String(v);
}

export function columnOf(table: TableDef, key: string): Column | undefined {
  return table.columns.find((c) => c.key === key);
}

/** A row means something when a field people write holds a value (an unticked box does not count). */
function hasContent(table: TableDef, values: Values): boolean {
  return table.columns.some((c) => isWritable(c) && !isBlank(values[c.key]) && values[c.key] !== false);
}

function isOwnId(table: TableDef, id: unknown): id is string {
  const prefix = table.prefix ?? '';
  return typeof id === 'string' && prefix !== '' && id.startsWith(prefix) && /^\d{11,}$/.test(id.slice(prefix.length));
}

/** Who a row is: the record it already was, a new record, or nothing (a blank row). */
export interface RowIdentity {
  row: EditedRow;
  /** The record's ID, when the row keeps one. */
  id: string | null;
  isNew: boolean;
  /** The ID cell's text this edit put there and the CRM does not accept (kept for the note). */
  rejectedId: string | null;
  /** A single-cell edit of the ID cell of an existing record: the previous ID to restore. */
  restoreId: string | null;
}

/**
 * Decides each row's identity. A single-cell edit of an ID is undone (its old value is known). In
 * a paste, an ID is kept when it is well-formed and no other row has it; otherwise a row with
 * content becomes a new record (a copied row keeps its data but never its source's ID).
 */
export function identify(input: EditInput): RowIdentity[] {
  const idEdited = input.edited.includes('id');
  return input.rows.map((row) => {
    const typed = row.values.id;
    const text = isBlank(typed) ? null : shown(typed).trim();
    const content = hasContent(input.table, row.values);
    if (idEdited && input.previous) {
      const old = isBlank(input.previous.value) ? null : shown(input.previous.value).trim();
      if (old) return { row, id: old, isNew: false, rejectedId: null, restoreId: old === text ? null : old };
      return { row, id: null, isNew: content, rejectedId: text, restoreId: null };
    }
    if (idEdited) {
      if (text && isOwnId(input.table, text) && (input.idCounts.get(text) ?? 0) === 1)
        return { row, id: text, isNew: false, rejectedId: null, restoreId: null };
      return { row, id: null, isNew: content, rejectedId: text, restoreId: null };
    }
    if (text) return { row, id: text, isNew: false, rejectedId: null, restoreId: null };
    return { row, id: null, isNew: content, rejectedId: null, restoreId: null };
  });
}

/** New IDs for the new rows, in row order, after every ID already on the tab. */
export function assignIds(input: EditInput, rows: readonly RowIdentity[]): Map<number, string> {
  const fresh = rows.filter((r) => r.isNew);
  const out = new Map<number, string>();
  if (!fresh.length || !input.table.prefix) return out;
  const ids = nextIds(input.table.prefix, dayOf(input.now), input.idCounts.keys(), fresh.length);
  fresh.forEach((r, i) => out.set(r.row.rowNumber, ids[i]));
  return out;
}
