import type { Label } from '../../schema';
import { byText, col, countInto, kpiTable, MAX_GROUPS, section } from './build';
import { lineAmount, num, str, type Prepared, type SummaryContext } from './data';
import type { SummaryFilters } from './filters';
import { L } from './labels';
import { cents, NONE, ratio, type Cell, type SummaryReport } from './model';
import { startReport } from './report';

const T = {
  overview: { zh: '客户价值概览', en: 'Overview' },
  orders: { zh: '订单数', en: 'Orders' },
  sales: { zh: '销售额', en: 'Sales' },
  buyers: { zh: '购买客户数', en: 'Buying customers' },
  aov: { zh: '客单价（每单平均金额）', en: 'Average order value (客单价)' },
  perCustomer: { zh: '户均销售额', en: 'Sales per customer' },
  repeatBuyers: { zh: '复购客户数（≥2 单）', en: 'Repeat customers (2+ orders)' },
  repeatRate: { zh: '复购率', en: 'Repeat-purchase rate' },
  paretoTop: { zh: '前 20% 客户销售占比', en: 'Sales share of the top 20% of customers' },
  pareto80: { zh: '贡献 80% 销售的客户数', en: 'Customers making 80% of sales' },
  pareto80Share: { zh: '贡献 80% 销售的客户占比', en: 'Share of customers making 80% of sales' },
  top10: { zh: 'TOP 10 客户（按销售额）', en: 'Top 10 customers by sales' },
  rank: { zh: '排名', en: 'Rank' },
  cumulative: { zh: '累计占比', en: 'Cumulative share' },
  byProduct: { zh: '按产品销售', en: 'Sales by product' },
  product: { zh: '产品', en: 'Product' },
  quantity: { zh: '数量', en: 'Quantity' },
  periodNote: { zh: '期间按下单日期；选“全部”即历史合作金额', en: 'period = order date; "All time" gives lifetime amounts' },
  productNote: { zh: '按订单明细汇总', en: 'From order lines' },
} satisfies Record<string, Label>;

/**
 * 4. Customer value over the orders placed in the period: average order value (客单价),
 * repeat-purchase rate (复购率), TOP 10 customers, sales by product and the Pareto share.
 */
export function customerValue(p: Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  const { tr, scope, finish } = startReport('value', p, ctx, filters);
  const salesBy = new Map<string, number>();
  const ordersBy = new Map<string, number>();
  const productAmount = new Map<string, number>();
  const productQty = new Map<string, number>();
  let orders = 0,
    sales = 0;
  for (const o of p.data.orders) {
    const customerId = str(o.customerId);
    const owner = o.owner ?? p.customerById.get(customerId)?.owner;
    if (!scope.ownerOk(owner) || !scope.kindOk(customerId) || !scope.inPeriod(o.orderDate ?? o.createdAt)) continue;
    const amount = p.orderAmount.get(str(o.id)) ?? 0;
    orders++;
    sales += amount;
    countInto(salesBy, customerId, amount);
    countInto(ordersBy, customerId);
    for (const line of p.orderLines.get(str(o.id)) ?? []) {
      const name = str(line.product).trim() || tr(L.blank);
      countInto(productAmount, name, lineAmount(line));
      countInto(productQty, name, num(line.quantity));
    }
  }
  const buyers = salesBy.size;
  let repeat = 0;
  for (const n of ordersBy.values()) if (n >= 2) repeat++;
  const ranked = [...salesBy.keys()].sort((a, b) => (salesBy.get(b) ?? 0) - (salesBy.get(a) ?? 0) || byText(a, b));
  const amounts = ranked.map((id) => salesBy.get(id) ?? 0);

  // Pareto: share of the top fifth of customers, and how many customers make 80% of sales.
  const topFifth = Math.ceil(buyers * 0.2);
  const topFifthSales = amounts.slice(0, topFifth).reduce((a, b) => a + b, 0);
  let running = 0,
    to80 = 0;
  if (sales > 0) {
    for (const a of amounts) {
      running += a;
      to80++;
      if (running >= sales * 0.8 - 1e-9) break;
    }
  }

  let cumulative = 0;
  const topRows: Cell[][] = ranked.slice(0, 10).map((id, i) => {
    const amount = salesBy.get(id) ?? 0;
    cumulative += amount;
    return [
      i + 1,
      id,
      str(p.customerById.get(id)?.name) || id,
      cents(amount),
      ordersBy.get(id) ?? 0,
      ratio(amount, sales),
      ratio(cumulative, sales),
    ];
  });

  const lineTotal = [...productAmount.values()].reduce((a, b) => a + b, 0);
  const products = [...productAmount.keys()].sort((a, b) => (productAmount.get(b) ?? 0) - (productAmount.get(a) ?? 0) || byText(a, b));
  const productRows: Cell[][] = products
    .slice(0, MAX_GROUPS)
    .map((k) => [k, productQty.get(k) ?? 0, cents(productAmount.get(k) ?? 0), ratio(productAmount.get(k) ?? 0, lineTotal)]);
  const rest = products.slice(MAX_GROUPS);
  if (rest.length) {
    const amount = rest.reduce((s, k) => s + (productAmount.get(k) ?? 0), 0);
    productRows.push([tr(L.other), rest.reduce((s, k) => s + (productQty.get(k) ?? 0), 0), cents(amount), ratio(amount, lineTotal)]);
  }
  if (productRows.length)
    productRows.push([tr(L.total), [...productQty.values()].reduce((a, b) => a + b, 0), cents(lineTotal), lineTotal ? 1 : NONE]);

  return finish(
    [
      section(
        tr,
        tr(T.overview),
        kpiTable(tr, [
          [tr(T.orders), orders, 'count'],
          [tr(T.sales), cents(sales), 'currency'],
          [tr(T.buyers), buyers, 'count'],
          [tr(T.aov), typeof ratio(sales, orders) === 'number' ? cents(sales / orders) : NONE, 'currency'],
          [tr(T.perCustomer), buyers ? cents(sales / buyers) : NONE, 'currency'],
          [tr(T.repeatBuyers), repeat, 'count'],
          [tr(T.repeatRate), ratio(repeat, buyers), 'percent'],
          [tr(T.paretoTop), ratio(topFifthSales, sales), 'percent'],
          [tr(T.pareto80), sales > 0 ? to80 : NONE, 'count'],
          [tr(T.pareto80Share), sales > 0 ? ratio(to80, buyers) : NONE, 'percent'],
        ]),
      ),
      section(
        tr,
        tr(T.top10),
        {
          columns: [
            col(tr(T.rank), 'count'),
            col(tr(L.customerId)),
            col(tr(L.customerName)),
            col(tr(T.sales), 'currency'),
            col(tr(T.orders), 'count'),
            col(tr(L.share), 'percent'),
            col(tr(T.cumulative), 'percent'),
          ],
          rows: topRows,
        },
        { type: 'bar', title: tr(T.top10), labelColumn: 2, valueColumns: [3] },
      ),
      section(
        tr,
        tr(T.byProduct),
        {
          columns: [col(tr(T.product)), col(tr(T.quantity), 'decimal'), col(tr(T.sales), 'currency'), col(tr(L.share), 'percent')],
          rows: productRows,
        },
        { type: 'pie', title: tr(T.byProduct), valueColumns: [2], skipLast: 1 },
        tr(T.productNote),
      ),
    ],
    tr(T.periodNote),
  );
}
