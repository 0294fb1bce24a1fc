/**
 * A person typing or pasting into the grid: values are parsed like UI input, protections and
 * rejecting validations apply, and the installable-onEdit event object is returned.
 */
import { EditEvent } from '../types';
import { Env } from './env';
import { CellValue } from './model/cellValue';
import { wallClock } from './model/timeZone';
import { parseBlock, writeBlock } from './spreadsheet/cellWriter';
import { canEditRange, checkGrid, ensureGrid } from './spreadsheet/guards';
import { EmuRange } from './spreadsheet/range';
import { EmuSpreadsheet } from './spreadsheet/spreadsheet';
import { satisfiesRule } from './spreadsheet/validationRules';
import { EmuUser } from './services/session';
import { cellA1 } from './model/a1';

/** How e.value / e.oldValue report a cell: text, with dates as their serial number. */
function eventText(v: CellValue, timeZone: string): string | undefined {
  if (v === '') return undefined;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const off = wallClock(v.getTime(), timeZone).offsetMinutes;
    return String((v.getTime() + off * 60000) / 86400000 + 25569);
  }
  return String(v);
}

export function applyUserEdit(env: Env, sheetName: string, row: number, column: number, values: unknown[][]): EditEvent {
  const wb = env.workbook;
  const sheet = wb.getSheet(sheetName);
  if (!sheet) throw new Error(`No sheet named "${sheetName}"`);
  if (!values.length || !values[0].length) throw new Error('userEdit needs at least one value');
  const numCols = Math.max(...values.map((r) => r.length));
  // A paste that runs past the grid's last row or column grows the grid to fit, as Sheets does.
  if (values.length > 1 || numCols > 1) {
    checkGrid(sheet, { row, col: column, numRows: 1, numCols: 1 });
    ensureGrid(wb, sheet, row + values.length - 1, column + numCols - 1);
  }
  const ref = checkGrid(sheet, { row, col: column, numRows: values.length, numCols });
  if (!canEditRange(wb, sheet, ref, env.user)) {
    throw new Error(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
  }
  const parsed = parseBlock(sheet, ref, values, wb.timeZone);
  parsed.forEach((cells, i) =>
    cells.forEach((p, j) => {
      const rule = sheet.validations.get(ref.row + i, ref.col + j);
      if (p.kind === 'value' && rule && !rule.allowInvalid && !satisfiesRule(p.value, rule, wb)) {
        throw new Error(
          `There was a problem. The data you entered in cell ${cellA1(ref.row + i, ref.col + j)} violates the data validation rules set on this cell.`,
        );
      }
    }),
  );
  const single = ref.numRows === 1 && ref.numCols === 1;
  const before = single ? sheet.getCell(ref.row, ref.col) : '';
  writeBlock(sheet, ref.row, ref.col, parsed);
  const trigger = wb.state.triggers.find((t) => t.eventType === 'ON_EDIT' && t.sourceId === wb.id);
  const event: EditEvent = {
    source: env.expose(new EmuSpreadsheet(env, wb)),
    range: env.expose(new EmuRange(env, wb, sheet, ref)),
    user: env.expose(new EmuUser(env.user)),
    authMode: 'FULL',
    triggerUid: trigger?.uid ?? '',
  };
  if (single) {
    const value = eventText(sheet.getCell(ref.row, ref.col), wb.timeZone);
    const oldValue = eventText(before, wb.timeZone);
    if (value !== undefined) event.value = value;
    if (oldValue !== undefined) event.oldValue = oldValue;
  }
  return event;
}
