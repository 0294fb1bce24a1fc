import { data, kpi, row, run, section } from './helpers';

const customers = [
  { id: 'C1', name: 'A', kind: '直接客户', owner: 'a@x.com', deleted: false },
  { id: 'C2', name: 'B', kind: '代理商', owner: 'b@x.com', deleted: false },
];
const opp = (id: string, stage: string, createdAt: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  customerId: 'C1',
  stage,
  createdAt,
  owner: 'a@x.com',
  amount: 0,
  deleted: false,
  ...extra,
});
const opportunities = [
  opp('O1', '成交', '2024-01-01 09:00', { amount: 100000, wonAt: '2024-01-20' }),
  opp('O2', '输单', '2024-01-05 10:00', { amount: 50000, lostAt: '2024-01-10' }),
  opp('O3', '线索', '2024-02-01 08:00', { amount: 20000, expectedCloseDate: '2024-04-15', probability: null }),
  opp('O4', '合同谈判', '2024-02-10 08:00', { amount: 80000, expectedCloseDate: '2024-03-31', probability: 70 }),
  opp('O5', '售后', '2024-01-15 10:00', { amount: 30000, wonAt: '2024-02-14' }),
  opp('O6', '成交', '2024-01-02 10:00', { amount: 999, wonAt: '2024-01-03', deleted: true }),
  opp('O7', '线索', '2023-12-31 23:00', { owner: 'b@x.com', customerId: 'C2' }),
];
const h = (recordId: string, time: string, field: string, oldValue: string, newValue: string) => ({
  time,
  user: 'a@x.com',
  table: 'opportunities',
  recordId,
  field,
  oldValue,
  newValue,
});
const created = (id: string, time: string, stage: string) => h(id, time, '*', '', JSON.stringify({ name: id, stage, customerId: 'C1' }));
const moved = (id: string, time: string, from: string, to: string) => h(id, time, 'stage', from, to);
const history = [
  created('O1', '2024-01-01 09:00', '线索'),
  moved('O1', '2024-01-03 09:00', '线索', '需求分析'),
  created('O2', '2024-01-05 10:00', '线索'),
  { time: '2024-01-05 11:00', table: 'customers', recordId: 'C1', field: 'stage', oldValue: '线索', newValue: '成交' },
  moved('O2', '2024-01-06 10:00', '线索', '需求分析'),
  moved('O1', '2024-01-08 09:00', '需求分析', '方案报价'),
  moved('O2', '2024-01-10 10:00', '需求分析', '输单'),
  moved('O1', '2024-01-10 21:00', '方案报价', '合同谈判'),
  moved('O1', '2024-01-20 09:00', '合同谈判', '成交'),
  created('O3', '2024-02-01 08:00', '线索'),
  // O4 entered the funnel at 方案报价 and has no creation snapshot (imported): its first stay starts at createdAt.
  moved('O4', '2024-02-12 08:00', '方案报价', '合同谈判'),
  created('O6', '2024-01-02 10:00', '线索'),
  moved('O6', '2024-01-03 10:00', '线索', '成交'),
];
const d = data({ customers, opportunities, history });

describe('sales funnel', () => {
  const r = run('funnel', d, { period: '本年' });

  it('counts and sums the opportunities currently in each stage', () => {
    expect(row(r, '各阶段机会', '线索')).toEqual({ 阶段: '线索', 数量: 1, 金额: 20000 });
    expect(row(r, '各阶段机会', '需求分析')).toMatchObject({ 数量: 0, 金额: 0 });
    expect(row(r, '各阶段机会', '合同谈判')).toMatchObject({ 数量: 1, 金额: 80000 });
    expect(row(r, '各阶段机会', '输单')).toMatchObject({ 数量: 1, 金额: 50000 });
    expect(row(r, '各阶段机会', '合计')).toMatchObject({ 数量: 5, 金额: 280000 });
  });

  it('converts between each pair of consecutive stages from the furthest stage reached', () => {
    const rows = section(r, '阶段转化率').table.rows;
    expect(rows).toEqual([
      ['线索 → 需求分析', 5, 4, 0.8],
      ['需求分析 → 方案报价', 4, 3, 0.75],
      ['方案报价 → 合同谈判', 3, 3, 1],
      ['合同谈判 → 成交', 3, 2, 2 / 3],
      ['成交 → 售后', 2, 1, 0.5],
      ['线索 → 成交', 5, 2, 0.4],
    ]);
  });

  it('win rate, average sales cycle (created → won) and open pipeline', () => {
    expect(kpi(r, '赢单与周期')).toEqual({
      机会数: 5,
      赢单数: 2,
      输单数: 1,
      '赢单率（赢单 ÷ 已结束）': 2 / 3,
      '平均销售周期（天，创建 → 赢单）': 24.5,
      进行中机会数: 2,
      进行中金额: 100000,
    });
  });

  it('average time in each stage from completed stays', () => {
    expect(section(r, '各阶段平均停留时间').table.rows).toEqual([
      ['线索', 2, 1.5],
      ['需求分析', 2, 4.5],
      ['方案报价', 2, 2.3],
      ['合同谈判', 1, 9.5],
      ['成交', 0, '—'],
      ['售后', 0, '—'],
    ]);
  });

  it('weighted forecast by expected close month (stage default probability when empty)', () => {
    expect(section(r, '加权预测（按预计成交月份）').table.rows).toEqual([
      ['2024-03', 1, 80000, 56000],
      ['2024-04', 1, 20000, 2000],
      ['合计', 2, 100000, 58000],
    ]);
    const all = run('funnel', d, { period: '全部' });
    expect(row(all, '加权预测（按预计成交月份）', '（未设置）')).toMatchObject({ 机会数: 1, 金额: 0 });
    expect(row(all, '各阶段机会', '合计')).toMatchObject({ 数量: 6 });
  });

  it('filters by owner and customer kind', () => {
    const b = run('funnel', d, { period: '全部', owner: 'b@x.com' });
    expect(kpi(b, '赢单与周期')).toMatchObject({
      机会数: 1,
      赢单数: 0,
      '赢单率（赢单 ÷ 已结束）': '—',
      '平均销售周期（天，创建 → 赢单）': '—',
    });
    expect(row(run('funnel', d, { period: '全部', kind: '代理商' }), '各阶段机会', '线索')).toMatchObject({ 数量: 1 });
  });

  it("reads the same stays from each opportunity's own stage log, the change log only for those without one", () => {
    const logs: Record<string, string> = {
      O1: '2024-01-01 09:00 线索; 2024-01-03 09:00 需求分析; 2024-01-08 09:00 方案报价; 2024-01-10 21:00 合同谈判; 2024-01-20 09:00 成交',
      // Stage names in either language (an English workbook writes its own).
      O2: '2024-01-05 10:00 Lead; 2024-01-06 10:00 Needs analysis; 2024-01-10 10:00 Lost',
      O3: '2024-02-01 08:00 线索',
      O4: '2024-02-10 08:00 方案报价; 2024-02-12 08:00 合同谈判',
    };
    const logged = opportunities.map((o) => (logs[o.id] ? { ...o, stageLog: logs[o.id] } : o));
    // O5 (no log) and O6 (deleted) are left to the change log, which here only has their rows.
    const rest = history.filter((x) => !logs[x.recordId]);
    const fromLogs = run('funnel', data({ customers, opportunities: logged, history: rest }), { period: '本年' });
    expect(section(fromLogs, '阶段转化率').table.rows).toEqual(section(r, '阶段转化率').table.rows);
    expect(section(fromLogs, '各阶段平均停留时间').table.rows).toEqual(section(r, '各阶段平均停留时间').table.rows);
    // Without the logs and without the change log, only the current stages are known.
    const bare = run('funnel', data({ customers, opportunities, history: [] }), { period: '本年' });
    expect(section(bare, '各阶段平均停留时间').table.rows[0]).toEqual(['线索', 0, '—']);
  });

  it('no data: zeros and dashes, never a division by zero', () => {
    const empty = run('funnel', data());
    expect(section(empty, '阶段转化率').table.rows[0]).toEqual(['线索 → 需求分析', 0, 0, '—']);
    expect(kpi(empty, '赢单与周期')['赢单率（赢单 ÷ 已结束）']).toBe('—');
    expect(section(empty, '加权预测（按预计成交月份）').table.rows).toEqual([['（无数据）']]);
  });
});
