/**
 * The cost model that turns the emulator's counts into modelled Apps Script seconds:
 *   modelled s = round trips x ROUND_TRIP_S + (cells read + cells written) x CELL_S.
 * Sources (docs/PERFORMANCE.md quotes them):
 * - ROUND_TRIP_S: 0.1-0.3 s per round trip (docs/PERFORMANCE.md), middle value. Consistent with 1,000
 *   getLastRow() calls taking 160 s (0.16 s each) and one getValues() taking 0.175 s in a logged
 *   execution transcript; a metadata read on a 10M-cell sheet takes about 0.3 s (the top of the range).
 * - CELL_S: the marginal cost of one more cell in a batched getValues/setValues. Published
 *   measurements bound it: one getValues plus one setValues of 1,000 cells each added ~0.125 s to a
 *   script (<= 60 us per cell), and a flushed 4,000-cell setValues took 0.61 s against 0.03 s for
 *   10 cells (~145 us per written cell, on the 2013 Sheets backend, an upper bound). 20 us is taken:
 *   a 5,000-cell read then costs about as much as its round trip (one getValues of thousands of
 *   cells costs about the same as one getValue). Also the constant
 *   test/integrity uses, so every modelled figure in the project agrees.
 */

export const ROUND_TRIP_S = 0.15;
export const CELL_S = 20e-6;
/** Sheets' hard limit on cells per spreadsheet (all tabs, max rows x max columns). */
export const CELL_LIMIT = 10_000_000;
/** Apps Script's limit on one execution. */
export const EXECUTION_LIMIT_S = 360;

export interface ServiceCounts {
  calls: number;
  roundTrips: number;
  cellsRead: number;
  cellsWritten: number;
}

export function modelledSeconds(c: Pick<ServiceCounts, 'roundTrips' | 'cellsRead' | 'cellsWritten'>): number {
  return c.roundTrips * ROUND_TRIP_S + (c.cellsRead + c.cellsWritten) * CELL_S;
}

/** The same split, so tables can say whether trips or cells dominate. */
export function modelledParts(c: Pick<ServiceCounts, 'roundTrips' | 'cellsRead' | 'cellsWritten'>): { tripsS: number; cellsS: number } {
  return { tripsS: c.roundTrips * ROUND_TRIP_S, cellsS: (c.cellsRead + c.cellsWritten) * CELL_S };
}
