import { REPORT_FILTERS, SUMMARY_KEYS, SUMMARY_TABS, type FilterKey, type SummaryKey } from '../../core/summaries';
import type { Lang } from '../../schema';
import { INDEX_SENTINEL_ROW, INDEX_TAB, KEY_COLUMNS, type SheetBlock } from '../../store';
import type { Context } from '../context';
import { filterCellsOf, readWorkbookMeta, type TabMeta, type WorkbookMeta } from './batched';
import { FILTER_ROW } from './layout';
import { fingerprint, sentinelFingerprint } from './state';
import { readFilterCells } from './tabs';

/**
 * What a rebuild reads before deciding whether to run: the filter cells and the fingerprint (and,
 * with the Sheets service, the workbook's metadata the writes need).
 */

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What the run needs before deciding to rebuild: the filter cells, the fingerprint, the workbook's grids (API path). */
export interface Prelude {
  cells: Record<SummaryKey, Partial<Record<FilterKey, string>>>;
  print: string;
  meta: WorkbookMeta | null;
}

/** Without the Sheets service: one getValues per filter row, one extent per source tab (as before). */
export function preludeApp(ctx: Context, sheets: Record<SummaryKey, Sheet>): Prelude {
  const { store } = ctx;
  const cells = {} as Prelude['cells'];
  for (const key of SUMMARY_KEYS) cells[key] = readFilterCells(sheets[key], key, store.env.timeZone, store.env.formatDate);
  return { cells, print: fingerprint(store, ctx.now.slice(0, 10), cells), meta: null };
}

/**
 * With the Sheets service: one Spreadsheets.get (every tab's grid, ID and chart count) and one
 * batched read of the seven filter rows with the key index's sentinel row (the fingerprint).
 */
export function preludeApi(ctx: Context, api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection): Prelude {
  const { store, lang } = ctx;
  let meta = readWorkbookMeta(api, store.env.spreadsheet.getId());
  // A tab just created with SpreadsheetApp (ensureSummaryTabs) is seen by the API once flushed.
  if (SUMMARY_KEYS.some((k) => !meta.tabs.has(tabName(meta, k, lang)))) {
    SpreadsheetApp.flush();
    meta = readWorkbookMeta(api, store.env.spreadsheet.getId());
  }
  const names = Object.fromEntries(SUMMARY_KEYS.map((k) => [k, tabName(meta, k, lang)])) as Record<SummaryKey, string>;
  const index = meta.tabs.get(INDEX_TAB);
  const blocks: SheetBlock[] = SUMMARY_KEYS.map((k) => ({
    sheet: names[k],
    row: FILTER_ROW,
    column: 1,
    numRows: 1,
    numColumns: REPORT_FILTERS[k].length,
  }));
  if (index)
    blocks.push({
      sheet: INDEX_TAB,
      row: INDEX_SENTINEL_ROW,
      column: 1,
      numRows: 1,
      numColumns: Math.min(KEY_COLUMNS.length, index.columns),
    });
  const got = store.io.read(blocks);
  const cells = {} as Prelude['cells'];
  SUMMARY_KEYS.forEach((k, i) => {
    cells[k] = filterCellsOf(k, got[i][0] ?? []);
  });
  const sentinels = index ? (got[SUMMARY_KEYS.length][0] ?? []) : null;
  return { cells, print: sentinelFingerprint(store, ctx.now.slice(0, 10), cells, sentinels), meta };
}

/** A summary tab's name as it is in the workbook (this language's, else the other's). */
function tabName(meta: WorkbookMeta, key: SummaryKey, lang: Lang): string {
  const tab = SUMMARY_TABS[key];
  return meta.tabs.has(tab[lang]) ? tab[lang] : tab[lang === 'zh' ? 'en' : 'zh'];
}

/** A summary tab's metadata and name. */
export function tabAndName(meta: WorkbookMeta, key: SummaryKey, lang: Lang): { name: string; tab: TabMeta } {
  const name = tabName(meta, key, lang);
  const tab = meta.tabs.get(name);
  if (!tab) throw new Error(`summaries: tab ${name} not found`);
  return { name, tab };
}
