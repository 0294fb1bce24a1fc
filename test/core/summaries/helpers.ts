import {
  buildSummary,
  parseFilters,
  type Cell,
  type FilterKey,
  type SummaryContext,
  type SummaryData,
  type SummaryKey,
  type SummaryReport,
} from '../../../src/core/summaries';

export const TODAY = '2024-03-15';
type Row = Record<string, unknown>;

export function data(partial: Partial<Record<keyof SummaryData, Row[]>> = {}): SummaryData {
  return {
    customers: [],
    leads: [],
    opportunities: [],
    followUps: [],
    orders: [],
    lineItems: [],
    contracts: [],
    payments: [],
    campaigns: [],
    campaignMembers: [],
    feedback: [],
    tickets: [],
    todos: [],
    deliveryNotes: [],
    history: [],
    targets: [],
    ...partial,
  };
}

export function context(overrides: Partial<SummaryContext> = {}): SummaryContext {
  return {
    lang: 'zh',
    today: TODAY,
    now: `${TODAY} 10:00`,
    params: { stalledDays: 14, churnDays: 90, contractExpiryDays: 30 },
    ...overrides,
  };
}

/** Runs one report with filter cells as a manager would type them. */
export function run(
  key: SummaryKey,
  d: SummaryData,
  cells: Partial<Record<FilterKey, string>> = {},
  ctx: Partial<SummaryContext> = {},
): SummaryReport {
  return buildSummary(key, d, context(ctx), parseFilters(key, cells));
}

export function section(report: SummaryReport, title: string) {
  const s = report.sections.find((x) => x.title === title);
  if (!s) throw new Error(`no section "${title}" in ${report.sections.map((x) => x.title).join(', ')}`);
  return s;
}

/** The row whose first cell is `label`, as { column label: cell }. */
export function row(report: SummaryReport, title: string, label: Cell): Record<string, Cell> {
  const s = section(report, title);
  const r = s.table.rows.find((x) => x[0] === label);
  if (!r) throw new Error(`no row "${String(label)}" in "${title}": ${s.table.rows.map((x) => x[0]).join(', ')}`);
  return Object.fromEntries(s.table.columns.map((c, i) => [c.label, r[i] ?? null]));
}

/** Key-value sections: metric label → value. */
export function kpi(report: SummaryReport, title: string): Record<string, Cell> {
  return Object.fromEntries(section(report, title).table.rows.map((r) => [String(r[0]), r[1]]));
}

export function firstColumn(report: SummaryReport, title: string): Cell[] {
  return section(report, title).table.rows.map((r) => r[0]);
}

let seq = 0;
/** A live record with an ID and stamps; `createdAt` defaults to a fixed time. */
export function rec(prefix: string, values: Row): Row {
  seq++;
  return { id: `${prefix}20240101${String(seq).padStart(3, '0')}`, createdAt: '2024-01-01 09:00', deleted: false, ...values };
}
