import { data, run, section } from './helpers';

const live = { deleted: false };
const campaigns = [
  {
    id: 'M1',
    name: '春季新品发布',
    type: '新品上市',
    startDate: '2024-03-01',
    endDate: '2024-03-03',
    budget: 10000,
    actualCost: 8000,
    revenue: null,
    owner: 'a@x.com',
    ...live,
  },
  {
    id: 'M2',
    name: '展会',
    type: '展会',
    startDate: '2024-05-01',
    endDate: null,
    budget: 5000,
    actualCost: null,
    revenue: 20000,
    owner: 'b@x.com',
    ...live,
  },
  {
    id: 'M3',
    name: '=HYPERLINK("x")',
    type: null,
    startDate: '2024-02-01',
    endDate: null,
    budget: 0,
    actualCost: 0,
    revenue: null,
    owner: 'a@x.com',
    ...live,
  },
  { id: 'M4', name: '去年活动', startDate: '2023-10-01', budget: 1, owner: 'a@x.com', ...live },
  { id: 'M5', name: '已删除', startDate: '2024-03-01', budget: 1, owner: 'a@x.com', deleted: true },
];
const m = (campaignId: string, who: { customerId?: string; leadId?: string }, deleted = false) => ({
  id: `A${Math.random()}`,
  campaignId,
  memberKind: who.customerId ? '客户' : '潜在客户',
  ...who,
  deleted,
});
const campaignMembers = [
  m('M1', { customerId: 'C1' }),
  m('M1', { customerId: 'C2' }),
  m('M1', { leadId: 'L1' }),
  m('M1', { leadId: 'L2' }),
  m('M1', { customerId: 'C9' }, true),
  m('M2', { customerId: 'C1' }),
];
const orders = [
  { id: 'S1', customerId: 'C1', orderDate: '2024-03-02', total: 30000, ...live },
  { id: 'S2', customerId: 'C2', orderDate: '2024-06-01', total: 2000, ...live },
  { id: 'S3', customerId: 'C2', orderDate: '2024-06-02', total: 5000, ...live },
  { id: 'S4', customerId: 'C1', orderDate: '2024-02-28', total: 1000, ...live },
];
const d = data({ campaigns, campaignMembers, orders });
const T = '营销活动效果';

describe('campaign results', () => {
  it('cost, participants, leads and customers, attributed revenue and ROI', () => {
    expect(section(run('campaigns', d, { period: '本年' }), T).table.rows).toEqual([
      ['展会', '展会', '2024-05-01', '—', 5000, 5000, 1, 0, 1, 20000, 3],
      ['春季新品发布', '新品上市', '2024-03-01', '2024-03-03', 10000, 8000, 4, 2, 2, 32000, 3],
      ['=HYPERLINK("x")', '—', '2024-02-01', '—', 0, 0, 0, 0, 0, 0, '—'],
      ['合计', '', '', '', 15000, 13000, 5, 2, 3, 52000, 3],
    ]);
  });

  it('owner and period filters; no data', () => {
    const a = section(run('campaigns', d, { period: '全部', owner: 'a@x.com' }), T).table.rows.map((x) => x[0]);
    expect(a).toEqual(['春季新品发布', '=HYPERLINK("x")', '去年活动', '合计']);
    expect(section(run('campaigns', data()), T).table.rows).toEqual([['（无数据）']]);
  });
});
