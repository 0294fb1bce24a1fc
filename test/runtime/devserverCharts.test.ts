import { chartViews } from '../../src/runtime/devserver/chartData';
import { loadCrm } from '../integration/harness';

describe('dev server charts', () => {
  it("resolves the summary tabs' native charts to labels and series from the workbook", () => {
    const crm = loadCrm({ user: 'owner@example.com' });
    crm.call('setupWorkbook');
    for (const [name, industry] of [
      ['甲公司', '制造业'],
      ['乙公司', '制造业'],
      ['丙公司', '教育'],
    ]) {
      expect(crm.call<{ ok: boolean }>('saveRecord', 'customers', { name, industry }).ok).toBe(true);
    }
    crm.call('rebuildSummaries');
    const sheet = crm.rt.workbook.sheets.find((s) => s.charts.some((c) => c.chartType === 'PIE'));
    if (!sheet) throw new Error('no summary tab with a pie chart');
    const views = chartViews(crm.rt.workbook, sheet.name);
    expect(views.length).toBe(sheet.charts.length);
    const industryPie = views.find((v) => v.type === 'PIE' && v.labels.includes('制造业'));
    expect(industryPie).toBeDefined();
    const i = industryPie?.labels.indexOf('制造业') ?? -1;
    expect(industryPie?.series[0].values[i]).toBe(2);
    expect(() => chartViews(crm.rt.workbook, 'no such tab')).toThrow('No sheet');
  });
});
