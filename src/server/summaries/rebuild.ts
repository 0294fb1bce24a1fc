import { listsGrid, LISTS_TAB, numberParam } from '../../core';
import {
  allStageLogged, buildSummaries, L, parseFilters, SUMMARY_COLUMNS, SUMMARY_KEYS, SUMMARY_SOURCES, SUMMARY_TABS, translator,
  type FilterKey, type SummaryContext, type SummaryData, type SummaryFilters, type SummaryKey,
} from '../../core/summaries';
import { loadColumns, prefetchColumns } from '../../store';
import { openContext, type Context } from '../context';
import { layoutReport } from './layout';
import { fingerprint, hash, readState, writeState } from './state';
import { ensureSummaryTabs, readFilterCells, refreshFilterDropdowns } from './tabs';
import { listSource, syncListsTab, writeListsTab } from '../lists/listsTab';
import { writeBlock } from './writeBlock';
import { currentCapacity, measuredGrids } from '../capacity';
import { CAPACITY_WARNING_RATIO, type Capacity } from '../../core/capacity';
import type { Lang } from '../../schema';

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
  return warn ? `${line}. Over ${from}: archive old records (export, then delete them) or trim blank rows and columns, or the workbook will stop growing.` : line;
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
  };
}

/**
 * The columns the reports read (SUMMARY_COLUMNS), one getValues per run of them per source table.
 * The change log, usually the biggest tab, is read only when some opportunity has no stage log of
 * its own, and then only its stage columns.
 */
function loadData(ctx: Context): SummaryData {
  const data = {} as Record<keyof SummaryData, SummaryData[keyof SummaryData]>;
  const read = (key: keyof SummaryData) => loadColumns(ctx.store, key, SUMMARY_COLUMNS[key]).records;
  // Every source table's columns in one batched read; the change log only if needed (below).
  prefetchColumns(ctx.store, Object.fromEntries(SUMMARY_SOURCES.filter((k) => k !== 'history').map((k) => [k, SUMMARY_COLUMNS[k]])));
  for (const key of SUMMARY_SOURCES) if (key !== 'history') data[key] = read(key);
  data.history = allStageLogged(data.opportunities) ? [] : read('history');
  return data as SummaryData;
}

/**
 * Rebuilds the summary tabs. Skipped (from the time trigger) when the fingerprint of table sizes,
 * day and filters is unchanged. Reports are computed in full before the first write; each tab is
 * then written whole, and a run that reaches its time budget records which tabs remain so the
 * next run continues with them — a tab is never left half-written.
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
    const cells = {} as Record<SummaryKey, Partial<Record<FilterKey, string>>>;
    for (const key of SUMMARY_KEYS) cells[key] = readFilterCells(sheets[key], key, store.env.timeZone, store.env.formatDate);
    const props = PropertiesService.getDocumentProperties();
    const state = readState(props);
    // Dropdowns read the lists tab, which settings edits keep current. Sheets runs no trigger when
    // a settings row is deleted or sorted away, so when the lists changed since the last rebuild
    // the tab is written again (no read: the settings are already loaded), with the filter rules.
    const listsKey = hash(JSON.stringify(listsGrid(ctx.settings, lang)));
    if (listsKey !== state.lists) {
      if (listsTab) writeListsTab(listsTab, ctx.settings, lang);
      for (const key of SUMMARY_KEYS) refreshFilterDropdowns(sheets[key], key, lang, lists);
      writeState(props, { ...state, lists: listsKey });
    }
    const print = fingerprint(store, ctx.now.slice(0, 10), cells);

    let pending: SummaryKey[];
    let stateFingerprint = print;
    if (opts.force) pending = [...SUMMARY_KEYS];
    else if (state.pending.length) {
      // Finish the interrupted rebuild first; its older fingerprint makes the next run start afresh if data moved on.
      pending = state.pending;
      stateFingerprint = state.fingerprint;
    } else if (state.fingerprint === print) return { ok: true, skipped: true, built: [], pending: [] };
    else pending = [...SUMMARY_KEYS];

    const filters = Object.fromEntries(pending.map((k) => [k, parseFilters(k, cells[k])])) as Record<SummaryKey, SummaryFilters>;
    const reports = buildSummaries(loadData(ctx), summaryContext(ctx), filters);
    const tr = translator(lang);
    const labels = { builtAt: tr(L.builtAt), filters: tr(L.filters) };
    // The first summary tab also says how full the workbook is (cached grid sizes, else read now).
    // With the Sheets service one call reads every tab's grid: the usage line and the grid sizes
    // the tab writes need (a tab created or grown by an earlier run included).
    const measured = measuredGrids();
    const usage = reports.some((r) => r.key === SUMMARY_KEYS[0]) ? usageLine(measured?.capacity ?? currentCapacity(), lang) : undefined;
    const gridOf = (key: SummaryKey) => measured?.grids.get(SUMMARY_TABS[key][lang]) ?? measured?.grids.get(SUMMARY_TABS[key][lang === 'zh' ? 'en' : 'zh']);
    const blocks = reports.map((r) => layoutReport(r, r.key === SUMMARY_KEYS[0] ? { ...labels, usage } : labels));

    const built: SummaryKey[] = [];
    for (let i = 0; i < blocks.length; i++) {
      // At least one tab per run, so a slow workbook still makes progress.
      if (i > 0 && Date.now() - started > opts.timeBudgetMs) break;
      const key = reports[i].key;
      writeBlock(sheets[key], blocks[i], gridOf(key));
      built.push(key);
    }
    const rest = pending.filter((k) => !built.includes(k));
    writeState(props, { fingerprint: stateFingerprint, pending: rest, lists: listsKey });
    const names = (keys: SummaryKey[]) => keys.map((k) => SUMMARY_TABS[k][lang]);
    return { ok: true, skipped: false, built: names(built), pending: names(rest) };
  } finally {
    if (lock) lock.releaseLock();
  }
}
