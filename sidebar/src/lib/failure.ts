import type { MessageKey } from '../../../src/schema';
import { readWire } from '../../../src/core/errors';
import type { Translate, UiKey } from '../i18n';
import { messageOf } from './errors';
/**
 * What google.script.run hands the failure handler when the call itself failed (no network, the
 * server's time limit, a Google-side error, a lost authorization, too many calls): Apps Script's own
 * English text. People see a message in their language instead (the raw text stays in a tooltip);
 * errors our server raises are already in the person's language and pass through, their code
 * taken out of the "[crm:<code>] " prefix the server puts on them (src/server/entry.ts, `throwing`).
 */
export type FailureKind = 'offline' | 'timeout' | 'server' | 'auth' | 'busy' | 'unavailable';

const PATTERNS: readonly [FailureKind, RegExp][] = [
  ['offline', /NetworkError|Connection failure|HTTP 0\b|Failed to fetch|net::ERR_/i],
  ['timeout', /Exceeded maximum execution time|timed? ?out|Timeout/i],
  ['auth', /Authorization is required|not authorized|PERMISSION_DENIED|You do not have permission to call/i],
  ['busy', /too many times|Rate Limit|quota|Service invoked too many/i],
  ['server', /We're sorry, a server error occurred|server error occurred|Internal error|ScriptError/i],
  ['unavailable', /google\.script\.run is not available|The server has no function/i],
];

/** The kind of a call failure from its text; null for an error our server raised (already worded). */
export function failureKind(message: string): FailureKind | null {
  for (const [kind, re] of PATTERNS) if (re.test(message)) return kind;
  return null;
}

/**
 * An Error from a failed call: marked with its kind when it is a transport or platform failure, or
 * with its code when our server refused (the message then is the server's, without the prefix).
 */
export class CallFailure extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind | null,
    readonly code: MessageKey | null = null,
  ) {
    super(message);
    this.name = 'CallFailure';
  }
}

/** Any thrown value as a CallFailure. */
export function toFailure(e: unknown): CallFailure {
  if (e instanceof CallFailure) return e;
  const { code, text } = readWire(messageOf(e));
  return new CallFailure(text, code ? null : failureKind(text), code);
}

const TEXT: Record<FailureKind, UiKey> = {
  offline: 'failureOffline',
  timeout: 'failureTimeout',
  server: 'failureServer',
  auth: 'failureAuth',
  busy: 'failureBusy',
  unavailable: 'failureUnavailable',
};

/** What to show for a failed call: the person's-language text of its kind, or our server's message. */
export function failureText(e: unknown, t: Translate): string {
  const f = toFailure(e);
  return f.kind ? t(TEXT[f.kind]) : f.message;
}

/** A new create request's ID: the same for every retry of one form's save (see saveRecord). */
export function newRequestId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Sends of one create: the first carries the request ID, every later one (a retry after a failure)
 * says so, so the server returns the record an earlier attempt made instead of a second one.
 */
export interface CreateRequest {
  requestId: string;
  sent: number;
}
export function nextSend(r: CreateRequest): { requestId: string; retry: boolean } {
  const out = { requestId: r.requestId, retry: r.sent > 0 };
  r.sent++;
  return out;
}
