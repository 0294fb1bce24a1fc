/** Checks shared by Sheet and Range: grid bounds and protections. */
import { Env } from '../env';
import { gasError } from '../errors';
import { GridRef } from '../model/a1';
import { SheetModel } from '../model/sheetModel';
import { contains, overlaps, ProtectionSpec } from '../model/specs';
import { Workbook } from '../model/workbook';

/** Validates a range request the way Sheet.getRange / Range.offset do. */
export function checkGrid(sheet: SheetModel, ref: GridRef): GridRef {
  const nums = [ref.row, ref.col, ref.numRows, ref.numCols];
  if (nums.some((n) => typeof n !== 'number' || Number.isNaN(n))) throw gasError('Range not found');
  if (ref.row < 1) throw gasError('The starting row of the range is too small.');
  if (ref.col < 1) throw gasError('The starting column of the range is too small.');
  if (ref.numRows < 1) throw gasError('The number of rows in the range must be at least 1.');
  if (ref.numCols < 1) throw gasError('The number of columns in the range must be at least 1.');
  if (ref.row + ref.numRows - 1 > sheet.maxRows || ref.col + ref.numCols - 1 > sheet.maxColumns) {
    throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return { row: Math.floor(ref.row), col: Math.floor(ref.col), numRows: Math.floor(ref.numRows), numCols: Math.floor(ref.numCols) };
}

function blocks(p: ProtectionSpec, ref: GridRef, user: string): boolean {
  if (p.warningOnly || p.editors.includes(user)) return false;
  if (p.range) return overlaps(p.range, ref);
  return !p.unprotected.some((u) => contains(u, ref));
}

export function canEditRange(wb: Workbook, sheet: SheetModel, ref: GridRef, user: string): boolean {
  if (user === wb.owner) return true;
  return !sheet.protections.some((p) => blocks(p, ref, user));
}

/** Scripts run as the active user: editing a protected range they may not edit throws. */
export function assertEditable(env: Env, wb: Workbook, sheet: SheetModel, ref: GridRef): void {
  if (!canEditRange(wb, sheet, ref, env.runAs)) {
    throw gasError(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
  }
}

/** Grows the grid to hold `rows` x `cols`, respecting the workbook cell limit. */
export function ensureGrid(wb: Workbook, sheet: SheetModel, rows: number, cols: number): void {
  const newRows = Math.max(sheet.maxRows, rows);
  const newCols = Math.max(sheet.maxColumns, cols);
  wb.assertCellBudget(newRows * newCols - sheet.cellCount);
  sheet.maxRows = newRows;
  sheet.maxColumns = newCols;
}
