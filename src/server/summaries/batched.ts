import type { TabGrid } from '../../core/capacity';
import { REPORT_FILTERS, filterChoices, type FilterKey, type SummaryKey } from '../../core/summaries';
import type { Lang } from '../../schema';
import { quoteSheet, serialText } from '../../store';
import { LISTS_TAB } from '../../core';
import type { ListSource } from '../lists/listsTab';
import { gridRange, numberFormat, rgb, validation } from '../setup/sheetsBatch';
import { FILTER_ROW, type ChartPlacement, type GridRange, type SheetBlock } from './layout';
import { filterValidations } from './tabs';
import { CHART_SIZE, HEADER_BG, NOTE_COLOR, TITLE_COLOR } from './writeBlock';

/**
 * The rebuild's writes through the Sheets advanced service: every tab's grid, clearing, number
 * formats, styles and filter dropdowns as requests of ONE Spreadsheets.batchUpdate (the values then
 * go in one values.batchUpdate), and what it needs to know first from ONE Spreadsheets.get. The
 * requests are pure data; the SpreadsheetApp writer (writeBlock.ts) stays for copies of the script
 * without the service.
 */

type Request = GoogleAppsScript.Sheets.Schema.Request;

export interface TabMeta {
  sheetId: number;
  rows: number;
  columns: number;
  /** Embedded charts on the tab now. */
  charts: number;
}

/** Every tab's grid (for the usage line and the writes) and, by title, its ID and chart count. */
export interface WorkbookMeta {
  grids: TabGrid[];
  tabs: Map<string, TabMeta>;
}

const META_FIELDS = 'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),charts.chartId)';

/** One metadata call: no cells are read. */
export function readWorkbookMeta(api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection, spreadsheetId: string): WorkbookMeta {
  const res = api.get(spreadsheetId, { fields: META_FIELDS });
  const grids: TabGrid[] = [];
  const tabs = new Map<string, TabMeta>();
  for (const sh of res.sheets ?? []) {
    const p = sh.properties;
    const rows = p?.gridProperties?.rowCount ?? 0;
    const columns = p?.gridProperties?.columnCount ?? 0;
    const name = p?.title ?? '';
    grids.push({ name, rows, columns });
    if (typeof p?.sheetId === 'number') tabs.set(name, { sheetId: p.sheetId, rows, columns, charts: sh.charts?.length ?? 0 });
  }
  return { grids, tabs };
}

/**
 * A filter row as read through the API (unformatted): the custom period's bounds come as date
 * serial numbers and are turned into 'YYYY-MM-DD', as the SpreadsheetApp path formats a Date.
 */
export function filterCellsOf(key: SummaryKey, row: readonly unknown[]): Partial<Record<FilterKey, string>> {
  const cells: Partial<Record<FilterKey, string>> = {};
  REPORT_FILTERS[key].forEach((k, i) => {
    const v = row[i];
    const isDateFilter = filterChoices(k, 'zh', []) === 'date';
    cells[k] = v === null || v === undefined ? '' : isDateFilter && typeof v === 'number' ? serialText(v, false) : String(v);
  });
  return cells;
}

/** 'B5' or 'B5:D9' (what layout.ts writes) as a grid range. */
export function parseA1(a1: string): GridRange {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
  if (!m) throw new Error(`summaries: unexpected range ${a1}`);
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = Number(m[2]);
  const column = col(m[1]);
  return { row, column, numRows: m[4] ? Number(m[4]) - row + 1 : 1, numColumns: m[3] ? col(m[3]) - column + 1 : 1 };
}

const restRange = (sheetId: number, r: GridRange) => gridRange(sheetId, r.row, r.numRows, r.column, r.numColumns);

function style(sheetId: number, a1s: readonly string[], format: GoogleAppsScript.Sheets.Schema.CellFormat, fields: string): Request[] {
  return a1s.map((a1) => ({ repeatCell: { range: restRange(sheetId, parseA1(a1)), cell: { userEnteredFormat: format }, fields } }));
}

/** The tab's grid once the block is written: grown to hold it and the chart column, never shrunk. */
export function gridAfter(tab: TabMeta, block: SheetBlock): { rows: number; columns: number } {
  return { rows: Math.max(tab.rows, block.row + block.values.length - 1), columns: Math.max(tab.columns, block.width + 2) };
}

/**
 * Whether addChart can place every chart: the API anchors a chart on a cell of the grid, and the
 * charts stack below the tables, so on a short tab the lower ones sit past the grid's last row
 * (SpreadsheetApp's insertChart takes such a position; those tabs keep that path).
 */
export function chartsFitGrid(tab: TabMeta, block: SheetBlock): boolean {
  const grid = gridAfter(tab, block);
  return block.charts.every((c) => c.row <= grid.rows && c.column <= grid.columns);
}

/**
 * What writeBlock does with SpreadsheetApp, as requests: grow the grid if the block needs more
 * rows or columns, clear the old block (values and formats, as Range.clear) from the block's row
 * to the grid's end, then the number formats, bold, header backgrounds and title/note colours.
 * The values themselves go in the one values.batchUpdate after this batch.
 */
export function blockRequests(tab: TabMeta, block: SheetBlock): Request[] {
  const { sheetId } = tab;
  const { rows, columns } = gridAfter(tab, block);
  const out: Request[] = [];
  if (rows !== tab.rows || columns !== tab.columns) {
    out.push({
      updateSheetProperties: {
        properties: { sheetId, gridProperties: { rowCount: rows, columnCount: columns } },
        fields: 'gridProperties(rowCount,columnCount)',
      },
    });
  }
  out.push({
    updateCells: { range: gridRange(sheetId, block.row, rows - block.row + 1, 1, columns), fields: 'userEnteredValue,userEnteredFormat' },
  });
  for (const [pattern, a1s] of block.numberFormats) for (const a1 of a1s) out.push(numberFormat(restRange(sheetId, parseA1(a1)), pattern));
  out.push(...style(sheetId, block.bold, { textFormat: { bold: true } }, 'userEnteredFormat.textFormat.bold'));
  out.push(...style(sheetId, block.headers, { backgroundColor: rgb(HEADER_BG) }, 'userEnteredFormat.backgroundColor'));
  out.push(
    ...style(sheetId, block.titles, { textFormat: { foregroundColor: rgb(TITLE_COLOR) } }, 'userEnteredFormat.textFormat.foregroundColor'),
  );
  out.push(
    ...style(sheetId, block.notes, { textFormat: { foregroundColor: rgb(NOTE_COLOR) } }, 'userEnteredFormat.textFormat.foregroundColor'),
  );
  return out;
}

/** The filter row's dropdowns (refreshFilterDropdowns) as requests, one per filter cell. */
export function dropdownRequests(tab: TabMeta, key: SummaryKey, lang: Lang, lists: ListSource): Request[] {
  // The owner filter's source is a range of the lists tab (its only range source), named in the
  // rule's formula; the tab's name is known, so asking the range for its sheet is no call at all.
  const rangeRef = (r: GoogleAppsScript.Spreadsheet.Range) => `${quoteSheet(LISTS_TAB)}!${r.getA1Notation()}`;
  return filterValidations(key, lang, lists).map((dv, i) => validation(gridRange(tab.sheetId, FILTER_ROW, 1, i + 1, 1), dv, rangeRef));
}

/** Each column of the placement's ranges on its own (the API's domain and series take one each). */
function columnsOf(sheetId: number, ranges: readonly GridRange[]): GoogleAppsScript.Sheets.Schema.ChartData[] {
  return ranges.flatMap((r) =>
    Array.from({ length: r.numColumns }, (_, i) => ({
      sourceRange: { sources: [gridRange(sheetId, r.row, r.numRows, r.column + i, 1)] },
    })),
  );
}

/**
 * syncCharts' new charts as addChart requests, for a tab that has none yet (its first build, or
 * every chart deleted by hand): the label column as the domain, each value column a series, the
 * header row included (headerCount 1; a pie has no header count in the API and Sheets takes the
 * text row above numbers as its header), the same size, legend and anchor cell.
 */
export function chartRequests(tab: TabMeta, placements: readonly ChartPlacement[]): Request[] {
  return placements.map((p) => {
    const [domain, ...series] = columnsOf(tab.sheetId, p.ranges);
    const spec: GoogleAppsScript.Sheets.Schema.ChartSpec =
      p.type === 'pie'
        ? { title: p.title, pieChart: { legendPosition: 'RIGHT_LEGEND', domain, series: series[0] } }
        : {
            title: p.title,
            basicChart: {
              chartType: p.type.toUpperCase(),
              legendPosition: 'BOTTOM_LEGEND',
              headerCount: 1,
              domains: [{ domain }],
              series: series.map((s) => ({ series: s })),
            },
          };
    return {
      addChart: {
        chart: {
          spec,
          position: {
            overlayPosition: {
              anchorCell: { sheetId: tab.sheetId, rowIndex: p.row - 1, columnIndex: p.column - 1 },
              widthPixels: CHART_SIZE.width,
              heightPixels: CHART_SIZE.height,
            },
          },
        },
      },
    };
  });
}
