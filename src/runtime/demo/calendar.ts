/**
 * Day and minute arithmetic for the generator. Times are wall-clock values in the spreadsheet time
 * zone (no zone maths needed: the store's stamps are wall-clock text). A "minute" is minutes since
 * the calendar's first day at 00:00; day and stamp strings come from tables built once, so millions
 * of records share them instead of formatting each.
 */
const MINUTES_PER_DAY = 1440;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const CLOCK: readonly string[] = Array.from({ length: MINUTES_PER_DAY }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`);

export class Calendar {
  /** Day number of `today` (days since the first day). */
  readonly today: number;
  /** Last minute events may happen at: today 11:59, so "today" items exist but none lie ahead. */
  readonly nowMinute: number;
  private readonly iso: string[] = [];
  private readonly compact: string[] = [];
  /** Stamp texts per day and minute, made once: millions of rows share a few hundred thousand working minutes. */
  private readonly stamps: (string[] | undefined)[] = [];

  /** Covers `daysBack` days before today and `daysAhead` after it. */
  constructor(todayIso: string, daysBack: number, daysAhead: number) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(todayIso);
    if (!m) throw new Error(`today must be 'YYYY-MM-DD', got ${todayIso}`);
    const todayMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(todayMs).toISOString().slice(0, 10) !== todayIso) throw new Error(`Not a calendar date: ${todayIso}`);
    const first = todayMs - daysBack * 86400000;
    for (let d = 0; d <= daysBack + daysAhead; d++) {
      const s = new Date(first + d * 86400000).toISOString().slice(0, 10);
      this.iso.push(s);
      this.compact.push(s.replace(/-/g, ''));
    }
    this.today = daysBack;
    this.nowMinute = this.today * MINUTES_PER_DAY + 12 * 60 - 1;
  }

  get lastDay(): number {
    return this.iso.length - 1;
  }

  /** Clamps a day number into the covered range. */
  clampDay(day: number): number {
    return day < 0 ? 0 : day > this.lastDay ? this.lastDay : day;
  }

  /** 'YYYY-MM-DD' of a day number. */
  date(day: number): string {
    return this.iso[this.clampDay(day)];
  }

  /** 'yyyyMMdd' of a day number (the date part of an ID). */
  idDay(day: number): string {
    return this.compact[this.clampDay(day)];
  }

  /** 'YYYY-MM-DD HH:mm' of a minute. */
  stamp(minute: number): string {
    const day = this.clampDay(Math.floor(minute / MINUTES_PER_DAY));
    const m = Math.min(MINUTES_PER_DAY - 1, Math.max(0, minute - day * MINUTES_PER_DAY));
    let texts = this.stamps[day];
    if (!texts) texts = this.stamps[day] = new Array<string>(MINUTES_PER_DAY).fill('');
    return texts[m] || (texts[m] = `${this.iso[day]} ${CLOCK[m]}`);
  }

  /** 'YYYY-MM-DD HH:mm:00' of a minute: updatedAt as the store reads it back (to the second). */
  stampSeconds(minute: number): string {
    const day = this.clampDay(Math.floor(minute / MINUTES_PER_DAY));
    const m = Math.min(MINUTES_PER_DAY - 1, Math.max(0, minute - day * MINUTES_PER_DAY));
    let texts = this.secondStamps[day];
    if (!texts) texts = this.secondStamps[day] = new Array<string>(MINUTES_PER_DAY).fill('');
    return texts[m] || (texts[m] = `${this.stamp(minute)}:00`);
  }
  private readonly secondStamps: (string[] | undefined)[] = [];

  dayOf(minute: number): number {
    return Math.floor(minute / MINUTES_PER_DAY);
  }

  /** Minute of `day` at `minuteOfDay` (0-1439). */
  at(day: number, minuteOfDay: number): number {
    return day * MINUTES_PER_DAY + minuteOfDay;
  }
}

export const DAY_MINUTES = MINUTES_PER_DAY;
