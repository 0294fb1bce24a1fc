/**
 * The updatedAt stamp and the edit token derived from it. updatedAt is wall-clock text in the
 * spreadsheet's time zone, 'YYYY-MM-DD HH:mm:ss'; the token (a record's `version`, see the
 * schema's VERSION) is that wall-clock time in seconds since 1970, so it orders like the text.
 * Every write that changes a row stamps an updatedAt strictly later than the one it replaces
 * (a second on when the clock has not moved on, or went back), so the token always changes.
 */
import type { Values } from './validate';

const STAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Wall-clock seconds since 1970 of 'YYYY-MM-DD HH:mm[:ss]'; null for anything else. */
export function stampSeconds(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = STAMP.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** 'YYYY-MM-DD HH:mm:ss' of wall-clock seconds since 1970. */
export function stampText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A record's edit token: the seconds of its updatedAt; 0 for a row without one (typed in by hand,
 * written by another script) or with one the CRM cannot read, so such rows can still be updated.
 */
export function versionOf(updatedAt: unknown): number {
  return stampSeconds(updatedAt) ?? 0;
}

/**
 * The updatedAt of a write over a row stamped `previous`: `clock` ('YYYY-MM-DD HH:mm:ss', now),
 * or a second after `previous` when that is not earlier.
 */
export function nextUpdatedAt(previous: unknown, clock: string): string {
  const now = stampSeconds(clock);
  if (now === null) throw new Error(`Bad clock: ${clock}`);
  const was = stampSeconds(previous);
  return stampText(was === null ? now : Math.max(now, was + 1));
}

/** The stamps of a write by `user` over `before` (null for a new record): updatedAt/By and the token. */
export function updateStamps(
  before: Values | null,
  user: string,
  clock: string,
): { updatedAt: string; updatedBy: string; version: number } {
  const updatedAt = nextUpdatedAt(before ? before.updatedAt : null, clock);
  return { updatedAt, updatedBy: user, version: versionOf(updatedAt) };
}
