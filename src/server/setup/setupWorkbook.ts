import { langOfLocale, TABLE_KEYS, tableDef, type Lang, type TableDef } from '../../schema';
import { parseSettings, type Settings, type SettingsRow } from '../../core';
import { escapeText, KEY_COLUMNS, readLayout, SheetStore } from '../../store';
import { currentUser } from '../context';
import { spreadsheetOwner } from '../auth';
import { throwing } from '../entry';
import { SUMMARY_KEYS } from '../../core/summaries';
import { ensureSummaryTabs } from '../summaries';
import { columnWidthOf, numberFormatOf, validationOf } from './columns';
import { adminTabProtection, dataTabProtections, historyProtection, type WantedProtection } from './protectionPlan';
import { syncProtections, type ProtectionReport } from './protections';
import { missingSettingsRows } from './settingsRows';
import { columnLetters } from '../summaries/layout';

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
  sheet: Sheet;
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
interface NewSheetSize { rows: number; columns: number }

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
function ensureTab(ss: Spreadsheet, def: TableDef, lang: Lang, report: SetupReport, size: { value: NewSheetSize | null }): PreparedTab {
  const existing = ss.getSheetByName(def.tab[lang]) ?? ss.getSheetByName(def.tab.zh) ?? ss.getSheetByName(def.tab.en);
  if (!existing) {
    const labels = def.columns.map((c) => c.label[lang]);
    const sheet = insertSizedSheet(ss, def.tab[lang], labels.length, size);
    sheet.getRange(1, 1, 1, labels.length).setValues([labels]);
    report.created.push(def.tab[lang]);
    return { sheet, def, header: labels, added: def.columns.map((c) => c.key), created: true, maxRows: NEW_TAB_ROWS };
  }
  const firstRow = existing.getRange('1:1').getValues()[0];
  const maxColumns = firstRow.length;
  const lastColumn = existing.getLastColumn();
  const maxRows = existing.getMaxRows();
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
    if (needed > 0) existing.insertColumnsAfter(maxColumns, needed);
    existing.getRange(1, start, 1, labels.length).setValues([labels]);
    report.upgraded.push({ tab: existing.getName(), addedColumns: labels });
    full = header.slice(0, layout.width);
    while (full.length < start - 1) full.push('');
    full = [...full, ...labels];
    added = layout.missing;
  }
  // Keep every column with a header or data; the blank ones past them only cost cells.
  const keep = Math.max(full.length, lastColumn, 1);
  const gridColumns = Math.max(maxColumns, full.length);
  if (gridColumns > keep) existing.deleteColumns(keep + 1, gridColumns - keep);
  return { sheet: existing, def, header: full, added, created: false, maxRows };
}

/** Same rule: criteria, values, allow-invalid and help text. */
function sameRule(a: GoogleAppsScript.Spreadsheet.DataValidation | null, b: GoogleAppsScript.Spreadsheet.DataValidation): boolean {
  if (!a) return false;
  return String(a.getCriteriaType()) === String(b.getCriteriaType())
    && JSON.stringify(a.getCriteriaValues()) === JSON.stringify(b.getCriteriaValues())
    && a.getAllowInvalid() === b.getAllowInvalid()
    && (a.getHelpText() ?? '') === (b.getHelpText() ?? '');
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
function formatTab(tab: PreparedTab, lang: Lang, settings: Settings): void {
  const { sheet, def, header, added, created, maxRows } = tab;
  const layout = readLayout(def, header);
  const rows = maxRows - 1;
  if (created || added.length) {
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, header.length).setFontWeight('bold').setBackground(HEADER_BG);
  }
  if (rows < 1) return;
  const at = def.columns.map((col) => layout.index.get(col.key));
  const width = Math.max(0, ...at.map((i) => (i === undefined ? 0 : i + 1)));
  if (!width) return;
  const current = created ? null : {
    rules: sheet.getRange(2, 1, 1, width).getDataValidations()[0],
    formats: sheet.getRange(2, 1, 1, width).getNumberFormats()[0],
  };
  const rules = new Map<number, GoogleAppsScript.Spreadsheet.DataValidation>();
  const byFormat = new Map<string, number[]>();
  def.columns.forEach((col, i) => {
    const c = at[i];
    if (c === undefined) return;
    const rule = validationOf(col, lang, settings.lists);
    if (rule && !(current && sameRule(current.rules[c], rule))) rules.set(c, rule);
    const fmt = numberFormatOf(col);
    if (fmt && !(current && current.formats[c] === fmt)) byFormat.set(fmt, [...(byFormat.get(fmt) ?? []), c]);
  });
  if (created && rules.size) {
    // A new tab has no dropdowns yet: one block from its first to its last ruled column.
    const [first, last] = [Math.min(...rules.keys()), Math.max(...rules.keys())];
    const line = Array.from({ length: last - first + 1 }, (_, j) => rules.get(first + j) ?? null);
    sheet.getRange(2, first + 1, rows, line.length).setDataValidations(Array.from({ length: rows }, () => line));
  } else {
    for (const [first, last] of runsOf([...rules.keys()])) {
      const line = Array.from({ length: last - first + 1 }, (_, j) => rules.get(first + j) ?? null);
      sheet.getRange(2, first + 1, rows, line.length).setDataValidations(Array.from({ length: rows }, () => line));
    }
  }
  for (const [fmt, cols] of byFormat) {
    sheet.getRangeList(runsOf(cols).map(([a, b]) => `${columnLetters(a + 1)}2:${columnLetters(b + 1)}${maxRows}`)).setNumberFormat(fmt);
  }
  setWidths(sheet, def, layout.index, added, created);
}

/**
 * Widths of the columns setup made: on a new tab one call gives every column the most common
 * width, then one call per run of columns that differ from it; on an upgrade one per run.
 */
function setWidths(sheet: Sheet, def: TableDef, index: ReadonlyMap<string, number>, added: readonly string[], created: boolean): void {
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
    sheet.setColumnWidths(1, Math.max(...widths.keys()) + 1, base);
  }
  const differing = [...widths.keys()].filter((c) => widths.get(c) !== base);
  for (const [first, last] of runsOf(differing)) {
    let start = first;
    for (let c = first + 1; c <= last + 1; c++) {
      if (c <= last && widths.get(c) === widths.get(start)) continue;
      sheet.setColumnWidths(start + 1, c - start, widths.get(start) ?? base ?? 100);
      start = c;
    }
  }
}

/** Seeds the settings tab and records the spreadsheet's time zone and locale there. */
function seedSettings(ss: Spreadsheet, lang: Lang, store: SheetStore): number {
  const t = store.load('settings');
  const existing = t.records as unknown as SettingsRow[];
  const rows = missingSettingsRows(existing, currentUser(), lang).map((r) => ({ ...r }));
  const tz = ss.getSpreadsheetTimeZone();
  const locale = ss.getSpreadsheetLocale();
  for (const [key, value] of [['timeZone', tz], ['locale', locale]] as const) {
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
function dropBlankDefaultTab(ss: Spreadsheet): void {
  for (const name of ['Sheet1', '工作表1', 'Sheet 1', '工作表 1']) {
    const s = ss.getSheetByName(name);
    if (s && ss.getSheets().length > 1 && s.getLastRow() === 0 && s.getLastColumn() === 0) ss.deleteSheet(s);
  }
}

/**
 * Protections of every CRM tab (see protectionPlan.ts). Hard protections need the runner's address
 * (they must stay an editor); when it cannot be known they are warning-only.
 */
function protectTabs(ss: Spreadsheet, tabs: readonly PreparedTab[], settings: Settings, lang: Lang, grid: NewSheetSize | null): ProtectionReport {
  const runner = currentUser() === 'unknown' ? '' : currentUser();
  const hard = runner !== '';
  const wanted: WantedProtection[] = [];
  for (const tab of tabs) {
    if (tab.def.kind === 'data') wanted.push(...dataTabProtections(tab.sheet, tab.def, tab.header, settings.users, lang, hard));
    else if (tab.def.kind === 'log') wanted.push(historyProtection(tab.sheet, settings.users, lang, hard));
    else wanted.push(adminTabProtection(tab.sheet, tab.def.key, settings.users, lang, hard, null));
  }
  const summaries = ensureSummaryTabs(ss, lang, settings.users.map((u) => u.email), grid ?? undefined);
  for (const key of SUMMARY_KEYS) wanted.push(adminTabProtection(summaries[key], `summary-${key}`, settings.users, lang, hard, key));
  return syncProtections(ss, wanted, [runner, hard ? spreadsheetOwner() : ''], !hard);
}

/**
 * Creates or upgrades every tab: headers in the spreadsheet's language, frozen header, formats and
 * dropdowns, settings defaults, summary tabs, protections. Idempotent; data rows are never touched.
 * Only an admin may run it, except the very first time (its runner becomes the first admin).
 */
export const setupWorkbook = throwing((): SetupReport => {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lang = langOfLocale(ss.getSpreadsheetLocale());
  const report: SetupReport = { created: [], upgraded: [], settingsRowsAdded: 0, lang, protections: null };
  const lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try {
    const size = { value: null as NewSheetSize | null };
    const tabs = TABLE_KEYS.map((key) => ensureTab(ss, tableDef(key), lang, report, size));
    const store = new SheetStore({
      spreadsheet: ss, lock, lang, timeZone: ss.getSpreadsheetTimeZone(),
      formatDate: (d, tz, p) => Utilities.formatDate(d, tz, p), flush: () => SpreadsheetApp.flush(),
    });
    report.settingsRowsAdded = seedSettings(ss, lang, store);
    // Appended settings rows grew that tab's grid: its dropdowns cover them too.
    const settingsTab = tabs.find((t) => t.def.key === 'settings');
    if (settingsTab && report.settingsRowsAdded) settingsTab.maxRows = settingsTab.sheet.getMaxRows();
    store.invalidate();
    const settings = parseSettings(store.load('settings').records as unknown as SettingsRow[]);
    for (const tab of tabs) formatTab(tab, lang, settings);
    dropBlankDefaultTab(ss);
    report.protections = protectTabs(ss, tabs, settings, lang, size.value);
    // A new or small workbook gets its key index now; a big one builds it column by column as
    // writers first need it, and in the daily job (reading every key column is not setup's budget).
    if (keyCellsOf(tabs) <= SETUP_INDEX_CELLS) store.whileLocked(() => store.lookups.rebuild('untrusted'));
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
  return report;
}, 'setup');
