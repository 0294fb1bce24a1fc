/**
 * The grid's view of the workbook, read from the host-side model (not through the counted
 * services: looking at the sheet is not the bundle's work). Pages of rows keep 100k-row tabs fast.
 */
import { formatDisplay } from '../emulator/model/displayFormat';
import { ruleChecker } from '../emulator/spreadsheet/validationRules';
import type { SheetModel } from '../emulator/model/sheetModel';
import type { Workbook } from '../emulator/model/workbook';
import type { GridCell, RowsPage, SheetInfo } from './protocol';

export const MAX_PAGE_ROWS = 500;
const MAX_COLUMNS = 200;

export function sheetInfos(wb: Workbook): SheetInfo[] {
  return wb.sheets
    .filter((s) => !s.hidden)
    .map((s) => {
      const { lastRow, lastColumn } = s.extent();
      return {
        name: s.name,
        lastRow,
        lastColumn: Math.min(lastColumn, MAX_COLUMNS),
        frozenRows: s.frozenRows,
        widths: Object.fromEntries(s.columnWidths),
        hidden: [...s.hiddenColumns].sort((a, b) => a - b),
      };
    });
}

type Check = ReturnType<typeof ruleChecker>;

function cell(s: SheetModel, wb: Workbook, row: number, col: number, check: Check): GridCell {
  const value = s.getCell(row, col);
  const out: GridCell = { v: formatDisplay(value, s.numberFormats.get(row, col), wb.locale, wb.timeZone) };
  const rule = s.validations.get(row, col);
  if (rule && !check(value, rule)) out.invalid = true;
  const note = s.notes.get(row, col);
  if (note) out.note = note;
  const bg = s.backgrounds.get(row, col);
  if (bg && bg !== '#ffffff') out.bg = bg;
  if (s.style('fontWeight').get(row, col) === 'bold') out.bold = true;
  return out;
}

/** Rows from..from+count-1 (1-based), each as wide as the sheet's data. */
export function rowsPage(wb: Workbook, sheet: string, from: number, count: number): RowsPage {
  const s = wb.getSheet(sheet);
  if (!s) throw new Error(`No sheet named "${sheet}"`);
  const { lastRow, lastColumn } = s.extent();
  const width = Math.min(Math.max(lastColumn, 1), MAX_COLUMNS);
  const start = Math.max(1, Math.floor(from));
  const end = Math.min(start + Math.min(Math.max(1, Math.floor(count)), MAX_PAGE_ROWS) - 1, Math.max(lastRow, start));
  const rows: GridCell[][] = [];
  const check = ruleChecker(wb);
  for (let r = start; r <= end; r++) {
    const cells: GridCell[] = new Array(width);
    for (let c = 1; c <= width; c++) cells[c - 1] = cell(s, wb, r, c, check);
    rows.push(cells);
  }
  return { sheet, from: start, rows };
}
