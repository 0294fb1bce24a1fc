/** Wall-clock <-> instant conversion for IANA zones and Java-style fixed offsets ("GMT+8", "UTC+05:30"). */

export interface WallClock {
  year: number;
  month: number;
  day: number; // month 1-12
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
  offsetMinutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function fixedOffset(tz: string): number | null {
  if (/^(UTC|GMT|Z|Etc\/UTC|Etc\/GMT)$/i.test(tz)) return 0;
  const m = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(tz);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

function formatterFor(tz: string): Intl.DateTimeFormat | null {
  if (!formatters.has(tz)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null;
    }
    formatters.set(tz, f);
  }
  return formatters.get(tz) ?? null;
}

export function isValidTimeZone(tz: string): boolean {
  return fixedOffset(tz) !== null || formatterFor(tz) !== null;
}

const HOUR_MS = 3600_000;
/** Offsets per zone and UTC hour, kept only for hours with no transition inside (checked at both ends). */
const hourOffsets = new Map<string, number | null>();
const MAX_CACHED_HOURS = 500_000;

/**
 * Minutes to add to UTC to get local time at instant `ms`. Unknown zones fall back to GMT (like Java).
 * Intl is slow and every date cell the store reads asks for an offset, so offsets are cached per
 * zone and UTC hour; an hour holding a transition (its two ends disagree) is computed exactly each time.
 */
export function offsetMinutes(ms: number, tz: string): number {
  const fixed = fixedOffset(tz);
  if (fixed !== null) return fixed;
  const f = formatterFor(tz);
  if (!f || !Number.isFinite(ms)) return 0;
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${tz}|${hour}`;
  const hit = hourOffsets.get(key);
  if (hit !== undefined && hit !== null) return hit;
  if (hit === null) return exactOffset(f, ms);
  const start = exactOffset(f, hour * HOUR_MS);
  const steady = start === exactOffset(f, (hour + 1) * HOUR_MS - 1);
  if (hourOffsets.size >= MAX_CACHED_HOURS) hourOffsets.clear();
  hourOffsets.set(key, steady ? start : null);
  return steady ? start : exactOffset(f, ms);
}

function exactOffset(f: Intl.DateTimeFormat, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60000);
}

export function wallClock(ms: number, tz: string): WallClock {
  const off = offsetMinutes(ms, tz);
  const d = new Date(ms + off * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    offsetMinutes: off,
  };
}

/** The instant whose wall clock in `tz` reads the given fields (month 1-12). */
export function fromWallClock(tz: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let guess = naive - offsetMinutes(naive, tz) * 60000;
  guess = naive - offsetMinutes(guess, tz) * 60000; // second pass settles DST edges
  return guess;
}
