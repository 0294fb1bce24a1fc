import { offsetMinutes } from '../../src/runtime/emulator/model/timeZone';

/** The offset straight from Intl, without the emulator's per-hour cache. */
function intlOffset(ms: number, tz: string): number {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond) / 60000);
}

describe('offsetMinutes (cached per zone and hour)', () => {
  // Transitions: US and UK DST, Lord Howe's 30-minute shift, China's 1986-1991 DST, a pre-1900 local mean time.
  const cases: [string, string][] = [
    ['America/New_York', '2026-03-08T07:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Europe/London', '2026-03-29T01:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Asia/Shanghai', '1988-04-09T16:00:00Z'],
    ['Asia/Shanghai', '1900-12-31T15:54:17Z'],
  ];
  it.each(cases)('%s around %s agrees with Intl minute by minute, cached or not', (tz, at) => {
    const t = Date.parse(at);
    for (let pass = 0; pass < 2; pass++) {
      for (let m = -90; m <= 90; m += 1) {
        const ms = t + m * 60_000 + 17_123;
        expect([ms, offsetMinutes(ms, tz)]).toEqual([ms, intlOffset(ms, tz)]);
      }
    }
  });
});
