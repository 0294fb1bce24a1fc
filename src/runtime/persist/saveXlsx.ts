/** Writes the workbook as a normal .xlsx a person can open (values, dates, formulas, notes, formats...). */
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { columnToLetters, GridRef, rangeA1 } from '../emulator/model/a1';
import { SheetModel } from '../emulator/model/sheetModel';
import { wallClock } from '../emulator/model/timeZone';
import { Workbook } from '../emulator/model/workbook';
import { buildMeta, encodeMeta, RUNTIME_SHEET, SheetMeta } from './meta';
import { addNativeCharts } from './xlsxCharts';
import { MAX_INLINE_LIST } from '../../core/optionLists';

/** Number formats the saver adds to Date cells so Excel shows dates; the loader drops them again. */
export const AUTO_DATE_FORMAT = 'yyyy-mm-dd;@';
export const AUTO_DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss;@';

export const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase().padStart(6, '0').slice(-6)}`;

/** Excel dates are wall-clock times: write the spreadsheet-zone wall clock as a UTC Date. */
function excelDate(d: Date, tz: string): { date: Date; midnight: boolean } {
  const w = wallClock(d.getTime(), tz);
  const midnight = !w.hour && !w.minute && !w.second && !w.millisecond;
  return { date: new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond)), midnight };
}

function writeCells(ws: ExcelJS.Worksheet, sheet: SheetModel, tz: string): void {
  const { lastRow, lastColumn } = sheet.extent();
  const values = lastRow ? sheet.readBlock({ row: 1, col: 1, numRows: lastRow, numCols: lastColumn }) : [];
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === '' || sheet.formulas.get(i + 1, j + 1)) return;
      const cell = ws.getCell(i + 1, j + 1);
      if (typeof v === 'object') {
        const { date, midnight } = excelDate(v, tz);
        cell.value = date;
        cell.numFmt = midnight ? AUTO_DATE_FORMAT : AUTO_DATETIME_FORMAT;
      } else cell.value = v;
    }),
  );
  for (const [r, c, f] of sheet.formulas.entries()) ws.getCell(r, c).value = { formula: f.replace(/^=/, '') } as ExcelJS.CellFormulaValue;
  for (const [r, c, note] of sheet.notes.entries()) ws.getCell(r, c).note = note;
  for (const [r, c, fmt] of sheet.numberFormats.entries()) ws.getCell(r, c).numFmt = fmt;
  for (const [r, c, color] of sheet.backgrounds.entries()) {
    ws.getCell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } };
  }
  const font = new Map<string, Partial<ExcelJS.Font>>();
  const fontOf = (r: number, c: number): Partial<ExcelJS.Font> => {
    const key = `${r},${c}`;
    if (!font.has(key)) font.set(key, {});
    return font.get(key) as Partial<ExcelJS.Font>;
  };
  for (const [r, c, v] of sheet.styles.get('fontWeight')?.entries() ?? []) fontOf(r, c).bold = v === 'bold';
  for (const [r, c, v] of sheet.styles.get('fontColor')?.entries() ?? []) fontOf(r, c).color = { argb: argb(String(v)) };
  for (const [r, c, v] of sheet.styles.get('fontSize')?.entries() ?? []) fontOf(r, c).size = Number(v);
  for (const [r, c, v] of sheet.styles.get('fontStyle')?.entries() ?? []) fontOf(r, c).italic = v === 'italic';
  for (const [r, c, v] of sheet.styles.get('fontFamily')?.entries() ?? []) fontOf(r, c).name = String(v);
  for (const [key, f] of font) {
    const [r, c] = key.split(',').map(Number);
    ws.getCell(r, c).font = f;
  }
  for (const [r, c, v] of sheet.styles.get('hAlign')?.entries() ?? []) {
    ws.getCell(r, c).alignment = { ...ws.getCell(r, c).alignment, horizontal: String(v) as ExcelJS.Alignment['horizontal'] };
  }
  for (const [r, c, v] of sheet.styles.get('wrap')?.entries() ?? []) {
    ws.getCell(r, c).alignment = { ...ws.getCell(r, c).alignment, wrapText: v === true };
  }
}

/**
 * A range source trimmed to its last non-blank row (at least one): Excel and LibreOffice, unlike
 * Sheets, offer the blank cells of a source range as empty choices.
 */
function usedPart(src: SheetModel, ref: GridRef): GridRef {
  const values = src.readBlock(ref, (v) => v);
  let rows = values.length;
  while (rows > 1 && values[rows - 1].every((v) => v === '')) rows--;
  return { ...ref, numRows: rows };
}

/** Excel-native list validations so the dropdowns work in Excel too (exact rules live in the meta). */
function writeValidations(ws: ExcelJS.Worksheet, wb: Workbook, runs: SheetMeta['validations']): void {
  for (const { ref, spec } of runs) {
    const [list] = spec.args;
    let formula: string | null = null;
    if (spec.criteria === 'VALUE_IN_LIST' && Array.isArray(list) && list.map(String).join(',').length <= MAX_INLINE_LIST) {
      formula = `"${list.map(String).join(',').replace(/"/g, '""')}"`;
    }
    if (spec.criteria === 'VALUE_IN_RANGE' && list && typeof list === 'object' && !Array.isArray(list) && 'sheetId' in list) {
      const src = wb.getSheetById(list.sheetId);
      if (src)
        formula = `'${xlsxSheetName(src.name).replace(/'/g, "''")}'!${rangeA1(usedPart(src, list)).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
    }
    if (spec.criteria === 'CHECKBOX') formula = '"TRUE,FALSE"';
    if (!formula) continue;
    const dv: ExcelJS.DataValidation = { type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: !spec.allowInvalid };
    if (spec.helpText) {
      dv.prompt = spec.helpText;
      dv.showInputMessage = true;
    }
    (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(rangeA1(ref), dv);
  }
}

/** Excel reserves "History" (any case) as a sheet name; the real name travels in the metadata. */
export function xlsxSheetName(name: string): string {
  return name.toLowerCase() === 'history' ? `${name}_` : name;
}

export async function saveWorkbookXlsx(workbook: Workbook, path: string): Promise<void> {
  const xl = new ExcelJS.Workbook();
  xl.creator = 'sheets-crm local runtime';
  const meta = buildMeta(workbook);
  workbook.sheets.forEach((sheet, i) => {
    const xlsxName = xlsxSheetName(sheet.name);
    if (xlsxName !== sheet.name) meta.sheets[i].xlsxName = xlsxName;
    const ws = xl.addWorksheet(xlsxName, {
      state: sheet.hidden ? 'hidden' : 'visible',
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
      views: sheet.frozenRows || sheet.frozenColumns ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: sheet.frozenColumns }] : [],
    });
    writeCells(ws, sheet, workbook.timeZone);
    for (const [c, px] of sheet.columnWidths) ws.getColumn(c).width = Math.round((px / 7) * 100) / 100;
    for (const c of sheet.hiddenColumns) ws.getColumn(c).hidden = true;
    for (const r of sheet.hiddenRows) ws.getRow(r).hidden = true;
    writeValidations(ws, workbook, meta.sheets[i].validations);
  });
  const hidden = xl.addWorksheet(RUNTIME_SHEET, { state: 'veryHidden' });
  encodeMeta(meta).forEach((chunk, i) => {
    hidden.getCell(`${columnToLetters(1)}${i + 1}`).value = chunk;
  });
  // ExcelJS writes no charts: the summary tabs' charts are added to the package as native charts.
  const saved = new Uint8Array(await xl.xlsx.writeBuffer());
  writeFileSync(
    path,
    addNativeCharts(saved, workbook, (s) => xlsxSheetName(s.name)),
  );
}
