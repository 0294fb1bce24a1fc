import type { Label } from '../../schema';
import { monthEnd } from './dates';

/** What a manager picks in a summary tab's period cell. */
export type PeriodKind = 'all' | 'month' | 'lastMonth' | 'quarter' | 'lastQuarter' | 'year' | 'lastYear' | 'custom';

export const PERIOD_OPTIONS: readonly { kind: PeriodKind; label: Label }[] = [
  { kind: 'all', label: { zh: '全部', en: 'All time' } },
  { kind: 'month', label: { zh: '本月', en: 'This month' } },
  { kind: 'lastMonth', label: { zh: '上月', en: 'Last month' } },
  { kind: 'quarter', label: { zh: '本季度', en: 'This quarter' } },
  { kind: 'lastQuarter', label: { zh: '上季度', en: 'Last quarter' } },
  { kind: 'year', label: { zh: '本年', en: 'This year' } },
  { kind: 'lastYear', label: { zh: '去年', en: 'Last year' } },
  { kind: 'custom', label: { zh: '自定义', en: 'Custom' } },
];

/** Inclusive date bounds; null is open-ended. */
export interface Period {
  start: string | null;
  end: string | null;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const monthStart = (y: number, m: number) => `${y}-${pad(m)}-01`;
/** Normalises a (year, month) pair whose month may be outside 1..12. */
function ym(y: number, m: number): [number, number] {
  const i = y * 12 + (m - 1);
  return [Math.floor(i / 12), (i % 12) + 1];
}
function months(y: number, m: number, count: number): Period {
  const [ys, ms] = ym(y, m);
  const [ye, me] = ym(y, m + count - 1);
  return { start: monthStart(ys, ms), end: monthEnd(`${ye}-${pad(me)}`) };
}

/** The dates a period covers, relative to `today` ('YYYY-MM-DD'). Custom bounds may be open. */
export function resolvePeriod(kind: PeriodKind, today: string, start: string | null, end: string | null): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  switch (kind) {
    case 'month':
      return months(y, m, 1);
    case 'lastMonth':
      return months(y, m - 1, 1);
    case 'quarter':
      return months(y, q, 3);
    case 'lastQuarter':
      return months(y, q - 3, 3);
    case 'year':
      return months(y, 1, 12);
    case 'lastYear':
      return months(y - 1, 1, 12);
    case 'custom':
      return start && end && start > end ? { start: end, end: start } : { start, end };
    default:
      return { start: null, end: null };
  }
}

/** Whether a date ('YYYY-MM-DD' or a date-time) lies in the period; a missing date only in an open one. */
export function inPeriod(date: unknown, p: Period): boolean {
  if (p.start === null && p.end === null) return true;
  if (typeof date !== 'string' || date.length < 10) return false;
  const d = date.slice(0, 10);
  return (p.start === null || d >= p.start) && (p.end === null || d <= p.end);
}

/** The months a monthly trend shows: the period's months, or the last `fallback` months up to today. */
export function trendBounds(p: Period, today: string, earliest: string | null, fallback = 24): { from: string; to: string } {
  const to = (p.end ?? today).slice(0, 7);
  const floor = months(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - (fallback - 1), 1).start as string;
  let from = p.start ?? earliest ?? floor;
  // Open or very long periods are cut to the most recent `fallback` months to keep the tab small.
  if (from < floor) from = floor;
  return { from: from.slice(0, 7), to };
}
