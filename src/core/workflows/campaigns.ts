import { ATTRIBUTION_DAYS } from '../summaries/campaigns';
import type { Values } from '../validate';
import { cents, dateOfIndex, dayIndex, live, num, str } from './values';

/** The fields attributedRevenue reads (orderTotal aside, which reads what its caller gives it). */
export const ATTRIBUTION_COLUMNS = {
  campaigns: ['id', 'startDate', 'endDate'],
  campaignMembers: ['deleted', 'campaignId', 'customerId'],
  orders: ['deleted', 'customerId', 'orderDate'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Revenue a campaign earned: orders of its participating customers (leads count once converted,
 * their participation row then names the customer) from its start to ATTRIBUTION_DAYS after it
 * ends — the same rule the campaign summary uses when no revenue is entered.
 */
export function attributedRevenue(
  campaigns: readonly Values[],
  members: readonly Values[],
  orders: readonly Values[],
  orderTotal: (o: Values) => number,
): Map<string, number> {
  const customersOf = new Map<string, Set<string>>();
  for (const m of live(members)) {
    if (!m.customerId) continue;
    const set = customersOf.get(str(m.campaignId)) ?? new Set<string>();
    set.add(str(m.customerId));
    customersOf.set(str(m.campaignId), set);
  }
  const ordersBy = new Map<string, Values[]>();
  for (const o of live(orders)) ordersBy.set(str(o.customerId), [...(ordersBy.get(str(o.customerId)) ?? []), o]);
  const out = new Map<string, number>();
  for (const c of campaigns) {
    const start = str(c.startDate);
    const endDay = dayIndex(c.endDate || c.startDate);
    const until = Number.isNaN(endDay) ? '' : dateOfIndex(endDay + ATTRIBUTION_DAYS);
    let sum = 0;
    for (const cid of customersOf.get(str(c.id)) ?? []) {
      for (const o of ordersBy.get(cid) ?? []) {
        const d = str(o.orderDate);
        if (d && (!start || d >= start) && (!until || d <= until)) sum += orderTotal(o);
      }
    }
    out.set(str(c.id), cents(sum));
  }
  return out;
}

/** ROI = (revenue − cost) ÷ cost, cost = actual cost or else the budget; null without a cost. */
export function campaignRoi(c: Values, revenue: number): number | null {
  const cost = typeof c.actualCost === 'number' ? c.actualCost : num(c.budget);
  return cost > 0 ? Math.round(((revenue - cost) / cost) * 10000) / 10000 : null;
}
