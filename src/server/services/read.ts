import { CUSTOMER_CHILD_TABLES, tableDef, type DataTableKey } from '../../schema';
import { searchRows, type SearchOptions, type SearchPage, type Values } from '../../core';
import type { LookupPlan } from '../../store';
import type { Context } from '../context';

/** A live record by ID (read by key: the index's row, confirmed by its ID cell), or null. */
export function findRecord(ctx: Context, key: DataTableKey, id: string): Values | null {
  const r = ctx.store.record(key, id.trim().toUpperCase());
  return r && !r.deleted ? r : null;
}

export function search(ctx: Context, key: DataTableKey, query: string, options: SearchOptions): SearchPage {
  return searchRows(tableDef(key), ctx.store.load(key).records, query, options);
}

export type Customer360 = { customer: Values; history: Values[] } & Record<string, Values | Values[]>;

/** Everything the 360 view reads by key: the customer, its children by customer ID, its log. */
export function customer360Plan(customerId: string): LookupPlan {
  return {
    ids: [['customers', customerId]],
    keyed: CUSTOMER_CHILD_TABLES.map((t) => [t, 'customerId', customerId] as [DataTableKey, string, string]),
    history: [customerId],
  };
}

/**
 * The customer, every live child row in every table, and the change history of all of them. Read
 * by key in two batched reads when the index is warm (index cells, then the rows), whatever the
 * size of the tabs.
 */
export function customer360(ctx: Context, customerId: string): Customer360 | null {
  ctx.store.lookups.prefetch(customer360Plan(customerId));
  const customer = findRecord(ctx, 'customers', customerId);
  if (!customer) return null;
  const view: Customer360 = { customer, history: [] };
  const ids = new Set<string>([customer.id as string]);
  for (const key of CUSTOMER_CHILD_TABLES) {
    const rows = ctx.store.lookups.withKey(key, 'customerId', customer.id).filter((r) => !r.deleted);
    for (const r of rows) ids.add(r.id as string);
    view[key] = rows;
  }
  view.history = ctx.store.lookups.history(String(customer.id), ids)
    .sort((a, b) => String(b.time).localeCompare(String(a.time)));
  return view;
}
