import { DELIVERY_STATUSES, type Label } from '../../schema';
import type { Values } from '../validate';
import { byText, col, countInto, kpiTable, MAX_GROUPS, section } from './build';
import { monthOf, monthsBetween } from './dates';
import { trendBounds } from './period';
import { lineAmount, num, str, type Prepared, type Scope, type SummaryContext } from './data';
import type { SummaryFilters } from './filters';
import { L, type Tr } from './labels';
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
  delivery: { zh: '发货状态（本期订单）', en: "Delivery status of the period's orders" },
  deliveryStatus: { zh: '发货状态', en: 'Delivery status' },
  amount: { zh: '金额', en: 'Amount' },
  shipments: { zh: '每月发货（按发货日期）', en: 'Shipments per month (by ship date)' },
  notes: { zh: '发货单数', en: 'Delivery notes' },
  lines: { zh: '发货行数', en: 'Lines shipped' },
  shippedQty: { zh: '发货数量', en: 'Quantity shipped' },
  received: { zh: '已签收行数', en: 'Lines received' },
  receivedShare: { zh: '签收率', en: 'Received share' },
  shipmentNote: {
    zh: '期间按发货日期，负责人与客户类型按订单；一张发货单可有多行',
    en: "period = ship date; owner and kind = the order's; a note may have several lines",
  },
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
    if (!orderInPeriod(p, scope, o)) continue;
    const customerId = str(o.customerId);
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
  const deliveryRows = deliveryByStatus(p, scope, tr);
  const shipmentRows = shipmentsPerMonth(p, scope, ctx.today);
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
      section(tr, tr(T.delivery), {
        columns: [col(tr(T.deliveryStatus)), col(tr(T.orders), 'count'), col(tr(T.amount), 'currency'), col(tr(L.share), 'percent')],
        rows: deliveryRows,
      }),
      section(
        tr,
        tr(T.shipments),
        {
          columns: [
            { label: tr(L.month), format: 'text' },
            col(tr(T.notes), 'count'),
            col(tr(T.lines), 'count'),
            col(tr(T.shippedQty), 'decimal'),
            col(tr(T.received), 'count'),
            col(tr(T.receivedShare), 'percent'),
          ],
          rows: shipmentRows,
        },
        { type: 'column', title: tr(T.shipments), valueColumns: [2] },
        tr(T.shipmentNote),
      ),
    ],
    tr(T.periodNote),
  );
}

/** Whether the owner and kind filters let an order through (its owner, else its customer's). */
function orderFiltersOk(p: Prepared, scope: Scope, o: Values): boolean {
  const customerId = str(o.customerId);
  return scope.ownerOk(o.owner ?? p.customerById.get(customerId)?.owner) && scope.kindOk(customerId);
}

/** An order the report counts: through the filters, placed in the period. */
const orderInPeriod = (p: Prepared, scope: Scope, o: Values): boolean =>
  orderFiltersOk(p, scope, o) && scope.inPeriod(o.orderDate ?? o.createdAt);

/** The period's orders (as the overview counts them) per 发货状态, in the option order, with a total row. */
function deliveryByStatus(p: Prepared, scope: Scope, tr: Tr): Cell[][] {
  const count = new Map<string, number>();
  const amount = new Map<string, number>();
  let orders = 0,
    sales = 0;
  for (const o of p.data.orders) {
    if (!orderInPeriod(p, scope, o)) continue;
    // An order from before delivery notes may carry no status: it has shipped nothing the CRM knows of.
    const status = str(o.deliveryStatus) || DELIVERY_STATUSES[0].value;
    const a = p.orderAmount.get(str(o.id)) ?? 0;
    countInto(count, status);
    countInto(amount, status, a);
    orders++;
    sales += a;
  }
  if (!orders) return [];
  const known = DELIVERY_STATUSES.map((s) => s.value as string);
  const statuses = [...known, ...[...count.keys()].filter((k) => !known.includes(k)).sort(byText)];
  const rows: Cell[][] = statuses.map((s) => [
    tr(optionLabel(s)),
    count.get(s) ?? 0,
    cents(amount.get(s) ?? 0),
    ratio(count.get(s) ?? 0, orders),
  ]);
  rows.push([tr(L.total), orders, cents(sales), 1]);
  return rows;
}

const optionLabel = (value: string): Label => {
  const o = DELIVERY_STATUSES.find((s) => s.value === value);
  return o ? { zh: o.value, en: o.en } : { zh: value, en: value };
};

/**
 * Delivery-note lines shipped in the period, per month of the ship date (the period's months, at
 * most the last 24, as the other monthly trends), of orders the owner and kind filters let
 * through: notes (distinct note numbers, a line without one counting as its own note), lines,
 * quantity, and lines received.
 */
function shipmentsPerMonth(p: Prepared, scope: Scope, today: string): Cell[][] {
  const notes = new Map<string, Set<string>>();
  const lines = new Map<string, number>();
  const qty = new Map<string, number>();
  const received = new Map<string, number>();
  let first: string | null = null;
  p.data.deliveryNotes.forEach((n, i) => {
    const order = p.orderById.get(str(n.orderId));
    if (!order || !orderFiltersOk(p, scope, order) || !scope.inPeriod(n.shipDate)) return;
    const month = monthOf(n.shipDate);
    if (!month) return;
    if (first === null || month < first) first = month;
    const set = notes.get(month) ?? new Set<string>();
    set.add(str(n.noteNo).trim() || `#${i}`);
    notes.set(month, set);
    countInto(lines, month);
    countInto(qty, month, num(n.quantity));
    if (typeof n.receivedDate === 'string' && n.receivedDate !== '') countInto(received, month);
  });
  if (first === null) return [];
  const { from, to } = trendBounds(scope.period, today, `${first}-01`);
  return monthsBetween(from, to).map((m) => [
    m,
    notes.get(m)?.size ?? 0,
    lines.get(m) ?? 0,
    qty.get(m) ?? 0,
    received.get(m) ?? 0,
    ratio(received.get(m) ?? 0, lines.get(m) ?? 0),
  ]);
}
