/** Java SimpleDateFormat patterns, as used by Utilities.formatDate (and parseDate for the common subset). */
import { gasError } from '../errors';
import { fromWallClock, wallClock } from '../model/timeZone';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Splits a pattern into runs of one letter ("yyyy", "MM") and literals ('quoted' text, '' = quote). */
function tokenize(pattern: string): { letter: string | null; text: string }[] {
  const out: { letter: string | null; text: string }[] = [];
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ letter: null, text: "'" });
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] !== "'") text += pattern[j];
        else if (pattern[j + 1] === "'") {
          text += "'";
          j++;
        } // '' inside quotes is a quote
        else break;
      }
      out.push({ letter: null, text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out.push({ letter: ch, text: pattern.slice(i, j) });
      i = j;
    } else {
      out.push({ letter: null, text: ch });
      i++;
    }
  }
  return out;
}

function offsetText(minutes: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
  if (minutes === 0 && style.startsWith('X')) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  if (style === 'X1') return `${sign}${hh}`;
  if (style === 'X3') return `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const w = wallClock(date.getTime(), timeZone);
  const num = (n: number, width: number): string => String(n).padStart(width, '0');
  return tokenize(pattern)
    .map(({ letter, text }) => {
      const n = text.length;
      switch (letter) {
        case null:
          return text;
        case 'G':
          return w.year > 0 ? 'AD' : 'BC';
        case 'y':
        case 'Y':
          return n === 2 ? num(w.year % 100, 2) : num(w.year, n);
        case 'u':
          return String(w.weekday === 0 ? 7 : w.weekday);
        case 'M':
        case 'L':
          return n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : num(w.month, n);
        case 'd':
          return num(w.day, n);
        case 'E':
          return n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
        case 'H':
          return num(w.hour, n);
        case 'k':
          return num(w.hour === 0 ? 24 : w.hour, n);
        case 'K':
          return num(w.hour % 12, n);
        case 'h':
          return num(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        case 'm':
          return num(w.minute, n);
        case 's':
          return num(w.second, n);
        case 'S':
          return num(w.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
        case 'a':
          return w.hour < 12 ? 'AM' : 'PM';
        case 'Z':
          return offsetText(w.offsetMinutes, 'Z');
        case 'X':
          return offsetText(w.offsetMinutes, n === 1 ? 'X1' : n === 2 ? 'X2' : 'X3');
        case 'z':
          return `GMT${offsetText(w.offsetMinutes, 'X3').replace('Z', '+00:00')}`;
        case 'D': {
          const start = Date.UTC(w.year, 0, 1);
          return num(Math.floor((Date.UTC(w.year, w.month - 1, w.day) - start) / 86400000) + 1, n);
        }
        default:
          throw gasError(`Illegal pattern character '${letter}'`);
      }
    })
    .join('');
}

/** Parses numeric patterns (yyyy MM dd HH mm ss SSS and literals); returns null when text does not match. */
export function parseJavaDate(text: string, timeZone: string, pattern: string): Date | null {
  const fields: Record<string, number> = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 };
  let regex = '^';
  const order: string[] = [];
  for (const { letter, text: t } of tokenize(pattern)) {
    if (letter === null) regex += t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if ('yMdHmsS'.includes(letter)) {
      regex += t.length >= 3 && letter !== 'y' && letter !== 'S' ? '(\\d+)' : '(\\d{1,' + Math.max(t.length, letter === 'y' ? 4 : 2) + '})';
      order.push(letter);
    } else return null;
  }
  const m = new RegExp(regex + '$').exec(text.trim());
  if (!m) return null;
  order.forEach((l, i) => {
    fields[l] = Number(m[i + 1]);
  });
  return new Date(fromWallClock(timeZone, fields.y, fields.M, fields.d, fields.H, fields.m, fields.s, fields.S));
}
