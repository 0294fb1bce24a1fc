import { matchOption, toBoolean, toDate, toDateTime, toDateTimeSeconds, toList, toNumber, type Column, type Lang } from '../schema';

/** What getValues hands back for one cell. */
export type SheetCell = string | number | boolean | Date;
export type FormatDate = (date: Date, timeZone: string, pattern: string) => string;

/** Works for Dates from any realm (Apps Script, a vm context, the host). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/**
 * Text Sheets would turn into a number (also with a currency sign or %), boolean, date or time if
 * written as is.
 */
const PARSEABLE =
  /^\s*([+-]?[$¥￥€£]?\s?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?|true|false|\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?([ T]\d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}:\d{2}(:\d{2})?)\s*$/i;

/**
 * A leading apostrophe makes Sheets keep the rest as literal text: used for anything that starts
 * like a formula (= + - @), an apostrophe of its own, or text Sheets would reinterpret.
 */
export function escapeText(s: string): string {
  return /^[=+\-@']/.test(s) || PARSEABLE.test(s) ? `'${s}` : s;
}

export type ToCell = (value: unknown) => string | number | boolean | Date;
export type FromCell = (cell: unknown) => unknown;

/** Converter from a canonical value to what is written in this column's cells. */
export function cellWriter(col: Column, lang: Lang): ToCell {
  const text = (v: unknown) => (v === null || v === undefined ? '' : escapeText(String(v)));
  switch (col.kind) {
    case 'bool':
      return (v) => v === true;
    case 'money':
    case 'number':
    case 'integer':
    case 'percent':
    case 'score':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : text(v));
    case 'date':
    case 'datetime':
      // Written as ISO text so Sheets stores a real date in the spreadsheet's time zone.
      return (v) => (typeof v === 'string' ? v : isDate(v) ? v : '');
    case 'tags':
      return (v) => (Array.isArray(v) ? text(v.join(', ') || null) : text(v));
    case 'enum':
      if (col.options && lang === 'en') {
        const opts = col.options;
        return (v) => text(opts.find((o) => o.value === v)?.en ?? v);
      }
      return text;
    default:
      return text;
  }
}

/**
 * A date as the Sheets API reads it unformatted: days since 1899-12-30 in the spreadsheet's time
 * zone, the time as the fraction. Sheets itself shows a number in a date column as that date.
 */
export function serialText(serial: number, withTime: boolean, withSeconds = false): string {
  // Whole seconds first (floating error), then minutes cut like a yyyy-MM-dd HH:mm format would.
  const total = Math.round(serial * 86400);
  const minutes = Math.floor(total / 60);
  const days = Math.floor(minutes / 1440);
  // Civil date from days since 1970-01-01 (1899-12-30 is 25,569 days before it).
  const z = days - 25569 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (!withTime) return date;
  const mins = minutes - days * 1440;
  return `${date} ${pad(Math.floor(mins / 60))}:${pad(mins % 60)}${withSeconds ? `:${pad(total - minutes * 60)}` : ''}`;
}

/**
 * Converter from a cell to the canonical value. Lenient: a value that does not fit its column is
 * kept as typed (never dropped), so validation can report it and nothing typed is lost.
 */
export function cellReader(col: Column, timeZone: string, formatDate: FormatDate): FromCell {
  const seconds = col.seconds === true;
  const dateText = (d: Date) =>
    formatDate(d, timeZone, col.kind === 'date' ? 'yyyy-MM-dd' : seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm');
  const asText = (c: unknown) => (isDate(c) ? dateText(c) : typeof c === 'string' ? c : String(c));
  const blank = (c: unknown) => c === '' || c === null || c === undefined;
  switch (col.kind) {
    case 'bool':
      return (c) => (blank(c) ? false : toBoolean(c));
    case 'money':
    case 'number':
    case 'integer':
    case 'percent':
    case 'score':
      return (c) => (blank(c) ? null : typeof c === 'number' ? c : toNumber(asText(c)));
    case 'date':
      return (c) => (blank(c) ? null : isDate(c) ? dateText(c) : typeof c === 'number' ? serialText(c, false) : toDate(asText(c)));
    case 'datetime':
      return (c) =>
        blank(c)
          ? null
          : isDate(c)
            ? dateText(c)
            : typeof c === 'number'
              ? serialText(c, true, seconds)
              : (seconds ? toDateTimeSeconds : toDateTime)(asText(c));
    case 'tags':
      return (c) => (blank(c) ? [] : toList(asText(c)));
    case 'enum':
      if (col.options) {
        const opts = col.options;
        return (c) => (blank(c) ? null : matchOption(opts, asText(c)));
      }
      return (c) => (blank(c) ? null : asText(c).trim());
    default:
      return (c) => (blank(c) ? null : asText(c));
  }
}
