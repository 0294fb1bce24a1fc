import type { Values } from '../validate';

/** Small readers for canonical row values (store output: strings, numbers, null). */
export const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const live = <T extends Values>(rows: readonly T[]): T[] => rows.filter((r) => !r.deleted);
export const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
/** Money kept to the cent without float drift. */
export const cents = (n: number): number => Math.round(n * 100) / 100;

/** Days since 1970-01-01 of the date part of 'YYYY-MM-DD[ HH:mm]'; NaN for anything else. */
export function dayIndex(s: unknown): number {
  if (typeof s !== 'string') return NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 : NaN;
}

/** 'YYYY-MM-DD' of a day index. */
export function dateOfIndex(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** The later of two canonical dates/times (empty loses). */
export function latest(a: string, b: unknown): string {
  return typeof b === 'string' && b > a ? b : a;
}

/** Adds calendar months, clamping to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
