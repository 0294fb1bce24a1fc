import type { Lang } from '../../schema';
import {
  defaultFilterCells,
  FILTER_LABELS,
  filterChoices,
  REPORT_FILTERS,
  SUMMARY_KEYS,
  SUMMARY_TABS,
  type FilterKey,
  type SummaryKey,
} from '../../core/summaries';
import { escapeText, isDate, type FormatDate } from '../../store';
import { FILTER_LABEL_ROW, FILTER_ROW, TITLE_ROW } from './layout';
import { boldAndBackground, columnWidths, rgb, textRows, validation, type RangeRef } from '../setup/sheetsBatch';
import type { ListSource } from '../lists/listsTab';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const FILTER_BG = '#fff8e1';

export function findSummarySheet(ss: Spreadsheet, key: SummaryKey, lang: Lang): Sheet | null {
  const tab = SUMMARY_TABS[key];
  return ss.getSheetByName(tab[lang]) ?? ss.getSheetByName(lang === 'zh' ? tab.en : tab.zh);
}

/**
 * Dropdowns of the filter row; values may still be typed (allowInvalid) and are read leniently.
 * The owner filter follows the users on the settings tab through the lists tab; the rest are fixed.
 */
export function filterValidations(key: SummaryKey, lang: Lang, lists: ListSource): GoogleAppsScript.Spreadsheet.DataValidation[] {
  return REPORT_FILTERS[key].map((k) => {
    const rule = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
    if (k === 'owner') return rule.requireValueInRange(lists.range('owner'), true).build();
    const choices = filterChoices(k, lang, []);
    if (choices === 'date')
      return rule
        .requireDate()
        .setHelpText(lang === 'zh' ? '自定义期间的日期，如 2024-03-01' : 'A date for the custom period, e.g. 2024-03-01')
        .build();
    return rule.requireValueInList(choices, true).build();
  });
}

/** Grid rows of a new summary tab: its title and filter area and a little room; rebuilds grow it. */
export const SUMMARY_TAB_ROWS = 20;

/** Grid size Sheets gives an inserted sheet, when the caller already knows it. */
export interface NewGrid {
  rows: number;
  columns: number;
}

/**
 * Creates a summary tab with its title and filter area (labels, defaults, dropdowns), frozen above
 * the content. Existing tabs are left as they are.
 */
export function createSummaryTab(ss: Spreadsheet, key: SummaryKey, lang: Lang, lists: ListSource, grid?: NewGrid): Sheet {
  const sheet = ss.insertSheet(SUMMARY_TABS[key][lang], ss.getSheets().length);
  const filters = REPORT_FILTERS[key];
  const width = Math.max(filters.length, 2);
  // Sheets counts every grid cell against its 10M limit: start small, the rebuild grows the grid.
  const size = grid ?? { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() };
  if (size.columns > width) sheet.deleteColumns(width + 1, size.columns - width);
  if (size.rows > SUMMARY_TAB_ROWS) sheet.deleteRows(SUMMARY_TAB_ROWS + 1, size.rows - SUMMARY_TAB_ROWS);
  const pad = (row: string[]) => Array.from({ length: width }, (_, i) => escapeText(row[i] ?? ''));
  sheet
    .getRange(TITLE_ROW, 1, 3, width)
    .setValues([pad([SUMMARY_TABS[key][lang]]), pad(filters.map((k) => FILTER_LABELS[k][lang])), pad(defaultFilterCells(key, lang))]);
  sheet.getRange(TITLE_ROW, 1).setFontSize(14).setFontWeight('bold');
  sheet.getRange(FILTER_LABEL_ROW, 1, 1, filters.length).setFontWeight('bold');
  sheet
    .getRange(FILTER_ROW, 1, 1, filters.length)
    .setBackground(FILTER_BG)
    .setDataValidations([filterValidations(key, lang, lists)]);
  sheet.setFrozenRows(FILTER_ROW);
  sheet.setColumnWidth(1, 220);
  return sheet;
}

/** Points the filter row's dropdowns at their sources again (a tab made before the lists tab had inline owners). One call. */
export function refreshFilterDropdowns(sheet: Sheet, key: SummaryKey, lang: Lang, lists: ListSource): void {
  sheet.getRange(FILTER_ROW, 1, 1, REPORT_FILTERS[key].length).setDataValidations([filterValidations(key, lang, lists)]);
}

/** One read of the filter row; dates typed into the custom bounds come back as 'YYYY-MM-DD'. */
export function readFilterCells(
  sheet: Sheet,
  key: SummaryKey,
  timeZone: string,
  formatDate: FormatDate,
): Partial<Record<FilterKey, string>> {
  const filters = REPORT_FILTERS[key];
  const row = sheet.getRange(FILTER_ROW, 1, 1, filters.length).getValues()[0];
  const cells: Partial<Record<FilterKey, string>> = {};
  filters.forEach((k, i) => {
    const v: unknown = row[i];
    cells[k] = isDate(v) ? formatDate(v, timeZone, 'yyyy-MM-dd') : v === null || v === undefined ? '' : String(v);
  });
  return cells;
}

/** What Sheets API setup needs to create a summary tab inside its batch (see setup/sheetsBatch.ts). */
export interface SummaryTabWriter {
  newSheetId(title: string): number;
  push(...requests: GoogleAppsScript.Sheets.Schema.Request[]): void;
  rangeRef: RangeRef;
}

/**
 * createSummaryTab as Sheets API requests (the same tab: size, title and filter area, dropdowns,
 * frozen rows, first column's width), added to `w`'s batch; returns the new tab's name.
 */
export function summaryTabRequests(w: SummaryTabWriter, key: SummaryKey, lang: Lang, lists: ListSource): string {
  const title = SUMMARY_TABS[key][lang];
  const filters = REPORT_FILTERS[key];
  const width = Math.max(filters.length, 2);
  const sheetId = w.newSheetId(title);
  const pad = (row: string[]) => Array.from({ length: width }, (_, i) => row[i] ?? '');
  w.push(
    {
      addSheet: {
        properties: { sheetId, title, gridProperties: { rowCount: SUMMARY_TAB_ROWS, columnCount: width, frozenRowCount: FILTER_ROW } },
      },
    },
    textRows(sheetId, TITLE_ROW, 1, [pad([title]), pad(filters.map((k) => FILTER_LABELS[k][lang])), pad(defaultFilterCells(key, lang))]),
    boldAndBackground(sheetId, TITLE_ROW, 1, 1, null, 14),
    boldAndBackground(sheetId, FILTER_LABEL_ROW, 1, filters.length, null),
    {
      repeatCell: {
        range: { sheetId, startRowIndex: FILTER_ROW - 1, endRowIndex: FILTER_ROW, startColumnIndex: 0, endColumnIndex: filters.length },
        cell: { userEnteredFormat: { backgroundColor: rgb(FILTER_BG) } },
        fields: 'userEnteredFormat.backgroundColor',
      },
    },
    ...filterValidations(key, lang, lists).map((dv, i) =>
      validation({ sheetId, startRowIndex: FILTER_ROW - 1, endRowIndex: FILTER_ROW, startColumnIndex: i, endColumnIndex: i + 1 }, dv, (r) =>
        w.rangeRef(r),
      ),
    ),
    columnWidths(sheetId, 1, 1, 220),
  );
  return title;
}

/** Every summary tab, created when missing. */
export function ensureSummaryTabs(ss: Spreadsheet, lang: Lang, lists: ListSource, grid?: NewGrid): Record<SummaryKey, Sheet> {
  const out = {} as Record<SummaryKey, Sheet>;
  for (const key of SUMMARY_KEYS) out[key] = findSummarySheet(ss, key, lang) ?? createSummaryTab(ss, key, lang, lists, grid);
  return out;
}
