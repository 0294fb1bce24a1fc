/**
 * Native charts in the saved .xlsx (src/runtime/persist/xlsxCharts.ts): the parts, relationships
 * and content types, the sheet's <drawing> in CT_Worksheet order (after pageSetup, before the
 * legacyDrawing notes need), and a reload that keeps notes, charts and range dropdowns.
 */
import { strFromU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appsScript, createRuntime, loadWorkbookXlsx, saveWorkbookXlsx } from '../../src/runtime';
import { setup } from './helpers';

const tmpFile = (): string => join(mkdtempSync(join(tmpdir(), 'crm-charts-')), 'book.xlsx');

describe('native charts in the xlsx file', () => {
  it('writes one drawing per charted sheet, one chart part per chart, in schema order next to notes and validations', async () => {
    const { rt, ss, sheet, SpreadsheetApp } = setup();
    sheet.setName('Report');
    sheet.getRange('A1:C4').setValues([
      ['Stage', 'Count', 'Amount'],
      ['Lead', 3, 1000],
      ['Won', 1, 500],
      ['Lost', 2, 0],
    ]);
    sheet.getRange('A1').setNote('a note: ExcelJS writes a legacyDrawing for it');
    sheet.setFrozenRows(1);
    const lists = ss.insertSheet('_lists');
    lists.getRange('A1:A4').setValues([['Source'], ['Web'], ['Fair'], ['']]);
    sheet.getRange('D2:D4').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInRange(lists.getRange('A2:A20')).build());
    sheet.insertChart(
      sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:C4')).setPosition(6, 2, 0, 0).setOption('title', 'By stage').build(),
    );
    sheet.insertChart(
      sheet.newChart().asPieChart().addRange(sheet.getRange('A1:B4')).setPosition(6, 8, 0, 0).setOption('title', 'Share').build(),
    );
    const file = tmpFile();
    await saveWorkbookXlsx(rt.workbook, file);

    const files = unzipSync(readFileSync(file));
    const text = (p: string) => strFromU8(files[p]);
    const types = text('[Content_Types].xml');
    expect(types).toContain(
      '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>',
    );
    for (const n of [1, 2])
      expect(types).toContain(
        `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
    const sheetXml = text('xl/worksheets/sheet1.xml');
    const at = (tag: string) => sheetXml.search(new RegExp(`<${tag}[\\s/>]`));
    expect(at('drawing')).toBeGreaterThan(at('dataValidations'));
    expect(at('drawing')).toBeGreaterThan(at('pageMargins'));
    expect(at('legacyDrawing')).toBeGreaterThan(at('drawing'));
    const rid = /<drawing r:id="(rId\d+)"\/>/.exec(sheetXml)?.[1];
    const rels = text('xl/worksheets/_rels/sheet1.xml.rels');
    const ids = [...rels.matchAll(/Id="(rId\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rels).toContain(
      `Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"`,
    );
    expect(text('xl/drawings/_rels/drawing1.xml.rels')).toContain('Target="../charts/chart2.xml"');
    const column = text('xl/charts/chart1.xml');
    expect(column).toContain('<c:barDir val="col"/>');
    expect(column).toContain("<c:f>'Report'!$A$2:$A$4</c:f>");
    expect(column).toContain("<c:f>'Report'!$C$2:$C$4</c:f>");
    expect(column.match(/<c:ser>/g)).toHaveLength(2);
    expect(text('xl/charts/chart2.xml')).toContain('<c:pieChart>');
    // The dropdown's source range stops at its last option (Excel would offer the blanks).
    expect(sheetXml).toContain('<formula1>&apos;_lists&apos;!$A$2:$A$3</formula1>');

    const loaded = await loadWorkbookXlsx(file);
    const s2 = appsScript(createRuntime({ workbook: loaded }))
      .SpreadsheetApp.getActive()
      .getSheetByName('Report');
    expect(s2?.getCharts().map((c) => c.getOptions().get('title'))).toEqual(['By stage', 'Share']);
    expect(s2?.getRange('A1').getNote()).toContain('a note');
    expect(String(s2?.getRange('D2').getDataValidation()?.getCriteriaType())).toBe('VALUE_IN_RANGE');
  });

  it('leaves a workbook without charts as ExcelJS wrote it', async () => {
    const { rt, sheet } = setup();
    sheet.getRange('A1').setValue(1);
    const file = tmpFile();
    await saveWorkbookXlsx(rt.workbook, file);
    expect(Object.keys(unzipSync(readFileSync(file))).some((p) => p.includes('drawing') || p.includes('chart'))).toBe(false);
  });
});
