import { setup } from './helpers';

describe('sheet structure', () => {
  it('getLastRow/getLastColumn report the last cell with content', () => {
    const { sheet } = setup();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    sheet.getRange('C5').setValue('x');
    sheet.getRange('E2').setValue(1);
    expect(sheet.getLastRow()).toBe(5);
    expect(sheet.getLastColumn()).toBe(5);
    sheet.getRange('C5').clearContent();
    expect(sheet.getLastRow()).toBe(2);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:E2');
  });

  it('appendRow writes after the last row and grows a full grid', () => {
    const { sheet } = setup();
    sheet.appendRow(['id', 'name']);
    sheet.appendRow(['C1', '2024-03-15']);
    expect(sheet.getRange('A1:B2').getValues()[1][1]).toBeInstanceOf(Date);
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['beyond', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26]);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getMaxColumns()).toBe(27);
    expect(sheet.getRange(1001, 1).getValue()).toBe('beyond');
  });

  it('inserting and deleting rows shifts values, notes, formats and validations', () => {
    const { sheet, SpreadsheetApp } = setup();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.getRange('A2').setNote('note b').setBackground('#FF0000').setNumberFormat('@');
    sheet.getRange('A3').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['c', 'd']).build());
    sheet.insertRowsBefore(2, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['a', '', '', 'b', 'c']);
    expect(sheet.getRange('A4').getNote()).toBe('note b');
    expect(sheet.getRange('A4').getBackground()).toBe('#ff0000');
    expect(sheet.getRange('A4').getNumberFormat()).toBe('@');
    expect(sheet.getRange('A5').getDataValidation()!.getCriteriaValues()[0]).toEqual(['c', 'd']);
    sheet.insertRowAfter(1);
    expect(sheet.getRange('A5').getValue()).toBe('b');
    sheet.deleteRows(2, 3);
    expect(sheet.getRange('A1:A3').getValues().flat()).toEqual(['a', 'b', 'c']);
    expect(sheet.getRange('A2').getNote()).toBe('note b');
    sheet.deleteRow(1);
    expect(sheet.getRange('A1').getValue()).toBe('b');
    expect(sheet.getMaxRows()).toBe(999);
    expect(() => sheet.deleteRows(990, 20)).toThrow('Those rows are out of bounds.');
  });

  it('inserting and deleting columns shifts cells', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.getRange('B1').setNote('nb');
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(sheet.getRange('A1:E1').getValues()[0]).toEqual(['a', '', '', 'b', 'c']);
    expect(sheet.getRange('D1').getNote()).toBe('nb');
    sheet.insertColumnBefore(1);
    expect(sheet.getRange('B1').getValue()).toBe('a');
    sheet.deleteColumns(1, 4);
    expect(sheet.getRange('A1:B1').getValues()[0]).toEqual(['b', 'c']);
    sheet.deleteColumn(1);
    expect(sheet.getRange('A1').getValue()).toBe('c');
  });

  it('sheet metadata: frozen rows, widths, hidden, tab colour, sheet ids', () => {
    const { ss, sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    sheet.setColumnWidth(2, 180);
    expect(sheet.getColumnWidth(2)).toBe(180);
    sheet.getRange('A1').setValue('a fairly long header');
    sheet.autoResizeColumns(1, 1);
    expect(sheet.getColumnWidth(1)).toBeGreaterThan(100);
    sheet.hideColumns(3);
    expect(sheet.isColumnHiddenByUser(3)).toBe(true);
    const other = ss.insertSheet('Other');
    expect(sheet.getSheetId()).toBe(0);
    expect(other.getSheetId()).not.toBe(0);
    other.setTabColor('#00ff00');
    expect(other.getTabColor()).toBe('#00ff00');
    other.hideSheet();
    expect(other.isSheetHidden()).toBe(true);
    expect(() => sheet.hideSheet()).toThrow(/not possible to hide all/);
    other.showSheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['工作表1', 'Other']);
    ss.deleteSheet(other);
    expect(ss.getSheetByName('Other')).toBeNull();
  });

  it('spreadsheet getRange with sheet names and ranges lists', () => {
    const { ss } = setup();
    ss.insertSheet('My Sheet').getRange('B2').setValue(5);
    expect(ss.getRange("'My Sheet'!B2").getValue()).toBe(5);
    expect(ss.getRange("'My Sheet'!A:A").getNumRows()).toBe(1000);
    const list = ss.getRangeList(['A1', 'B2:C3']);
    list.setValue('x');
    expect(ss.getRange('C3').getValue()).toBe('x');
  });
});
