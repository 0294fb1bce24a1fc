import { CUSTOMER_CHILD_TABLES, SEARCH_KEY, tableDef, type DataTableKey } from '../../schema';
import { entryKind, rankRows, rowOfSearchKey, searchKeyOf, searchRows, type SearchOptions, type SearchPage, type Values } from '../../core';
import type { LookupPlan } from '../../store';
import type { Context } from '../context';

/** A live record by ID (read by key: the index's row, confirmed by its ID cell), or null. */
export function findRecord(ctx: Context, key: DataTableKey, id: string): Values | null {
  const r = ctx.store.record(key, id.trim().toUpperCase());
  return r && !r.deleted ? r : null;
}

/**
 * Search. A searchable table reads its search-key column (one small cell per row) and then only
 * the page's rows; a customer's children come by key (`where: { customerId }`); anything else
 * reads the tab. The search-key path is used only when it can vouch for every row (as many keys as
 * the sentinel counts IDs) and every page row still matches its key; else the whole tab is read.
 */
export function search(ctx: Context, key: DataTableKey, query: string, options: SearchOptions): SearchPage {
  const def = tableDef(key);
  const where = Object.entries(options.where ?? {});
  if (where.length === 1 && where[0][0] === 'customerId' && def.columns.some((c) => c.key === 'customerId')) {
    return searchRows(def, ctx.store.lookups.withKey(key, 'customerId', where[0][1]), query, options);
  }
  if (def.searchable && !where.length) {
    const page = searchByKeys(ctx, key, query, options);
    if (page) return page;
  }
  return searchRows(def, ctx.store.load(key).records, query, options);
}

function searchByKeys(ctx: Context, key: DataTableKey, query: string, options: SearchOptions): SearchPage | null {
  const def = tableDef(key);
  const { lookups } = ctx.store;
  const ids = lookups.idCount(key);
  if (ids === null || !ctx.store.header(key).layout.index.has(SEARCH_KEY)) return null;
  const entries: (Values & { row: number })[] = [];
  for (const [row, cell] of lookups.column(key, SEARCH_KEY)) {
    const r = rowOfSearchKey(cell);
    if (r) entries.push({ ...r, row });
  }
  // A row without a key (written before the key existed, or by another script) would be missed.
  if (entries.length !== ids) return null;
  const ranked = rankRows(def, entries, query, options);
  ctx.store.readRows(new Map([[key, ranked.page.map((e) => e.row)]]));
  const items: Values[] = [];
  for (const e of ranked.page) {
    const record = ctx.store.readRow(key, e.row);
    if (!record || record.id !== e.id || searchKeyOf(def, record) !== searchKeyOf(def, e)) return null;
    items.push(record);
  }
  return { total: ranked.total, offset: ranked.offset, limit: ranked.limit, items };
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
  const children = ctx.store.lookups.withKeys(
    CUSTOMER_CHILD_TABLES.map((t) => [t, 'customerId', customer.id] as [DataTableKey, string, unknown]),
  );
  CUSTOMER_CHILD_TABLES.forEach((key, i) => {
    const rows = children[i].filter((r) => !r.deleted);
    for (const r of rows) ids.add(r.id as string);
    view[key] = rows;
  });
  // Entries of attempts whose writes did not land (marked so) are not part of the record's story.
  view.history = ctx.store.lookups
    .history(String(customer.id), ids)
    .filter((h) => entryKind(h) !== 'failed')
    .sort((a, b) => String(b.time).localeCompare(String(a.time)));
  return view;
}
