import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appsScript, createRuntime, loadWorkbookXlsx, saveWorkbookXlsx } from '../../src/runtime';
import { setup } from './helpers';

const tmpFile = (): string => join(mkdtempSync(join(tmpdir(), 'crm-xlsx-')), 'book.xlsx');

describe('xlsx persistence', () => {
  it('round-trips values, dates, formulas, notes, formats, frozen rows, validations and runtime state', async () => {
    const { rt, ss, sheet, SpreadsheetApp, PropertiesService, ScriptApp } = setup();
    sheet.setName('客户信息');
    sheet
      .getRange('A1:E1')
      .setValues([['ID', 'Name', 'Since', 'Amount', 'Formula']])
      .setFontWeight('bold')
      .setBackground('#cfe2f3');
    sheet.getRange('A2:E2').setValues([['C20240315001', 'Acme', '2024-03-15', 1234.5, '=D2*2']]);
    sheet.getRange('C3').setValue(new Date('2024-03-15T01:30:00Z'));
    sheet.getRange('F2').setValue("'=not a formula");
    sheet.getRange('B2').setNote('key account');
    sheet.getRange('D2').setNumberFormat('#,##0.00');
    sheet.getRange('G2:G4').setNumberFormat('@');
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 210);
    sheet
      .getRange('B2:B50')
      .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Acme', 'Beta']).setAllowInvalid(false).build());
    sheet.getRange('H2:H5').insertCheckboxes();
    sheet.protect().setDescription('system columns').setWarningOnly(true);
    const other = ss.insertSheet('Summary');
    other.getRange('A1').setValue(3);
    other.insertChart(other.newChart().asPieChart().setTitle('Share').addRange(other.getRange('A1:B3')).build());
    other.hideSheet();
    PropertiesService.getDocumentProperties().setProperty('schemaVersion', '3');
    PropertiesService.getScriptProperties().setProperty('big', 'x'.repeat(9000));
    ScriptApp.newTrigger('handleEdit').forSpreadsheet(ss).onEdit().create();

    const file = tmpFile();
    await saveWorkbookXlsx(rt.workbook, file);
    const loaded = await loadWorkbookXlsx(file);
    const rt2 = createRuntime({ workbook: loaded });
    const ss2 = appsScript(rt2).SpreadsheetApp.getActive();
    const s2 = ss2.getSheetByName('客户信息')!;

    expect(ss2.getId()).toBe(ss.getId());
    expect(ss2.getSheets().map((s) => s.getName())).toEqual(['客户信息', 'Summary']);
    expect(s2.getRange('A1:F2').getValues()).toEqual([
      ['ID', 'Name', 'Since', 'Amount', 'Formula', ''],
      ['C20240315001', 'Acme', new Date('2024-03-14T16:00:00Z'), 1234.5, '#ERROR!', '=not a formula'],
    ]);
    expect((s2.getRange('C3').getValue() as Date).toISOString()).toBe('2024-03-15T01:30:00.000Z');
    expect(s2.getRange('E2').getFormula()).toBe('=D2*2');
    expect(s2.getRange('B2').getNote()).toBe('key account');
    expect(s2.getRange('D2').getNumberFormat()).toBe('#,##0.00');
    expect(s2.getRange('G3').getNumberFormat()).toBe('@');
    expect(s2.getRange('C2').getNumberFormat()).toBe('0.###############');
    expect(s2.getRange('A1').getFontWeight()).toBe('bold');
    expect(s2.getRange('A1').getBackground()).toBe('#cfe2f3');
    expect(s2.getFrozenRows()).toBe(1);
    expect(s2.getColumnWidth(2)).toBe(210);
    expect(s2.getSheetId()).toBe(sheet.getSheetId());
    const dv = s2.getRange('B50').getDataValidation()!;
    expect(dv.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(dv.getCriteriaValues()).toEqual([['Acme', 'Beta'], true]);
    expect(dv.getAllowInvalid()).toBe(false);
    expect(s2.getRange('B51').getDataValidation()).toBeNull();
    expect(s2.getRange('H3').getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
    expect(s2.getRange('H3').getValue()).toBe(false);
    const [prot] = s2.getProtections(appsScript(rt2).SpreadsheetApp.ProtectionType.SHEET);
    expect(prot.getDescription()).toBe('system columns');
    expect(prot.isWarningOnly()).toBe(true);
    const summary = ss2.getSheetByName('Summary')!;
    expect(summary.isSheetHidden()).toBe(true);
    expect(summary.getCharts()[0].getOptions().get('title')).toBe('Share');
    expect(summary.getCharts()[0].getRanges()[0].getA1Notation()).toBe('A1:B3');
    const props = appsScript(rt2).PropertiesService;
    expect(props.getDocumentProperties().getProperty('schemaVersion')).toBe('3');
    expect(props.getScriptProperties().getProperty('big')).toHaveLength(9000);
    expect(rt2.triggers()).toEqual(rt.triggers());
    expect(ss2.insertSheet('Third').getSheetId()).not.toBe(summary.getSheetId());
  });

  it('is a plain spreadsheet for people: dates are date cells, _runtime is veryHidden, lists are dropdowns', async () => {
    const { rt, sheet, SpreadsheetApp } = setup();
    sheet.getRange('A1:B1').setValues([['2024-03-15', 'x']]);
    sheet.getRange('B1:B3').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['x', 'y']).build());
    const file = tmpFile();
    await saveWorkbookXlsx(rt.workbook, file);
    const xl = new ExcelJS.Workbook();
    await xl.xlsx.readFile(file);
    expect(xl.getWorksheet('_runtime')!.state).toBe('veryHidden');
    const ws = xl.getWorksheet('工作表1')!;
    expect((ws.getCell('A1').value as Date).toISOString()).toBe('2024-03-15T00:00:00.000Z'); // wall clock
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"x,y"'] });
  });

  it('loads an ordinary xlsx without runtime metadata', async () => {
    const xl = new ExcelJS.Workbook();
    const ws = xl.addWorksheet('Leads');
    ws.addRow(['Company', 'Status']);
    ws.addRow(['Acme', 'new']);
    ws.getCell('B2').dataValidation = { type: 'list', formulae: ['"new,working"'], allowBlank: true };
    const file = tmpFile();
    await xl.xlsx.writeFile(file);
    const wb = await loadWorkbookXlsx(file);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Leads']);
    expect(wb.sheets[0].getValuesRaw()).toEqual([
      ['Company', 'Status'],
      ['Acme', 'new'],
    ]);
    expect(wb.sheets[0].validations.get(2, 2)?.args[0]).toEqual(['new', 'working']);
    expect(wb.sheets[0].maxRows).toBe(1000);
  });
});
