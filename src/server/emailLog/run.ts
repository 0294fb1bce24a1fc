/**
 * One email-logging run for the user the script runs as: pages through the Gmail threads of the
 * cursor's pass, keeps the messages to or from a CRM customer, contact or converted lead (their
 * emails looked up by key, never a tab read whole), and logs each message once as a follow-up of
 * method 邮件, in one locked step per page (the message IDs checked by key under the lock). The
 * cursor moves only after a page is written, so a run cut short (time budget, Gmail's daily
 * quota, a Gmail failure, the execution's time limit) repeats at most that page, and the
 * message-ID check makes the repeat log nothing twice.
 */
import { dayOf, isCrmError, numberParam, type Values } from '../../core';
import {
  advance,
  counterparts,
  DEFAULT_EXCLUDE_LABELS,
  emailContent,
  passQuery,
  type Direction,
  type EmailLogCursor,
  type MailFacts,
} from '../../core/emailLog';
import type { DataTableKey } from '../../schema';
import type { Context } from '../context';
import { createRecord } from '../operations/save';
import { saveCursor } from './state';

export interface EmailLogReport {
  /** False: logging is off for this user, or for everyone (`reason`). */
  ran: boolean;
  reason?: 'off' | 'disabled';
  pages: number;
  threads: number;
  /** Messages read in the pass's window. */
  messages: number;
  logged: number;
  skipped: {
    /** No customer, contact or lead has any of its addresses. */
    unknown: number;
    /** Logged before (by an earlier or a concurrent run). */
    already: number;
    /** Only an unconverted lead has the address (a follow-up needs a customer). */
    leadOnly: number;
    /** The customer is one this user may not write follow-ups for (or was deleted since the lookup). */
    notAllowed: number;
  };
  /** True when the run caught up with the mail up to its start. */
  done: boolean;
  stopped: null | 'budget' | 'quota' | 'gmail';
  /** Gmail's message when it failed (stopped 'gmail' or 'quota'). */
  error?: string;
}

export const DEFAULT_PAGE = 50;
export const DEFAULT_BUDGET_MS = 270_000;

export function emptyReport(): EmailLogReport {
  return {
    ran: true,
    pages: 0,
    threads: 0,
    messages: 0,
    logged: 0,
    skipped: { unknown: 0, already: 0, leadOnly: 0, notAllowed: 0 },
    done: false,
    stopped: null,
  };
}

export function excludeLabels(ctx: Context): string[] {
  const configured = String(ctx.settings.params.emailLogExcludeLabel ?? '').trim();
  if (configured) return [configured];
  // Both defaults, the workbook's language first (the one made in Gmail and named to people).
  return ctx.lang === 'zh' ? [...DEFAULT_EXCLUDE_LABELS] : [...DEFAULT_EXCLUDE_LABELS].reverse();
}

export function loggingDisabled(ctx: Context): boolean {
  return (
    String(ctx.settings.params.emailLogging ?? 'on')
      .trim()
      .toLowerCase() === 'off'
  );
}

export function backfillSeconds(ctx: Context): number {
  return Math.max(0, numberParam(ctx.settings, 'emailLogBackfillDays') || 0) * 86400;
}

const message = (e: unknown) => (e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e));

/** A Gmail call's failure: the daily quota, or anything else Gmail answered. */
function gmailStop(e: unknown): { stopped: 'quota' | 'gmail'; error: string } {
  const text = message(e);
  return { stopped: /too many times for one day: gmail/i.test(text) ? 'quota' : 'gmail', error: text };
}

interface Candidate {
  facts: MailFacts;
  direction: Direction;
  addresses: string[];
  permalink: string;
}

/** Reads one page of the pass: the threads and their messages inside [floor, to). */
function readPage(cursor: EmailLogCursor & { toS: number }, labels: readonly string[], pageSize: number, me: string) {
  const threads = GmailApp.search(passQuery(cursor, labels), cursor.start, pageSize);
  const messages = threads.length ? GmailApp.getMessagesForThreads(threads) : [];
  const candidates: Candidate[] = [];
  let read = 0;
  threads.forEach((thread, i) => {
    const permalink = thread.getPermalink();
    for (const m of messages[i] ?? []) {
      const dateMs = m.getDate().getTime();
      if (dateMs < cursor.floorS * 1000 || dateMs >= cursor.toS * 1000) continue;
      read++;
      const facts: MailFacts = {
        id: m.getId(),
        threadId: thread.getId(),
        from: m.getFrom(),
        to: m.getTo(),
        cc: m.getCc(),
        bcc: m.getBcc(),
        subject: m.getSubject(),
        plainBody: m.getPlainBody(),
        dateMs,
      };
      const who = counterparts(facts, me);
      if (who) candidates.push({ facts, permalink, ...who });
    }
  });
  return { found: threads.length, read, candidates };
}

const LOOKUP_TABLES: readonly DataTableKey[] = ['contacts', 'customers', 'leads'];
const live = (rows: readonly Values[]) => rows.filter((r) => r.deleted !== true);
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The customer each address belongs to, read by key (the email index of customers, contacts and
 * leads): a contact's customer first, then a customer's own email, then a converted lead's
 * customer. 'lead' marks an address only an unconverted lead has.
 */
function customersOf(ctx: Context, addresses: readonly string[]): Map<string, string | 'lead'> {
  const wants: [DataTableKey, string, unknown][] = addresses.flatMap((a) =>
    LOOKUP_TABLES.map((t): [DataTableKey, string, unknown] => [t, 'email', a]),
  );
  ctx.store.lookups.prefetch({ tables: [...LOOKUP_TABLES], keyed: wants });
  const rows = ctx.store.lookups.withKeys(wants);
  const out = new Map<string, string | 'lead'>();
  addresses.forEach((a, i) => {
    const [contacts, customers, leads] = [0, 1, 2].map((k) => live(rows[i * 3 + k]));
    const customer =
      str(contacts.find((c) => str(c.customerId))?.customerId) ||
      str(customers[0]?.id) ||
      str(leads.find((l) => str(l.convertedCustomerId))?.convertedCustomerId);
    if (customer) out.set(a, customer.toUpperCase());
    else if (leads.length) out.set(a, 'lead');
  });
  return out;
}

/** Logs a page's messages in one locked step, counting in `report` what it logged and why it skipped the rest. */
function logPage(ctx: Context, page: Candidate[], report: EmailLogReport): void {
  const addresses = [...new Set(page.flatMap((c) => c.addresses))];
  const owners = addresses.length ? customersOf(ctx, addresses) : new Map<string, string | 'lead'>();
  const todo: { c: Candidate; customerId: string }[] = [];
  for (const c of page) {
    const hits = c.addresses.map((a) => owners.get(a)).filter((x): x is string => !!x);
    const customerId = hits.find((h) => h !== 'lead');
    if (customerId) todo.push({ c, customerId });
    else if (hits.length) report.skipped.leadOnly++;
    else report.skipped.unknown++;
  }
  if (!todo.length) return;
  ctx.store.withLock(() => {
    const customers = [...new Set(todo.map((t) => t.customerId))];
    ctx.store.lookups.prefetch({
      tables: ['followUps', 'customers', 'history'],
      keyed: todo.map((t): [DataTableKey, string, unknown] => ['followUps', 'emailId', t.c.facts.id]),
      ids: customers.map((id): [DataTableKey, string] => ['customers', id]),
      // Every follow-up of the page appends below the last: those rows are confirmed in this read.
      newIds: [['followUps', dayOf(ctx.now), todo.length]],
      history: customers,
      logRows: todo.length + 5,
    });
    const seen = new Set<string>();
    for (const { c, customerId } of todo) {
      const id = c.facts.id;
      if (seen.has(id) || ctx.store.lookups.withKey('followUps', 'emailId', id).length) {
        report.skipped.already++;
        continue;
      }
      seen.add(id);
      const input: Values = {
        customerId,
        time: Utilities.formatDate(new Date(c.facts.dateMs), ctx.timeZone, 'yyyy-MM-dd HH:mm'),
        method: '邮件',
        owner: ctx.user,
        content: emailContent(c.facts.subject, c.facts.plainBody, ctx.lang),
      };
      try {
        const saved = createRecord(ctx, 'followUps', input, 'email', {
          derived: { emailId: id, emailDirection: c.direction, emailLink: c.permalink },
        });
        if (saved.ok) report.logged++;
        else report.skipped.notAllowed++;
      } catch (e) {
        // The role check refuses a customer this user may not write for: that message is skipped.
        if (!isCrmError(e)) throw e;
        report.skipped.notAllowed++;
      }
    }
  });
}

/**
 * Runs pages until the pass is done, the time budget is spent or Gmail stops the run. The cursor
 * is saved after every page that was written (and when a pass starts).
 */
export function runPages(ctx: Context, start: EmailLogCursor, o: { pageSize: number; budgetMs: number }): EmailLogReport {
  const report = emptyReport();
  const started = Date.now();
  const labels = excludeLabels(ctx);
  let cursor = start;
  const nowS = Math.floor(Date.now() / 1000);
  for (;;) {
    if (report.pages > 0 && Date.now() - started > o.budgetMs) {
      report.stopped = 'budget';
      break;
    }
    if (cursor.toS === null) {
      // Everything before the last pass's end is logged; a new pass takes what came since.
      if (cursor.fromS >= nowS) {
        report.done = true;
        break;
      }
      cursor = { ...cursor, toS: nowS, start: 0 };
    }
    let page;
    try {
      page = readPage(cursor as EmailLogCursor & { toS: number }, labels, o.pageSize, ctx.user);
    } catch (e) {
      Object.assign(report, gmailStop(e));
      break;
    }
    report.pages++;
    report.threads += page.found;
    report.messages += page.read;
    const before = report.logged;
    logPage(ctx, page.candidates, report);
    cursor = { ...advance(cursor, page.found, o.pageSize), logged: cursor.logged + report.logged - before };
    saveCursor(cursor);
  }
  saveCursor({ ...cursor, lastRunAt: ctx.now });
  return report;
}
