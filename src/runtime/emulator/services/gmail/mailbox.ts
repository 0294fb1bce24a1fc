/**
 * One person's Gmail mailbox, host side: messages grouped in threads, user labels, drafts, and the
 * daily read quota. The GmailApp service (gmailApp.ts) reads it as the user the script runs as;
 * tests and the dev server fill it through runtime.gmail.
 */
import { createHash } from 'node:crypto';
import { gasError } from '../../errors';
import { wallClock } from '../../model/timeZone';
import { matches, parseQuery, type MatchTarget } from './query';

/**
 * Gmail's "Email read/write (excluding send)" quota for a consumer account (Workspace: 50,000),
 * https://developers.google.com/apps-script/guides/services/quotas: like MailApp's 100 recipients,
 * the emulator plays the smaller account.
 */
export const DAILY_GMAIL_READS = 20000;

export interface StoredAttachment {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface MailModel {
  id: string;
  threadId: string;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  subject: string;
  plainBody: string;
  htmlBody: string | null;
  dateMs: number;
  /** Sent by the mailbox's owner (in:sent). */
  sent: boolean;
  draft: boolean;
  trashed: boolean;
  unread: boolean;
  attachments: StoredAttachment[];
}

export interface ThreadModel {
  id: string;
  messageIds: string[];
  /** User labels, by name. */
  labels: Set<string>;
  inInbox: boolean;
}

/** A message a test or the demo puts into a mailbox. */
export interface NewMail {
  /** Default: the mailbox's owner (a sent message). */
  from?: string;
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  date: Date | number;
  /** Reply in this thread (default: a new thread). */
  threadId?: string;
  /** Default: a new ID. */
  id?: string;
  labels?: string[];
  attachments?: { name: string; contentType?: string; content?: string }[];
  unread?: boolean;
}

/** The bare address of a header value such as `"王芳" <wang@example.com>`. */
export function addressesOf(header: string): string[] {
  return header
    .split(',')
    .map((part) => (/<([^>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase())
    .filter((a) => a.includes('@'));
}

export class Mailbox {
  readonly messages = new Map<string, MailModel>();
  readonly threads = new Map<string, ThreadModel>();
  readonly labels = new Set<string>();
  /** Draft ID → message ID. */
  readonly drafts = new Map<string, string>();
  private reads = { day: '', count: 0 };
  /** The n-th next Gmail round trip of this mailbox fails (host fault injection). */
  failure: { remaining: number; message: string } | null = null;
  private seq = 0;

  constructor(readonly owner: string) {}

  /** A new Gmail-like ID (16 hex digits), stable for a mailbox's n-th message. */
  newId(kind: 'm' | 'd' = 'm'): string {
    const n = ++this.seq;
    return createHash('sha1').update(`${this.owner}:${kind}:${n}`).digest('hex').slice(0, 16);
  }

  add(mail: NewMail): MailModel {
    const from = mail.from ?? this.owner;
    const id = mail.id ?? this.newId();
    if (this.messages.has(id)) throw new Error(`message ${id} already in ${this.owner}'s mailbox`);
    const existing = mail.threadId ? this.threads.get(mail.threadId) : undefined;
    if (mail.threadId && !existing) throw new Error(`no thread ${mail.threadId} in ${this.owner}'s mailbox`);
    const thread: ThreadModel = existing ?? { id, messageIds: [], labels: new Set(), inInbox: false };
    const sent = addressesOf(from).includes(this.owner.toLowerCase());
    const model: MailModel = {
      id,
      threadId: thread.id,
      from,
      to: mail.to,
      cc: mail.cc ?? '',
      bcc: mail.bcc ?? '',
      replyTo: '',
      subject: mail.subject,
      plainBody: mail.body,
      htmlBody: mail.htmlBody ?? null,
      dateMs: typeof mail.date === 'number' ? mail.date : mail.date.getTime(),
      sent,
      draft: false,
      trashed: false,
      unread: mail.unread ?? !sent,
      attachments: (mail.attachments ?? []).map((a) => ({
        name: a.name,
        contentType: a.contentType ?? 'application/octet-stream',
        bytes: Buffer.from(a.content ?? '', 'utf8'),
      })),
    };
    this.messages.set(id, model);
    thread.messageIds.push(id);
    if (!sent) thread.inInbox = true;
    for (const l of mail.labels ?? []) {
      this.labels.add(l);
      thread.labels.add(l);
    }
    this.threads.set(thread.id, thread);
    return model;
  }

  /** Messages of a thread that are not drafts, oldest first. */
  threadMessages(thread: ThreadModel, withDrafts = false): MailModel[] {
    return thread.messageIds
      .map((id) => this.messages.get(id))
      .filter((m): m is MailModel => !!m && (withDrafts || !m.draft))
      .sort((a, b) => a.dateMs - b.dateMs);
  }

  lastDate(thread: ThreadModel): number {
    const ms = this.threadMessages(thread).map((m) => m.dateMs);
    return ms.length ? Math.max(...ms) : 0;
  }

  private target(m: MailModel, t: ThreadModel): MatchTarget {
    return {
      from: m.from,
      to: m.to,
      cc: m.cc,
      bcc: m.bcc,
      subject: m.subject,
      plainBody: m.plainBody,
      dateMs: m.dateMs,
      sent: m.sent,
      labels: [...t.labels],
      inInbox: t.inInbox,
      trashed: m.trashed,
    };
  }

  /** Threads with a message matching the query, newest thread (latest message) first, as Gmail lists them. */
  search(query: string, nowMs: number): ThreadModel[] {
    const q = parseQuery(query, nowMs);
    return [...this.threads.values()]
      .filter((t) => this.threadMessages(t).some((m) => matches(q, this.target(m, t))))
      .map((t) => ({ t, last: this.lastDate(t) }))
      .sort((a, b) => b.last - a.last || (a.t.id < b.t.id ? 1 : -1))
      .map((x) => x.t);
  }

  /**
   * One Gmail round trip's share of the daily read quota (`n` for calls over several threads),
   * and the host's injected failure; the day is the script time zone's.
   */
  use(n: number, nowMs: number, timeZone: string): void {
    const f = this.failure;
    if (f && --f.remaining <= 0) {
      this.failure = null;
      throw gasError(f.message);
    }
    const w = wallClock(nowMs, timeZone);
    const day = `${w.year}-${w.month}-${w.day}`;
    if (this.reads.day !== day) this.reads = { day, count: 0 };
    if (this.reads.count + n > DAILY_GMAIL_READS) throw gasError('Service invoked too many times for one day: gmail.');
    this.reads.count += n;
  }

  /** Reads used today (host view). */
  readsToday(nowMs: number, timeZone: string): number {
    const w = wallClock(nowMs, timeZone);
    return this.reads.day === `${w.year}-${w.month}-${w.day}` ? this.reads.count : 0;
  }

  /** Uses up the day's reads but `left` (host: a run that meets the quota). */
  setReadsLeft(left: number, nowMs: number, timeZone: string): void {
    const w = wallClock(nowMs, timeZone);
    this.reads = { day: `${w.year}-${w.month}-${w.day}`, count: Math.max(0, DAILY_GMAIL_READS - left) };
  }
}
