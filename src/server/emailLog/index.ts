/**
 * Email logging (docs/WORKSPACE.md): each user turns it on for their own Gmail; a time-driven
 * trigger that runs as them logs their mail with CRM customers, contacts and converted leads as
 * follow-ups of method 邮件 / Email, once per message.
 */
import * as z from 'zod/mini';
import { CrmError } from '../../core';
import type { EmailLogCursor } from '../../core/emailLog';
import { signature, NO_ARGS } from '../args';
import { enveloped, throwing, type Envelope } from '../entry';
import { openContext, type Context } from '../context';
import {
  backfillSeconds,
  DEFAULT_BUDGET_MS,
  DEFAULT_PAGE,
  excludeLabels,
  loggingDisabled,
  runPages,
  emptyReport,
  type EmailLogReport,
} from './run';
import { ownTriggers, setOwnTrigger, type TriggerSpec } from '../triggers';
import { EMAIL_LOG_HANDLER, readCursor, saveCursor } from './state';

export type { EmailLogReport } from './run';

/** Minutes between a user's logging runs. */
export const EMAIL_LOG_EVERY_MINUTES = 15;
const LOG_TRIGGER: TriggerSpec = { handler: EMAIL_LOG_HANDLER, kind: 'minutes', everyMinutes: EMAIL_LOG_EVERY_MINUTES };

export interface EmailLoggingState {
  /** Logging is on for this user. */
  on: boolean;
  /** An admin turned logging off for everyone (settings parameter emailLogging = off). */
  disabled: boolean;
  /** This user's logging trigger is installed. */
  trigger: boolean;
  /** When it was turned on ('YYYY-MM-DD HH:mm'), its last run, how many emails it has logged. */
  since: string | null;
  lastRunAt: string | null;
  logged: number;
  /** Threads with one of these Gmail labels are never logged. */
  excludeLabels: string[];
}

function stateOf(ctx: Context, cursor: EmailLogCursor | null, trigger: boolean): EmailLoggingState {
  return {
    on: cursor?.on === true,
    disabled: loggingDisabled(ctx),
    trigger,
    since: cursor?.since || null,
    lastRunAt: cursor?.lastRunAt ?? null,
    logged: cursor?.logged ?? 0,
    excludeLabels: excludeLabels(ctx),
  };
}

/** Turns this user's logging on (its trigger installed once, a fresh cursor, the exclusion label made in Gmail) or off. */
function switchLogging(ctx: Context, on: boolean): EmailLoggingState {
  if (!ctx.user || ctx.user === 'unknown') throw CrmError.of('email_log_no_user', ctx.lang);
  if (on && loggingDisabled(ctx)) throw CrmError.of('email_log_disabled', ctx.lang);
  const triggers = ownTriggers(EMAIL_LOG_HANDLER);
  const prev = readCursor();
  if (!on) {
    setOwnTrigger(LOG_TRIGGER, false, triggers);
    const off = prev ? { ...prev, on: false, toS: null, start: 0 } : null;
    if (off) saveCursor(off);
    return stateOf(ctx, off, false);
  }
  setOwnTrigger(LOG_TRIGGER, true, triggers);
  let cursor = prev;
  if (!prev?.on) {
    const floorS = Math.floor(Date.now() / 1000) - backfillSeconds(ctx);
    cursor = {
      on: true,
      floorS,
      fromS: floorS,
      toS: null,
      start: 0,
      since: ctx.now,
      lastRunAt: prev?.lastRunAt ?? null,
      logged: prev?.logged ?? 0,
    };
    saveCursor(cursor);
  }
  // The label people put on a thread to keep it out of the CRM, ready in their Gmail.
  const label = excludeLabels(ctx)[0];
  try {
    if (!GmailApp.getUserLabelByName(label)) GmailApp.createLabel(label);
  } catch (e) {
    // A convenience only: logging is on either way, and people can make the label themselves.
    console.warn(`setEmailLogging: the label ${label} could not be made: ${String(e)}`);
  }
  return stateOf(ctx, cursor, true);
}

/**
 * setEmailLogging(on): turns email logging on or off for the caller's own mailbox →
 * `{ ok: true, on, disabled, trigger, since, lastRunAt, logged, excludeLabels }`; refused
 * (`email_log_disabled`) while an admin has it off for everyone.
 */
export const setEmailLogging = enveloped(signature(['on'], z.boolean()), (on): Envelope<EmailLoggingState> => ({
  ok: true,
  ...switchLogging(openContext(), on),
}));

/** getEmailLogging(): where the caller's logging stands (for the sidebar's switch). */
export const getEmailLogging = throwing(NO_ARGS, (): EmailLoggingState => {
  const ctx = openContext();
  return stateOf(ctx, readCursor(), ownTriggers(EMAIL_LOG_HANDLER).length > 0);
});

/** Menu 邮件记录开/关 / Email logging on/off: flips the caller's logging and says so. */
export const toggleEmailLogging = throwing(
  NO_ARGS,
  (): EmailLoggingState => {
    const ctx = openContext();
    const state = switchLogging(ctx, readCursor()?.on !== true);
    const text = state.on
      ? ctx.lang === 'zh'
        ? `已开启邮件记录：每 ${EMAIL_LOG_EVERY_MINUTES} 分钟记录你与客户往来的邮件（加标签 ${state.excludeLabels[0]} 的邮件不记录）`
        : `Email logging is on: your mail with customers is logged every ${EMAIL_LOG_EVERY_MINUTES} minutes (threads labelled ${state.excludeLabels[0]} are not)`
      : ctx.lang === 'zh'
        ? '已关闭邮件记录'
        : 'Email logging is off';
    SpreadsheetApp.getActiveSpreadsheet().toast(text, 'CRM');
    return state;
  },
  'write',
);

/**
 * logEmails(options?): the logging trigger's handler (also "log now" from the sidebar): one run
 * for the caller's mailbox → EmailLogReport. Options: `pageSize` (threads per page, 1-100,
 * default 50), `timeBudgetMs` (default 270,000: a new page starts only within it).
 */
export const logEmails = throwing(
  signature(
    ['options'],
    z.nullish(
      z.looseObject({
        pageSize: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
        timeBudgetMs: z.optional(z.number().check(z.gte(0))),
      }),
    ),
  ),
  (options): EmailLogReport => {
    const ctx = openContext();
    if (loggingDisabled(ctx)) return { ...emptyReport(), ran: false, reason: 'disabled' };
    const cursor = readCursor();
    if (!cursor?.on) return { ...emptyReport(), ran: false, reason: 'off' };
    return runPages(ctx, cursor, { pageSize: options?.pageSize ?? DEFAULT_PAGE, budgetMs: options?.timeBudgetMs ?? DEFAULT_BUDGET_MS });
  },
  'write',
);
