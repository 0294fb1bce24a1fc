import { setup } from './helpers';
import { MAX_WORKBOOK_CELLS } from '../../src/runtime/emulator/model/workbook';

describe('Apps Script errors and limits', () => {
  it('setValues dimension mismatch uses the real messages', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([[1, 2, 3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([1, 2] as unknown as unknown[][])).toThrow(/don't match the method signature/);
  });

  it('ranges outside the grid throw', () => {
    const { sheet } = setup();
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(999, 1, 5, 1)).toThrow('outside the dimensions');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange('A1').offset(-1, 0)).toThrow('too small');
    expect(() => sheet.getRange('not a range!')).toThrow('Range not found');
  });

  it('a cell holds at most 50,000 characters', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('x'.repeat(50000));
    expect(() => sheet.getRange('A2').setValue('x'.repeat(50001))).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(sheet.getRange('A2').getValue()).toBe('');
  });

  it('the workbook holds at most 10,000,000 cells', () => {
    const { rt, ss } = setup();
    const big = rt.workbook.insertSheet('Big');
    big.maxRows = Math.floor((MAX_WORKBOOK_CELLS - rt.workbook.cellCount + big.cellCount) / big.maxColumns);
    const sheet = ss.getSheetByName('Big')!;
    const msg = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    expect(() => ss.insertSheet('More')).toThrow(msg);
    expect(() => sheet.insertRowsAfter(1, 10)).toThrow(msg);
    expect(() => {
      for (let i = 0; i < 2; i++) sheet.getRange(sheet.getMaxRows(), 1).setValue('x');
      sheet.appendRow(['y']);
    }).toThrow(msg);
  });

  it('duplicate sheet names are refused', () => {
    const { ss } = setup();
    ss.insertSheet('客户信息');
    expect(() => ss.insertSheet('客户信息')).toThrow('A sheet with the name "客户信息" already exists. Please enter another name.');
    const other = ss.insertSheet('Other');
    expect(() => other.setName('客户信息')).toThrow('already exists');
  });
});
