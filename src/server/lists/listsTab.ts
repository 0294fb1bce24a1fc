import { LIST_KEYS, listColumn, listsGrid, LISTS_TAB, LISTS_TAB_ROWS, type ListKey, type Settings } from '../../core';
import type { Lang } from '../../schema';
import { escapeText } from '../../store';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Where dropdowns of editable lists read their options: a column of the lists tab (see core/optionLists.ts). */
export interface ListSource {
  /** The list's whole column below the header (fixed: new options need no validation rewritten). */
  range(list: ListKey): Range;
}

/** Handles only (getRange is local arithmetic): no round trip. */
export function listSource(sheet: Sheet): ListSource {
  return {
    range: (list) => sheet.getRange(2, listColumn(list), LISTS_TAB_ROWS - 1, 1),
  };
}

/** Creates a tab of exactly rows × columns in one call when the Sheets API is on (see store/io.ts addSheet). */
export type AddSheet = (title: string, rows: number, columns: number, hidden: boolean) => boolean;

/** The lists tab, created hidden and exactly sized when missing. */
export function ensureListsTab(ss: Spreadsheet, addSheet: AddSheet | null): Sheet {
  const found = ss.getSheetByName(LISTS_TAB);
  if (found) return found;
  if (addSheet && addSheet(LISTS_TAB, LISTS_TAB_ROWS, LIST_KEYS.length, true)) {
    const made = ss.getSheetByName(LISTS_TAB);
    if (made) return made;
  }
  const sheet = ss.insertSheet(LISTS_TAB, ss.getSheets().length);
  const rows = sheet.getMaxRows();
  const columns = sheet.getMaxColumns();
  if (rows > LISTS_TAB_ROWS) sheet.deleteRows(LISTS_TAB_ROWS + 1, rows - LISTS_TAB_ROWS);
  else if (rows < LISTS_TAB_ROWS) sheet.insertRowsAfter(rows, LISTS_TAB_ROWS - rows);
  if (columns > LIST_KEYS.length) sheet.deleteColumns(LIST_KEYS.length + 1, columns - LIST_KEYS.length);
  else if (columns < LIST_KEYS.length) sheet.insertColumnsAfter(columns, LIST_KEYS.length - columns);
  sheet.hideSheet();
  return sheet;
}

/** The tab's values as setValues takes them: text kept as text (1-19 is not a date, =x not a formula). */
export function listsCells(settings: Settings, lang: Lang): string[][] {
  return listsGrid(settings, lang).map((row) => row.map((v) => (v === '' ? '' : escapeText(v))));
}

/** Rewrites the whole tab from the settings: one setValues (the blanks clear removed options). */
export function writeListsTab(sheet: Sheet, settings: Settings, lang: Lang): void {
  sheet.getRange(1, 1, LISTS_TAB_ROWS, LIST_KEYS.length).setValues(listsCells(settings, lang));
}

/** Creates the tab when missing and writes it. */
export function syncListsTab(ss: Spreadsheet, settings: Settings, lang: Lang, addSheet: AddSheet | null): Sheet {
  const sheet = ensureListsTab(ss, addSheet);
  writeListsTab(sheet, settings, lang);
  return sheet;
}
