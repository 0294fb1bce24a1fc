import { L, type Tr } from './labels';
import {
  NONE,
  ratio,
  type Cell,
  type ChartType,
  type ColumnFormat,
  type SummaryColumn,
  type SummarySection,
  type SummaryTable,
} from './model';

/** Lists on the attention tab stop here so a tab's size never grows with the data. */
const MAX_LIST_ROWS = 100;
/** Dimensions with many values (industry, region, product) keep the largest and fold the rest. */
export const MAX_GROUPS = 20;

export const col = (label: string, format: ColumnFormat = 'text'): SummaryColumn => ({ label, format });

export function countInto(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export interface ChartOptions {
  type: ChartType;
  title: string;
  labelColumn?: number;
  valueColumns?: number[];
  /** Leave the last n rows (totals) out of the chart. */
  skipLast?: number;
}

/**
 * A section; an empty table gets one "(no data)" row so the tab says so. Its chart covers the
 * table's rows (less totals), at least one row so the chart keeps its data range.
 */
export function section(tr: Tr, title: string, table: SummaryTable, charts?: ChartOptions | ChartOptions[], note?: string): SummarySection {
  const rows = table.rows.length ? table.rows : [[tr(L.noData)]];
  const out: SummarySection = { title, table: { ...table, rows } };
  if (note) out.note = note;
  const list = charts === undefined ? [] : Array.isArray(charts) ? charts : [charts];
  if (list.length) {
    out.charts = list.map((c) => ({
      type: c.type,
      title: c.title,
      labelColumn: c.labelColumn ?? 0,
      valueColumns: c.valueColumns ?? [1],
      rowCount: Math.max(1, table.rows.length - (c.skipLast ?? 0)),
    }));
  }
  return out;
}

/** Key-value table: [metric, value] rows, each value with its own format. */
export function kpiTable(tr: Tr, items: readonly (readonly [string, Cell, ColumnFormat])[]): SummaryTable {
  return {
    columns: [col(tr(L.metric)), col(tr(L.value))],
    rows: items.map(([label, value]) => [label, value]),
    rowFormats: items.map(([, , format]) => format),
  };
}

/**
 * Count-and-share table of one dimension, a total row last. `order` fixes the row order (sizes,
 * grades); otherwise largest first, and beyond `cap` groups the rest is folded into "Other".
 */
export function shareTable(
  tr: Tr,
  dimension: string,
  counts: Map<string, number>,
  display: (key: string) => string,
  order?: readonly string[],
  cap = MAX_GROUPS,
): SummaryTable {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let keys: string[];
  if (order) keys = [...order.filter((k) => counts.has(k)), ...[...counts.keys()].filter((k) => !order.includes(k))];
  else keys = [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const rows: Cell[][] = [];
  let rest = 0;
  keys.forEach((k, i) => {
    const n = counts.get(k) ?? 0;
    if (!order && i >= cap) rest += n;
    else rows.push([display(k), n, ratio(n, total)]);
  });
  if (rest) rows.push([tr(L.other), rest, ratio(rest, total)]);
  if (rows.length) rows.push([tr(L.total), total, total ? 1 : NONE]);
  return { columns: [col(dimension), col(tr(L.count), 'count'), col(tr(L.share), 'percent')], rows };
}

/**
 * The first `k` items in `compare` order, without sorting them all: most items lose against the
 * current k-th and cost one comparison. Ties keep their input order.
 */
export function topK<T>(items: readonly T[], compare: (a: T, b: T) => number, k = MAX_LIST_ROWS): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === k && compare(item, kept[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, kept[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    kept.splice(lo, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

/** Says a list was cut to MAX_LIST_ROWS of `total`. */
export function truncationNote(tr: Tr, total: number, max = MAX_LIST_ROWS): string | undefined {
  return total > max ? tr(L.truncated, { shown: max, total }) : undefined;
}

/** Deterministic text order for ties. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
