import {
  CUSTOMER_CHILD_TABLES,
  DATA_TABLE_KEYS,
  DUPLICATE_FIELDS,
  DUPLICATE_TABLES,
  duplicateKeyOf,
  foldKey,
  isPoolOwner,
  POOL_TABLES,
  tableDef,
  type DuplicateBy,
  type TableKey,
} from '../schema';
import { bucketOf, idParts } from '../core/keyIndex';

/** The hidden tab that holds the key index (our own fixed layout; people never edit it). */
export const INDEX_TAB = '_crm_index';
/**
 * Row 1: column names; row 2: each column's state; row 3: the sentinel of the table (a COUNTA of
 * its ID column, on the table's ID directory column); buckets from row 4.
 */
export const INDEX_META_ROW = 2;
export const INDEX_SENTINEL_ROW = 3;
export const INDEX_FIRST_BUCKET_ROW = 4;

/**
 * One index column: 'directory' maps IDs to rows (by day, see core/keyIndex), 'rows' maps a key
 * (a customer ID, a folded unique value) to the rows that hold it. The change log is indexed by
 * the customer its records belong to (table 'history', field 'customer').
 */
export interface KeyColumn {
  name: string;
  table: TableKey;
  field: string;
  kind: 'directory' | 'rows';
  /** 1-based column on the index tab. */
  column: number;
  /** The index key of a cell value; null for a blank (not indexed). */
  keyOf(value: unknown): string | null;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const asId = (v: unknown) => text(v).toUpperCase() || null;

function columns(): KeyColumn[] {
  const out: Omit<KeyColumn, 'column'>[] = [];
  for (const table of DATA_TABLE_KEYS) out.push({ name: `${table}.id`, table, field: 'id', kind: 'directory', keyOf: asId });
  for (const table of CUSTOMER_CHILD_TABLES)
    out.push({ name: `${table}.customerId`, table, field: 'customerId', kind: 'rows', keyOf: asId });
  for (const table of DATA_TABLE_KEYS) {
    for (const c of tableDef(table).columns) {
      if (c.unique) out.push({ name: `${table}.${c.key}`, table, field: c.key, kind: 'rows', keyOf: (v) => foldKey(text(v)) || null });
    }
  }
  out.push({ name: 'history.customer', table: 'history', field: 'customer', kind: 'rows', keyOf: asId });
  // The duplicate check's fields (schema/duplicates.ts), after every older column so an index
  // built before them keeps its columns' places (the new ones start unbuilt: scanned, then rebuilt).
  for (const table of DUPLICATE_TABLES) {
    for (const [by, field] of Object.entries(DUPLICATE_FIELDS[table]) as [DuplicateBy, string][]) {
      if (out.some((c) => c.table === table && c.field === field)) continue;
      out.push({ name: `${table}.${field}`, table, field, kind: 'rows', keyOf: (v) => duplicateKeyOf(by, v) });
    }
  }
  // The shared pool's records (owner 公海/Pool, whichever language), under the one key POOL_KEY, so
  // listPool reads the pool's rows, not the owner column. Last, for the same reason as above.
  for (const table of POOL_TABLES)
    out.push({ name: `${table}.owner`, table, field: 'owner', kind: 'rows', keyOf: (v) => (isPoolOwner(v) ? POOL_KEY : null) });
  // Logged emails by Gmail message ID (src/server/emailLog): a message is looked up by key before
  // it is logged. Last, like the columns above, so older index tabs keep their columns' places.
  out.push({ name: 'followUps.emailId', table: 'followUps', field: 'emailId', kind: 'rows', keyOf: (v) => text(v) || null });
  return out.map((c, i) => ({ ...c, column: i + 1 }));
}

/** The owner index's one key: the pool. */
export const POOL_KEY = 'pool';

export const KEY_COLUMNS: readonly KeyColumn[] = columns();

/**
 * How wide index tabs built before the duplicate check's columns are: a tab that narrow is widened
 * by the first locked step that must write past it (until then those columns read as unbuilt).
 */
export const INDEX_WIDTH_BEFORE_DUPLICATES = KEY_COLUMNS.findIndex((c) => c.name === 'history.customer') + 1;

export function keyColumn(table: TableKey, field: string): KeyColumn | undefined {
  return KEY_COLUMNS.find((c) => c.table === table && c.field === field);
}

/** Index columns of a table's own cells (the change log's is kept apart). */
export function keyColumnsOf(table: TableKey): KeyColumn[] {
  return KEY_COLUMNS.filter((c) => c.table === table && c.field !== 'customer');
}

/** The directory key of an ID: its day for IDs the CRM made, else the ID itself marked '#'. */
export function directoryKey(prefix: string, id: string): { key: string; seq: number } {
  const parts = idParts(prefix, id);
  return parts ? { key: parts.day, seq: parts.seq } : { key: `#${id}`, seq: 0 };
}

/** The bucket (0-based) an index key lives in. */
export function bucketOfKey(key: string): number {
  return bucketOf(key);
}

/** The column whose state cell and sentinel stand for a column's table (its ID directory). */
export function sentinelOf(column: KeyColumn): KeyColumn {
  if (column.table === 'history') return column;
  return keyColumn(column.table, 'id') ?? column;
}

/** The field a table's sentinel counts: its ID column (the change log's record IDs). */
export function sentinelField(column: KeyColumn): string {
  return column.table === 'history' ? 'recordId' : 'id';
}
