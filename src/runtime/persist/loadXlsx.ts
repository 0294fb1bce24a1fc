/** Reads an .xlsx written by saveWorkbookXlsx (or any plain .xlsx) back into a Workbook. */
import ExcelJS from 'exceljs';
import { types } from 'node:util';
import { CellValue } from '../emulator/model/cellValue';
import { DEFAULT_COLUMNS, DEFAULT_ROWS, SheetModel } from '../emulator/model/sheetModel';
import { fromWallClock } from '../emulator/model/timeZone';
import { Workbook } from '../emulator/model/workbook';
import { decodeMeta, RUNTIME_SHEET, SheetMeta } from './meta';
import { AUTO_DATE_FORMAT, AUTO_DATETIME_FORMAT } from './saveXlsx';

const hexOf = (argb: string | undefined): string | null => (argb && argb.length >= 6 ? `#${argb.slice(-6).toLowerCase()}` : null);

/** Excel stores wall-clock dates; ExcelJS hands them over as UTC. Map back to the spreadsheet zone. */
function fromExcelDate(d: Date, tz: string): Date {
  return new Date(
    fromWallClock(
      tz,
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
}

function cellContent(cell: ExcelJS.Cell, tz: string): { value: CellValue; formula?: string } {
  const v = cell.value;
  if (v === null || v === undefined) return { value: '' };
  if (types.isDate(v)) return { value: fromExcelDate(v, tz) };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (cell.type === ExcelJS.ValueType.Formula) return { value: '#ERROR!', formula: `=${cell.formula}` };
  if ('richText' in v) return { value: v.richText.map((t) => t.text).join('') };
  if ('text' in v && typeof v.text === 'string') return { value: v.text };
  if ('error' in v) return { value: String(v.error) };
  return { value: String(v) };
}

function noteText(note: ExcelJS.Cell['note']): string | null {
  if (!note) return null;
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

function readCells(ws: ExcelJS.Worksheet, sheet: SheetModel, tz: string): void {
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    // styled empty cells (e.g. "@" columns) matter too
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const { value, formula } = cellContent(cell, tz);
      if (value !== '') sheet.setCell(r, c, value);
      if (formula) sheet.formulas.set(r, c, formula);
      const note = noteText(cell.note);
      if (note) sheet.notes.set(r, c, note);
      const fmt = cell.numFmt;
      if (fmt && fmt !== 'General' && !(typeof value === 'object' && (fmt === AUTO_DATE_FORMAT || fmt === AUTO_DATETIME_FORMAT))) {
        sheet.numberFormats.set(r, c, fmt);
      }
      const fill = cell.fill;
      if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
        const bg = hexOf(fill.fgColor?.argb);
        if (bg) sheet.backgrounds.set(r, c, bg);
      }
      const font = cell.font;
      if (font?.bold) sheet.style('fontWeight').set(r, c, 'bold');
      if (font?.italic) sheet.style('fontStyle').set(r, c, 'italic');
      const color = hexOf(font?.color?.argb);
      if (color && color !== '#000000') sheet.style('fontColor').set(r, c, color);
      if (cell.alignment?.horizontal) sheet.style('hAlign').set(r, c, cell.alignment.horizontal);
      if (cell.alignment?.wrapText) {
        sheet.style('wrap').set(r, c, true);
        sheet.style('wrapStrategy').set(r, c, 'WRAP');
      }
    });
  });
}

/** Plain-xlsx fallback: Excel list validations become VALUE_IN_LIST rules. */
function readListValidations(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
  for (const [address, dv] of Object.entries(model)) {
    const f = dv?.formulae?.[0];
    if (!dv || dv.type !== 'list' || typeof f !== 'string' || !f.startsWith('"')) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) continue;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const values = f.slice(1, -1).replace(/""/g, '"').split(',');
    sheet.validations.set(Number(m[2]), col, {
      criteria: 'VALUE_IN_LIST',
      args: [values, true],
      allowInvalid: !dv.showErrorMessage,
      helpText: dv.prompt ?? null,
    });
  }
}

function applySheetMeta(sheet: SheetModel, meta: SheetMeta): void {
  const { lastRow, lastColumn } = sheet.extent();
  sheet.maxRows = Math.max(meta.maxRows, lastRow);
  sheet.maxColumns = Math.max(meta.maxColumns, lastColumn);
  sheet.frozenColumns = meta.frozenColumns;
  meta.hiddenRows.forEach((r) => sheet.hiddenRows.add(r));
  sheet.protections = meta.protections;
  sheet.charts = meta.charts;
  for (const { ref, spec } of meta.validations) {
    for (let r = ref.row; r < ref.row + ref.numRows; r++)
      for (let c = ref.col; c < ref.col + ref.numCols; c++) sheet.validations.set(r, c, spec);
  }
}

export async function loadWorkbookXlsx(path: string): Promise<Workbook> {
  const xl = new ExcelJS.Workbook();
  await xl.xlsx.readFile(path);
  const runtimeSheet = xl.getWorksheet(RUNTIME_SHEET);
  const chunks: string[] = [];
  runtimeSheet?.getColumn(1).eachCell((cell) => {
    chunks.push(String(cell.value ?? ''));
  });
  const meta = decodeMeta(chunks);
  const wb = new Workbook({
    withDefaultSheet: false,
    ...(meta ? { id: meta.id, name: meta.name, locale: meta.locale, timeZone: meta.timeZone, owner: meta.owner } : {}),
  });
  for (const ws of xl.worksheets) {
    if (ws.name === RUNTIME_SHEET) continue;
    const sheetMeta = meta?.sheets.find((s) => (s.xlsxName ?? s.name) === ws.name);
    const sheet = sheetMeta ? new SheetModel(sheetMeta.id, sheetMeta.name) : wb.insertSheet(ws.name);
    if (sheetMeta) wb.sheets.push(wb.adopt(sheet));
    sheet.maxRows = Math.max(DEFAULT_ROWS, ws.rowCount);
    sheet.maxColumns = Math.max(DEFAULT_COLUMNS, ws.columnCount);
    sheet.hidden = ws.state !== 'visible';
    sheet.tabColor = hexOf(ws.properties?.tabColor?.argb);
    const view = (ws.views as ExcelJS.WorksheetView[] | null)?.[0];
    if (view?.state === 'frozen') {
      sheet.frozenRows = view.ySplit ?? 0;
      sheet.frozenColumns = view.xSplit ?? 0;
    }
    readCells(ws, sheet, wb.timeZone);
    for (let c = 1; c <= ws.columnCount; c++) {
      const col = ws.getColumn(c);
      if (col.width) sheet.columnWidths.set(c, Math.round(col.width * 7));
      if (col.hidden) sheet.hiddenColumns.add(c);
    }
    if (sheetMeta) applySheetMeta(sheet, sheetMeta);
    else readListValidations(ws, sheet);
  }
  if (meta) {
    wb.editors = meta.editors;
    wb.state = meta.state;
    wb.activeSheetId = meta.activeSheetId;
    wb.restoreCounters(meta.counters.nextSheetId, meta.counters.nextObjectId);
  }
  if (!wb.sheets.length) wb.insertSheet(wb.defaultSheetName());
  return wb;
}
