import { data, row, run, section } from './helpers';

const live = { deleted: false };
const customers = [
  { id: 'C1', name: '甲', owner: 'a@x.com', kind: '直接客户', ...live },
  { id: 'C2', name: '乙', owner: 'b@x.com', kind: '代理商', ...live },
  { id: 'C3', name: '丙', owner: 'a@x.com', kind: '直接客户', ...live },
];
const fu = (id: string, owner: string, customerId: string, method: string, time: string, deleted = false) => ({
  id,
  owner,
  customerId,
  method,
  time,
  content: 'x',
  deleted,
});
const followUps = [
  fu('F1', 'a@x.com', 'C1', '电话', '2024-03-01 00:00'),
  fu('F2', 'a@x.com', 'C1', '邮件', '2024-03-10 10:00'),
  fu('F3', 'a@x.com', 'C3', '面谈', '2024-03-31 23:59'),
  fu('F4', 'a@x.com', 'C1', '电话', '2024-02-29 23:59'),
  fu('F5', 'b@x.com', 'C2', '线上会议', '2024-03-05 09:00'),
  fu('F6', 'b@x.com', 'C1', '电话', '2024-03-06 09:00'),
  fu('F7', 'a@x.com', 'C1', '电话', '2024-03-02 09:00', true),
];
const opportunities = [
  {
    id: 'O1',
    owner: 'a@x.com',
    customerId: 'C1',
    createdAt: '2024-03-02 10:00',
    stage: '成交',
    wonAt: '2024-03-12',
    amount: 100000,
    ...live,
  },
  {
    id: 'O2',
    owner: 'a@x.com',
    customerId: 'C3',
    createdAt: '2024-02-20 10:00',
    stage: '成交',
    wonAt: '2024-03-01',
    amount: 50000,
    ...live,
  },
  { id: 'O3', owner: 'b@x.com', customerId: 'C2', createdAt: '2024-03-05 10:00', stage: '线索', amount: 1000, ...live },
  {
    id: 'O4',
    owner: 'b@x.com',
    customerId: 'C2',
    createdAt: '2024-01-05 10:00',
    stage: '成交',
    wonAt: '2024-02-28',
    amount: 7000,
    ...live,
  },
];
const orders = [{ id: 'S1', customerId: 'C1', owner: 'b@x.com', total: 6000, orderDate: '2024-03-01', ...live }];
const pay = (
  id: string,
  customerId: string,
  amount: number,
  dueDate: string | null,
  paidDate: string | null,
  extra: Record<string, unknown> = {},
) => ({ id, customerId, amount, dueDate, paidDate, deleted: false, ...extra });
const payments = [
  pay('P1', 'C1', 10000, '2024-03-05', '2024-03-04'),
  pay('P2', 'C1', 20000, '2024-03-10', null),
  pay('P3', 'C3', 5000, null, '2024-03-20'),
  pay('P4', 'C2', 8000, '2024-04-10', null),
  pay('P5', 'C2', 4000, '2024-02-01', null),
  pay('P6', 'C1', 6000, '2024-03-20', '2024-03-21', { orderId: 'S1' }),
  pay('P7', 'C1', 99999, '2024-03-01', null, { deleted: true }),
];
const d = data({ customers, followUps, opportunities, orders, payments });
const names = new Map([['a@x.com', '张三']]);

describe('team performance', () => {
  const r = run('team', d, { period: '本月' }, { userNames: names });
  const title = '按负责人';

  it('follow-ups by method, customers followed, new and won opportunities per owner', () => {
    expect(row(r, title, '张三')).toMatchObject({
      跟进客户数: 2,
      跟进次数: 3,
      电话: 1,
      邮件: 1,
      面谈: 1,
      线上会议: 0,
      新增机会: 1,
      赢单数: 2,
      赢单金额: 150000,
    });
    expect(row(r, title, 'b@x.com')).toMatchObject({
      跟进客户数: 2,
      跟进次数: 2,
      电话: 1,
      线上会议: 1,
      新增机会: 1,
      赢单数: 0,
      赢单金额: 0,
    });
  });

  it('回款率 = collected ÷ due in the period; overdue receivables as of today', () => {
    expect(row(r, title, '张三')).toMatchObject({ 应收金额: 35000, 已回款: 15000, 回款率: 15000 / 35000, '逾期应收（截至今日）': 20000 });
    // P6 belongs to its order's owner (b), not the customer's owner (a).
    expect(row(r, title, 'b@x.com')).toMatchObject({ 应收金额: 6000, 已回款: 6000, 回款率: 1, '逾期应收（截至今日）': 4000 });
  });

  it('totals count a customer followed by two owners once; rows sorted by won amount', () => {
    expect(section(r, title).table.rows.map((x) => x[0])).toEqual(['张三', 'b@x.com', '合计']);
    expect(row(r, title, '合计')).toMatchObject({
      跟进客户数: 3,
      跟进次数: 5,
      新增机会: 2,
      赢单数: 2,
      赢单金额: 150000,
      应收金额: 41000,
      已回款: 21000,
      回款率: 21000 / 41000,
      '逾期应收（截至今日）': 24000,
    });
  });

  it('filters by owner (email or display name) and customer kind', () => {
    const byName = run('team', d, { period: '本月', owner: '张三' }, { userNames: names });
    expect(section(byName, title).table.rows.map((x) => x[0])).toEqual(['张三', '合计']);
    const resellers = run('team', d, { period: '本月', kind: '代理商' });
    expect(section(resellers, title).table.rows.map((x) => x[0])).toEqual(['b@x.com', '合计']);
    expect(row(resellers, title, 'b@x.com')).toMatchObject({
      跟进次数: 1,
      新增机会: 1,
      应收金额: 0,
      回款率: '—',
      '逾期应收（截至今日）': 4000,
    });
  });

  it('has a chart of won amount and of follow-ups by method, totals left out', () => {
    const charts = section(r, title).charts ?? [];
    expect(charts.map((c) => [c.type, c.valueColumns, c.rowCount])).toEqual([
      ['column', [10], 2],
      ['bar', [3, 4, 5, 6, 7], 2],
    ]);
  });

  it('no data', () => {
    expect(section(run('team', data()), title).table.rows).toEqual([['（无数据）']]);
  });
});

describe('team: to-dos per assignee', () => {
  const todo = (id: string, owner: string, dueAt: string, done = false, deleted = false, customerId = 'C1') => ({
    id,
    owner,
    customerId,
    dueAt,
    done,
    deleted,
  });
  const todos = [
    todo('TD1', 'a@x.com', '2024-03-14 10:00'),
    todo('TD2', 'a@x.com', '2024-03-15 09:00'),
    todo('TD3', 'a@x.com', '2024-01-01 09:00', true),
    todo('TD4', 'b@x.com', '2024-02-01 09:00', false, false, 'C2'),
    todo('TD5', 'b@x.com', '2024-02-01 09:00', false, true),
    todo('TD6', 'b@x.com', '2024-04-01 09:00', false, false, ''),
  ];
  const title = '待办事项（按执行人，截至今日）';

  it('counts open and overdue (due before today) to-dos per assignee whatever the period; done and deleted ones do not count', () => {
    const r = run('team', data({ customers, todos }), { period: '本月' }, { userNames: new Map([['a@x.com', '张三']]) });
    expect(section(r, title).table.rows).toEqual([
      ['张三', 2, 1],
      ['b@x.com', 2, 1],
      ['合计', 4, 2],
    ]);
    expect(row(r, title, 'b@x.com')).toEqual({ 执行人: 'b@x.com', 未完成: 2, 已逾期: 1 });
  });

  it('follows the owner filter', () => {
    const r = run('team', data({ customers, todos }), { period: '本月', owner: 'b@x.com' });
    expect(section(r, title).table.rows.map((x) => x[0])).toEqual(['b@x.com', '合计']);
  });
});
