import type { Lang } from '../../schema';
import { CrmError, isCrmError } from '../../core';

/** Apps Script's own wording for failures that are not the caller's fault and may pass on retry. */
const TRANSIENT = [
  /Service .* failed/i,
  /Service error/i,
  /Service .* timed out/i,
  /Exceeded maximum execution time/i,
  /Service invoked too many times/i,
  /Too many simultaneous invocations/i,
  /Rate Limit Exceeded/i,
  /quota/i,
  /temporarily unavailable/i,
  /Internal error/i,
];
const PROTECTED = /protected cell or object|do not have permission to modify this protection/i;
const LOCK = /Lock timeout|another process was holding the lock/i;
/** Sheets refuses any write that would grow the grid past 10M cells; retrying cannot help. */
const CELL_LIMIT = /above the limit of [\d,.]+ cells/i;

function messageOf(e: unknown): string | null {
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
    ? (e as { message: string }).message
    : null;
}

/**
 * Turns Apps Script failures (quota, time limit, a service error mid-write, a busy lock, a protected
 * range) into a CrmError the caller can act on. Programming errors pass through unchanged, so bugs
 * are never disguised as "retry".
 */
export function asCrmError(e: unknown, lang: Lang): unknown {
  if (isCrmError(e)) return e;
  const message = messageOf(e);
  if (message === null) return e;
  const detail = message.replace(/^Exception:\s*/, '').slice(0, 300);
  if (LOCK.test(message)) return CrmError.of('busy', lang);
  if (PROTECTED.test(message)) return CrmError.of('protected_range', lang);
  if (CELL_LIMIT.test(message)) return CrmError.of('workbook_full', lang);
  if (TRANSIENT.some((p) => p.test(message))) return CrmError.of('google_failed', lang, { detail });
  return e;
}
