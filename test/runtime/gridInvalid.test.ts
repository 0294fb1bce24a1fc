/** The dev server's grid marks a value its cell's rule does not accept (Sheets' red corner), list sources read live. */
import { rowsPage } from '../../src/runtime/devserver/sheetData';
import { setup } from './helpers';

it('flags values outside a range-sourced dropdown, and stops when the option is added to the source', () => {
  const { rt, ss, sheet, SpreadsheetApp } = setup();
  const lists = ss.insertSheet('lists');
  lists.getRange('A1:A3').setValues([['Industry'], ['Mining'], ['Retail']]);
  sheet.getRange('A1:A3').setValues([['Mining'], ['Aerospace'], ['']]);
  sheet
    .getRange('A1:A3')
    .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInRange(lists.getRange('A2:A50')).setAllowInvalid(true).build());
  const flags = () => rowsPage(rt.workbook, sheet.getName(), 1, 2).rows.map((r) => r[0].invalid === true);
  expect(flags()).toEqual([false, true]);
  expect(rt.validationStatus(sheet.getName(), 2, 1)).toBe('invalid');
  lists.getRange('A4').setValue('Aerospace');
  expect(flags()).toEqual([false, false]);
  expect(rt.validationStatus(sheet.getName(), 2, 1)).toBe('valid');
  expect(rt.validationStatus(sheet.getName(), 3, 1)).toBe('valid');
  expect(rt.validationStatus(sheet.getName(), 5, 1)).toBe('none');
});
