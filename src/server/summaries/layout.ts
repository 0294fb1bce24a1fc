import type { ChartType, ColumnFormat, SummaryReport, SummaryTable } from '../../core/summaries';
import { escapeText } from '../../store';

/**
 * Where things go on a summary tab. Row 1: title; rows 2-3: the filter area (labels, the cells a
 * manager sets); from row 4: the block this module lays out (built-at, filter echo, sections).
 * Pure: no Apps Script calls, so the writer stays a fixed handful of calls per tab.
 */
export const TITLE_ROW = 1;
export const FILTER_LABEL_ROW = 2;
export const FILTER_ROW = 3;
export const BLOCK_ROW = 4;
/** Charts stack to the right of the tables, one every CHART_ROWS rows. */
const CHART_ROWS = 18;

export const NUMBER_FORMATS: Readonly<Record<Exclude<ColumnFormat, 'text'>, string>> = {
  count: '#,##0',
  decimal: '#,##0.0',
  score: '0.00',
  percent: '0.0%',
  currency: '¥#,##0.00',
};

export type SheetValue = string | number;

export interface GridRange {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ChartPlacement {
  type: ChartType;
  title: string;
  ranges: GridRange[];
  row: number;
  column: number;
}

export interface SheetBlock {
  row: number;
  /** Every row padded to `width`; text already escaped (never a formula). */
  values: SheetValue[][];
  width: number;
  /** Number format pattern → A1 ranges using it. */
  numberFormats: [string, string[]][];
  /** Section titles and header rows. */
  bold: string[];
  headers: string[];
  titles: string[];
  notes: string[];
  charts: ChartPlacement[];
}

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function a1(r: GridRange): string {
  const start = `${columnLetters(r.column)}${r.row}`;
  return r.numRows === 1 && r.numColumns === 1 ? start : `${start}:${columnLetters(r.column + r.numColumns - 1)}${r.row + r.numRows - 1}`;
}

/** Text is escaped so `=`, `+`, `-`, `@` and number-like text stay text; non-finite numbers show '—'. */
export function sheetValue(v: string | number | null): SheetValue {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '—';
  return escapeText(v);
}

/** Contiguous runs of the chart's columns (label first), each as one range: header + rowCount rows. */
function chartRanges(table: SummaryTable, headerRow: number, labelColumn: number, valueColumns: number[], rowCount: number): GridRange[] {
  const cols = [labelColumn, ...valueColumns.filter((c) => c !== labelColumn && c < table.columns.length)];
  const ranges: GridRange[] = [];
  for (const c of cols) {
    const last = ranges[ranges.length - 1];
    if (last && last.column + last.numColumns === c + 1) last.numColumns++;
    else ranges.push({ row: headerRow, column: c + 1, numRows: rowCount + 1, numColumns: 1 });
  }
  return ranges;
}

/** `usage`: a line under the filter echo (the workbook's use of Sheets' cell limit, first tab only). */
export function layoutReport(report: SummaryReport, labels: { builtAt: string; filters: string; usage?: string }): SheetBlock {
  const sep = report.lang === 'zh' ? '：' : ': ';
  const rows: (string | number | null)[][] = [
    [`${labels.builtAt}${sep}${report.builtAt}`],
    [`${labels.filters}${sep}${report.filterEcho}`],
  ];
  if (labels.usage) rows.push([labels.usage]);
  rows.push([]);
  const formats = new Map<string, string[]>();
  const block: SheetBlock = {
    row: BLOCK_ROW,
    values: [],
    width: 1,
    numberFormats: [],
    bold: [],
    headers: [],
    titles: [],
    notes: [],
    charts: [],
  };
  const addFormat = (format: ColumnFormat, range: GridRange) => {
    if (format === 'text') return;
    const pattern = NUMBER_FORMATS[format];
    const list = formats.get(pattern) ?? [];
    list.push(a1(range));
    formats.set(pattern, list);
  };
  const at = () => BLOCK_ROW + rows.length;
  for (const section of report.sections) {
    const { table } = section;
    const width = table.columns.length;
    block.width = Math.max(block.width, width);
    block.titles.push(a1({ row: at(), column: 1, numRows: 1, numColumns: 1 }));
    block.bold.push(block.titles[block.titles.length - 1]);
    rows.push([section.title]);
    if (section.note) {
      block.notes.push(a1({ row: at(), column: 1, numRows: 1, numColumns: 1 }));
      rows.push([section.note]);
    }
    const headerRow = at();
    const header = { row: headerRow, column: 1, numRows: 1, numColumns: width };
    block.bold.push(a1(header));
    block.headers.push(a1(header));
    rows.push(table.columns.map((c) => c.label));
    const first = at();
    rows.push(...table.rows);
    if (table.rowFormats) {
      table.rowFormats.forEach((f, i) => width > 1 && addFormat(f, { row: first + i, column: 2, numRows: 1, numColumns: width - 1 }));
    } else {
      table.columns.forEach((c, i) => addFormat(c.format, { row: first, column: i + 1, numRows: table.rows.length, numColumns: 1 }));
    }
    for (const chart of section.charts ?? []) {
      block.charts.push({
        type: chart.type,
        title: chart.title,
        ranges: chartRanges(table, headerRow, chart.labelColumn, chart.valueColumns, Math.min(chart.rowCount, table.rows.length)),
        row: 0,
        column: 0,
      });
    }
    rows.push([]);
  }
  block.values = rows.map((r) => Array.from({ length: block.width }, (_, i) => sheetValue(r[i] ?? null)));
  block.numberFormats = [...formats.entries()];
  // Charts sit right of the widest table, one under the other.
  block.charts.forEach((c, i) => {
    c.row = BLOCK_ROW + i * CHART_ROWS;
    c.column = block.width + 2;
  });
  return block;
}
