/**
 * Date arithmetic on the store's canonical strings ('YYYY-MM-DD', 'YYYY-MM-DD HH:mm'), without
 * Date objects or time zones: the strings already are local time in the spreadsheet's zone.
 */
const MS_PER_DAY = 86400000;

/** The number written by `len` digits at `from`, or NaN. No substrings: this runs per row. */
function digits(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Days since 1970-01-01 of the date part, or NaN when the text is not a date. */
export function dayNumber(s: unknown): number {
  if (typeof s !== 'string' || s.length < 10) return NaN;
  return daysFromCivil(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

/** Minutes since 1970-01-01 00:00 of a date-time (a bare date is its midnight), or NaN. */
export function minuteNumber(s: unknown): number {
  const day = dayNumber(s);
  if (Number.isNaN(day)) return NaN;
  const text = s as string;
  const hm = text.length >= 16 ? digits(text, 11, 2) * 60 + digits(text, 14, 2) : 0;
  return day * 1440 + hm;
}

function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** 'YYYY-MM-DD' or a date-time → its date part; anything else → null. */
export function dateOf(v: unknown): string | null {
  return typeof v === 'string' && v.length >= 10 && v[4] === '-' && v[7] === '-' ? v.slice(0, 10) : null;
}

export function monthOf(v: unknown): string | null {
  const d = dateOf(v);
  return d ? d.slice(0, 7) : null;
}

/** 'YYYY-MM' months from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${m < 10 ? '0' : ''}${m}`;
    if (key > endKey) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Last day of the month of 'YYYY-MM'. */
export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return fromDayNumber(Date.UTC(y, m, 0) / MS_PER_DAY);
}
