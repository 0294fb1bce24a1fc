import { setup } from './helpers';

describe('values written through the service are parsed like typed input', () => {
  it('turns numeric text, booleans and ISO dates into numbers, booleans and Dates in the spreadsheet zone', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 8).setValues([['42', '-3.5', '1,234', 'TRUE', 'false', '2024-03-15', '2024-03-15 09:30', '50%']]);
    const [row] = sheet.getRange(1, 1, 1, 8).getValues();
    expect(row.slice(0, 5)).toEqual([42, -3.5, 1234, true, false]);
    expect((row[5] as Date).toISOString()).toBe('2024-03-14T16:00:00.000Z'); // midnight Asia/Shanghai
    expect((row[6] as Date).toISOString()).toBe('2024-03-15T01:30:00.000Z');
    expect(row[7]).toBe(0.5);
  });

  it('uses the spreadsheet time zone for dates', () => {
    const { sheet, ss } = setup({ timeZone: 'America/New_York' });
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
    sheet.getRange('A1').setValue('2024-07-01');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2024-07-01T04:00:00.000Z');
  });

  it('keeps ordinary text, and invalid dates stay text', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 4).setValues([['Acme', '2024-02-30', '+86 138 0000', ' ']]);
    expect(sheet.getRange(1, 1, 1, 4).getValues()[0]).toEqual(['Acme', '2024-02-30', '+86 138 0000', ' ']);
  });

  it('stores "=..." as a formula: getFormulas returns it, getValues shows #ERROR! (not evaluated)', () => {
    const { sheet } = setup();
    sheet.getRange('B2').setValue('=SUM(A1:A3)');
    expect(sheet.getRange('B2').getFormula()).toBe('=SUM(A1:A3)');
    expect(sheet.getRange('B2').getValue()).toBe('#ERROR!');
    sheet.getRange('B2').setValue('plain');
    expect(sheet.getRange('B2').getFormula()).toBe('');
  });

  it('a leading apostrophe keeps the rest literal, and is not part of the value', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 4).setValues([["'=1+1", "'007", "''x", "'TRUE"]]);
    expect(sheet.getRange(1, 1, 1, 4).getValues()[0]).toEqual(['=1+1', '007', "'x", 'TRUE']);
    expect(sheet.getRange(1, 1, 1, 4).getFormulas()[0]).toEqual(['', '', '', '']);
  });

  it("plain-text format '@' keeps strings as typed", () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setNumberFormat('@');
    sheet.getRange('A1:A3').setValues([['00123'], ['2024-03-15'], ['=A2']]);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['00123'], ['2024-03-15'], ['=A2']]);
    expect(sheet.getRange('A1:A3').getNumberFormats()).toEqual([['@'], ['@'], ['@']]);
  });

  it('stores JS Dates as Dates and returns fresh copies; null/undefined become empty', () => {
    const { sheet } = setup();
    const d = new Date('2024-01-02T03:04:05Z');
    sheet.getRange(1, 1, 1, 3).setValues([[d, null, undefined]]);
    d.setFullYear(1999);
    const first = sheet.getRange('A1').getValue() as Date;
    expect(first.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    first.setFullYear(2000);
    expect((sheet.getRange('A1').getValue() as Date).getUTCFullYear()).toBe(2024);
    expect(sheet.getRange('B1:C1').getValues()).toEqual([['', '']]);
  });

  it('rejects non-primitive objects', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue({ a: 1 })).toThrow(/Exception: /);
  });

  it('getDisplayValues follows number formats', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 5).setValues([[1234.5, 0.256, new Date('2024-03-15T01:30:00Z'), 3, true]]);
    sheet.getRange(1, 1, 1, 5).setNumberFormats([['#,##0.00', '0.0%', 'yyyy-mm-dd hh:mm', '"¥"0.00', 'General']]);
    expect(sheet.getRange(1, 1, 1, 5).getDisplayValues()).toEqual([['1,234.50', '25.6%', '2024-03-15 09:30', '¥3.00', 'TRUE']]);
    sheet.getRange('F1').setValue('2024-03-15');
    expect(sheet.getRange('F1').getDisplayValue()).toBe('2024-03-15');
  });
});
