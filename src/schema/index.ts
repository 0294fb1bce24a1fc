import { contacts, customers, leads } from './tables/customers';
import { contracts, followUps, lineItems, opportunities, orders, payments, quotes } from './tables/sales';
import { campaignMembers, campaigns, feedback, tickets } from './tables/service';
import { history, products, settings } from './tables/settings';
import { formIntake } from './tables/intake';
import type { TableDef } from './table';

export * from './field';
export * from './i18n';
export * from './messages';
export * from './options';
export * from './table';
export { contacts, customers, leads, contracts, followUps, lineItems, opportunities, orders, payments, quotes, campaignMembers, campaigns, feedback, tickets, history, products, settings, formIntake };

/** Every table the workbook holds, in tab order. */
export const TABLES = {
  customers, contacts, leads, opportunities, followUps, quotes, orders, lineItems, contracts, payments,
  campaigns, campaignMembers, feedback, tickets, products, settings, history, formIntake,
} as const;

export type Tables = typeof TABLES;
export type TableKey = keyof Tables;
/** Tables whose rows people create and edit through the API (not settings or the log). */
export type DataTableKey = Exclude<TableKey, 'settings' | 'history' | 'formIntake'>;

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
  tableDef(k).columns.some((c) => c.key === 'customerId' && c.ref === 'customers'));

/** The sections of the customer 360 view, in the order the schema gives them. */
export const CUSTOMER_360_SECTIONS: readonly DataTableKey[] = DATA_TABLE_KEYS
  .filter((k) => tableDef(k).customer360 !== null)
  .sort((a, b) => (tableDef(a).customer360 ?? 0) - (tableDef(b).customer360 ?? 0));
export * from './params';
export * from './coerce';
export * from './duplicates';
