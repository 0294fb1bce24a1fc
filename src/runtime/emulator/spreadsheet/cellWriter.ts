/** Parses and stores 2-D input into a sheet (shared by Range writes, appendRow and user edits). */
import { GridRef } from '../model/a1';
import { CellValue } from '../model/cellValue';
import { ParsedInput, parseInput } from '../model/parseInput';
import { SheetModel } from '../model/sheetModel';

/** Value a formula cell shows: the emulator does not evaluate formulas. */
export const FORMULA_PLACEHOLDER = '#ERROR!';

/** Parses every cell first so a bad value leaves the sheet untouched. */
export function parseBlock(sheet: SheetModel, ref: GridRef, values: readonly (readonly unknown[])[], timeZone: string): ParsedInput[][] {
  const formats = sheet.numberFormats.isEmpty ? null : sheet.numberFormats;
  const out: ParsedInput[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const src = values[i];
    const row: ParsedInput[] = new Array(src.length);
    for (let j = 0; j < src.length; j++) {
      row[j] = parseInput(src[j], formats?.get(ref.row + i, ref.col + j), timeZone);
    }
    out[i] = row;
  }
  return out;
}

/** Stores parsed cells; a null entry leaves its cell untouched (the Sheets API's "skip" for null). */
export function writeBlock(sheet: SheetModel, row: number, col: number, parsed: readonly (readonly (ParsedInput | null)[])[]): void {
  const hadFormulas = !sheet.formulas.isEmpty;
  for (let i = 0; i < parsed.length; i++) {
    const src = parsed[i];
    for (let j = 0; j < src.length; j++) {
      const p = src[j];
      if (p === null) continue;
      const r = row + i,
        c = col + j;
      if (p.kind === 'formula') {
        sheet.setCell(r, c, FORMULA_PLACEHOLDER);
        sheet.formulas.set(r, c, p.formula);
      } else {
        sheet.setCell(r, c, p.value);
        if (hadFormulas) sheet.formulas.set(r, c, undefined);
      }
    }
  }
}

/** Copies a stored value into the bundle's realm (fresh Date objects). */
export function realmCell(v: CellValue, date: (ms: number) => Date): CellValue {
  return typeof v === 'object' ? date(v.getTime()) : v;
}
