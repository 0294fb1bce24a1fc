import { data, kpi, row, run, section } from './helpers';

const live = { deleted: false };
const customers = ['C1', 'C2', 'C3', 'C4'].map((id, i) => ({ id, name: `客户${i + 1}`, owner: 'a@x.com', kind: '直接客户', ...live }));
const orders = [
  { id: 'S1', customerId: 'C1', total: 1000, orderDate: '2024-01-05', ...live },
  { id: 'S2', customerId: 'C1', total: 3000, orderDate: '2024-02-01', ...live },
  { id: 'S3', customerId: 'C2', total: null, orderDate: '2024-03-01', ...live },
  { id: 'S4', customerId: 'C3', total: 0, orderDate: '2024-03-02', ...live },
  { id: 'S5', customerId: 'C4', total: 5000, orderDate: '2023-12-31', ...live },
  { id: 'S6', customerId: 'C2', total: 99999, orderDate: '2024-03-01', deleted: true },
];
const lineItems = [
  {
    id: 'D1',
    docType: '订单',
    docId: 'S3',
    customerId: 'C2',
    product: '产品A',
    quantity: 2,
    unitPrice: 500,
    discount: 0,
    amount: 1000,
    ...live,
  },
  {
    id: 'D2',
    docType: '订单',
    docId: 'S3',
    customerId: 'C2',
    product: '产品B',
    quantity: 1,
    unitPrice: 1000,
    discount: 10,
    amount: null,
    ...live,
  },
  { id: 'D3', docType: '报价单', docId: 'Q1', customerId: 'C2', product: '产品A', quantity: 9, unitPrice: 9, amount: 81, ...live },
];
const d = data({ customers, orders, lineItems });
const OV = '客户价值概览';

describe('customer value', () => {
  const r = run('value', d, { period: '本年' });

  it('客单价, 复购率 and the Pareto share', () => {
    expect(kpi(r, OV)).toEqual({
      订单数: 4,
      销售额: 5900,
      购买客户数: 3,
      '客单价（每单平均金额）': 1475,
      户均销售额: 1966.67,
      '复购客户数（≥2 单）': 1,
      复购率: 1 / 3,
      '前 20% 客户销售占比': 4000 / 5900,
      '贡献 80% 销售的客户数': 2,
      '贡献 80% 销售的客户占比': 2 / 3,
    });
  });

  it('TOP 10 customers with share and cumulative share (an order with no total is the sum of its lines)', () => {
    expect(section(r, 'TOP 10 客户（按销售额）').table.rows).toEqual([
      [1, 'C1', '客户1', 4000, 2, 4000 / 5900, 4000 / 5900],
      [2, 'C2', '客户2', 1900, 1, 1900 / 5900, 1],
      [3, 'C3', '客户3', 0, 1, 0, 1],
    ]);
  });

  it('sales by product from order lines only', () => {
    expect(row(r, '按产品销售', '产品A')).toEqual({ 产品: '产品A', 数量: 2, 销售额: 1000, 占比: 1000 / 1900 });
    expect(row(r, '按产品销售', '产品B')).toMatchObject({ 数量: 1, 销售额: 900 });
    expect(row(r, '按产品销售', '合计')).toMatchObject({ 数量: 3, 销售额: 1900, 占比: 1 });
  });

  it('all time includes last year; a single customer; zero amounts', () => {
    expect(kpi(run('value', d, { period: '全部' }, {}), OV)).toMatchObject({ 订单数: 5, 销售额: 10900, 购买客户数: 4 });
    const one = run('value', data({ customers, orders: [{ id: 'S9', customerId: 'C1', total: 100, orderDate: '2024-03-01', ...live }] }), {
      period: '本年',
    });
    expect(kpi(one, OV)).toMatchObject({
      '客单价（每单平均金额）': 100,
      复购率: 0,
      '前 20% 客户销售占比': 1,
      '贡献 80% 销售的客户数': 1,
      '贡献 80% 销售的客户占比': 1,
    });
    const zero = run('value', d, { period: '自定义', start: '2024-03-02', end: '2024-03-02' });
    expect(kpi(zero, OV)).toMatchObject({
      订单数: 1,
      销售额: 0,
      '客单价（每单平均金额）': 0,
      '前 20% 客户销售占比': '—',
      '贡献 80% 销售的客户数': '—',
    });
  });

  it('no data', () => {
    const empty = run('value', data());
    expect(kpi(empty, OV)).toMatchObject({
      订单数: 0,
      '客单价（每单平均金额）': '—',
      户均销售额: '—',
      复购率: '—',
      '前 20% 客户销售占比': '—',
    });
    expect(section(empty, 'TOP 10 客户（按销售额）').table.rows).toEqual([['（无数据）']]);
  });

  it('keeps only ten customers', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: `S${i}`,
      customerId: `X${String(i).padStart(2, '0')}`,
      total: 100 + i,
      orderDate: '2024-03-01',
      ...live,
    }));
    const top = section(run('value', data({ orders: many }), { period: '本年' }), 'TOP 10 客户（按销售额）').table.rows;
    expect(top.map((x) => x[1])).toEqual(['X11', 'X10', 'X09', 'X08', 'X07', 'X06', 'X05', 'X04', 'X03', 'X02']);
  });
});

describe('customer value: deliveries', () => {
  const withStatus = orders.map((o) => ({
    ...o,
    deliveryStatus: { S1: '已签收', S2: '部分发货', S4: '待发货', S5: '已发货' }[o.id] ?? null,
  }));
  const deliveryNotes = [
    { id: 'DN1', noteNo: 'N1', orderId: 'S2', quantity: 2, shipDate: '2024-02-03', receivedDate: '2024-02-05', ...live },
    { id: 'DN2', noteNo: 'N1', orderId: 'S2', quantity: 1, shipDate: '2024-02-03', receivedDate: null, ...live },
    { id: 'DN3', noteNo: 'N2', orderId: 'S1', quantity: 5, shipDate: '2024-01-10', receivedDate: '2024-01-12', ...live },
    { id: 'DN4', noteNo: 'N3', orderId: 'S5', quantity: 1, shipDate: '2023-12-31', receivedDate: null, ...live },
    { id: 'DN5', noteNo: 'N4', orderId: 'S2', quantity: 7, shipDate: '2024-02-20', receivedDate: null, deleted: true },
    { id: 'DN6', noteNo: '', orderId: 'S2', quantity: 1, shipDate: '2024-02-21', receivedDate: null, ...live },
  ];
  const dd = data({ customers, orders: withStatus, lineItems, deliveryNotes });
  const STATUS = '发货状态（本期订单）';
  const SHIP = '每月发货（按发货日期）';

  it("counts the period's orders per delivery status (an order without one has shipped nothing), with amounts", () => {
    const r = run('value', dd, { period: '本年' });
    expect(section(r, STATUS).table.rows).toEqual([
      ['待发货', 2, 1900, 0.5],
      ['部分发货', 1, 3000, 0.25],
      ['已发货', 0, 0, 0],
      ['已签收', 1, 1000, 0.25],
      ['合计', 4, 5900, 1],
    ]);
  });

  it('counts shipments per month of the ship date: notes by number (a line without one is its own), lines, quantity, received', () => {
    const r = run('value', dd, { period: '本年' });
    const rows = section(r, SHIP).table.rows;
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 3)).toEqual([
      ['2024-01', 1, 1, 5, 1, 1],
      ['2024-02', 2, 3, 4, 1, 1 / 3],
      ['2024-03', 0, 0, 0, 0, '—'],
    ]);
    expect(row(run('value', dd, { period: '全部' }), SHIP, '2023-12')).toMatchObject({ 发货单数: 1, 发货数量: 1 });
  });

  it("follows the owner and kind filters through the note's order", () => {
    const owned = data({
      customers,
      orders: withStatus.map((o) => ({ ...o, owner: o.id === 'S1' ? 'b@x.com' : 'a@x.com' })),
      lineItems,
      deliveryNotes,
    });
    const r = run('value', owned, { period: '本年', owner: 'b@x.com' });
    expect(section(r, SHIP).table.rows.filter((x) => x[2] !== 0)).toEqual([['2024-01', 1, 1, 5, 1, 1]]);
    expect(section(r, STATUS).table.rows.at(-1)).toEqual(['合计', 1, 1000, 1]);
    expect(section(run('value', dd, { period: '本年', kind: '渠道客户' }), SHIP).table.rows).toEqual([['（无数据）']]);
  });

  it('English labels', () => {
    const r = run('value', dd, { period: 'This year' }, { lang: 'en' });
    expect(section(r, "Delivery status of the period's orders").table.rows.map((x) => x[0])).toEqual([
      'To ship',
      'Partly shipped',
      'Shipped',
      'Delivered',
      'Total',
    ]);
  });
});
