import { CUSTOMER_KINDS, foldKey, LIFECYCLES, matchOption, STAGES, toDate, type EnumOption, type Label, type Lang } from '../../schema';
import { L, optionText, type Tr } from './labels';
import type { SummaryKey } from './model';
import { PERIOD_OPTIONS, resolvePeriod, type Period, type PeriodKind } from './period';

/** The filter cells of a summary tab, left to right. */
export type FilterKey = 'period' | 'start' | 'end' | 'owner' | 'kind' | 'stage' | 'lifecycle';

export interface SummaryFilters {
  period: PeriodKind;
  start: string | null;
  end: string | null;
  /** Owner email or display name; null = everyone. */
  owner: string | null;
  /** Canonical customer kind (直接客户...); null = all. */
  kind: string | null;
  /** Canonical opportunity stage; null = all. */
  stage: string | null;
  /** Canonical customer lifecycle stage; null = all. */
  lifecycle: string | null;
}

const DATED: FilterKey[] = ['period', 'start', 'end'];
/** Which filters each tab offers ("stage where it makes sense"), and its default period. */
export const REPORT_FILTERS: Readonly<Record<SummaryKey, readonly FilterKey[]>> = {
  distribution: [...DATED, 'owner', 'kind', 'lifecycle'],
  funnel: [...DATED, 'owner', 'kind'],
  team: [...DATED, 'owner', 'kind'],
  value: [...DATED, 'owner', 'kind'],
  attention: ['owner', 'kind', 'stage'],
  service: [...DATED, 'owner', 'kind'],
  campaigns: [...DATED, 'owner'],
  // Its periods are fixed (this month, quarter and year): the owner filter only.
  targets: ['owner'],
};
const DEFAULT_PERIOD: Readonly<Record<SummaryKey, PeriodKind>> = {
  distribution: 'all',
  funnel: 'year',
  team: 'month',
  value: 'year',
  attention: 'all',
  service: 'quarter',
  campaigns: 'year',
  targets: 'year',
};

export const FILTER_LABELS: Readonly<Record<FilterKey, Label>> = {
  period: { zh: '统计期间', en: 'Period' },
  start: { zh: '开始日期', en: 'Start date' },
  end: { zh: '结束日期', en: 'End date' },
  owner: { zh: '负责人', en: 'Owner' },
  kind: { zh: '客户性质', en: 'Customer kind' },
  stage: { zh: '销售阶段', en: 'Stage' },
  lifecycle: { zh: '生命周期', en: 'Lifecycle' },
};

const ENUM_FILTERS: Partial<Record<FilterKey, readonly EnumOption[]>> = { kind: CUSTOMER_KINDS, stage: STAGES, lifecycle: LIFECYCLES };

const isAll = (text: string) => text === '' || foldKey(text) === foldKey(L.all.zh) || foldKey(text) === foldKey(L.all.en);

function parsePeriod(text: string, fallback: PeriodKind): PeriodKind {
  if (text === '') return fallback;
  const k = foldKey(text);
  const hit = PERIOD_OPTIONS.find((o) => o.kind.toLowerCase() === k || foldKey(o.label.zh) === k || foldKey(o.label.en) === k);
  return hit ? hit.kind : fallback;
}

function parseDate(text: string): string | null {
  const d = toDate(text);
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

/**
 * Reads a tab's filter cells (as text; dates already 'YYYY-MM-DD'). Blank or 全部/All means no
 * filter; a blank period is the tab's default; custom dates may be left open on either side.
 */
export function parseFilters(key: SummaryKey, cells: Partial<Record<FilterKey, string>>): SummaryFilters {
  const offered = new Set(REPORT_FILTERS[key]);
  const text = (k: FilterKey) => (offered.has(k) ? String(cells[k] ?? '').trim() : '');
  const choice = (k: FilterKey): string | null => {
    const t = text(k);
    if (isAll(t)) return null;
    const options = ENUM_FILTERS[k];
    return options ? String(matchOption(options, t)) : t;
  };
  const period = offered.has('period') ? parsePeriod(text('period'), DEFAULT_PERIOD[key]) : 'all';
  return {
    period,
    start: period === 'custom' ? parseDate(text('start')) : null,
    end: period === 'custom' ? parseDate(text('end')) : null,
    owner: choice('owner'),
    kind: choice('kind'),
    stage: choice('stage'),
    lifecycle: choice('lifecycle'),
  };
}

export function periodOf(filters: SummaryFilters, today: string): Period {
  return resolvePeriod(filters.period, today, filters.start, filters.end);
}

/** Row-3 cell texts of a new tab: its default period and 全部/All elsewhere. */
export function defaultFilterCells(key: SummaryKey, lang: Lang): string[] {
  return REPORT_FILTERS[key].map((k) => {
    if (k === 'period') return PERIOD_OPTIONS.find((o) => o.kind === DEFAULT_PERIOD[key])?.label[lang] ?? '';
    return k === 'start' || k === 'end' ? '' : L.all[lang];
  });
}

/** Dropdown values of a filter cell; 'date' for the custom bounds. */
export function filterChoices(k: FilterKey, lang: Lang, owners: readonly string[]): string[] | 'date' {
  if (k === 'start' || k === 'end') return 'date';
  if (k === 'period') return PERIOD_OPTIONS.map((o) => o.label[lang]);
  if (k === 'owner') return [L.all[lang], ...owners];
  return [L.all[lang], ...(ENUM_FILTERS[k] ?? []).map((o) => (lang === 'zh' ? o.value : o.en))];
}

/** The filters in force, in words: "统计期间：本月（2024-03-01 ~ 2024-03-31）；负责人：全部". */
export function echoFilters(key: SummaryKey, f: SummaryFilters, p: Period, lang: Lang, tr: Tr): string {
  const sep = lang === 'zh' ? '；' : '; ';
  const colon = lang === 'zh' ? '：' : ': ';
  const parts: string[] = [];
  for (const k of REPORT_FILTERS[key]) {
    if (k === 'start' || k === 'end') continue;
    let shown: string;
    if (k === 'period') {
      const name = PERIOD_OPTIONS.find((o) => o.kind === f.period)?.label[lang] ?? f.period;
      shown = p.start || p.end ? `${name} (${p.start ?? '…'} ~ ${p.end ?? '…'})` : name;
    } else {
      const v = f[k];
      const options = ENUM_FILTERS[k];
      shown = v === null ? tr(L.all) : options ? optionText(options, v, lang) : v;
    }
    parts.push(`${tr(FILTER_LABELS[k])}${colon}${shown}`);
  }
  return parts.join(sep);
}
