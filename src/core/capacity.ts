/**
 * How full the workbook is against Google Sheets' 10-million-cell limit. Sheets counts every cell of
 * every tab's grid (max rows x max columns), empty or not, so the input is grid sizes, not data.
 * Pure: the server reads the grid sizes (one metadata read per tab, constant in rows).
 */

/** Cells a Google Sheets spreadsheet may hold, across all its tabs. */
export const SHEETS_CELL_LIMIT = 10_000_000;
/** Share of the limit from which people are warned (time to archive or split the workbook). */
export const CAPACITY_WARNING_RATIO = 0.8;

export interface TabGrid {
  name: string;
  rows: number;
  columns: number;
}

export type CapacityLevel = 'ok' | 'warning' | 'full';

export interface TabUsage extends TabGrid {
  cells: number;
  /** This tab's share of the limit, 0..1. */
  share: number;
}

export interface Capacity {
  usedCells: number;
  limit: number;
  /** usedCells / limit (may pass 1 on an emulated workbook; Sheets refuses to grow past it). */
  ratio: number;
  remainingCells: number;
  level: CapacityLevel;
  /** Largest first. */
  tabs: TabUsage[];
}

export function capacityLevel(ratio: number, warningRatio = CAPACITY_WARNING_RATIO): CapacityLevel {
  if (ratio >= 1) return 'full';
  return ratio >= warningRatio ? 'warning' : 'ok';
}

export function capacityOf(tabs: readonly TabGrid[], limit = SHEETS_CELL_LIMIT, warningRatio = CAPACITY_WARNING_RATIO): Capacity {
  const usage = tabs.map((t): TabUsage => {
    const cells = Math.max(0, t.rows) * Math.max(0, t.columns);
    return { ...t, cells, share: cells / limit };
  });
  const usedCells = usage.reduce((n, t) => n + t.cells, 0);
  const ratio = usedCells / limit;
  const remainingCells = Math.max(0, limit - usedCells);
  // Full as soon as the widest tab cannot take one more row: saves to it already fail.
  const widest = usage.reduce((w, t) => Math.max(w, t.columns), 0);
  const level = remainingCells < widest ? 'full' : capacityLevel(ratio, warningRatio);
  return {
    usedCells,
    limit,
    ratio,
    remainingCells,
    level,
    tabs: usage.sort((a, b) => b.cells - a.cells || a.name.localeCompare(b.name)),
  };
}

/** Rows one customer brings to a table (its own row, its contacts, follow-ups...) and that tab's width. */
export interface TableGrowth {
  table: string;
  rowsPerCustomer: number;
  columns: number;
}

/** Grid cells each further customer adds: rows per customer x tab width, summed over the tables. */
export function cellsPerCustomer(growth: readonly TableGrowth[]): number {
  return growth.reduce((n, g) => n + g.rowsPerCustomer * g.columns, 0);
}

/**
 * Customers (with their proportional history) that fit under the limit, given the cells the
 * workbook uses before any customer (headers, settings, summary tabs, each tab's minimum grid) and
 * the share of the limit to stay under (1 = up to the hard limit, 0.8 = up to the warning).
 */
export function customersThatFit(growth: readonly TableGrowth[], fixedCells: number, limit = SHEETS_CELL_LIMIT, share = 1): number {
  const perCustomer = cellsPerCustomer(growth);
  if (perCustomer <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor((limit * share - fixedCells) / perCustomer));
}
