/**
 * What an .xlsx cannot hold natively (grid size, sheet ids, protections, charts, exact validations,
 * script state) travels as JSON in a veryHidden `_runtime` sheet, chunked under Excel's 32,767-char
 * cell limit. Dates inside the JSON are tagged so they come back as Dates.
 */
import { types } from 'node:util';
import { GridRef } from '../emulator/model/a1';
import { SheetModel } from '../emulator/model/sheetModel';
import { ChartSpec, ProtectionSpec, RuntimeState, ValidationSpec } from '../emulator/model/specs';
import { Workbook } from '../emulator/model/workbook';

export const RUNTIME_SHEET = '_runtime';
export const META_VERSION = 1;
const CHUNK = 30000;

export interface SheetMeta {
  name: string;
  /** The worksheet's name in the file when Excel forbids the real one ("History"). */
  xlsxName?: string;
  id: number;
  maxRows: number;
  maxColumns: number;
  frozenColumns: number;
  hiddenRows: number[];
  protections: ProtectionSpec[];
  charts: ChartSpec[];
  validations: { ref: GridRef; spec: ValidationSpec }[];
}

export interface WorkbookMeta {
  version: number;
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  owner: string;
  editors: string[];
  activeSheetId: number;
  counters: { nextSheetId: number; nextObjectId: number };
  state: RuntimeState;
  sheets: SheetMeta[];
}

/** Groups per-cell validations into vertical runs of the same rule (column by column). */
function validationRuns(sheet: SheetModel): SheetMeta['validations'] {
  const byCol = new Map<number, [number, ValidationSpec][]>();
  for (const [r, c, spec] of sheet.validations.entries()) {
    const list = byCol.get(c) ?? [];
    list.push([r, spec]);
    byCol.set(c, list);
  }
  const runs: SheetMeta['validations'] = [];
  for (const [col, cells] of [...byCol].sort((a, b) => a[0] - b[0])) {
    cells.sort((a, b) => a[0] - b[0]);
    let start = 0;
    for (let i = 1; i <= cells.length; i++) {
      const same =
        i < cells.length &&
        cells[i][0] === cells[i - 1][0] + 1 &&
        (cells[i][1] === cells[start][1] || JSON.stringify(cells[i][1]) === JSON.stringify(cells[start][1]));
      if (same) continue;
      runs.push({ ref: { row: cells[start][0], col, numRows: i - start, numCols: 1 }, spec: cells[start][1] });
      start = i;
    }
  }
  return runs;
}

export function buildMeta(wb: Workbook): WorkbookMeta {
  return {
    version: META_VERSION,
    id: wb.id,
    name: wb.name,
    locale: wb.locale,
    timeZone: wb.timeZone,
    owner: wb.owner,
    editors: wb.editors,
    activeSheetId: wb.activeSheetId,
    counters: wb.counters,
    state: wb.state,
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      id: s.id,
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
      frozenColumns: s.frozenColumns,
      hiddenRows: [...s.hiddenRows],
      protections: s.protections,
      charts: s.charts,
      validations: validationRuns(s),
    })),
  };
}

export function encodeMeta(meta: WorkbookMeta): string[] {
  const json = JSON.stringify(meta, function replacer(this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return types.isDate(raw) ? { $date: raw.toISOString() } : value;
  });
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) chunks.push(json.slice(i, i + CHUNK));
  return chunks;
}

export function decodeMeta(chunks: string[]): WorkbookMeta | null {
  if (!chunks.length) return null;
  const meta = JSON.parse(chunks.join(''), (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$date' in value && Object.keys(value).length === 1) {
      return new Date(String((value as { $date: string }).$date));
    }
    return value;
  }) as WorkbookMeta;
  return meta.version === META_VERSION ? meta : null;
}
