import type { Lang } from '../../schema';

/**
 * The "sheet model" every summary computation returns: display-ready text and numbers, grouped in
 * sections of tables, plus chart specs. Writing it to a tab is generic (src/server/summaries).
 */
export type SummaryKey = 'distribution' | 'funnel' | 'team' | 'value' | 'attention' | 'service' | 'campaigns' | 'targets';
export const SUMMARY_KEYS: readonly SummaryKey[] = [
  'distribution',
  'funnel',
  'team',
  'value',
  'attention',
  'service',
  'campaigns',
  'targets',
];

/** How a column's numbers are shown: counts, one-decimal numbers, scores, percentages, yuan. */
export type ColumnFormat = 'text' | 'count' | 'decimal' | 'score' | 'percent' | 'currency';
export type Cell = string | number | null;

export interface SummaryColumn {
  label: string;
  format: ColumnFormat;
}

export interface SummaryTable {
  columns: SummaryColumn[];
  rows: Cell[][];
  /** Key-value tables: the format of every value cell of row i (overrides the column format). */
  rowFormats?: ColumnFormat[];
}

export type ChartType = 'pie' | 'bar' | 'column' | 'line';

/** A chart over its section's table: label column + value columns, header row + the first rowCount rows. */
export interface SummaryChart {
  type: ChartType;
  title: string;
  labelColumn: number;
  valueColumns: number[];
  rowCount: number;
}

export interface SummarySection {
  title: string;
  note?: string;
  table: SummaryTable;
  charts?: SummaryChart[];
}

export interface SummaryReport {
  key: SummaryKey;
  lang: Lang;
  title: string;
  /** 'YYYY-MM-DD HH:mm' in the spreadsheet time zone. */
  builtAt: string;
  /** The filters in force, in words (echoed on the tab). */
  filterEcho: string;
  sections: SummarySection[];
}

/** Shown where a ratio has a zero denominator or a mean has no values. */
export const NONE = '—';

/** a / b, or '—' when b is 0 (never a division by zero on a tab). */
export function ratio(a: number, b: number): number | string {
  return b === 0 ? NONE : a / b;
}

export function mean(sum: number, count: number): number | string {
  return count === 0 ? NONE : sum / count;
}

/** Rounds money to the cent so sums of floats print cleanly. */
export function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Rounds to one decimal (days, hours). */
export function oneDecimal(v: number | string): number | string {
  return typeof v === 'number' ? Math.round(v * 10) / 10 : v;
}
