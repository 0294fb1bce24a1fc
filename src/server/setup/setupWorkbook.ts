import { langOfLocale, TABLE_KEYS, tableDef, type Lang, type TableDef } from '../../schema';
import { parseSettings, type Settings, type SettingsRow } from '../../core';
import { escapeText, readLayout, SheetStore } from '../../store';
import { currentUser } from '../context';
import { spreadsheetOwner } from '../auth';
import { throwing } from '../entry';
import { SUMMARY_KEYS } from '../../core/summaries';
import { ensureSummaryTabs } from '../summaries';
import { columnWidthOf, numberFormatOf, validationOf } from './columns';
import { adminTabProtection, dataTabProtections, historyProtection, type WantedProtection } from './protectionPlan';
import { syncProtections, type ProtectionReport } from './protections';
import { missingSettingsRows } from './settingsRows';

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

/** A tab as setup leaves it: its header after any upgrade, and the columns it added. */
interface PreparedTab {
  sheet: Sheet;
  def: TableDef;
  header: unknown[];
  /** Field keys whose columns setup created in this run (new tab or upgrade). */
  added: string[];
}

/** Creates the tab if missing; on an existing tab only adds the columns it lacks, at the end. */
function ensureTab(ss: Spreadsheet, def: TableDef, lang: Lang, report: SetupReport): PreparedTab {
  const existing = ss.getSheetByName(def.tab[lang]) ?? ss.getSheetByName(def.tab.zh) ?? ss.getSheetByName(def.tab.en);
  if (!existing) {
    const sheet = ss.insertSheet(def.tab[lang]);
    const labels = def.columns.map((c) => c.label[lang]);
    if (labels.length > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), labels.length - sheet.getMaxColumns());
    sheet.getRange(1, 1, 1, labels.length).setValues([labels]);
    report.created.push(def.tab[lang]);
    return { sheet, def, header: labels, added: def.columns.map((c) => c.key) };
  }
  const lastCol = existing.getLastColumn();
  const header: unknown[] = lastCol > 0 ? existing.getRange(1, 1, 1, lastCol).getValues()[0] : [];
  const layout = readLayout(def, header);
  if (!layout.missing.length) return { sheet: existing, def, header, added: [] };
  const labels = layout.missing.map((k) => def.columns.find((c) => c.key === k)?.label[lang] ?? k);
  const start = layout.width + 1;
  const needed = start + labels.length - 1 - existing.getMaxColumns();
  if (needed > 0) existing.insertColumnsAfter(existing.getMaxColumns(), needed);
  existing.getRange(1, start, 1, labels.length).setValues([labels]);
  report.upgraded.push({ tab: existing.getName(), addedColumns: labels });
  const full = header.slice(0, layout.width);
  while (full.length < start - 1) full.push('');
  return { sheet: existing, def, header: [...full, ...labels], added: layout.missing };
}

/**
 * Header look, frozen header, number formats (one call per format), dropdowns per column, and
 * widths only for columns setup just made (people's own widths are kept). Never data rows' values.
 */
function formatTab(tab: PreparedTab, lang: Lang, settings: Settings): void {
  const { sheet, def, header, added } = tab;
  const layout = readLayout(def, header);
  sheet.setFrozenRows(1);
  sheet.getRange(1, 1, 1, header.length).setFontWeight('bold').setBackground(HEADER_BG);
  const rows = sheet.getMaxRows() - 1;
  if (rows < 1) return;
  const byFormat = new Map<string, string[]>();
  for (const col of def.columns) {
    const at = layout.index.get(col.key);
    if (at === undefined) continue;
    const fmt = numberFormatOf(col);
    const a1 = sheet.getRange(2, at + 1, rows, 1).getA1Notation();
    if (fmt) byFormat.set(fmt, [...(byFormat.get(fmt) ?? []), a1]);
    const rule = validationOf(col, lang, settings.lists);
    if (rule) sheet.getRange(2, at + 1, rows, 1).setDataValidation(rule);
    if (added.includes(col.key)) sheet.setColumnWidth(at + 1, columnWidthOf(col));
  }
  for (const [fmt, ranges] of byFormat) sheet.getRangeList(ranges).setNumberFormat(fmt);
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

/** Removes the untouched default first tab a new spreadsheet comes with. */
function dropBlankDefaultTab(ss: Spreadsheet): void {
  const sheets = ss.getSheets();
  if (sheets.length < 2) return;
  for (const s of sheets) if (/^(sheet|工作表)\s?1$/i.test(s.getName()) && s.getLastRow() === 0 && s.getLastColumn() === 0) ss.deleteSheet(s);
}

/**
 * Protections of every CRM tab (see protectionPlan.ts). Hard protections need the runner's address
 * (they must stay an editor); when it cannot be known they are warning-only.
 */
function protectTabs(ss: Spreadsheet, tabs: readonly PreparedTab[], settings: Settings, lang: Lang): ProtectionReport {
  const runner = currentUser() === 'unknown' ? '' : currentUser();
  const hard = runner !== '';
  const wanted: WantedProtection[] = [];
  for (const tab of tabs) {
    if (tab.def.kind === 'data') wanted.push(...dataTabProtections(tab.sheet, tab.def, tab.header, settings.users, lang, hard));
    else if (tab.def.kind === 'log') wanted.push(historyProtection(tab.sheet, settings.users, lang, hard));
    else wanted.push(adminTabProtection(tab.sheet, tab.def.key, settings.users, lang, hard, null));
  }
  const summaries = ensureSummaryTabs(ss, lang, settings.users.map((u) => u.email));
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
    const tabs = TABLE_KEYS.map((key) => ensureTab(ss, tableDef(key), lang, report));
    const store = new SheetStore({
      spreadsheet: ss, lock, lang, timeZone: ss.getSpreadsheetTimeZone(),
      formatDate: (d, tz, p) => Utilities.formatDate(d, tz, p), flush: () => SpreadsheetApp.flush(),
    });
    report.settingsRowsAdded = seedSettings(ss, lang, store);
    store.invalidate();
    const settings = parseSettings(store.load('settings').records as unknown as SettingsRow[]);
    for (const tab of tabs) formatTab(tab, lang, settings);
    dropBlankDefaultTab(ss);
    report.protections = protectTabs(ss, tabs, settings, lang);
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
  return report;
}, 'setup');
