import { langOfLocale, TABLE_KEYS, tableDef, type Lang, type TableDef } from '../../schema';
import { parseSettings, type Settings, type SettingsRow } from '../../core';
import { escapeText, readLayout, SheetStore } from '../../store';
import { currentUser } from '../context';
import { formatColumn, validationOf } from './columns';
import { missingSettingsRows } from './settingsRows';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SetupReport {
  created: string[];
  upgraded: { tab: string; addedColumns: string[] }[];
  settingsRowsAdded: number;
  lang: Lang;
}

const HEADER_BG = '#e8f0fe';

/** Creates the tab if missing; on an existing tab only adds the columns it lacks, at the end. */
function ensureTab(ss: Spreadsheet, def: TableDef, lang: Lang, report: SetupReport): Sheet {
  const existing = ss.getSheetByName(def.tab[lang]) ?? ss.getSheetByName(def.tab.zh) ?? ss.getSheetByName(def.tab.en);
  if (!existing) {
    const sheet = ss.insertSheet(def.tab[lang]);
    const labels = def.columns.map((c) => c.label[lang]);
    if (labels.length > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), labels.length - sheet.getMaxColumns());
    sheet.getRange(1, 1, 1, labels.length).setValues([labels]);
    report.created.push(def.tab[lang]);
    return sheet;
  }
  const lastCol = existing.getLastColumn();
  const header = lastCol > 0 ? existing.getRange(1, 1, 1, lastCol).getValues()[0] : [];
  const layout = readLayout(def, header);
  if (layout.missing.length) {
    const labels = layout.missing.map((k) => def.columns.find((c) => c.key === k)?.label[lang] ?? k);
    const start = layout.width + 1;
    const needed = start + labels.length - 1 - existing.getMaxColumns();
    if (needed > 0) existing.insertColumnsAfter(existing.getMaxColumns(), needed);
    existing.getRange(1, start, 1, labels.length).setValues([labels]);
    report.upgraded.push({ tab: existing.getName(), addedColumns: labels });
  }
  return existing;
}

/** Header look, frozen header, and per-column formats and dropdowns (never data rows' values). */
function formatTab(sheet: Sheet, def: TableDef, lang: Lang, settings: Settings): void {
  const lastCol = sheet.getLastColumn();
  const header = sheet.getRange(1, 1, 1, lastCol).getValues()[0];
  const layout = readLayout(def, header);
  sheet.setFrozenRows(1);
  sheet.getRange(1, 1, 1, lastCol).setFontWeight('bold').setBackground(HEADER_BG);
  const rows = sheet.getMaxRows() - 1;
  for (const col of def.columns) {
    const at = layout.index.get(col.key);
    if (at !== undefined) formatColumn(sheet, at + 1, rows, col, validationOf(col, lang, settings.lists));
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

/** Removes the untouched default first tab a new spreadsheet comes with. */
function dropBlankDefaultTab(ss: Spreadsheet): void {
  const sheets = ss.getSheets();
  if (sheets.length < 2) return;
  for (const s of sheets) if (/^(sheet|工作表)\s?1$/i.test(s.getName()) && s.getLastRow() === 0 && s.getLastColumn() === 0) ss.deleteSheet(s);
}

/**
 * Creates or upgrades every tab: headers in the spreadsheet's language, frozen header, formats and
 * dropdowns, settings defaults. Idempotent; data rows are never touched.
 */
export function setupWorkbook(): SetupReport {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lang = langOfLocale(ss.getSpreadsheetLocale());
  const report: SetupReport = { created: [], upgraded: [], settingsRowsAdded: 0, lang };
  const lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try {
    for (const key of TABLE_KEYS) ensureTab(ss, tableDef(key), lang, report);
    const store = new SheetStore({
      spreadsheet: ss, lock, lang, timeZone: ss.getSpreadsheetTimeZone(),
      formatDate: (d, tz, p) => Utilities.formatDate(d, tz, p), flush: () => SpreadsheetApp.flush(),
    });
    report.settingsRowsAdded = seedSettings(ss, lang, store);
    store.invalidate();
    const settings = parseSettings(store.load('settings').records as unknown as SettingsRow[]);
    for (const key of TABLE_KEYS) {
      const def = tableDef(key);
      const sheet = store.findSheet(def);
      if (sheet) formatTab(sheet, def, lang, settings);
    }
    dropBlankDefaultTab(ss);
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
  return report;
}
