/**
 * Capacity figures from a generated workbook: how many customers, each with the generator's
 * proportional history, fit in Sheets' 10M cells, under a few layouts. Uses src/core/capacity.ts,
 * the same arithmetic getCapacity() serves.
 */
import { CAPACITY_WARNING_RATIO, cellsPerCustomer, customersThatFit, SHEETS_CELL_LIMIT, type TableGrowth } from '../src/core/capacity';
import type { TabShape } from './workbook';

export interface CapacityScenario {
  name: string;
  /** Cells each further customer adds. */
  cellsPerCustomer: number;
  /** Customers that fit under the hard limit, and under the 80% warning. */
  fit: number;
  fitAtWarning: number;
}

export interface CapacityReport {
  /** The generated size the proportions were measured at. */
  measuredAt: number;
  /** Grid cells after setupWorkbook(), before any customer. */
  fixedCells: number;
  /** Data rows per customer, all tables together. */
  rowsPerCustomer: number;
  perTable: { table: string; rowsPerCustomer: number; columns: number; usedColumns: number }[];
  scenarios: CapacityScenario[];
}

function scenario(name: string, growth: TableGrowth[], fixedCells: number): CapacityScenario {
  return {
    name,
    cellsPerCustomer: cellsPerCustomer(growth),
    fit: customersThatFit(growth, fixedCells),
    fitAtWarning: customersThatFit(growth, fixedCells, SHEETS_CELL_LIMIT, CAPACITY_WARNING_RATIO),
  };
}

/** Whole hundreds: the figure is an estimate, not a promise to the customer. */
export const roundDown = (n: number, step = 100) => Math.floor(n / step) * step;

/** Tables that grow with customers (settings, products and campaigns stay within a new tab's grid). */
const grows = (t: TabShape) => t.rows > 0 && t.table !== 'settings' && t.table !== 'products' && t.table !== 'campaigns';

/**
 * `setupCells`: the grid right after setupWorkbook(). A growing tab's first 1,000 grid rows are
 * filled by its first customers, so only its header row is a fixed cost; everything else set up
 * (settings, summary tabs, small tables, the empty change log) is fixed as it is.
 */
export function capacityReport(customers: number, tabs: readonly TabShape[], setupCells: number): CapacityReport {
  const data = tabs.filter(grows);
  const fixedCells = setupCells - data.reduce((n, t) => n + (t.setupRows - 1) * t.maxColumns, 0);
  const perTable = data.map((t) => ({
    table: t.table,
    rowsPerCustomer: t.rows / customers,
    columns: t.maxColumns,
    usedColumns: t.usedColumns,
  }));
  const rowsPerCustomer = perTable.reduce((n, t) => n + t.rowsPerCustomer, 0);
  const history = tabs.find((t) => t.table === 'history');
  const asBuilt: TableGrowth[] = perTable.map((t) => ({ table: t.table, rowsPerCustomer: t.rowsPerCustomer, columns: t.columns }));
  const trimmed: TableGrowth[] = perTable.map((t) => ({ table: t.table, rowsPerCustomer: t.rowsPerCustomer, columns: t.usedColumns }));
  // Every record saved through the CRM logs at least one change-log row (its creation).
  const logged = (growth: TableGrowth[], columns: number): TableGrowth[] => [...growth, { table: 'history', rowsPerCustomer, columns }];
  const historyColumns = history?.maxColumns ?? 26;
  const historyUsed = history?.usedColumns ?? 9;
  // Once the change log grows, its empty set-up grid is filled like the other growing tabs'.
  const loggedFixed = fixedCells - (history ? (history.setupRows - 1) * history.maxColumns : 0);
  return {
    measuredAt: customers,
    fixedCells,
    rowsPerCustomer,
    perTable,
    scenarios: [
      scenario('as generated (no change-log rows), tabs as setupWorkbook leaves them', asBuilt, fixedCells),
      scenario('as generated, tabs trimmed to the columns they use', trimmed, fixedCells),
      scenario('plus one change-log row per record, tabs as left', logged(asBuilt, historyColumns), loggedFixed),
      scenario('plus one change-log row per record, trimmed', logged(trimmed, historyUsed), loggedFixed),
    ],
  };
}
