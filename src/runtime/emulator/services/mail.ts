/** MailApp: an outbox (runtime.mail) with Apps Script's daily recipient quota on the virtual clock. */
import { SentMail } from '../../types';
import { Env } from '../env';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { wallClock } from '../model/timeZone';
import { EmuBlob, fromBytesOrString } from './blob';

export const DAILY_EMAIL_QUOTA = 100;

interface MailOptions {
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

  private _day(ms: number): string {
    const w = wallClock(ms, this.env.scriptTimeZone);
    return `${w.year}-${w.month}-${w.day}`;
  }
  private _usedToday(): number {
    const today = this._day(this.env.nowMs);
    return this.env.mail.filter((m) => this._day(m.sentAt.getTime()) === today).reduce((n, m) => n + recipients(m), 0);
  }

  getRemainingDailyQuota(): number {
    return Math.max(0, DAILY_EMAIL_QUOTA - this._usedToday());
  }

  /** sendEmail(message), (to, subject, body[, options]), (to, replyTo, subject, body). */
  sendEmail(a: string | MailOptions, b?: string, c?: string, d?: string | MailOptions): void {
    let o: MailOptions;
    if (typeof a === 'object' && a !== null) o = a;
    else if (typeof d === 'string') o = { to: a, replyTo: b, subject: c, body: d };
    else o = { ...(d ?? {}), to: a, subject: b, body: c };
    if (!o.to || typeof o.to !== 'string') throw signatureError('MailApp.sendEmail', [a, b, c, d]);
    if (!o.subject && o.subject !== '') throw gasError('Invalid argument: subject');
    const mail: SentMail = { to: o.to, subject: String(o.subject ?? ''), body: String(o.body ?? ''), sentAt: new Date(this.env.nowMs) };
    for (const k of ['htmlBody', 'cc', 'bcc', 'name', 'replyTo'] as const) if (o[k] !== undefined) mail[k] = String(o[k]);
    if (o.noReply !== undefined) mail.noReply = !!o.noReply;
    if (o.attachments) {
      mail.attachments = o.attachments.map((x) => {
        // Options are a plain object, so the instrument left the blob proxies in it as they came.
        const host = this.env.instrument.unwrap(x);
        const blob = host instanceof EmuBlob ? host : null;
        const data = blob ? fromBytesOrString(blob) : Buffer.alloc(0);
        return {
          name: blob?.getName() ?? 'attachment',
          contentType: blob?.getContentType() ?? 'application/octet-stream',
          size: data.length,
          data,
        };
      });
    }
    const f = this.env.mailFailure;
    if (f && --f.remaining <= 0) {
      if (!f.sticky) this.env.mailFailure = null;
      throw gasError(f.message);
    }
    if (this._usedToday() + recipients(mail) > DAILY_EMAIL_QUOTA) throw gasError('Service invoked too many times for one day: email.');
    this.env.mail.push(mail);
  }
}

registerService(EmuMailApp, 'MailApp');
conforms<EmuMailApp, GoogleAppsScript.Mail.MailApp>(true);
