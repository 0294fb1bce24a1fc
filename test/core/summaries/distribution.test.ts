import { data, firstColumn, row, run, section } from './helpers';

const customers = [
  {
    id: 'C1',
    name: 'A',
    industry: '制造业',
    region: '上海',
    size: '20-99',
    grade: 'A',
    lifecycle: '成交',
    kind: '直接客户',
    owner: 'a@x.com',
    createdAt: '2024-01-31 23:59',
    deleted: false,
  },
  {
    id: 'C2',
    name: 'B',
    industry: '制造业',
    region: '北京',
    size: '1-19',
    grade: 'B',
    lifecycle: '意向',
    kind: '代理商',
    owner: 'b@x.com',
    createdAt: '2024-02-01 00:00',
    deleted: false,
  },
  {
    id: 'C3',
    name: 'C',
    industry: '金融业',
    region: '上海',
    size: null,
    grade: null,
    lifecycle: '潜在',
    kind: '直接客户',
    owner: 'a@x.com',
    createdAt: '2024-02-29 10:00',
    deleted: false,
  },
  {
    id: 'C4',
    name: 'D',
    industry: null,
    region: '',
    size: null,
    grade: null,
    lifecycle: '潜在',
    kind: null,
    owner: 'b@x.com',
    createdAt: '2024-03-01 00:00',
    deleted: false,
  },
  {
    id: 'C5',
    name: 'E',
    industry: '制造业',
    region: '上海',
    lifecycle: '成交',
    owner: 'a@x.com',
    createdAt: '2024-02-10 10:00',
    deleted: true,
  },
];
const d = data({ customers });

describe('customer distribution', () => {
  it('counts and shares by industry, ignoring deleted rows', () => {
    const r = run('distribution', d);
    expect(row(r, '按行业', '制造业')).toEqual({ 所属行业: '制造业', 数量: 2, 占比: 0.5 });
    expect(row(r, '按行业', '金融业')).toMatchObject({ 数量: 1, 占比: 0.25 });
    expect(row(r, '按行业', '（未填写）')).toMatchObject({ 数量: 1, 占比: 0.25 });
    expect(row(r, '按行业', '合计')).toMatchObject({ 数量: 4, 占比: 1 });
  });

  it('by region, size (fixed order), grade and lifecycle', () => {
    const r = run('distribution', d);
    expect(row(r, '按区域', '上海')).toMatchObject({ 数量: 2, 占比: 0.5 });
    expect(firstColumn(r, '按公司规模')).toEqual(['1-19', '20-99', '（未填写）', '合计']);
    expect(row(r, '按客户等级', 'A')).toMatchObject({ 数量: 1, 占比: 0.25 });
    expect(row(r, '按客户等级', '（未填写）')).toMatchObject({ 数量: 2 });
    expect(firstColumn(r, '按生命周期')).toEqual(['潜在', '意向', '成交', '合计']);
    expect(row(r, '按生命周期', '潜在')).toMatchObject({ 数量: 2, 占比: 0.5 });
  });

  it('new customers per month, with dates at month boundaries', () => {
    const r = run('distribution', d);
    expect(section(r, '每月新增客户').table.rows).toEqual([
      ['2024-01', 1],
      ['2024-02', 2],
      ['2024-03', 1],
    ]);
    const feb = run('distribution', d, { period: '上月' });
    expect(row(feb, '按行业', '合计')).toMatchObject({ 数量: 2 });
    expect(section(feb, '每月新增客户').table.rows).toEqual([['2024-02', 2]]);
    expect(row(run('distribution', d, { period: '本月' }), '按行业', '合计')).toMatchObject({ 数量: 1 });
  });

  it('filters by owner, kind and lifecycle and echoes them', () => {
    const byOwner = run('distribution', d, { owner: 'A@x.com' });
    expect(row(byOwner, '按行业', '合计')).toMatchObject({ 数量: 2 });
    expect(byOwner.filterEcho).toContain('负责人：A@x.com');
    expect(row(run('distribution', d, { kind: 'Reseller' }), '按行业', '合计')).toMatchObject({ 数量: 1 });
    const prospects = run('distribution', d, { lifecycle: '潜在' });
    expect(row(prospects, '按生命周期', '合计')).toMatchObject({ 数量: 2 });
    expect(prospects.filterEcho).toContain('生命周期：潜在');
  });

  it('shows (no data) rows and no division by zero on an empty workbook', () => {
    const r = run('distribution', data());
    expect(section(r, '按行业').table.rows).toEqual([['（无数据）']]);
    expect(section(r, '每月新增客户').table.rows.every((x) => x[1] === 0)).toBe(true);
    expect(section(r, '每月新增客户').table.rows).toHaveLength(24);
  });

  it('speaks English in an English workbook', () => {
    const r = run('distribution', d, {}, { lang: 'en' });
    expect(r.title).toBe('Customer distribution');
    expect(row(r, 'By lifecycle stage', 'Customer')).toEqual({ Lifecycle: 'Customer', Count: 1, Share: 0.25 });
    expect(r.filterEcho).toBe('Period: All time; Owner: All; Customer kind: All; Lifecycle: All (period = customer creation date)');
  });
});
