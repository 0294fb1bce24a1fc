import { data, kpi, row, run, section } from './helpers';

const live = { deleted: false };
const customers = [
  { id: 'C1', name: '甲', kind: '直接客户', ...live },
  { id: 'C2', name: '乙', kind: '代理商', ...live },
  { id: 'C3', name: '丙', kind: '直接客户', ...live },
  { id: 'C4', name: '丁', kind: '直接客户', ...live },
];
const t = (
  id: string,
  type: string,
  customerId: string,
  status: string,
  openedAt: string,
  closedAt: string | null = null,
  deleted = false,
) => ({ id, type, customerId, status, openedAt, closedAt, owner: 's@x.com', deleted });
const tickets = [
  t('T1', '投诉', 'C1', '已解决', '2024-01-10 10:00', '2024-01-11 12:00'),
  t('T2', '投诉', 'C1', '处理中', '2024-02-01 09:00'),
  t('T3', '咨询', 'C2', '已关闭', '2024-03-01 08:00', '2024-03-01 10:00'),
  t('T4', '维修', 'C3', '新建', '2024-03-31 23:00'),
  t('T5', '投诉', 'C2', '新建', '2023-12-31 23:59'),
  t('T6', '投诉', 'C3', '新建', '2024-02-01 09:00', null, true),
];
const fb = (id: string, customerId: string, date: string, satisfaction: number | null, topic: string) => ({
  id,
  customerId,
  date,
  satisfaction,
  topic,
  ...live,
});
const feedback = [
  fb('B1', 'C1', '2024-01-15', 5, '产品'),
  fb('B2', 'C2', '2024-02-10', 3, '服务'),
  fb('B3', 'C3', '2024-02-20', 4, '产品'),
  fb('B4', 'C1', '2024-03-01', null, '整体体验'),
  fb('B5', 'C1', '2023-12-20', 1, '产品'),
];
const d = data({ customers, tickets, feedback });
const TK = '工单（按类型与状态）';

describe('service summary', () => {
  const r = run('service', d, { period: '本季度' });

  it('tickets by type and status with average resolution hours', () => {
    expect(row(r, TK, '投诉')).toEqual({ 类型: '投诉', 新建: 0, 处理中: 1, 已解决: 1, 已关闭: 0, 合计: 2, '平均解决时长（小时）': 26 });
    expect(row(r, TK, '咨询')).toMatchObject({ 已关闭: 1, 合计: 1, '平均解决时长（小时）': 2 });
    expect(row(r, TK, '维修')).toMatchObject({ 新建: 1, 合计: 1, '平均解决时长（小时）': '—' });
    expect(row(r, TK, '服务请求')).toMatchObject({ 合计: 0 });
    expect(row(r, TK, '合计')).toEqual({ 类型: '合计', 新建: 1, 处理中: 1, 已解决: 1, 已关闭: 1, 合计: 4, '平均解决时长（小时）': 14 });
  });

  it('satisfaction average, satisfied share and complaints per customer', () => {
    expect(kpi(r, '满意度与投诉')).toEqual({
      反馈数: 4,
      有评分的反馈数: 3,
      '平均满意度（1-5）': 4,
      '满意率（4 分及以上）': 2 / 3,
      投诉数: 2,
      客户数: 4,
      每客户投诉数: 0.5,
      有投诉的客户数: 1,
    });
    expect(section(r, '满意度（按主题）').table.rows).toEqual([
      ['产品', 2, 4.5],
      ['服务', 1, 3],
      ['整体体验', 1, '—'],
    ]);
    expect(section(r, '投诉最多的客户').table.rows).toEqual([['C1', '甲', 2]]);
  });

  it('monthly satisfaction trend', () => {
    expect(section(r, '月度趋势').table.rows).toEqual([
      ['2024-01', 1, 5, 1, 1],
      ['2024-02', 2, 3.5, 1, 1],
      ['2024-03', 1, '—', 2, 0],
    ]);
  });

  it('kind filter narrows tickets, feedback and the customer base', () => {
    const resellers = run('service', d, { period: '本季度', kind: '代理商' });
    expect(kpi(resellers, '满意度与投诉')).toMatchObject({ 反馈数: 1, 投诉数: 0, 客户数: 1, 每客户投诉数: 0 });
    expect(row(resellers, TK, '合计')).toMatchObject({ 合计: 1 });
  });

  it('no data', () => {
    const empty = run('service', data(), { period: '本季度' });
    expect(kpi(empty, '满意度与投诉')).toMatchObject({ '平均满意度（1-5）': '—', '满意率（4 分及以上）': '—', 每客户投诉数: '—' });
    expect(row(empty, TK, '合计')).toMatchObject({ 合计: 0, '平均解决时长（小时）': '—' });
  });
});
