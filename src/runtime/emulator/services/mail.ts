/** MailApp: an outbox (runtime.mail) with Apps Script's daily recipient quota on the virtual clock. */
import { SentMail } from '../../types';
import { Env } from '../env';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { wallClock } from '../model/timeZone';
import { EmuBlob, fromBytesOrString } from './blob';

export const DAILY_EMAIL_QUOTA = 100;

export interface MailOptions {
  to?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  cc?: string;
  bcc?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
}

function recipients(m: { to: string; cc?: string; bcc?: string }): number {
  return [m.to, m.cc, m.bcc]
    .filter(Boolean)
    .join(',')
    .split(',')
    .filter((s) => s.trim()).length;
}

export class EmuMailApp extends Service {
  constructor(private readonly env: Env) {
    super();
  }

  getRemainingDailyQuota(): number {
    return Math.max(0, DAILY_EMAIL_QUOTA - usedToday(this.env));
  }

  /** sendEmail(message), (to, subject, body[, options]), (to, replyTo, subject, body). */
  sendEmail(a: string | MailOptions, b?: string, c?: string, d?: string | MailOptions): void {
    let o: MailOptions;
    if (typeof a === 'object' && a !== null) o = a;
    else if (typeof d === 'string') o = { to: a, replyTo: b, subject: c, body: d };
    else o = { ...(d ?? {}), to: a, subject: b, body: c };
    if (!o.to || typeof o.to !== 'string') throw signatureError('MailApp.sendEmail', [a, b, c, d]);
    sendToOutbox(this.env, { ...o, to: o.to });
  }
}

/** A sent mail as the outbox keeps it (attachments with their name, type, size and bytes). */
export function outboxMail(env: Env, o: MailOptions & { to: string }): SentMail {
  if (!o.subject && o.subject !== '') throw gasError('Invalid argument: subject');
  const mail: SentMail = { to: o.to, subject: String(o.subject ?? ''), body: String(o.body ?? ''), sentAt: new Date(env.nowMs) };
  for (const k of ['htmlBody', 'cc', 'bcc', 'name', 'replyTo'] as const) if (o[k] !== undefined) mail[k] = String(o[k]);
  if (o.noReply !== undefined) mail.noReply = !!o.noReply;
  if (o.attachments) {
    mail.attachments = o.attachments.map((proxy) => {
      // Blobs inside the options object arrive as the bundle's proxies.
      const x = env.instrument.unwrap(proxy);
      const blob = x instanceof EmuBlob ? x : null;
      const data = blob ? fromBytesOrString(blob) : Buffer.alloc(0);
      return {
        name: blob?.getName() ?? 'attachment',
        contentType: blob?.getContentType() ?? 'application/octet-stream',
        size: data.length,
        data,
      };
    });
  }
  return mail;
}

/**
 * Puts a mail in the outbox within the daily recipients quota, which MailApp and GmailApp share
 * (the quota is the user's, whichever service sends).
 */
export function sendToOutbox(env: Env, o: MailOptions & { to: string }): SentMail {
  const mail = outboxMail(env, o);
  // A failure the host asked for (rt.faults.failMailAfter): the n-th send from now throws.
  const f = env.mailFailure;
  if (f && --f.remaining <= 0) {
    if (!f.sticky) env.mailFailure = null;
    throw gasError(f.message);
  }
  if (usedToday(env) + recipients(mail) > DAILY_EMAIL_QUOTA) throw gasError('Service invoked too many times for one day: email.');
  env.mail.push(mail);
  return mail;
}

function dayOf(env: Env, ms: number): string {
  const w = wallClock(ms, env.scriptTimeZone);
  return `${w.year}-${w.month}-${w.day}`;
}

export function usedToday(env: Env): number {
  const today = dayOf(env, env.nowMs);
  return env.mail.filter((m) => dayOf(env, m.sentAt.getTime()) === today).reduce((n, m) => n + recipients(m), 0);
}

registerService(EmuMailApp, 'MailApp');
conforms<EmuMailApp, GoogleAppsScript.Mail.MailApp>(true);
