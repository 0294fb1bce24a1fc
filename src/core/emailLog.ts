/**
 * Email logging, the pure part: which way a message went and with whom, its short snippet, the
 * Gmail query of one pass, and the cursor that makes the logging resumable. No Apps Script here;
 * src/server/emailLog reads Gmail and writes the follow-ups.
 */

/** A message as the logger reads it from Gmail. */
export interface MailFacts {
  id: string;
  threadId: string;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  plainBody: string;
  dateMs: number;
}

export type Direction = '发出' | '收到';

/** The bare addresses of a header such as `"王芳" <wang@acme.cn>, li@acme.cn`, lower-cased. */
export function addressList(header: string): string[] {
  const out: string[] = [];
  for (const part of header.split(',')) {
    const a = (/<([^>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+$/.test(a) && !out.includes(a)) out.push(a);
  }
  return out;
}

/**
 * Sent (from the user: the people it went to, in header order) or received (from someone else:
 * the sender). Null when there is nobody else (a note to oneself).
 */
export function counterparts(m: MailFacts, me: string): { direction: Direction; addresses: string[] } | null {
  const self = me.trim().toLowerCase();
  const from = addressList(m.from);
  if (from.includes(self)) {
    const addresses = [...addressList(m.to), ...addressList(m.cc), ...addressList(m.bcc)].filter(
      (a, i, all) => a !== self && all.indexOf(a) === i,
    );
    return addresses.length ? { direction: '发出', addresses } : null;
  }
  const addresses = from.filter((a) => a !== self);
  return addresses.length ? { direction: '收到', addresses } : null;
}

/** The first words of a message, quoted replies and signatures left out, on one line. */
export function snippetOf(body: string, max = 200): string {
  const lines: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const t = line.trim();
    // A reply's quoted part starts at "On … wrote:" / "在 … 写道：" or at its first "> " line.
    if (t.startsWith('>') || /^(On .+ wrote:|在.+写道[:：]|-----\s*Original Message|-----\s*原始邮件)/i.test(t)) break;
    if (t === '--') break;
    if (t) lines.push(t);
  }
  const text = lines.join(' ').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The follow-up's content: the subject on the first line, the snippet under it. */
export function emailContent(subject: string, body: string, lang: 'zh' | 'en'): string {
  const s = subject.trim() || (lang === 'zh' ? '（无主题）' : '(no subject)');
  const snippet = snippetOf(body);
  return snippet ? `${s}\n${snippet}` : s;
}

/**
 * Where a user's logging stands (a user property). A pass covers the messages dated in
 * [fromS, toS) (epoch seconds): it pages through the threads Gmail finds for that window, newest
 * first, `start` threads in. When a page comes back short the pass is done and the next starts at
 * toS. Every message of a thread found is considered (dated from `floorS` and before `toS`), so a
 * thread that a new message moved up a page is caught by the pass that finds the new message;
 * the message-ID check makes the overlap harmless.
 */
export interface EmailLogCursor {
  on: boolean;
  /** Nothing dated before this is logged (the switch-on time minus the backfill). */
  floorS: number;
  fromS: number;
  /** The running pass's end (null: no pass running). */
  toS: number | null;
  start: number;
  /** When logging was switched on, the last run ended, how many messages it has logged in all. */
  since: string;
  lastRunAt: string | null;
  logged: number;
}

export function parseCursor(raw: string | null): EmailLogCursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as Partial<EmailLogCursor>;
    if (typeof c.on !== 'boolean' || typeof c.floorS !== 'number' || typeof c.fromS !== 'number') return null;
    return {
      on: c.on,
      floorS: c.floorS,
      fromS: c.fromS,
      toS: typeof c.toS === 'number' ? c.toS : null,
      start: typeof c.start === 'number' && c.start >= 0 ? c.start : 0,
      since: typeof c.since === 'string' ? c.since : '',
      lastRunAt: typeof c.lastRunAt === 'string' ? c.lastRunAt : null,
      logged: typeof c.logged === 'number' ? c.logged : 0,
    };
  } catch {
    return null;
  }
}

/** Threads a page re-reads from the page before, so a thread or two leaving the results (trashed, labelled) moves nothing past the cursor. */
export const PAGE_OVERLAP = 5;

/** The cursor after a page of `found` threads (of `pageSize` asked). */
export function advance(c: EmailLogCursor, found: number, pageSize: number): EmailLogCursor {
  if (found < pageSize || c.toS === null) return { ...c, fromS: c.toS ?? c.fromS, toS: null, start: 0 };
  return { ...c, start: c.start + Math.max(1, found - PAGE_OVERLAP) };
}

/** Gmail labels that keep a thread out of the CRM when the settings name none. */
export const DEFAULT_EXCLUDE_LABELS = ['CRM-不记录', 'CRM-no-log'];

const quoted = (label: string) => `-label:"${label.replace(/"/g, '')}"`;

/** The Gmail query of a pass: its window and the exclusion labels. */
export function passQuery(c: EmailLogCursor & { toS: number }, excludeLabels: readonly string[]): string {
  return [`after:${c.fromS}`, `before:${c.toS}`, ...excludeLabels.map(quoted)].join(' ');
}
