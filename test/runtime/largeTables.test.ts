import { createRuntime, appsScript } from '../../src/runtime';

describe('building and reading large tables', () => {
  it('creates a 100k x 30 table raw; getDataRange + one getValues (two round trips) read it', () => {
    const rt = createRuntime();
    const row = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? i : `text ${i}`));
    const rows = Array.from({ length: 100_000 }, () => row);
    const sheet = rt.workbook.insertSheet('customers');
    sheet.setValuesRaw(1, 1, rows);
    expect(sheet.maxRows).toBe(100_000);
    const s = appsScript(rt).SpreadsheetApp.getActive().getSheetByName('customers')!;
    rt.resetStats();
    const values = s.getDataRange().getValues();
    expect(values).toHaveLength(100_000);
    expect(rt.stats()).toMatchObject({ roundTrips: 2, cellsRead: 3_000_000 }); // getDataRange (the extent) + getValues
    expect(s.getLastRow()).toBe(100_000);
    expect(sheet.getValuesRaw()[99_999][29]).toBe('text 29');
  });
});
