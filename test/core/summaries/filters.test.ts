import { defaultFilterCells, echoFilters, filterChoices, parseFilters, resolvePeriod, translator } from '../../../src/core/summaries';

describe('summary filters', () => {
  it('resolves periods at month, quarter and year boundaries', () => {
    expect(resolvePeriod('month', '2024-02-10', null, null)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(resolvePeriod('lastMonth', '2024-01-31', null, null)).toEqual({ start: '2023-12-01', end: '2023-12-31' });
    expect(resolvePeriod('quarter', '2024-03-31', null, null)).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(resolvePeriod('lastQuarter', '2024-02-10', null, null)).toEqual({ start: '2023-10-01', end: '2023-12-31' });
    expect(resolvePeriod('year', '2024-12-31', null, null)).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(resolvePeriod('lastYear', '2024-01-01', null, null)).toEqual({ start: '2023-01-01', end: '2023-12-31' });
    expect(resolvePeriod('custom', '2024-01-01', '2024-05-01', '2024-02-01')).toEqual({ start: '2024-02-01', end: '2024-05-01' });
    expect(resolvePeriod('custom', '2024-01-01', '2024-05-01', null)).toEqual({ start: '2024-05-01', end: null });
  });

  it('reads cells in either language; blank and 全部/All mean no filter', () => {
    expect(parseFilters('team', { period: 'This quarter', owner: '全部', kind: 'Reseller' })).toEqual({
      period: 'quarter',
      start: null,
      end: null,
      owner: null,
      kind: '代理商',
      stage: null,
      lifecycle: null,
    });
    expect(parseFilters('team', {}).period).toBe('month');
    expect(parseFilters('attention', { period: '本年', stage: 'Proposal' })).toMatchObject({ period: 'all', stage: '方案报价' });
    expect(parseFilters('value', { period: '自定义', start: '2024/3/1', end: 'x' })).toMatchObject({
      period: 'custom',
      start: '2024-03-01',
      end: null,
    });
    // A filter the tab does not offer is ignored.
    expect(parseFilters('campaigns', { kind: '代理商' }).kind).toBeNull();
  });

  it('default cells, dropdown choices and the echo', () => {
    expect(defaultFilterCells('funnel', 'zh')).toEqual(['本年', '', '', '全部', '全部']);
    expect(filterChoices('stage', 'en', [])).toEqual([
      'All',
      'Lead',
      'Needs analysis',
      'Proposal',
      'Negotiation',
      'Won',
      'After-sales',
      'Lost',
    ]);
    expect(filterChoices('owner', 'zh', ['a@x.com'])).toEqual(['全部', 'a@x.com']);
    expect(filterChoices('start', 'zh', [])).toBe('date');
    const f = parseFilters('funnel', { period: '本月', kind: '代理商' });
    expect(echoFilters('funnel', f, resolvePeriod('month', '2024-03-15', null, null), 'zh', translator('zh'))).toBe(
      '统计期间：本月 (2024-03-01 ~ 2024-03-31)；负责人：全部；客户性质：代理商',
    );
  });
});
