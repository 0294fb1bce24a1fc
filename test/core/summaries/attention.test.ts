import { data, kpi, run, section } from './helpers';

const live = { deleted: false, createdAt: '2023-06-01 10:00' };
const cust = (id: string, extra: Record<string, unknown>) => ({
  id,
  name: `客户${id}`,
  owner: 'a@x.com',
  kind: '直接客户',
  tags: [],
  lifecycle: null,
  ...live,
  ...extra,
});
const customers = [
  cust('C1', { tags: ['高潜力客户'] }),
  cust('C2', { tags: ['高潜力客户'] }),
  cust('C3', { tags: ['高潜力客户', '风险客户'] }),
  cust('C4', { lifecycle: '成交' }),
  cust('C5', { lifecycle: '成交' }),
  cust('C6', { lifecycle: '流失', tags: ['风险客户'] }),
  cust('C7', { lifecycle: '成交', owner: 'b@x.com', kind: '代理商' }),
  cust('C8', { tags: ['高潜力客户'], deleted: true }),
];
const opp = (id: string, customerId: string, stage: string, stageChangedAt: string) => ({
  id,
  name: `机会${id}`,
  customerId,
  stage,
  stageChangedAt,
  owner: 'a@x.com',
  amount: 1000,
  deleted: false,
  createdAt: '2024-01-01 09:00',
});
const opportunities = [
  opp('O1', 'C5', '线索', '2024-02-01 10:00'),
  opp('O2', 'C1', '方案报价', '2024-02-01 10:00'),
  opp('O3', 'C1', '合同谈判', '2024-03-01 10:00'),
  opp('O4', 'C4', '成交', '2023-01-01 10:00'),
  opp('O5', 'C2', '需求分析', '2024-03-02 10:00'),
];
const followUps = [
  { id: 'F1', customerId: 'C1', opportunityId: 'O2', time: '2024-03-10 10:00', owner: 'a@x.com', deleted: false },
  { id: 'F2', customerId: 'C3', time: '2024-02-20 10:00', owner: 'a@x.com', deleted: false },
  { id: 'F3', customerId: 'C7', time: '2024-02-01 10:00', owner: 'b@x.com', deleted: false },
];
const orders = [{ id: 'S1', customerId: 'C4', orderDate: '2024-01-15', total: 100, deleted: false }];
const payments = [
  { id: 'P1', customerId: 'C1', amount: 100, dueDate: '2024-03-14', paidDate: null, deleted: false },
  { id: 'P2', customerId: 'C1', amount: 200, dueDate: '2024-03-15', paidDate: null, deleted: false },
  { id: 'P3', customerId: 'C1', amount: 300, dueDate: '2024-01-01', paidDate: '2024-01-02', deleted: false },
  { id: 'P4', customerId: 'C2', amount: 400, dueDate: '2024-01-15', paidDate: null, deleted: false },
];
const contract = (id: string, status: string | null, endDate: string) => ({
  id,
  contractNo: `HT-${id}`,
  customerId: 'C1',
  status,
  endDate,
  amount: 5000,
  owner: 'a@x.com',
  deleted: false,
});
const contracts = [
  contract('K1', '生效', '2024-03-15'),
  contract('K2', '生效', '2024-04-14'),
  contract('K3', '生效', '2024-04-15'),
  contract('K4', '终止', '2024-03-20'),
  contract('K5', null, '2024-03-14'),
];
const d = data({ customers, opportunities, followUps, orders, payments, contracts });
const ids = (title: string, r = run('attention', d)) => section(r, title).table.rows.map((x) => x[0]);

describe('attention list', () => {
  it('stalled opportunities: no stage change or follow-up for 14+ days, longest idle first', () => {
    const r = run('attention', d);
    expect(section(r, '停滞的销售机会').table.rows).toEqual([
      ['O1', '机会O1', '客户C5', '线索', 'a@x.com', 1000, '2024-02-01 10:00', 43],
      ['O3', '机会O3', '客户C1', '合同谈判', 'a@x.com', 1000, '2024-03-01 10:00', 14],
    ]);
    expect(ids('停滞的销售机会', run('attention', d, { stage: '线索' }))).toEqual(['O1']);
  });

  it('high-potential customers not followed up for 14+ days (never followed first)', () => {
    expect(section(run('attention', d), '跟进不足的高潜力客户').table.rows).toEqual([
      ['C2', '客户C2', 'a@x.com', '—', '—'],
      ['C3', '客户C3', 'a@x.com', '2024-02-20 10:00', 24],
    ]);
  });

  it('churn risk: tagged, or a customer with no open deal and no activity for half the churn period', () => {
    const rows = section(run('attention', d), '流失风险客户').table.rows;
    expect(rows.map((x) => [x[0], x[5], x[6]])).toEqual([
      ['C4', 60, '60 天无活动且无进行中机会'],
      ['C3', 24, '标记为风险客户'],
    ]);
  });

  it('overdue payments and contracts expiring within 30 days, boundaries included', () => {
    const r = run('attention', d);
    expect(section(r, '逾期回款').table.rows).toEqual([
      ['P4', '客户C2', 400, '2024-01-15', 60, 'a@x.com'],
      ['P1', '客户C1', 100, '2024-03-14', 1, 'a@x.com'],
    ]);
    expect(section(r, '即将到期的合同').table.rows.map((x) => [x[0], x[5]])).toEqual([
      ['K1', 0],
      ['K2', 30],
    ]);
    expect(kpi(r, '需关注事项')).toEqual({ 停滞的销售机会: 2, 跟进不足的高潜力客户: 2, 流失风险客户: 2, 逾期回款: 2, 即将到期的合同: 2 });
  });

  it('owner and kind filters', () => {
    const b = run('attention', d, { owner: 'b@x.com' });
    expect(kpi(b, '需关注事项')).toEqual({ 停滞的销售机会: 0, 跟进不足的高潜力客户: 0, 流失风险客户: 0, 逾期回款: 0, 即将到期的合同: 0 });
    const c7 = run('attention', d, { kind: '代理商' }, { params: { stalledDays: 14, churnDays: 60, contractExpiryDays: 30 } });
    expect(ids('流失风险客户', c7)).toEqual(['C7']);
  });

  it('caps long lists and says so', () => {
    const many = Array.from({ length: 130 }, (_, i) => ({
      id: `P${1000 + i}`,
      customerId: 'C1',
      amount: 1,
      dueDate: '2024-01-01',
      paidDate: null,
      deleted: false,
    }));
    const s = section(run('attention', data({ customers, payments: many })), '逾期回款');
    expect(s.table.rows).toHaveLength(100);
    expect(s.note).toBe('仅显示前 100 条，共 130 条');
  });
});
