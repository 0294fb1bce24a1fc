/**
 * The few formulas the emulator evaluates (Sheets computes formulas on the server; reading one is
 * one cell). Everything else reads as '#ERROR!', like a formula the emulator cannot compute.
 * Supported: =COUNTA(range), the count of non-empty cells, which the CRM's key index uses as a
 * cheap sentinel of rows added or removed behind its back.
 */
import { parseA1, resolveA1 } from './a1';
import type { CellValue } from './cellValue';
import type { SheetModel } from './sheetModel';

const COUNTA = /^=\s*COUNTA\s*\(\s*(.+?)\s*\)\s*$/i;

export function evaluateFormula(formula: string, sheetNamed: (name: string) => SheetModel | undefined, self: SheetModel): CellValue {
  const m = COUNTA.exec(formula);
  if (!m) return '#ERROR!';
  const ref = parseA1(m[1]);
  if (!ref) return '#ERROR!';
  const sheet = ref.sheetName ? sheetNamed(ref.sheetName) : self;
  if (!sheet || sheet === self) return '#REF!';
  const g = resolveA1(ref, sheet.maxRows, sheet.maxColumns);
  const { lastRow } = sheet.extent();
  let n = 0;
  for (let r = g.row; r < g.row + g.numRows && r <= lastRow; r++) {
    for (let c = g.col; c < g.col + g.numCols; c++) {
      const v = sheet.getCell(r, c);
      if (v !== '' && v !== null) n++;
    }
  }
  return n;
}
