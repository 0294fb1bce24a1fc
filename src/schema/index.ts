import type { InputOf, RecordOf, TableDef } from './table';
import { TABLE_LIST } from './tables';

export * from './field';
export * from './i18n';
export * from './messages';
export * from './options';
export * from './table';
export * from './pool';
export { contacts, customers, leads } from './tables/customers';
export { contracts, followUps, lineItems, opportunities, orders, payments, quotes } from './tables/sales';
export { history, products, settings } from './tables/settings';
export { campaignMembers, campaigns, feedback, tickets } from './tables/support';
export { formIntake } from './tables/intake';
export { outbox } from './tables/outbox';
export { mailingRecipients, mailings } from './tables/mailMerge';
export { todos } from './tables/todos';
export { deliveryNotes, deliveryPlans } from './tables/delivery';
export { files } from './tables/files';
export { targets } from './tables/targets';

type Listed = (typeof TABLE_LIST)[number];
/** Every table by key, in tab order (tables/index.ts lists them). */
export type Tables = { readonly [T in Listed as T['key']]: T };
export const TABLES = Object.fromEntries(TABLE_LIST.map((t) => [t.key, t])) as unknown as Tables;
export type TableKey = keyof Tables;
/** Tables whose rows people create and edit through the API (not settings or the log). */
export type DataTableKey = Exclude<TableKey, 'settings' | 'history' | 'formIntake' | 'outbox' | 'mailings' | 'mailingRecipients'>;

/**
 * A row of a table as the store hands it over: a data table's record (fields and stamps), the
 * settings tab's and the log's rows (fields only). Canonical values; the store reads leniently, so a
 * cell typed by hand that fits no value of its field is kept as typed (validation flags it).
 * Code generic over several tables (K a union) gets plain values.
 */
export type RowOf<K extends TableKey> = [IsUnion<K>] extends [false]
  ? K extends DataTableKey
    ? RecordOf<Tables[K]>
    : InputOf<Tables[K]>
  : Record<string, unknown>;
/** true for a union of several keys, false for one. */
type IsUnion<K, All = K> = K extends unknown ? ([All] extends [K] ? false : true) : never;
/** A settings-tab row: a user (key = email), an option of a list or a parameter. */
export type SettingsRow = RowOf<'settings'>;

export const TABLE_KEYS = Object.keys(TABLES) as TableKey[];
export const DATA_TABLE_KEYS = TABLE_KEYS.filter((k) => TABLES[k].kind === 'data') as DataTableKey[];

export function isTableKey(name: unknown): name is TableKey {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(TABLES, name);
}
export function isDataTableKey(name: unknown): name is DataTableKey {
  return isTableKey(name) && TABLES[name].kind === 'data';
}
export function tableDef(key: TableKey): TableDef {
  return TABLES[key];
}

/** Child tables that point at a customer (for cascade, merge and the 360 view). */
export const CUSTOMER_CHILD_TABLES = DATA_TABLE_KEYS.filter((k) =>
  tableDef(k).columns.some((c) => c.key === 'customerId' && c.ref === 'customers'),
);

/** The sections of the customer 360 view, in the order the schema gives them. */
export const CUSTOMER_360_SECTIONS: readonly DataTableKey[] = DATA_TABLE_KEYS.filter((k) => tableDef(k).customer360 !== null).sort(
  (a, b) => (tableDef(a).customer360 ?? 0) - (tableDef(b).customer360 ?? 0),
);
/**
 * The table a typed reference (FieldMeta.refs) names with an ID: the data table whose prefix the ID
 * carries (any data table, so a caller can say which table it was when that table cannot be linked).
 */
export function tableOfId(id: string): DataTableKey | null {
  const letters = /^([A-Z]{1,3})\d/.exec(id.trim().toUpperCase())?.[1];
  return (letters && DATA_TABLE_KEYS.find((k) => tableDef(k).prefix === letters)) || null;
}
export * from './params';
export * from './coerce';
export * from './duplicates';
