import type { SheetCell } from './cells';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
export type Cell = string | number | boolean | Date;

import { INDEX_TAB } from './keyColumns';

/** A1 letters of a 1-based column. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet name as A1 notation wants it: always quoted, quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * Encoded length of a read's ranges above which it goes by POST (values.batchGetByDataFilter):
 * batchGet puts every range in its URL and Google refuses URLs of roughly 16k characters; this
 * stays well under, leaving room for the rest of the URL and encoders that escape more.
 */
export const LONG_READ_URL_CHARS = 6000;

/**
 * Ranges per batchGetByDataFilter request. The API documents no limit, but a request of tens of
 * thousands of filters is megabytes of JSON each way; a longer read goes as several requests (a
 * round trip each), so one request stays around a quarter of a megabyte.
 */
export const MAX_FILTERS_PER_READ = 5000;

/** Values as stored (dates as serial numbers), rows first: cellReader converts by column kind. */
const READ_OPTIONS = { valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER', majorDimension: 'ROWS' } as const;

/** What the ranges add to a batchGet URL: `ranges=<encoded>&` each. */
export function rangesQueryLength(ranges: readonly string[]): number {
  return ranges.reduce((n, r) => n + 'ranges='.length + encodeURIComponent(r).length + 1, 0);
}

/**
 * A block of a sheet: rows × columns from (row, column), 1-based. numRows null: down to the grid's
 * end; numColumns null: whole rows (numRows of them, default 1).
 */
export interface Block {
  sheet: string;
  row: number;
  column: number;
  numRows: number | null;
  numColumns: number | null;
}

/** A1 of a block; open-ended rows/columns are written as Sheets reads them (A2:A, 5:5). */
export function blockA1(b: Block): string {
  const name = quoteSheet(b.sheet);
  if (b.numColumns === null && b.numRows === null) return name;
  // Whole rows: the grid's width, whatever columns people added.
  if (b.numColumns === null) return `${name}!${b.row}:${b.row + (b.numRows ?? 1) - 1}`;
  const c1 = columnLetters(b.column);
  const c2 = columnLetters(b.column + b.numColumns - 1);
  return b.numRows === null ? `${name}!${c1}${b.row}:${c2}` : `${name}!${c1}${b.row}:${c2}${b.row + b.numRows - 1}`;
}

/**
 * Reads and writes of scattered blocks, each batch one round trip. With the Sheets advanced service
 * (enabled in appsscript.json) a batch of any number of blocks is one values.batchGet /
 * values.batchUpdate (a read whose ranges would make too long a URL for batchGet, a GET, goes as
 * values.batchGetByDataFilter, a POST: same answers, same one round trip); without it (a copy of
 * the script without the service) each block is one getValues / setValues, slower but the same
 * answers.
 *
 * `beforeApi` runs before each API call (with the blocks about to be read, null for a write), so
 * the store can first send what it holds back that the call must see.
 *
 * Reads through the API return unformatted values: dates come as serial numbers (cellReader turns
 * them into dates by column kind) and trailing blank cells are missing (read as '').
 */
export class CellIO {
  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly useApi: boolean,
    /** Dates written through the API go as text in the spreadsheet's time zone (the API takes no Date). */
    private readonly dateText: (d: Date) => string = (d) => d.toISOString(),
    private readonly beforeApi: (reading: readonly Block[] | null) => void = () => undefined,
  ) {}

  private api(): GoogleAppsScript.Sheets.Collection.Spreadsheets.ValuesCollection | null {
    return !this.useApi || typeof Sheets === 'undefined' || !Sheets ? null : Sheets.Spreadsheets.Values;
  }

  /** Every tab's grid height and sheet ID by name, in one metadata call (null without the API). */
  grids(): Map<string, { rows: number; sheetId: number }> | null {
    if (!this.api() || typeof Sheets === 'undefined' || !Sheets) return null;
    const res = Sheets.Spreadsheets.get(this.spreadsheet.getId(), { fields: 'sheets.properties(sheetId,title,gridProperties.rowCount)' });
    const out = new Map<string, { rows: number; sheetId: number }>();
    for (const sh of res.sheets ?? []) {
      const p = sh.properties;
      if (p?.title && typeof p.gridProperties?.rowCount === 'number' && typeof p.sheetId === 'number')
        out.set(p.title, { rows: p.gridProperties.rowCount, sheetId: p.sheetId });
    }
    return out;
  }

  /**
   * Creates a tab of exactly rows × columns (hidden if asked) in one structural request: no default
   * 1000 × 26 grid first, which near Sheets' 10M-cell limit would not fit. False without the API.
   */
  addSheet(title: string, rows: number, columns: number, hidden: boolean): boolean {
    if (!this.api() || typeof Sheets === 'undefined' || !Sheets) return false;
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: [{ addSheet: { properties: { title, hidden, gridProperties: { rowCount: rows, columnCount: columns } } } }],
      },
      this.spreadsheet.getId(),
    );
    return true;
  }

  /** Adds rows at the end of several tabs' grids in one structural request (API only). */
  growGrids(growth: readonly { sheetId: number; from: number; count: number }[]): void {
    if (!growth.length || typeof Sheets === 'undefined' || !Sheets) return;
    Sheets.Spreadsheets.batchUpdate(
      {
        requests: growth.map((g) => ({
          insertDimension: {
            range: { sheetId: g.sheetId, dimension: 'ROWS', startIndex: g.from, endIndex: g.from + g.count },
            inheritFromBefore: true,
          },
        })),
      },
      this.spreadsheet.getId(),
    );
  }

  get batched(): boolean {
    return this.api() !== null;
  }

  /**
   * The key index tab's width, asked (one round trip) only after a read went past its grid: a tab
   * built before the index had its newer columns. Blocks past it then read as empty (unbuilt).
   */
  indexWidth: number | null = null;

  private pastIndexGrid(b: Block): boolean {
    return this.indexWidth !== null && b.sheet === INDEX_TAB && b.column + (b.numColumns ?? 1) - 1 > this.indexWidth;
  }

  read(blocks: readonly Block[]): SheetCell[][][] {
    if (!blocks.length) return [];
    const asked = blocks.filter((b) => !this.pastIndexGrid(b));
    if (asked.length < blocks.length) {
      const got = asked.length ? this.read(asked) : [];
      let i = 0;
      return blocks.map((b) => (this.pastIndexGrid(b) ? [] : got[i++]));
    }
    try {
      return this.readNow(blocks);
    } catch (e) {
      if (this.indexWidth !== null || !blocks.some((b) => b.sheet === INDEX_TAB) || !/exceeds grid limits/i.test(String(e))) throw e;
      this.indexWidth = this.spreadsheet.getSheetByName(INDEX_TAB)?.getMaxColumns() ?? 0;
      return this.read(blocks);
    }
  }

  private readNow(blocks: readonly Block[]): SheetCell[][][] {
    const api = this.api();
    if (!api) return blocks.map((b) => this.readOne(b));
    this.beforeApi(blocks);
    const ranges = blocks.map(blockA1);
    if (rangesQueryLength(ranges) > LONG_READ_URL_CHARS) return this.readByFilter(api, ranges);
    const res = api.batchGet(this.spreadsheet.getId(), { ranges, ...READ_OPTIONS });
    const got = res.valueRanges ?? [];
    return blocks.map((_b, i) => (got[i]?.values ?? []) as SheetCell[][]);
  }

  /**
   * A long read by POST. The API does not promise the answers' order, so each is matched to its
   * range by the filter it echoes; a range left unanswered is an error, never a silently empty read.
   */
  private readByFilter(api: GoogleAppsScript.Sheets.Collection.Spreadsheets.ValuesCollection, ranges: readonly string[]): SheetCell[][][] {
    if (ranges.length > MAX_FILTERS_PER_READ) {
      const out: SheetCell[][][] = [];
      for (let i = 0; i < ranges.length; i += MAX_FILTERS_PER_READ)
        out.push(...this.readByFilter(api, ranges.slice(i, i + MAX_FILTERS_PER_READ)));
      return out;
    }
    const res = api.batchGetByDataFilter(
      { dataFilters: ranges.map((a1Range) => ({ a1Range })), ...READ_OPTIONS },
      this.spreadsheet.getId(),
    );
    const byRange = new Map<string, SheetCell[][]>();
    for (const m of res.valueRanges ?? []) {
      for (const f of m.dataFilters ?? []) {
        if (typeof f.a1Range === 'string' && !byRange.has(f.a1Range)) byRange.set(f.a1Range, (m.valueRange?.values ?? []) as SheetCell[][]);
      }
    }
    const answers = res.valueRanges ?? [];
    return ranges.map((r, i) => {
      // A filter not echoed as sent (Google normalising the A1 text): one answer per filter, in order.
      const values =
        byRange.get(r) ?? (answers.length === ranges.length ? ((answers[i].valueRange?.values ?? []) as SheetCell[][]) : undefined);
      if (!values) throw new Error(`values.batchGetByDataFilter returned nothing for ${r}`);
      return values;
    });
  }

  private readOne(b: Block): SheetCell[][] {
    const sheet = this.spreadsheet.getSheetByName(b.sheet);
    if (!sheet) throw new Error(`Unable to parse range: ${blockA1(b)}`);
    if (b.numRows === null && b.numColumns === null) return sheet.getDataRange().getValues() as SheetCell[][];
    const numRows = b.numRows ?? Math.max(0, sheet.getLastRow() - b.row + 1);
    const numColumns = b.numColumns ?? sheet.getLastColumn() - b.column + 1;
    if (numRows <= 0 || numColumns <= 0) return [];
    return sheet.getRange(b.row, b.column, numRows, numColumns).getValues() as SheetCell[][];
  }

  /** Writes blocks as typed values (USER_ENTERED, like setValues): text is escaped by the caller. */
  write(blocks: readonly { block: Block; values: Cell[][] }[]): void {
    if (!blocks.length) return;
    const api = this.api();
    if (!api) {
      for (const { block, values } of blocks) {
        const sheet = this.spreadsheet.getSheetByName(block.sheet);
        if (!sheet) throw new Error(`Unable to parse range: ${blockA1(block)}`);
        sheet.getRange(block.row, block.column, values.length, values[0].length).setValues(values);
      }
      return;
    }
    this.beforeApi(null);
    const data = blocks.map(({ block, values }) => ({
      range: blockA1({ ...block, numRows: values.length, numColumns: values[0].length }),
      values: values.map((row) => row.map((v) => (isDateValue(v) ? this.dateText(v) : (v as string | number | boolean)))),
    }));
    api.batchUpdate({ valueInputOption: 'USER_ENTERED', data }, this.spreadsheet.getId());
  }
}

/** Whether a write or read failed for reaching past a tab's grid (Sheets' and the API's wording). */
export function pastGrid(e: unknown): boolean {
  return /grid limits|outside the dimensions|out of bounds/i.test(String(e));
}

function isDateValue(v: Cell): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}
