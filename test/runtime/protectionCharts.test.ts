import { setup } from './helpers';

describe('Protection', () => {
  it('protects sheets and ranges; non-editors cannot write through the service', () => {
    const { ss, sheet, SpreadsheetApp, rt } = setup({ user: 'owner@example.com' });
    const p = sheet.protect().setDescription('system');
    p.addEditor('admin@example.com');
    p.setUnprotectedRanges([sheet.getRange('B2:B100')]);
    expect(p.getProtectionType()).toBe(SpreadsheetApp.ProtectionType.SHEET);
    expect(
      p
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['admin@example.com', 'owner@example.com']);
    expect(p.getUnprotectedRanges()[0].getA1Notation()).toBe('B2:B100');
    const rp = sheet.getRange('A1:Z1').protect().setDescription('header');
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.RANGE).map((x) => x.getDescription())).toEqual(['header']);
    expect(rp.getRange().getA1Notation()).toBe('A1:Z1');

    rt.setUser('rep@example.com');
    expect(() => sheet.getRange('A2').setValue('x')).toThrow(/protected cell or object/);
    sheet.getRange('B2').setValue('allowed');
    expect(sheet.getRange('A2').canEdit()).toBe(false);
    expect(() => rt.userEdit('工作表1', 1, 1, [['typed']])).toThrow(/protected/);
    rt.setUser('admin@example.com');
    sheet.getRange('A2').setValue('admin ok');
    rt.setUser('owner@example.com');
    rp.remove();
    expect(sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toEqual([]);
    p.setWarningOnly(true);
    rt.setUser('rep@example.com');
    sheet.getRange('A3').setValue('warning only lets it through');
  });
});

describe('Charts', () => {
  it('stores chart specs on the sheet', () => {
    const { sheet, Charts } = setup();
    sheet.getRange('A1:B3').setValues([
      ['stage', 'n'],
      ['线索', 3],
      ['成交', 1],
    ]);
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.COLUMN)
      .addRange(sheet.getRange('A1:B3'))
      .setPosition(5, 4, 0, 0)
      .setOption('title', 'Funnel')
      .build();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect(stored.getChartId()).toEqual(expect.any(Number));
    expect(stored.getOptions().get('title')).toBe('Funnel');
    expect(stored.getContainerInfo().getAnchorRow()).toBe(5);
    sheet.updateChart(stored.modify().asBarChart().setTitle('Funnel 2').setStacked().build());
    expect(sheet.getCharts()[0].getOptions().get('title')).toBe('Funnel 2');
    expect(sheet.getCharts()).toHaveLength(1);
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toHaveLength(0);
    expect((sheet.newChart().asPieChart() as unknown as Record<string, unknown>).setStacked).toBeUndefined();
  });
});

describe('Data validation', () => {
  it('builds rules and reads them back; checkboxes', () => {
    const { sheet, SpreadsheetApp } = setup();
    const rule = SpreadsheetApp.newDataValidation().requireNumberBetween(1, 5).setHelpText('1-5').setAllowInvalid(false).build();
    sheet.getRange('A1:A3').setDataValidation(rule);
    const got = sheet.getRange('A2').getDataValidation()!;
    expect(got.getCriteriaType()).toBe(SpreadsheetApp.DataValidationCriteria.NUMBER_BETWEEN);
    expect(got.getCriteriaValues()).toEqual([1, 5]);
    expect(got.getHelpText()).toBe('1-5');
    expect(got.copy().requireTextIsEmail().build().getCriteriaType()).toBe('TEXT_IS_VALID_EMAIL');
    const src = sheet.getRange('Z1:Z3');
    const inRange = SpreadsheetApp.newDataValidation().requireValueInRange(src).build();
    expect((inRange.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range).getA1Notation()).toBe('Z1:Z3');
    const grid = sheet.getRange('A1:B2').getDataValidations();
    expect(grid[0][0]!.getCriteriaType()).toBe('NUMBER_BETWEEN');
    expect(grid[0][1]).toBeNull();
    sheet.getRange('A1:A3').clearDataValidations();
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
    sheet.getRange('C1:C2').insertCheckboxes();
    expect(sheet.getRange('C1:C2').getValues()).toEqual([[false], [false]]);
    sheet.getRange('C1').check();
    expect(sheet.getRange('C1').isChecked()).toBe(true);
    sheet.getRange('C1:C2').removeCheckboxes();
    expect(sheet.getRange('C1').getDataValidation()).toBeNull();
  });
});
