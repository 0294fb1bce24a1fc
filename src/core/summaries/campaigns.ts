import { hasFlag, MEMBER_KINDS, type Label } from '../../schema';
import { byText, col, section } from './build';
import { num, str, type Prepared, type SummaryContext } from './data';
import { addDays, dateOf } from './dates';
import type { SummaryFilters } from './filters';
import { L } from './labels';
import { cents, NONE, ratio, type Cell, type SummaryReport } from './model';
import { startReport } from './report';

const T = {
  campaigns: { zh: '营销活动效果', en: 'Campaign results' },
  name: { zh: '活动名称', en: 'Campaign' },
  type: { zh: '类型', en: 'Type' },
  start: { zh: '开始日期', en: 'Start' },
  end: { zh: '结束日期', en: 'End' },
  budget: { zh: '预算', en: 'Budget' },
  cost: { zh: '实际成本', en: 'Actual cost' },
  participants: { zh: '参与数', en: 'Participants' },
  leads: { zh: '线索数', en: 'Leads' },
  customers: { zh: '客户数', en: 'Customers' },
  revenue: { zh: '归因收入', en: 'Attributed revenue' },
  roi: { zh: 'ROI', en: 'ROI' },
  chart: { zh: '成本与收入', en: 'Cost and revenue' },
  note: {
    zh: '期间按活动开始日期；成本取实际成本（未填则取预算）；收入取“归因收入”，未填则为参与客户在活动开始至结束后 {days} 天内的订单金额；ROI =（收入 − 成本）÷ 成本',
    en: 'period = start date; cost = actual cost (else budget); revenue = attributed revenue, else orders of participating customers from the start to {days} days after the end; ROI = (revenue − cost) ÷ cost',
  },
} satisfies Record<string, Label>;

/** Orders this many days after a campaign ends still count towards it when no revenue is entered. */
export const ATTRIBUTION_DAYS = 90;

/** 7. Campaigns: cost, participants, leads and customers attributed, revenue and ROI. */
export function campaignResults(p: Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  const { tr, scope, finish } = startReport('campaigns', p, ctx, filters);
  const wanted = p.data.campaigns.filter((c) => scope.ownerOk(c.owner) && scope.inPeriod(c.startDate));
  const ids = new Set(wanted.map((c) => str(c.id)));
  const members = new Map<string, { n: number; leads: number; customers: Set<string> }>();
  for (const m of p.data.campaignMembers) {
    const id = str(m.campaignId);
    if (!ids.has(id)) continue;
    const s = members.get(id) ?? { n: 0, leads: 0, customers: new Set<string>() };
    s.n++;
    if (m.customerId) s.customers.add(str(m.customerId));
    else if (m.leadId || hasFlag(MEMBER_KINDS, m.memberKind, 'leadMember')) s.leads++;
    members.set(id, s);
  }
  // Fallback attribution: orders of participating customers, by customer, for the campaigns needing it.
  const needOrders = new Set<string>();
  for (const c of wanted) if (typeof c.revenue !== 'number') for (const cid of members.get(str(c.id))?.customers ?? []) needOrders.add(cid);
  const ordersBy = new Map<string, { date: string; amount: number }[]>();
  if (needOrders.size) {
    for (const o of p.data.orders) {
      const cid = str(o.customerId);
      const date = dateOf(o.orderDate);
      if (!needOrders.has(cid) || !date) continue;
      const list = ordersBy.get(cid) ?? [];
      list.push({ date, amount: p.orderAmount.get(str(o.id)) ?? 0 });
      ordersBy.set(cid, list);
    }
  }
  const revenueOf = (c: (typeof wanted)[number], customers: Set<string>): number => {
    if (typeof c.revenue === 'number') return c.revenue;
    const start = dateOf(c.startDate);
    if (!start) return 0;
    const until = addDays(dateOf(c.endDate) ?? start, ATTRIBUTION_DAYS);
    let sum = 0;
    for (const cid of customers) for (const o of ordersBy.get(cid) ?? []) if (o.date >= start && o.date <= until) sum += o.amount;
    return sum;
  };

  const totals = { budget: 0, cost: 0, n: 0, leads: 0, customers: 0, revenue: 0 };
  const rows: Cell[][] = wanted
    .slice()
    .sort((a, b) => byText(str(b.startDate), str(a.startDate)) || byText(str(a.id), str(b.id)))
    .map((c) => {
      const m = members.get(str(c.id)) ?? { n: 0, leads: 0, customers: new Set<string>() };
      const cost = typeof c.actualCost === 'number' ? c.actualCost : num(c.budget);
      const revenue = revenueOf(c, m.customers);
      totals.budget += num(c.budget);
      totals.cost += cost;
      totals.n += m.n;
      totals.leads += m.leads;
      totals.customers += m.customers.size;
      totals.revenue += revenue;
      return [
        str(c.name),
        str(c.type) || NONE,
        str(c.startDate) || NONE,
        str(c.endDate) || NONE,
        cents(num(c.budget)),
        cents(cost),
        m.n,
        m.leads,
        m.customers.size,
        cents(revenue),
        ratio(revenue - cost, cost),
      ];
    });
  if (rows.length) {
    rows.push([
      tr(L.total),
      '',
      '',
      '',
      cents(totals.budget),
      cents(totals.cost),
      totals.n,
      totals.leads,
      totals.customers,
      cents(totals.revenue),
      ratio(totals.revenue - totals.cost, totals.cost),
    ]);
  }
  return finish([
    section(
      tr,
      tr(T.campaigns),
      {
        columns: [
          col(tr(T.name)),
          col(tr(T.type)),
          col(tr(T.start)),
          col(tr(T.end)),
          col(tr(T.budget), 'currency'),
          col(tr(T.cost), 'currency'),
          col(tr(T.participants), 'count'),
          col(tr(T.leads), 'count'),
          col(tr(T.customers), 'count'),
          col(tr(T.revenue), 'currency'),
          col(tr(T.roi), 'percent'),
        ],
        rows,
      },
      { type: 'column', title: tr(T.chart), valueColumns: [5, 9], skipLast: 1 },
      tr(T.note, { days: ATTRIBUTION_DAYS }),
    ),
  ]);
}
