import * as z from 'zod/mini';
import type { Label } from './i18n';
import { systemField, type FieldDef, type FieldMeta } from './field';

/** The columns the store maintains on every data table. */
export const SYSTEM_FIELDS = {
  id: systemField('id', { zh: '编号', en: 'ID' }, z.string()),
  createdAt: systemField('datetime', { zh: '创建时间', en: 'Created at' }, z.nullable(z.string())),
  createdBy: systemField('user', { zh: '创建人', en: 'Created by' }, z.nullable(z.string())),
  /** Kept to the second: it is also the row's edit token (see VERSION). */
  updatedAt: systemField('datetime', { zh: '更新时间', en: 'Updated at' }, z.nullable(z.string()), { seconds: true }),
  updatedBy: systemField('user', { zh: '更新人', en: 'Updated by' }, z.nullable(z.string())),
  deleted: systemField('bool', { zh: '已删除', en: 'Deleted' }, z.nullable(z.boolean())),
} as const;

/**
 * The store's search key (searchable tables only): what search matches, folded into one small
 * cell per row, so a search reads one column instead of the whole tab. Never a record field.
 */
export const SEARCH_KEY = 'searchKey';
/** The columns that hold a record's values (all but the store's search key). */
export function recordColumns(def: TableDef): readonly Column[] {
  return def.columns.filter((c) => c.key !== SEARCH_KEY);
}
const searchKeyColumn = { key: SEARCH_KEY, ...systemField('longText', { zh: '搜索键', en: 'Search key' }, z.nullable(z.string())).meta };
export type SystemKey = keyof typeof SYSTEM_FIELDS;

/**
 * The edit token of a record (optimistic concurrency): not a column but derived from updatedAt
 * whenever a row is read (core's versionOf: its wall-clock seconds since 1970, 0 without one).
 * Every write that changes a row moves updatedAt on by at least a second, so the token changes.
 * Records handed to clients carry it, and an update or delete sends it back.
 */
export const VERSION = 'version';
export type SystemValues = {
  id: string;
  createdAt: string | null;
  createdBy: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  deleted: boolean | null;
  /** See VERSION. */
  version: number;
};

export interface Column extends FieldMeta {
  key: string;
}

export type TableKind = 'data' | 'settings' | 'log';

/**
 * Roles that may change a table's rows besides admins and managers (who change every data table).
 * Sales reps are further held to their own and their team's records.
 */
export type WriterRole = 'sales' | 'service';

/** Any table, as generic code (core, store, server) sees it. */
export interface TableDef {
  key: string;
  tab: Label;
  kind: TableKind;
  /** ID prefix; null for tables whose rows have no ID (settings, history). */
  prefix: string | null;
  /** The field people recognise a row by (customer name, opportunity name...). */
  titleField: string;
  /** The user-editable fields, in their default column order. */
  fields: Record<string, { meta: FieldMeta; schema: Parser<unknown> }>;
  /** Whether rows keep a search key column (see SEARCH_KEY). */
  searchable: boolean;
  /** One row as people name it ("customer", "follow-up"): "new customer", errors about a row. */
  record: Label;
  /** Where its rows show in the customer 360 view (ascending); null: not a section there. */
  customer360: number | null;
  /** Who besides admins and managers may change its rows. */
  writers: readonly WriterRole[];
  /**
   * Roles whose own workflows write some of its CRM-maintained (derived) columns, though they are
   * no writers of its rows (contacts: service grants self-service access). They are editors of the
   * tab's protection, since Apps Script runs a workflow as its user; the store still refuses them
   * any other change of the table's rows.
   */
  maintainers: readonly WriterRole[];
  /**
   * Whether its owner owns the rows that point at it (customers, leads, campaigns): a sales rep's
   * rights over a child row follow the owner of the row it references (see core/roles ownerOf).
   */
  ownsChildren: boolean;
  /**
   * Rows are their owner's (the assignee) whatever they link to: sales and service writers may
   * create and change only rows assigned to themselves; managers and admins assign to anyone.
   */
  selfAssigned: boolean;
  /** The facts a list shows of a row besides its title (the sidebar's search results, the 360 view). */
  glance: readonly string[];
  /** Every column in default order: id first, user fields, then the system stamps. */
  columns: readonly Column[];
  /** Strict object of the user fields: rejects unknown keys; the one validator of every input path. */
  input: Parser<Record<string, unknown>>;
}

/** One table with its field types kept, for code that wants typed records. */
export interface TypedTableDef<K extends string, F extends Record<string, FieldDef>> extends TableDef {
  key: K;
  titleField: (keyof F & string) | 'id';
  fields: F;
  input: Parser<{ -readonly [P in keyof F]: z.output<F[P]['schema']> }>;
}

/**
 * The part of a zod schema the other layers use. Keeping zod's own (invariant) types out of
 * TableDef lets one generic function take any table.
 */
export interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: z.core.$ZodIssue[] } };
}

export type InputOf<T extends TableDef> = T['input'] extends Parser<infer O> ? O : never;
export type RecordOf<T extends TableDef> = InputOf<T> & SystemValues;

export function defineTable<const K extends string, const F extends Record<string, FieldDef>>(def: {
  key: K;
  tab: Label;
  kind?: TableKind;
  prefix: string | null;
  titleField: (keyof F & string) | 'id';
  fields: F;
  searchable?: boolean;
  record: Label;
  customer360?: number;
  /** Default: sales reps (their own records). */
  writers?: readonly WriterRole[];
  maintainers?: readonly WriterRole[];
  ownsChildren?: boolean;
  selfAssigned?: boolean;
  /** Default: the ID. */
  glance?: readonly ((keyof F & string) | SystemKey)[];
}): TypedTableDef<K, F> {
  const kind = def.kind ?? 'data';
  const userColumns = Object.entries(def.fields).map(([key, f]) => ({ key, ...f.meta }));
  const sys = (keys: SystemKey[]) => keys.map((key) => ({ key, ...SYSTEM_FIELDS[key].meta }));
  const columns =
    kind === 'data'
      ? [
          ...sys(['id']),
          ...userColumns,
          ...sys(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deleted']),
          ...(def.searchable ? [searchKeyColumn] : []),
        ]
      : userColumns;
  const shape = Object.fromEntries(Object.entries(def.fields).map(([k, f]) => [k, f.schema])) as { [P in keyof F]: F[P]['schema'] };
  return {
    key: def.key,
    tab: def.tab,
    kind,
    prefix: def.prefix,
    titleField: def.titleField,
    fields: def.fields,
    columns,
    searchable: def.searchable === true,
    record: def.record,
    customer360: def.customer360 ?? null,
    writers: def.writers ?? (kind === 'data' ? ['sales'] : []),
    maintainers: def.maintainers ?? [],
    ownsChildren: def.ownsChildren === true,
    selfAssigned: def.selfAssigned === true,
    glance: def.glance ?? ['id'],
    input: z.strictObject(shape) as unknown as TypedTableDef<K, F>['input'],
  };
}
