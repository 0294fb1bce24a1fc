import { listsGrid, LISTS_TAB, numberParam, type Values } from '../../core';
import {
  allStageLogged,
  buildSummaries,
  DEFERRED_COLUMNS,
  DEFERRED_TABLES,
  deferredNeeds,
  deferredRows,
  L,
  LINE_PRICE_FIELDS,
  needsLinePrice,
  ownerOnlyFollowUps,
  parseFilters,
  SUMMARY_COLUMNS,
  SUMMARY_KEYS,
  SUMMARY_SOURCES,
  SUMMARY_TABS,
  translator,
  type SummaryContext,
  type SummaryData,
  type SummaryFilters,
  type SummaryKey,
} from '../../core/summaries';
import { loadColumns, loadFieldsAt, loadFieldsAtMany, prefetchColumns, type ColumnTable } from '../../store';
import { openContext, type Context } from '../context';
import { layoutReport, type SheetBlock as LaidOut } from './layout';
import { hash, readState, writeState } from './state';
import { ensureSummaryTabs, refreshFilterDropdowns } from './tabs';
import { listSource, syncListsTab, writeListsTab, type ListSource } from '../lists/listsTab';
import { chartsPrint, syncCharts, writeBlock } from './writeBlock';
import { blockRequests, chartRequests, chartsFitGrid, dropdownRequests, type WorkbookMeta } from './batched';
import { preludeApi, preludeApp, tabAndName } from './prelude';
import { currentCapacity, levelProperty, measuredGrids } from '../capacity';
import { CAPACITY_WARNING_RATIO, type Capacity } from '../../core/capacity';
import type { Lang } from '../../schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** "Workbook usage: 83.4% of 10,000,000 cells", and what to do from the warning level on. */
export function usageLine(c: Pick<Capacity, 'ratio' | 'limit' | 'level'>, lang: Lang): string {
  const pct = `${(Math.floor(c.ratio * 1000) / 10).toFixed(1)}%`;
  const limit = c.limit.toLocaleString('en-US');
  const warn = c.level !== 'ok';
  const from = `${Math.round(CAPACITY_WARNING_RATIO * 100)}%`;
  if (lang === 'zh') {
    const line = `工作簿用量：已用 ${limit} 个单元格上限的 ${pct}`;
    return warn ? `${line}。已超过 ${from}：请归档旧记录（导出后删除），或删除各表多余的空行空列，否则表格将无法继续增长。` : line;
  }
  const line = `Workbook usage: ${pct} of ${limit} cells`;
  return warn
    ? `${line}. Over ${from}: archive old records (export, then delete them) or trim blank rows and columns, or the workbook will stop growing.`
    : line;
}

export interface RebuildOptions {
  /** Rebuild even when nothing changed (default: true when called by hand, false from the time trigger). */
  force?: boolean;
  /** Stop starting new tabs after this long; the rest wait for the next run (default 4 minutes). */
  timeBudgetMs?: number;
}

export interface RebuildResult {
  ok: true;
  skipped: boolean;
  /** Tabs written by this run. */
  built: string[];
  /** Tabs left for the next run (time budget reached). */
  pending: string[];
}

/** Apps Script stops an execution at 6 minutes; a tab write takes seconds, so 4 leaves ample room. */
const DEFAULT_BUDGET_MS = 4 * 60 * 1000;

function parseOptions(options: unknown): Required<RebuildOptions> {
  const o = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  // A time-driven trigger passes an event (with triggerUid): only then is an unchanged workbook skipped.
  const fromTrigger = 'triggerUid' in o;
  const force = typeof o.force === 'boolean' ? o.force : !fromTrigger;
  const budget = typeof o.timeBudgetMs === 'number' && o.timeBudgetMs >= 0 ? o.timeBudgetMs : DEFAULT_BUDGET_MS;
  return { force, timeBudgetMs: budget };
}

function summaryContext(ctx: Context): SummaryContext {
  const { settings } = ctx;
  return {
    lang: ctx.lang,
    today: ctx.now.slice(0, 10),
    now: ctx.now,
    params: {
      stalledDays: numberParam(settings, 'stalledDays'),
      churnDays: numberParam(settings, 'churnDays'),
      contractExpiryDays: numberParam(settings, 'contractExpiryDays'),
    },
    userNames: new Map(settings.users.map((u) => [u.email, u.name])),
    members: settings.users,
  };
}

/**
 * The columns the reports read (SUMMARY_COLUMNS), every source table's in one batched read; tables
 * listed without 'id' are read without their ID column, a table listed with nothing not at all.
 * DEFERRED_COLUMNS (a follow-up's owner and method, a line's product, quantity and amount) are left
 * out of it unless the reports being built need them of every row (an open period): a second
 * batched read then takes them of only the rows the reports use (deferredRows: follow-ups in the
 * team report's period, lines of orders in the value report's period or without a total). The
 * change log, usually the biggest tab, is read only when some opportunity has no stage log of its
 * own, and then only its stage columns; a line's price and discount only for lines read without an
 * amount (one more batched read of just those rows' cells, usually none).
 */
function loadData(ctx: Context, filters: Partial<Record<SummaryKey, SummaryFilters>>): SummaryData {
  const today = ctx.now.slice(0, 10);
  const needs = deferredNeeds(filters, today);
  const later = (key: keyof SummaryData): readonly string[] => {
    const t = DEFERRED_TABLES.find((d) => d === key);
    return t && needs[t] !== 'all' ? DEFERRED_COLUMNS[t] : [];
  };
  const first = (key: keyof SummaryData) => SUMMARY_COLUMNS[key].filter((f) => !later(key).includes(f));
  const data = {} as Record<keyof SummaryData, SummaryData[keyof SummaryData]>;
  const sources = SUMMARY_SOURCES.filter((k) => SUMMARY_COLUMNS[k].length > 0);
  const withoutId = sources.filter((k) => !SUMMARY_COLUMNS[k].includes('id'));
  const tables = new Map<keyof SummaryData, ColumnTable>();
  const read = (key: keyof SummaryData) => {
    const t = loadColumns(ctx.store, key, first(key), { withoutId: withoutId.includes(key) });
    tables.set(key, t);
    return t;
  };
  prefetchColumns(ctx.store, Object.fromEntries(sources.filter((k) => k !== 'history').map((k) => [k, first(k)])), { withoutId });
  for (const key of SUMMARY_SOURCES) if (key !== 'history') data[key] = sources.includes(key) ? read(key).records : [];
  // The deferred fields of the rows that use them, both tables in one read; of follow-ups only the
  // targets report counts (this year, outside the team report's period) just the owner.
  const ownerOnly = needs.followUps === 'some' ? ownerOnlyFollowUps(data as SummaryData, filters, today) : new Set<number>();
  const picked = DEFERRED_TABLES.filter((t) => needs[t] !== 'all').map((t) => {
    const all = needs[t] === 'none' ? [] : deferredRows(t, data as SummaryData, filters, today);
    const rows = t === 'followUps' ? all.filter((i) => !ownerOnly.has(i)) : all;
    return { t, rows, numbers: rows.map((i) => (tables.get(t) as ColumnTable).rowNumbers[i]) };
  });
  const ownerRows = [...ownerOnly];
  const ownerNumbers = ownerRows.map((i) => (tables.get('followUps') as ColumnTable).rowNumbers[i]);
  const got = loadFieldsAtMany(ctx.store, [
    ...picked.map(({ t, numbers }) => ({ key: t, fields: DEFERRED_COLUMNS[t], rows: numbers })),
    { key: 'followUps' as const, fields: ['owner'], rows: ownerNumbers },
  ]);
  const withAmount = new Set<number>();
  picked.forEach(({ t, rows, numbers }, k) => {
    const records = [...data[t]];
    rows.forEach((i, j) => {
      records[i] = { ...records[i], ...got[k].get(numbers[j]) };
    });
    data[t] = records;
    if (t === 'lineItems') for (const i of rows) withAmount.add(i);
  });
  if (ownerRows.length) {
    const owners = got[got.length - 1];
    const records = [...data.followUps];
    ownerRows.forEach((i, j) => {
      records[i] = { ...records[i], ...owners.get(ownerNumbers[j]) };
    });
    data.followUps = records;
  }
  const lines = tables.get('lineItems') as ColumnTable;
  const amountRead = (i: number) => needs.lineItems === 'all' || withAmount.has(i);
  data.lineItems = withLinePrices(ctx, data.lineItems, lines.rowNumbers, amountRead);
  data.history = allStageLogged(data.opportunities) ? [] : read('history').records;
  return data as SummaryData;
}

/** Lines with their price fields added where the amount was read and is missing (lineAmount falls back to them). */
function withLinePrices(
  ctx: Context,
  records: readonly Values[],
  rowNumbers: readonly number[],
  amountRead: (i: number) => boolean,
): Values[] {
  const wanted = (r: Values, i: number) => amountRead(i) && needsLinePrice(r);
  const rows = records.flatMap((r, i) => (wanted(r, i) ? [rowNumbers[i]] : []));
  if (!rows.length) return [...records];
  const prices = loadFieldsAt(ctx.store, 'lineItems', LINE_PRICE_FIELDS, rows);
  return records.map((r, i) => (wanted(r, i) ? { ...r, ...prices.get(rowNumbers[i]) } : r));
}

/** The Sheets service's spreadsheets collection when this copy of the script has it and the store batches. */
function spreadsheetsApi(ctx: Context): GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection | null {
  return ctx.store.io.batched && typeof Sheets !== 'undefined' && Sheets ? Sheets.Spreadsheets : null;
}

/**
 * Rebuilds the summary tabs. Skipped (from the time trigger) when the fingerprint of table sizes,
 * day and filters is unchanged. Reports are computed in full before the first write. With the
 * Sheets service every tab chosen is written at once: one Spreadsheets.batchUpdate (grids, clearing,
 * formats, dropdowns, the charts of tabs that have none), one values.batchUpdate, and chart calls
 * only for tabs whose existing charts changed.
 * Without it each tab is written whole with SpreadsheetApp. A run past its time budget writes the
 * first pending tab only and records the rest for the next run: a tab is never left half-written.
 */
export function runRebuild(options?: unknown): RebuildResult {
  const started = Date.now();
  const opts = parseOptions(options);
  const lock = LockService.getDocumentLock();
  // Two rebuilds at once (trigger + menu) would interleave writes; the second one simply yields.
  if (lock && !lock.tryLock(1000)) return { ok: true, skipped: true, built: [], pending: [] };
  try {
    const ctx = openContext();
    const { store, lang } = ctx;
    const ss = store.env.spreadsheet;
    const listsTab = ss.getSheetByName(LISTS_TAB);
    const lists = listSource(listsTab ?? syncListsTab(ss, ctx.settings, lang, (t, r, c, h) => store.io.addSheet(t, r, c, h)));
    const sheets = ensureSummaryTabs(ss, lang, lists);
    const api = spreadsheetsApi(ctx);
    const { cells, print, meta } = api ? preludeApi(ctx, api) : preludeApp(ctx, sheets);
    const props = PropertiesService.getDocumentProperties();
    const state = readState(props);
    // Dropdowns read the lists tab, which settings edits keep current. Sheets runs no trigger when
    // a settings row is deleted or sorted away, so when the lists changed since the last rebuild
    // the tab is written again (no read: the settings are already loaded), with the filter rules
    // (in the one batch on the API path).
    const listsKey = hash(JSON.stringify(listsGrid(ctx.settings, lang)));
    const listsChanged = listsKey !== state.lists;
    if (listsChanged && listsTab) writeListsTab(listsTab, ctx.settings, lang);
    if (listsChanged && !meta) {
      for (const key of SUMMARY_KEYS) refreshFilterDropdowns(sheets[key], key, lang, lists);
      writeState(props, { ...state, lists: listsKey });
    }

    let pending: SummaryKey[];
    let stateFingerprint = print;
    if (opts.force) pending = [...SUMMARY_KEYS];
    else if (state.pending.length) {
      // Finish the interrupted rebuild first; its older fingerprint makes the next run start afresh if data moved on.
      pending = state.pending;
      stateFingerprint = state.fingerprint;
    } else if (state.fingerprint === print) {
      if (listsChanged && meta && api) {
        api.batchUpdate(
          { requests: SUMMARY_KEYS.flatMap((k) => dropdownRequests(tabAndName(meta, k, lang).tab, k, lang, lists)) },
          store.env.spreadsheet.getId(),
        );
        writeState(props, { ...state, lists: listsKey });
      }
      return { ok: true, skipped: true, built: [], pending: [] };
    } else pending = [...SUMMARY_KEYS];

    const filters = Object.fromEntries(pending.map((k) => [k, parseFilters(k, cells[k])])) as Record<SummaryKey, SummaryFilters>;
    const reports = buildSummaries(loadData(ctx, filters), summaryContext(ctx), filters);
    const tr = translator(lang);
    const labels = { builtAt: tr(L.builtAt), filters: tr(L.filters) };
    // The first summary tab also says how full the workbook is. With the Sheets service the grids
    // come from the one metadata call (a tab created or grown by an earlier run included).
    // (Its level property is written with the state at the end: one round trip for both.)
    const measured = measuredGrids(meta?.grids, meta !== null);
    const usage = reports.some((r) => r.key === SUMMARY_KEYS[0]) ? usageLine(measured?.capacity ?? currentCapacity(), lang) : undefined;
    const blocks = reports.map((r) => layoutReport(r, r.key === SUMMARY_KEYS[0] ? { ...labels, usage } : labels));

    const charts = { ...state.charts };
    let built: SummaryKey[];
    if (meta && api) {
      // At least one tab per run, so a slow workbook still makes progress.
      const chosen = blocks
        .map((b, i) => ({ key: reports[i].key, block: b }))
        .filter((_, i) => i === 0 || Date.now() - started <= opts.timeBudgetMs);
      writeTabsApi(ctx, api, meta, chosen, sheets, charts, listsChanged ? lists : null);
      built = chosen.map((c) => c.key);
    } else {
      built = [];
      const gridOf = (key: SummaryKey) =>
        measured?.grids.get(SUMMARY_TABS[key][lang]) ?? measured?.grids.get(SUMMARY_TABS[key][lang === 'zh' ? 'en' : 'zh']);
      for (let i = 0; i < blocks.length; i++) {
        if (i > 0 && Date.now() - started > opts.timeBudgetMs) break;
        const key = reports[i].key;
        writeBlock(sheets[key], blocks[i], gridOf(key));
        // Charts were re-synced: the next API run compares against what is there now.
        delete charts[key];
        built.push(key);
      }
    }
    const rest = pending.filter((k) => !built.includes(k));
    writeState(
      props,
      { fingerprint: stateFingerprint, pending: rest, lists: listsKey, charts },
      meta && measured ? [levelProperty(measured.capacity)] : [],
    );
    const names = (keys: SummaryKey[]) => keys.map((k) => SUMMARY_TABS[k][lang]);
    return { ok: true, skipped: false, built: names(built), pending: names(rest) };
  } finally {
    if (lock) lock.releaseLock();
  }
}

/**
 * The chosen tabs' grids, clearing, formats and (when the lists changed) every tab's dropdowns in
 * one Spreadsheets.batchUpdate, their values in one values.batchUpdate. Charts: a tab keeps its
 * charts when their print (state) and count (metadata) are unchanged; a tab with none gets them as
 * addChart requests in the same batch; otherwise syncCharts updates them in place after the
 * writes (their ranges must hold the new values). `charts` is updated to what the tabs now hold.
 */
function writeTabsApi(
  ctx: Context,
  api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection,
  meta: WorkbookMeta,
  chosen: readonly { key: SummaryKey; block: LaidOut }[],
  sheets: Record<SummaryKey, Sheet>,
  charts: Partial<Record<SummaryKey, string>>,
  lists: ListSource | null,
): void {
  const { store, lang } = ctx;
  const tabOf = (key: SummaryKey) => tabAndName(meta, key, lang);
  const requests: GoogleAppsScript.Sheets.Schema.Request[] = [];
  if (lists) for (const key of SUMMARY_KEYS) requests.push(...dropdownRequests(tabOf(key).tab, key, lang, lists));
  // Charts are compared before the batch: a tab that has none gets its charts inside it.
  const redo: { key: SummaryKey; block: LaidOut; none: boolean }[] = [];
  for (const { key, block } of chosen) {
    const { tab } = tabOf(key);
    requests.push(...blockRequests(tab, block));
    const print = chartsPrint(block.charts, hash);
    if (charts[key] === print && tab.charts === block.charts.length) continue;
    if (tab.charts === 0 && chartsFitGrid(tab, block)) requests.push(...chartRequests(tab, block.charts));
    else redo.push({ key, block, none: tab.charts === 0 });
    charts[key] = print;
  }
  if (requests.length) api.batchUpdate({ requests }, store.env.spreadsheet.getId());
  store.io.write(
    chosen.map(({ key, block }) => ({
      block: { sheet: tabOf(key).name, row: block.row, column: 1, numRows: block.values.length, numColumns: block.width },
      values: block.values,
    })),
  );
  // A tab whose charts changed keeps them (same IDs), updated in place with SpreadsheetApp; a tab
  // with none whose charts reach past its grid inserts them there (no getCharts needed).
  for (const { key, block, none } of redo) syncCharts(sheets[key], block.charts, none);
}
