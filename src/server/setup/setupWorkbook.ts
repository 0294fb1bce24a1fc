import { langOfLocale, SEARCH_KEY, TABLE_KEYS, tableDef, type Lang, type TableDef } from '../../schema';
import { LIST_KEYS, listsGrid, LISTS_TAB, LISTS_TAB_ROWS, parseSettings, type Settings } from '../../core';
import { escapeText, KEY_COLUMNS, readLayout, SheetStore } from '../../store';
import { currentUser } from '../context';
import { spreadsheetOwner } from '../auth';
import { NO_ARGS } from '../args';
import { throwing } from '../entry';
import { SUMMARY_KEYS } from '../../core/summaries';
import { ensureSummaryTabs } from '../summaries';
import { summaryTabRequests } from '../summaries/tabs';
import { SUMMARY_TABS } from '../../core/summaries';
import { columnWidthOf, numberFormatOf, validationOf } from './columns';
import { adminTabProtection, dataTabProtections, historyProtection, type WantedProtection } from './protectionPlan';
import { syncProtections, type ProtectionReport } from './protections';
import { syncProtectionsRest } from './protectionsRest';
import {
  boldAndBackground,
  columnWidths,
  frozenRows,
  hiddenColumn,
  gridRange,
  numberFormat,
  readState,
  RequestBatch,
  spreadsheetsApi,
  textRows,
  validation,
  type SpreadsheetsApi,
  type WorkbookState,
} from './sheetsBatch';
import { missingSettingsRows } from './settingsRows';
import { columnLetters } from '../summaries/layout';
import { ensureListsTab, listSource, writeListsTab, type ListSource } from '../lists/listsTab';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SetupReport {
  created: string[];
  upgraded: { tab: string; addedColumns: string[] }[];
  settingsRowsAdded: number;
  lang: Lang;
  protections: ProtectionReport | null;
}

const HEADER_BG = '#e8f0fe';

/**
 * Grid rows of a tab setup creates: the header and 99 blank rows. Sheets counts every grid cell
 * against its 10M limit, and the CRM inserts rows as it appends (Sheets copies the formats and
 * dropdowns of the row above into rows inserted below it), so a new tab needs no spare thousand.
 */
export const NEW_TAB_ROWS = 100;

/** A tab as setup leaves it: its header after any upgrade, and the columns it added. */
interface PreparedTab {
  /** Null only until the batch creating it is sent (Sheets API path). */
  sheet: Sheet | null;
  /** The tab's name as found or created. */
  name: string;
  def: TableDef;
  header: unknown[];
  /** Field keys whose columns setup created in this run (new tab or upgrade). */
  added: string[];
  /** Created by this run (its grid is known: no state to read before formatting). */
  created: boolean;
  /** Grid rows after setup. */
  maxRows: number;
}

/** Sheets' size of an inserted sheet, read once per execution from the first tab setup inserts. */
interface NewSheetSize {
  rows: number;
  columns: number;
}

/**
 * The Sheets API path (appsscript.json enables the advanced service): the workbook's state read in
 * one call, existing tabs' headers in one values read, writes gathered in `batch`.
 */
interface Rest {
  state: WorkbookState;
  batch: RequestBatch;
  headers: Map<string, unknown[]>;
  /** The lists tab's cells when it existed (read with the headers), to write it only when they differ. */
  lists: unknown[][] | null;
}

const handle = (t: PreparedTab): Sheet => {
  if (!t.sheet) throw new Error(`setup: tab ${t.name} was not created`);
  return t.sheet;
};

/** Inserts a tab sized to `columns` columns and NEW_TAB_ROWS rows (two structure calls). */
function insertSizedSheet(ss: Spreadsheet, name: string, columns: number, size: { value: NewSheetSize | null }, index?: number): Sheet {
  const sheet = index === undefined ? ss.insertSheet(name) : ss.insertSheet(name, index);
  const grid = size.value ?? (size.value = { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() });
  if (columns < grid.columns) sheet.deleteColumns(columns + 1, grid.columns - columns);
  else if (columns > grid.columns) sheet.insertColumnsAfter(grid.columns, columns - grid.columns);
  if (grid.rows > NEW_TAB_ROWS) sheet.deleteRows(NEW_TAB_ROWS + 1, grid.rows - NEW_TAB_ROWS);
  return sheet;
}

/**
 * Creates the tab if missing (sized to its columns); on an existing tab adds only the columns it
 * lacks, at the end, and deletes the blank columns past the last one holding a header or any data.
 * An existing tab costs three reads: its first row (which also gives the grid's width), the last
 * column with content, and the grid's height.
 */
function ensureTab(
  ss: Spreadsheet,
  def: TableDef,
  lang: Lang,
  report: SetupReport,
  size: { value: NewSheetSize | null },
  rest: Rest | null,
): PreparedTab {
  const name = [def.tab[lang], def.tab.zh, def.tab.en].find((n) => (rest ? rest.state.sheets.has(n) : ss.getSheetByName(n)));
  const existing = name ? ss.getSheetByName(name) : null;
  if (!name || !existing) {
    const labels = def.columns.map((c) => c.label[lang]);
    let sheet: Sheet | null = null;
    if (rest) {
      const sheetId = rest.batch.newSheetId(def.tab[lang]);
      rest.batch.push(
        {
          addSheet: {
            properties: { sheetId, title: def.tab[lang], gridProperties: { rowCount: NEW_TAB_ROWS, columnCount: labels.length } },
          },
        },
        textRows(sheetId, 1, 1, [labels]),
      );
    } else {
      sheet = insertSizedSheet(ss, def.tab[lang], labels.length, size);
      sheet.getRange(1, 1, 1, labels.length).setValues([labels]);
    }
    report.created.push(def.tab[lang]);
    return { sheet, name: def.tab[lang], def, header: labels, added: def.columns.map((c) => c.key), created: true, maxRows: NEW_TAB_ROWS };
  }
  const known = rest?.state.sheets.get(name);
  const sheetId = known?.sheetId ?? 0;
  const firstRow =
    rest && known
      ? Array.from({ length: known.columns }, (_, i) => rest.headers.get(name)?.[i] ?? '')
      : existing.getRange('1:1').getValues()[0];
  const maxColumns = firstRow.length;
  const maxRows = known ? known.rows : existing.getMaxRows();
  let width = firstRow.length;
  while (width > 0 && (firstRow[width - 1] === '' || firstRow[width - 1] === null)) width--;
  const header = firstRow.slice(0, width);
  const layout = readLayout(def, header);
  let full = header;
  let added: string[] = [];
  if (layout.missing.length) {
    const labels = layout.missing.map((k) => def.columns.find((c) => c.key === k)?.label[lang] ?? k);
    const start = layout.width + 1;
    const needed = start + labels.length - 1 - maxColumns;
    if (rest) {
      if (needed > 0)
        rest.batch.push({
          insertDimension: {
            range: { sheetId, dimension: 'COLUMNS', startIndex: maxColumns, endIndex: maxColumns + needed },
            inheritFromBefore: true,
          },
        });
      rest.batch.push(textRows(sheetId, 1, start, [labels]));
    } else {
      if (needed > 0) existing.insertColumnsAfter(maxColumns, needed);
      existing.getRange(1, start, 1, labels.length).setValues([labels]);
    }
    report.upgraded.push({ tab: name, addedColumns: labels });
    full = header.slice(0, layout.width);
    while (full.length < start - 1) full.push('');
    full = [...full, ...labels];
    added = layout.missing;
  }
  // Keep every column with a header or data; the blank ones past them only cost cells. (The last
  // column with content is read only when the grid is wider than the header.)
  const gridColumns = Math.max(maxColumns, full.length);
  if (gridColumns > full.length) {
    const keep = Math.max(full.length, existing.getLastColumn(), 1);
    if (gridColumns > keep) {
      if (rest) rest.batch.push({ deleteDimension: { range: { sheetId, dimension: 'COLUMNS', startIndex: keep, endIndex: gridColumns } } });
      else existing.deleteColumns(keep + 1, gridColumns - keep);
    }
  }
  return { sheet: existing, name, def, header: full, added, created: false, maxRows };
}

/** A rule's criteria values comparable as text: a source range by its sheet and A1 notation. */
function criteriaKey(dv: GoogleAppsScript.Spreadsheet.DataValidation): string {
  const isRange = (v: unknown): v is GoogleAppsScript.Spreadsheet.Range =>
    typeof v === 'object' && v !== null && typeof (v as { getA1Notation?: unknown }).getA1Notation === 'function';
  return JSON.stringify(dv.getCriteriaValues().map((v) => (isRange(v) ? `${v.getGridId()}!${v.getA1Notation()}` : v)));
}

/** Same rule: criteria, values, allow-invalid and help text. */
function sameRule(a: GoogleAppsScript.Spreadsheet.DataValidation | null, b: GoogleAppsScript.Spreadsheet.DataValidation): boolean {
  if (!a) return false;
  return (
    String(a.getCriteriaType()) === String(b.getCriteriaType()) &&
    criteriaKey(a) === criteriaKey(b) &&
    a.getAllowInvalid() === b.getAllowInvalid() &&
    (a.getHelpText() ?? '') === (b.getHelpText() ?? '')
  );
}

/** Consecutive column indexes (0-based) as [first, last] pairs. */
function runsOf(columns: readonly number[]): [number, number][] {
  const sorted = [...columns].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else out.push([c, c]);
  }
  return out;
}

/**
 * Header look, frozen header, number formats and dropdowns of the data rows, widths of the columns
 * setup just made (people's own widths are kept). Never data rows' values.
 *
 * A tab setup did not create is read first: its first data row's dropdowns and formats (two
 * reads). Sheets copies a row's formats and dropdowns into rows inserted next to it, so that row
 * stands for its column; only columns whose rule or format differs (an option list changed, a
 * column was added) are written again, for every data row, one call per run of such columns and
 * one per number format. The header's look is set when setup made or changed the header.
 */
/** Where formatTab's writes go: SpreadsheetApp calls, or requests of the setup's batch. */
interface FormatSink {
  header(tab: PreparedTab, width: number): void;
  /** Dropdowns of `line` (0-based from column `first`) on every data row. */
  validations(tab: PreparedTab, first: number, rows: number, line: readonly (GoogleAppsScript.Spreadsheet.DataValidation | null)[]): void;
  /** One number format on the data rows of runs of columns (0-based, inclusive). */
  numberFormat(tab: PreparedTab, runs: readonly [number, number][], format: string): void;
  widths(tab: PreparedTab, column: number, count: number, width: number): void;
  /** Hides a column (1-based): the store's search key is bookkeeping, not for reading. */
  hide(tab: PreparedTab, column: number): void;
}

const spreadsheetAppSink: FormatSink = {
  hide(tab, column) {
    handle(tab).hideColumns(column);
  },
  header(tab, width) {
    handle(tab).setFrozenRows(1);
    handle(tab).getRange(1, 1, 1, width).setFontWeight('bold').setBackground(HEADER_BG);
  },
  validations(tab, first, rows, line) {
    handle(tab)
      .getRange(2, first + 1, rows, line.length)
      .setDataValidations(Array.from({ length: rows }, () => [...line]));
  },
  numberFormat(tab, runs, format) {
    handle(tab)
      .getRangeList(runs.map(([a, b]) => `${columnLetters(a + 1)}2:${columnLetters(b + 1)}${tab.maxRows}`))
      .setNumberFormat(format);
  },
  widths(tab, column, count, width) {
    handle(tab).setColumnWidths(column, count, width);
  },
};

function batchSink(batch: RequestBatch): FormatSink {
  const id = (tab: PreparedTab) => {
    const sheetId = batch.sheetId(tab.name);
    if (sheetId === null) throw new Error(`setup: no sheet id for ${tab.name}`);
    return sheetId;
  };
  return {
    header(tab, width) {
      batch.push(frozenRows(id(tab), 1), boldAndBackground(id(tab), 1, 1, width, HEADER_BG));
    },
    validations(tab, first, rows, line) {
      line.forEach((rule, j) => {
        if (rule) batch.push(validation(gridRange(id(tab), 2, rows, first + j + 1, 1), rule, (r) => batch.rangeRef(r)));
      });
    },
    numberFormat(tab, runs, format) {
      for (const [a, b] of runs) batch.push(numberFormat(gridRange(id(tab), 2, tab.maxRows - 1, a + 1, b - a + 1), format));
    },
    widths(tab, column, count, width) {
      batch.push(columnWidths(id(tab), column, count, width));
    },
    hide(tab, column) {
      batch.push(hiddenColumn(id(tab), column));
    },
  };
}

function formatTab(tab: PreparedTab, lang: Lang, lists: ListSource, sink: FormatSink): void {
  const { def, header, added, created, maxRows } = tab;
  const layout = readLayout(def, header);
  const rows = maxRows - 1;
  if (created || added.length) sink.header(tab, header.length);
  if (rows < 1) return;
  const at = def.columns.map((col) => layout.index.get(col.key));
  const width = Math.max(0, ...at.map((i) => (i === undefined ? 0 : i + 1)));
  if (!width) return;
  const current = created
    ? null
    : {
        rules: handle(tab).getRange(2, 1, 1, width).getDataValidations()[0],
        formats: handle(tab).getRange(2, 1, 1, width).getNumberFormats()[0],
      };
  const rules = new Map<number, GoogleAppsScript.Spreadsheet.DataValidation>();
  const byFormat = new Map<string, number[]>();
  def.columns.forEach((col, i) => {
    const c = at[i];
    if (c === undefined) return;
    const rule = validationOf(col, lang, lists);
    if (rule && !(current && sameRule(current.rules[c], rule))) rules.set(c, rule);
    const fmt = numberFormatOf(col);
    if (fmt && !(current && current.formats[c] === fmt)) byFormat.set(fmt, [...(byFormat.get(fmt) ?? []), c]);
  });
  if (created && rules.size) {
    // A new tab has no dropdowns yet: one block from its first to its last ruled column.
    const [first, last] = [Math.min(...rules.keys()), Math.max(...rules.keys())];
    const line = Array.from({ length: last - first + 1 }, (_, j) => rules.get(first + j) ?? null);
    sink.validations(tab, first, rows, line);
  } else {
    for (const [first, last] of runsOf([...rules.keys()])) {
      sink.validations(
        tab,
        first,
        rows,
        Array.from({ length: last - first + 1 }, (_, j) => rules.get(first + j) ?? null),
      );
    }
  }
  for (const [fmt, cols] of byFormat) sink.numberFormat(tab, runsOf(cols), fmt);
  setWidths(tab, sink, def, layout.index, added, created);
  const searchKey = layout.index.get(SEARCH_KEY);
  if (searchKey !== undefined && added.includes(SEARCH_KEY)) sink.hide(tab, searchKey + 1);
}

/**
 * Widths of the columns setup made: on a new tab one call gives every column the most common
 * width, then one call per run of columns that differ from it; on an upgrade one per run.
 */
function setWidths(
  tab: PreparedTab,
  sink: FormatSink,
  def: TableDef,
  index: ReadonlyMap<string, number>,
  added: readonly string[],
  created: boolean,
): void {
  const widths = new Map<number, number>();
  for (const col of def.columns) {
    const c = index.get(col.key);
    if (c !== undefined && added.includes(col.key)) widths.set(c, columnWidthOf(col));
  }
  if (!widths.size) return;
  let base: number | null = null;
  if (created) {
    const counts = new Map<number, number>();
    for (const w of widths.values()) counts.set(w, (counts.get(w) ?? 0) + 1);
    base = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    sink.widths(tab, 1, Math.max(...widths.keys()) + 1, base);
  }
  const differing = [...widths.keys()].filter((c) => widths.get(c) !== base);
  for (const [first, last] of runsOf(differing)) {
    let start = first;
    for (let c = first + 1; c <= last + 1; c++) {
      if (c <= last && widths.get(c) === widths.get(start)) continue;
      sink.widths(tab, start + 1, c - start, widths.get(start) ?? base ?? 100);
      start = c;
    }
  }
}

/** Seeds the settings tab and records the spreadsheet's time zone and locale there. */
function seedSettings(ss: Spreadsheet, lang: Lang, store: SheetStore): number {
  const t = store.load('settings');
  const existing = t.records;
  const rows = missingSettingsRows(existing, currentUser(), lang).map((r) => ({ ...r }));
  const tz = ss.getSpreadsheetTimeZone();
  const locale = ss.getSpreadsheetLocale();
  for (const [key, value] of [
    ['timeZone', tz],
    ['locale', locale],
  ] as const) {
    const fresh = rows.find((r) => r.type === '参数' && r.key === key);
    if (fresh) fresh.value = value;
    const i = existing.findIndex((r) => r.type === '参数' && r.key === key);
    if (i >= 0 && existing[i].value !== value && t.sheet) updateParam(t.sheet, t.layout.index.get('value'), t.rowNumbers[i], value);
  }
  store.append('settings', rows as unknown as Record<string, unknown>[]);
  return rows.length;
}

/** The two parameters setup owns (time zone, locale) follow the spreadsheet's own settings. */
function updateParam(sheet: Sheet, valueCol: number | undefined, row: number, value: string): void {
  if (valueCol !== undefined) sheet.getRange(row, valueCol + 1).setValue(escapeText(value));
}

/** Index columns read whole to build the key index: at most this many cells during setup (2 s). */
const SETUP_INDEX_CELLS = 100000;

/** Cells the key index's columns cover, by the tabs' grid heights (an upper bound, no reads). */
function keyCellsOf(tabs: readonly PreparedTab[]): number {
  return tabs.reduce((n, t) => n + t.maxRows * KEY_COLUMNS.filter((c) => c.table === t.def.key).length, 0);
}

/** Removes the untouched default first tab a new spreadsheet comes with (found by name: no reads). */
function dropBlankDefaultTab(ss: Spreadsheet, rest: Rest | null): void {
  for (const name of ['Sheet1', '工作表1', 'Sheet 1', '工作表 1']) {
    const s = ss.getSheetByName(name);
    if (!s || ss.getSheets().length <= 1 || s.getLastRow() !== 0 || s.getLastColumn() !== 0) continue;
    const sheetId = rest?.batch.sheetId(name);
    if (!rest) ss.deleteSheet(s);
    else if (sheetId !== null && sheetId !== undefined) rest.batch.push({ deleteSheet: { sheetId } });
  }
}

/**
 * Protections of every CRM tab (see protectionPlan.ts). Hard protections need the runner's address
 * (they must stay an editor); when it cannot be known they are warning-only.
 */
function protectTabs(
  ss: Spreadsheet,
  tabs: readonly PreparedTab[],
  settings: Settings,
  lists: ListSource,
  lang: Lang,
  grid: NewSheetSize | null,
  rest: Rest | null,
): ProtectionReport {
  const runner = currentUser() === 'unknown' ? '' : currentUser();
  const hard = runner !== '';
  const wanted: WantedProtection[] = [];
  for (const tab of tabs) {
    const at = { sheet: tab.sheet, name: tab.name };
    if (tab.def.kind === 'data') wanted.push(...dataTabProtections(at, tab.def, tab.header, settings.users, lang, hard));
    else if (tab.def.key === 'history') wanted.push(historyProtection(at, settings.users, lang, hard));
    else wanted.push(adminTabProtection(at, tab.def.key, settings.users, lang, hard, null));
  }
  if (!rest) {
    const summaries = ensureSummaryTabs(ss, lang, lists, grid ?? undefined);
    for (const key of SUMMARY_KEYS)
      wanted.push(adminTabProtection({ sheet: summaries[key], name: '' }, `summary-${key}`, settings.users, lang, hard, key));
    return syncProtections(ss, wanted, [runner, hard ? spreadsheetOwner() : ''], !hard);
  }
  for (const key of SUMMARY_KEYS) {
    const tab = SUMMARY_TABS[key];
    const name =
      [tab[lang], lang === 'zh' ? tab.en : tab.zh].find((n) => rest.state.sheets.has(n)) ??
      summaryTabRequests(rest.batch, key, lang, lists);
    wanted.push(adminTabProtection({ sheet: null, name }, `summary-${key}`, settings.users, lang, hard, key));
  }
  const owner = hard ? spreadsheetOwner() : '';
  const keep = [runner, owner];
  // Protections go in the same batch; a batch that fails (a protection Sheets refuses) is sent
  // again without them, and protections are then made one by one, each failure reported as skipped.
  const before = rest.batch.requests.length;
  const report = syncProtectionsRest(rest.state, rest.batch, wanted, keep, !hard, runner, owner);
  const withoutProtections = rest.batch.requests.slice(0, before);
  const any = rest.batch.requests.length > before;
  try {
    rest.batch.flush();
    return report;
  } catch (e) {
    if (!any) throw e;
    rest.batch.requests = withoutProtections;
    rest.batch.flush();
    return syncProtections(ss, wanted, keep, !hard);
  }
}

/**
 * The first row of every CRM tab that exists (trailing blanks dropped) and the lists tab's cells,
 * in one values read.
 */
function readHeaders(
  api: SpreadsheetsApi,
  spreadsheetId: string,
  state: WorkbookState,
): { headers: Map<string, unknown[]>; lists: unknown[][] | null } {
  const names = TABLE_KEYS.flatMap((key) => [...new Set([tableDef(key).tab.zh, tableDef(key).tab.en])].filter((n) => state.sheets.has(n)));
  const headers = new Map<string, unknown[]>();
  const withLists = state.sheets.has(LISTS_TAB);
  if (!names.length && !withLists) return { headers, lists: null };
  const ranges = names.map((n) => `'${n.replace(/'/g, "''")}'!1:1`);
  if (withLists) ranges.push(`'${LISTS_TAB}'!A1:${columnLetters(LIST_KEYS.length)}${LISTS_TAB_ROWS}`);
  const res = api.Values.batchGet(spreadsheetId, { ranges });
  names.forEach((n, i) => headers.set(n, res.valueRanges?.[i]?.values?.[0] ?? []));
  return { headers, lists: withLists ? (res.valueRanges?.[names.length]?.values ?? []) : null };
}

/** Whether the lists tab already holds `wanted` (a blank may come back short or missing). */
function sameCells(current: readonly (readonly unknown[])[] | null, wanted: readonly (readonly string[])[]): boolean {
  if (!current) return false;
  return wanted.every((row, r) => row.every((v, c) => String(current[r]?.[c] ?? '') === v));
}

/**
 * Creates or upgrades every tab: headers in the spreadsheet's language, frozen header, formats and
 * dropdowns, settings defaults, summary tabs, protections. Idempotent; data rows are never touched.
 * Only an admin may run it, except the very first time (its runner becomes the first admin).
 */
export const setupWorkbook = throwing(
  NO_ARGS,
  (): SetupReport => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const lang = langOfLocale(ss.getSpreadsheetLocale());
    const report: SetupReport = { created: [], upgraded: [], settingsRowsAdded: 0, lang, protections: null };
    const lock = LockService.getScriptLock();
    lock.waitLock(30000);
    try {
      const size = { value: null as NewSheetSize | null };
      const api = spreadsheetsApi();
      let rest: Rest | null = null;
      if (api) {
        const state = readState(api, ss.getId());
        rest = { state, batch: new RequestBatch(api, ss.getId(), state), ...readHeaders(api, ss.getId(), state) };
      }
      const tabs = TABLE_KEYS.map((key) => ensureTab(ss, tableDef(key), lang, report, size, rest));
      if (rest && !rest.state.sheets.has(LISTS_TAB)) {
        const sheetId = rest.batch.newSheetId(LISTS_TAB);
        rest.batch.push({
          addSheet: {
            properties: {
              sheetId,
              title: LISTS_TAB,
              hidden: true,
              gridProperties: { rowCount: LISTS_TAB_ROWS, columnCount: LIST_KEYS.length },
            },
          },
        });
      }
      if (rest) {
        // Every missing tab, its size and header, and the upgrades: one batchUpdate.
        rest.batch.flush();
        for (const t of tabs) if (!t.sheet) t.sheet = ss.getSheetByName(t.name);
      }
      const listsExisted = rest ? rest.lists !== null : ss.getSheetByName(LISTS_TAB) !== null;
      const listsTab = ensureListsTab(ss, null);
      const store = new SheetStore({
        spreadsheet: ss,
        lock,
        lang,
        timeZone: ss.getSpreadsheetTimeZone(),
        formatDate: (d, tz, p) => Utilities.formatDate(d, tz, p),
        flush: () => SpreadsheetApp.flush(),
      });
      report.settingsRowsAdded = seedSettings(ss, lang, store);
      // Appended settings rows grew that tab's grid: its dropdowns cover them too.
      const settingsTab = tabs.find((t) => t.def.key === 'settings');
      if (settingsTab && report.settingsRowsAdded) settingsTab.maxRows = handle(settingsTab).getMaxRows();
      store.invalidate();
      const settings = parseSettings(store.load('settings').records);
      // The lists dropdowns read (see core/optionLists.ts), rewritten from the settings.
      const grid = listsGrid(settings, lang);
      const listsId = rest?.batch.sheetId(LISTS_TAB);
      const current = !listsExisted ? null : rest ? rest.lists : listsTab.getRange(1, 1, LISTS_TAB_ROWS, LIST_KEYS.length).getValues();
      // Written only when it differs, so a second setup writes nothing.
      if (!sameCells(current, grid)) {
        if (rest && listsId !== null && listsId !== undefined) rest.batch.push(textRows(listsId, 1, 1, grid));
        else writeListsTab(listsTab, settings, lang);
      }
      const lists = listSource(listsTab);
      // Formats, dropdowns, summary tabs and protections: one more batchUpdate on the Sheets API path.
      const sink = rest ? batchSink(rest.batch) : spreadsheetAppSink;
      for (const tab of tabs) formatTab(tab, lang, lists, sink);
      dropBlankDefaultTab(ss, rest);
      report.protections = protectTabs(ss, tabs, settings, lists, lang, size.value, rest);
      // A new or small workbook gets its key index now; a big one builds it column by column as
      // writers first need it, and in the daily job (reading every key column is not setup's budget).
      if (keyCellsOf(tabs) <= SETUP_INDEX_CELLS) store.whileLocked(() => store.lookups.rebuild('untrusted'));
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
    return report;
  },
  'setup',
);
