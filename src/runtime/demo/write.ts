/**
 * Writes a generated dataset straight into an emulator workbook whose tabs setupWorkbook() made:
 * columns found by header (readLayout), values converted by the store's own cellWriter, then stored
 * the way the emulator's setValues would have stored them, but through the raw model (no parsing
 * per cell, no service counting), so 100k customers take seconds.
 */
import { langOfLocale, SEARCH_KEY, tableDef, type Column, type Lang, type TableKey } from '../../schema';
import { searchKeyOf, type Values } from '../../core';
import { daysFromCivil } from '../../core/summaries/dates';
import { cellWriter, readLayout, type ToCell } from '../../store';
import type { CellValue } from '../emulator/model/cellValue';
import { parseTypedText, TEXT_FORMAT } from '../emulator/model/parseInput';
import type { SheetModel } from '../emulator/model/sheetModel';
import { MAX_WORKBOOK_CELLS, type Workbook } from '../emulator/model/workbook';
import type { Dataset } from './generate';

export interface WriteReport {
  /** Rows appended per table. */
  rows: Partial<Record<TableKey, number>>;
  cellsWritten: number;
  /** The workbook's grid size afterwards (rows x columns of every tab), and whether it passes Sheets' 10M-cell limit. */
  workbookCells: number;
  overCellLimit: boolean;
}

/** Rows built and stored per batch: bounds the transient arrays at any dataset size. */
const BATCH_ROWS = 5000;

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}
const twoDigits = (text: string, i: number) => digit(text, i) * 10 + digit(text, i + 1);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Minutes since 1970-01-01 00:00 of a canonical 'YYYY-MM-DD' or 'YYYY-MM-DD HH:mm' wall time, else NaN. */
function wallMinutes(text: string): number {
  const n = text.length;
  if ((n !== 10 && n !== 16) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const y = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const m = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0;
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= DAYS_IN_MONTH[m - 1] + leap)) return NaN;
  let minutes = 0;
  if (n === 16) {
    if (text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58) return NaN;
    const h = twoDigits(text, 11);
    const mi = twoDigits(text, 14);
    if (!(h < 24 && mi < 60)) return NaN;
    minutes = h * 60 + mi;
  }
  return daysFromCivil(y, m, d) * 1440 + minutes;
}

/**
 * Date and date-time text as the emulator stores it when typed: a Date at that wall time in the
 * spreadsheet's zone. The emulator's own parser is asked twice per calendar day (00:00 and 23:59);
 * when no zone transition falls in between, the minutes are added to its midnight, otherwise the
 * parser handles that value itself. Equal wall times share one Date (the model never mutates a
 * stored Date and hands out copies), which saves millions of objects at 100k customers.
 */
class DateCells {
  private readonly shared = new Map<number, Date>();
  /** Midnight of each day (in wall minutes) as an instant in ms, or null when the day has a zone transition. */
  private readonly midnights = new Map<number, number | null>();
  private lastText = '';
  private lastDate: Date | null = null;

  constructor(private readonly timeZone: string) {}

  get(text: string): Date | null {
    if (text === this.lastText) return this.lastDate;
    this.lastText = text;
    this.lastDate = this.parse(text);
    return this.lastDate;
  }

  private parse(text: string): Date | null {
    // updatedAt is kept to the second: whole minutes ('…:00', as generated) take the fast path.
    const wall = wallMinutes(text.length === 19 && text.endsWith(':00') ? text.slice(0, 16) : text);
    if (Number.isNaN(wall)) return this.typed(text);
    const day = wall - (((wall % 1440) + 1440) % 1440);
    let midnight = this.midnights.get(day);
    if (midnight === undefined) {
      const date = text.slice(0, 10);
      const start = this.typed(date);
      const end = this.typed(`${date} 23:59`);
      midnight = start && end && end.getTime() - start.getTime() === 1439 * 60000 ? start.getTime() : null;
      this.midnights.set(day, midnight);
    }
    if (midnight === null) return this.typed(text);
    let d = this.shared.get(wall);
    if (!d) {
      d = new Date(midnight + (wall - day) * 60000);
      this.shared.set(wall, d);
    }
    return d;
  }

  private typed(text: string): Date | null {
    const v = parseTypedText(text, this.timeZone);
    return v instanceof Date ? v : null;
  }
}

interface ColumnPlan {
  key: string;
  at: number;
  write: ToCell;
  /** Date text becomes a Date unless the column is formatted as plain text. */
  asDate: boolean;
  /** Stored cell per input text, while the column repeats few values (enums, owners, pooled text). */
  memo: Map<string, CellValue> | null;
}

/** A column with more distinct texts than this stops memoising (IDs, names...). */
const MEMO_LIMIT = 2000;

function findSheet(workbook: Workbook, key: TableKey, lang: Lang): SheetModel {
  const tab = tableDef(key).tab;
  const sheet = workbook.getSheet(tab[lang]) ?? workbook.getSheet(tab.zh) ?? workbook.getSheet(tab.en);
  if (!sheet) throw new Error(`The workbook has no tab ${tab[lang]}: run setupWorkbook() before writing demo data`);
  return sheet;
}

function planColumns(sheet: SheetModel, key: TableKey, header: readonly CellValue[], records: readonly Values[], lang: Lang) {
  const def = tableDef(key);
  const layout = readLayout(def, header);
  if (layout.duplicates.length) throw new Error(`Tab ${sheet.name} names a column twice: ${layout.duplicates.join(', ')}`);
  const columns: ColumnPlan[] = [];
  for (const col of def.columns) {
    const at = layout.index.get(col.key);
    if (at === undefined) {
      if (records.some((r) => hasValue(r[col.key]))) throw new Error(`Tab ${sheet.name} has no column ${col.label[lang]}`);
      continue;
    }
    const asDate = isDateKind(col) && sheet.numberFormats.get(2, at + 1) !== TEXT_FORMAT;
    columns.push({ key: col.key, at, write: cellWriter(col, lang), asDate, memo: asDate ? null : new Map() });
  }
  return { columns, width: layout.width };
}

const isDateKind = (col: Column) => col.kind === 'date' || col.kind === 'datetime';
const hasValue = (v: unknown) => v !== null && v !== undefined && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0);

/** One cell as the emulator stores what cellWriter produced: the apostrophe keeps text as text. */
function stored(value: unknown, plan: ColumnPlan, dates: DateCells): CellValue {
  const memo = plan.memo;
  if (memo !== null && typeof value === 'string') {
    const hit = memo.get(value);
    if (hit !== undefined) return hit;
    const cell = convert(value, plan, dates);
    if (memo.size < MEMO_LIMIT) memo.set(value, cell);
    else plan.memo = null;
    return cell;
  }
  return convert(value, plan, dates);
}

function convert(value: unknown, plan: ColumnPlan, dates: DateCells): CellValue {
  const cell = plan.write(value);
  if (typeof cell !== 'string' || cell === '') return cell;
  if (cell.charCodeAt(0) === 39) return cell.slice(1);
  return plan.asDate ? (dates.get(cell) ?? cell) : cell;
}

/** Appends every table of `dataset` below the rows its tab already has (the header, or settings rows). */
export function writeDataset(workbook: Workbook, dataset: Dataset, lang: Lang = langOfLocale(workbook.locale)): WriteReport {
  const dates = new DateCells(workbook.timeZone);
  const report: WriteReport = { rows: {}, cellsWritten: 0, workbookCells: 0, overCellLimit: false };
  for (const key of Object.keys(dataset) as TableKey[]) {
    const records = dataset[key] ?? [];
    if (!records.length) continue;
    const sheet = findSheet(workbook, key, lang);
    const { lastRow, lastColumn } = sheet.extent();
    if (lastRow === 0) throw new Error(`Tab ${sheet.name} has no header row: run setupWorkbook() first`);
    const header = sheet.readBlock({ row: 1, col: 1, numRows: 1, numCols: lastColumn })[0];
    const { columns, width } = planColumns(sheet, key, header, records, lang);
    const def = tableDef(key);
    for (let from = 0; from < records.length; from += BATCH_ROWS) {
      const to = Math.min(records.length, from + BATCH_ROWS);
      const block: CellValue[][] = [];
      for (let i = from; i < to; i++) {
        const row: CellValue[] = new Array<CellValue>(width).fill('');
        const record = records[i];
        for (const plan of columns)
          row[plan.at] = plan.key === SEARCH_KEY ? searchKeyOf(def, record) : stored(record[plan.key], plan, dates);
        block.push(row);
      }
      sheet.setValuesRaw(lastRow + 1 + from, 1, block);
    }
    report.rows[key] = records.length;
    report.cellsWritten += records.length * width;
  }
  report.workbookCells = workbook.cellCount;
  report.overCellLimit = report.workbookCells > MAX_WORKBOOK_CELLS;
  return report;
}
