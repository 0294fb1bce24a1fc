/**
 * getDisplayValues: renders a stored value through a Sheets number format. Covers the formats a
 * CRM uses (text, integers, decimals, grouping, percent, currency literals, date/time patterns);
 * anything else falls back to the default rendering.
 */
import { CellValue } from './cellValue';
import { wallClock } from './timeZone';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Default number rendering: up to ~10 significant decimals, no exponent for ordinary sizes. */
export function defaultNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(10)));
}

function defaultDate(d: Date, locale: string, tz: string): string {
  const w = wallClock(d.getTime(), tz);
  const hasTime = w.hour || w.minute || w.second;
  const date = locale.startsWith('en_US') ? `${w.month}/${w.day}/${w.year}` : `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  if (w.year === 1899 && w.month === 12 && w.day === 30) return `${w.hour}:${pad(w.minute)}:${pad(w.second)}`;
  return hasTime ? `${date} ${w.hour}:${pad(w.minute)}:${pad(w.second)}` : date;
}

function isDatePattern(fmt: string): boolean {
  return /[yd]|h|s/i.test(fmt.replace(/"[^"]*"/g, '')) && !/[0#]/.test(fmt);
}

/** Sheets date tokens: yyyy yy m mm mmm mmmm d dd ddd dddd h hh m/mm (minutes after h or before s) ss am/pm. */
function formatDatePattern(d: Date, fmt: string, tz: string): string {
  const w = wallClock(d.getTime(), tz);
  const tokens = fmt.match(/"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|\.0+|./gi) ?? [];
  const ampm = tokens.some((t) => /^(am\/pm|a\/p)$/i.test(t));
  let out = '';
  tokens.forEach((tok, i) => {
    const lower = tok.toLowerCase();
    const prev =
      tokens
        .slice(0, i)
        .reverse()
        .find((t) => /^[a-z]/i.test(t))
        ?.toLowerCase() ?? '';
    const next =
      tokens
        .slice(i + 1)
        .find((t) => /^[a-z]/i.test(t))
        ?.toLowerCase() ?? '';
    const isMinute = (lower === 'm' || lower === 'mm') && (prev.startsWith('h') || next.startsWith('s'));
    const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
    switch (lower) {
      case 'yyyy':
        out += w.year;
        break;
      case 'yy':
        out += pad(w.year % 100);
        break;
      case 'mmmm':
        out += MONTHS[w.month - 1];
        break;
      case 'mmm':
        out += MONTHS[w.month - 1].slice(0, 3);
        break;
      case 'mm':
        out += isMinute ? pad(w.minute) : pad(w.month);
        break;
      case 'm':
        out += isMinute ? w.minute : w.month;
        break;
      case 'dddd':
        out += DAYS[w.weekday];
        break;
      case 'ddd':
        out += DAYS[w.weekday].slice(0, 3);
        break;
      case 'dd':
        out += pad(w.day);
        break;
      case 'd':
        out += w.day;
        break;
      case 'hh':
        out += pad(ampm ? hour12 : w.hour);
        break;
      case 'h':
        out += ampm ? hour12 : w.hour;
        break;
      case 'ss':
        out += pad(w.second);
        break;
      case 's':
        out += w.second;
        break;
      case 'am/pm':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'a/p':
        out += w.hour < 12 ? 'A' : 'P';
        break;
      default:
        if (tok.startsWith('"')) out += tok.slice(1, -1);
        else if (tok.startsWith('\\')) out += tok.slice(1);
        else if (/^\.0+$/.test(tok)) out += '.' + pad(w.millisecond, 3).slice(0, tok.length - 1);
        else out += tok;
    }
  });
  return out;
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Numeric patterns like 0, 0.00, #,##0.00, 0%, "¥"#,##0.00, $#,##0; first section only. */
function formatNumberPattern(n: number, fmt: string): string {
  const section = fmt.split(';')[0];
  const m = /^(.*?)([#0,]*[0#][#0,]*(?:\.[0#]+)?|\.[0#]+)(%?)(.*)$/.exec(section);
  if (!m) return defaultNumber(n);
  const literal = (s: string): string => s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const [, prefix, core, percent, suffix] = m;
  const value = percent ? n * 100 : n;
  const decimals = (core.split('.')[1] ?? '').length;
  const minDecimals = (core.split('.')[1] ?? '').replace(/#/g, '').length;
  let text = Math.abs(value).toFixed(decimals);
  if (decimals > minDecimals) text = text.replace(new RegExp(`0{1,${decimals - minDecimals}}$`), '').replace(/\.$/, '');
  let [intPart, frac] = text.split('.');
  if (core.includes(',')) intPart = groupThousands(intPart);
  if (!/0/.test(core.split('.')[0]) && intPart === '0' && frac) intPart = '';
  const sign = value < 0 && Number(text) !== 0 ? '-' : '';
  return `${sign}${literal(prefix)}${intPart}${frac ? '.' + frac : ''}${percent}${literal(suffix)}`;
}

export function formatDisplay(value: CellValue, numberFormat: string | undefined, locale: string, tz: string): string {
  if (value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const fmt = numberFormat && numberFormat !== 'General' && numberFormat !== '@' ? numberFormat : '';
  if (typeof value === 'number') {
    if (fmt && isDatePattern(fmt)) return formatDatePattern(new Date(Math.round((value - 25569) * 86400000)), fmt, 'UTC');
    return fmt ? formatNumberPattern(value, fmt) : defaultNumber(value);
  }
  if (fmt && isDatePattern(fmt)) return formatDatePattern(value, fmt, tz);
  return defaultDate(value, locale, tz);
}
