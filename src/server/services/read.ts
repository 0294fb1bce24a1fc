import { CUSTOMER_CHILD_TABLES, tableDef, type DataTableKey } from '../../schema';
import { searchRows, type SearchOptions, type SearchPage, type Values } from '../../core';
import type { Context } from '../context';

export function findRecord(ctx: Context, key: DataTableKey, id: string): Values | null {
  const t = ctx.store.load(key);
  const i = t.byId.get(id.toUpperCase());
  return i === undefined || t.records[i].deleted ? null : t.records[i];
}

export function search(ctx: Context, key: DataTableKey, query: string, options: SearchOptions): SearchPage {
  return searchRows(tableDef(key), ctx.store.load(key).records, query, options);
}

export type Customer360 = { customer: Values; history: Values[] } & Record<string, Values | Values[]>;

/** The customer, every live child row in every table, and the change history of all of them. */
export function customer360(ctx: Context, customerId: string): Customer360 | null {
  const customer = findRecord(ctx, 'customers', customerId);
  if (!customer) return null;
  const view: Customer360 = { customer, history: [] };
  const ids = new Set<string>([customer.id as string]);
  for (const key of CUSTOMER_CHILD_TABLES) {
    const rows = ctx.store.load(key).records.filter((r) => r.customerId === customer.id && !r.deleted);
    for (const r of rows) ids.add(r.id as string);
    view[key] = rows;
  }
  view.history = ctx.store.load('history').records
    .filter((h) => ids.has(String(h.recordId)))
    .sort((a, b) => String(b.time).localeCompare(String(a.time)));
  return view;
}
