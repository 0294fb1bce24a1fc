/**
 * GmailApp: the mailbox of the user the script runs as (the effective user: an installable
 * trigger's installer), with Apps Script's method names and signatures. Calls that reach Gmail are
 * round trips and use the daily read quota; a message's and a thread's plain fields come with it
 * (local). Sending shares MailApp's outbox and recipients quota.
 */
import { createHash } from 'node:crypto';
import { Env } from '../../env';
import { gasError, signatureError } from '../../errors';
import { conforms, registerService, Service } from '../../instrument';
import { EmuBlob } from '../blob';
import { sendToOutbox, type MailOptions } from '../mail';
import { Mailbox, type MailModel, type ThreadModel } from './mailbox';

/** Apps Script refuses more than this many threads in one page. */
export const MAX_THREADS_PER_PAGE = 500;

export function mailboxOf(env: Env, user: string): Mailbox {
  const key = user.toLowerCase();
  let box = env.gmail.get(key);
  if (!box) {
    box = new Mailbox(key);
    env.gmail.set(key, box);
  }
  return box;
}

abstract class GmailPart extends Service {
  constructor(protected readonly env: Env) {
    super();
  }
  protected get _box(): Mailbox {
    if (!this.env.runAs) throw gasError('You do not have permission to call GmailApp. Required permissions: https://mail.google.com/');
    return mailboxOf(this.env, this.env.runAs);
  }
  /** One round trip's share of the read quota (n threads for a call over several). */
  protected _use(n = 1): void {
    this._box.use(n, this.env.nowMs, this.env.scriptTimeZone);
  }
}

export class EmuGmailAttachment extends EmuBlob {
  getHash(): string {
    return createHash('sha1')
      .update(Buffer.from(this.getBytes().map((b) => b & 0xff)))
      .digest('hex');
  }
  getSize(): number {
    return this.getBytes().length;
  }
  override getName(): string {
    return super.getName() ?? '';
  }
  override getContentType(): string {
    return super.getContentType() ?? 'application/octet-stream';
  }
}

export class EmuGmailMessage extends GmailPart {
  constructor(
    env: Env,
    private readonly id: string,
  ) {
    super(env);
  }
  private get _m(): MailModel {
    const m = this._box.messages.get(this.id);
    if (!m) throw gasError('Invalid argument: id');
    return m;
  }
  getId(): string {
    return this.id;
  }
  getFrom(): string {
    return this._m.from;
  }
  getTo(): string {
    return this._m.to;
  }
  getCc(): string {
    return this._m.cc;
  }
  getBcc(): string {
    return this._m.bcc;
  }
  getReplyTo(): string {
    return this._m.replyTo;
  }
  getSubject(): string {
    return this._m.subject;
  }
  getDate(): Date {
    return this.env.date(this._m.dateMs);
  }
  getPlainBody(): string {
    return this._m.plainBody;
  }
  getBody(): string {
    const m = this._m;
    return m.htmlBody ?? m.plainBody.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>');
  }
  getThread(): EmuGmailThread {
    return new EmuGmailThread(this.env, this._m.threadId);
  }
  getAttachments(): EmuGmailAttachment[] {
    this._use();
    return this._m.attachments.map(
      (a) =>
        new EmuGmailAttachment(
          [...a.bytes].map((b) => (b > 127 ? b - 256 : b)),
          a.contentType,
          a.name,
        ),
    );
  }
  isDraft(): boolean {
    return this._m.draft;
  }
  isInTrash(): boolean {
    return this._m.trashed;
  }
  isUnread(): boolean {
    return this._m.unread;
  }
}

export class EmuGmailThread extends GmailPart {
  constructor(
    env: Env,
    private readonly id: string,
  ) {
    super(env);
  }
  private get _t(): ThreadModel {
    const t = this._box.threads.get(this.id);
    if (!t) throw gasError('Invalid argument: id');
    return t;
  }
  getId(): string {
    return this.id;
  }
  getMessages(): EmuGmailMessage[] {
    this._use();
    return this._box.threadMessages(this._t).map((m) => new EmuGmailMessage(this.env, m.id));
  }
  getMessageCount(): number {
    return this._box.threadMessages(this._t).length;
  }
  getPermalink(): string {
    return `https://mail.google.com/mail/u/0/#all/${this.id}`;
  }
  getFirstMessageSubject(): string {
    return this._box.threadMessages(this._t)[0]?.subject ?? '';
  }
  getLastMessageDate(): Date {
    return this.env.date(this._box.lastDate(this._t));
  }
  getLabels(): EmuGmailLabel[] {
    this._use();
    return [...this._t.labels].map((l) => new EmuGmailLabel(this.env, l));
  }
  addLabel(label: EmuGmailLabel): this {
    if (!(label instanceof EmuGmailLabel)) throw signatureError('GmailThread.addLabel', [label]);
    this._use();
    this._t.labels.add(label.getName());
    return this;
  }
  removeLabel(label: EmuGmailLabel): this {
    if (!(label instanceof EmuGmailLabel)) throw signatureError('GmailThread.removeLabel', [label]);
    this._use();
    this._t.labels.delete(label.getName());
    return this;
  }
  isInInbox(): boolean {
    return this._t.inInbox;
  }
}

export class EmuGmailLabel extends GmailPart {
  constructor(
    env: Env,
    private readonly name: string,
  ) {
    super(env);
  }
  getName(): string {
    return this.name;
  }
  getThreads(start?: number, max?: number): EmuGmailThread[] {
    this._use();
    const found = this._box.search(`label:"${this.name}"`, this.env.nowMs);
    return page(found, start, max, 'GmailLabel.getThreads').map((t) => new EmuGmailThread(this.env, t.id));
  }
  addToThread(thread: EmuGmailThread): this {
    return this.addToThreads([thread]);
  }
  addToThreads(threads: EmuGmailThread[]): this {
    const list = threadModels(this._box, threads, 'GmailLabel.addToThreads');
    if (!this._box.labels.has(this.name)) throw gasError('Label not found');
    this._use(Math.max(1, list.length));
    for (const t of list) t.labels.add(this.name);
    return this;
  }
  removeFromThread(thread: EmuGmailThread): this {
    return this.removeFromThreads([thread]);
  }
  removeFromThreads(threads: EmuGmailThread[]): this {
    const list = threadModels(this._box, threads, 'GmailLabel.removeFromThreads');
    this._use(Math.max(1, list.length));
    for (const t of list) t.labels.delete(this.name);
    return this;
  }
  deleteLabel(): void {
    this._use();
    this._box.labels.delete(this.name);
    for (const t of this._box.threads.values()) t.labels.delete(this.name);
  }
}

export class EmuGmailDraft extends GmailPart {
  constructor(
    env: Env,
    private readonly id: string,
  ) {
    super(env);
  }
  private get _messageId(): string {
    const m = this._box.drafts.get(this.id);
    if (!m) throw gasError('Invalid argument: id');
    return m;
  }
  getId(): string {
    return this.id;
  }
  getMessageId(): string {
    return this._messageId;
  }
  getMessage(): EmuGmailMessage {
    this._use();
    return new EmuGmailMessage(this.env, this._messageId);
  }
  update(recipient: string, subject: string, body: string, options?: MailOptions): this {
    this._use();
    const box = this._box;
    const m = box.messages.get(this._messageId);
    if (!m) throw gasError('Invalid argument: id');
    Object.assign(m, composed(this.env, recipient, subject, body, options, 'GmailDraft.update'));
    return this;
  }
  send(): EmuGmailMessage {
    this._use();
    const box = this._box;
    const m = box.messages.get(this._messageId);
    if (!m) throw gasError('Invalid argument: id');
    sendToOutbox(this.env, {
      to: m.to,
      cc: m.cc || undefined,
      bcc: m.bcc || undefined,
      subject: m.subject,
      body: m.plainBody,
      htmlBody: m.htmlBody ?? undefined,
      attachments: m.attachments.map((a) => new EmuBlob([...a.bytes], a.contentType, a.name)),
    });
    m.draft = false;
    m.dateMs = this.env.nowMs;
    box.drafts.delete(this.id);
    return new EmuGmailMessage(this.env, m.id);
  }
  deleteDraft(): void {
    this._use();
    const box = this._box;
    const messageId = this._messageId;
    box.drafts.delete(this.id);
    const m = box.messages.get(messageId);
    if (m) {
      box.messages.delete(messageId);
      const t = box.threads.get(m.threadId);
      if (t) {
        t.messageIds = t.messageIds.filter((x) => x !== messageId);
        if (!t.messageIds.length) box.threads.delete(t.id);
      }
    }
  }
}

function page<T>(list: T[], start: number | undefined, max: number | undefined, method: string): T[] {
  if (start === undefined && max === undefined) return list;
  if (typeof start !== 'number' || typeof max !== 'number' || !Number.isInteger(start) || !Number.isInteger(max) || start < 0 || max < 0)
    throw signatureError(method, [start, max]);
  if (max > MAX_THREADS_PER_PAGE) throw gasError(`Argument max cannot exceed ${MAX_THREADS_PER_PAGE}.`);
  return list.slice(start, start + max);
}

function threadModels(box: Mailbox, threads: unknown, method: string): ThreadModel[] {
  if (!Array.isArray(threads) || threads.some((t) => !(t instanceof EmuGmailThread))) throw signatureError(method, [threads]);
  return (threads as EmuGmailThread[]).map((t) => {
    const m = box.threads.get(t.getId());
    if (!m) throw gasError('Invalid argument: thread');
    return m;
  });
}

/** The fields of a message composed by createDraft / update, checked like Apps Script checks them. */
function composed(env: Env, recipient: unknown, subject: unknown, body: unknown, options: MailOptions | undefined, method: string) {
  if (typeof recipient !== 'string' || typeof subject !== 'string' || typeof body !== 'string')
    throw signatureError(method, [recipient, subject, body, options]);
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw signatureError(method, [recipient, subject, body, options]);
  for (const a of recipient.split(',').filter((s) => s.trim())) if (!a.includes('@')) throw gasError(`Invalid email: ${a.trim()}`);
  const o = options ?? {};
  return {
    to: recipient,
    cc: o.cc ? String(o.cc) : '',
    bcc: o.bcc ? String(o.bcc) : '',
    subject,
    plainBody: body,
    htmlBody: o.htmlBody ? String(o.htmlBody) : null,
    dateMs: env.nowMs,
    attachments: (o.attachments ?? []).map((proxy) => {
      // Objects inside an options object reach the emulator as the bundle's proxies.
      const x = env.instrument.unwrap(proxy);
      if (!(x instanceof EmuBlob)) throw gasError('Invalid argument: attachments');
      return {
        name: x.getName() ?? 'attachment',
        contentType: x.getContentType() ?? 'application/octet-stream',
        bytes: Buffer.from(x.getBytes().map((b) => b & 0xff)),
      };
    }),
  };
}

export class EmuGmailApp extends GmailPart {
  search(query: string, start?: number, max?: number): EmuGmailThread[] {
    if (typeof query !== 'string') throw signatureError('GmailApp.search', [query, start, max]);
    const found = this._box.search(query, this.env.nowMs);
    const threads = page(found, start, max, 'GmailApp.search');
    this._use();
    return threads.map((t) => new EmuGmailThread(this.env, t.id));
  }
  getInboxThreads(start?: number, max?: number): EmuGmailThread[] {
    return this.search('in:inbox', start as number, max as number);
  }
  getMessageById(id: string): EmuGmailMessage {
    if (typeof id !== 'string') throw signatureError('GmailApp.getMessageById', [id]);
    this._use();
    if (!this._box.messages.has(id)) throw gasError('Invalid argument: id');
    return new EmuGmailMessage(this.env, id);
  }
  getThreadById(id: string): EmuGmailThread | null {
    if (typeof id !== 'string') throw signatureError('GmailApp.getThreadById', [id]);
    this._use();
    return this._box.threads.has(id) ? new EmuGmailThread(this.env, id) : null;
  }
  getMessagesForThread(thread: EmuGmailThread): EmuGmailMessage[] {
    if (!(thread instanceof EmuGmailThread)) throw signatureError('GmailApp.getMessagesForThread', [thread]);
    return thread.getMessages();
  }
  getMessagesForThreads(threads: EmuGmailThread[]): EmuGmailMessage[][] {
    const list = threadModels(this._box, threads, 'GmailApp.getMessagesForThreads');
    this._use(Math.max(1, list.length));
    return list.map((t) => this._box.threadMessages(t).map((m) => new EmuGmailMessage(this.env, m.id)));
  }
  getUserLabelByName(name: string): EmuGmailLabel | null {
    if (typeof name !== 'string') throw signatureError('GmailApp.getUserLabelByName', [name]);
    this._use();
    const found = [...this._box.labels].find((l) => l === name);
    return found === undefined ? null : new EmuGmailLabel(this.env, found);
  }
  getUserLabels(): EmuGmailLabel[] {
    this._use();
    return [...this._box.labels].sort().map((l) => new EmuGmailLabel(this.env, l));
  }
  createLabel(name: string): EmuGmailLabel {
    if (typeof name !== 'string' || !name.trim()) throw signatureError('GmailApp.createLabel', [name]);
    this._use();
    this._box.labels.add(name);
    return new EmuGmailLabel(this.env, name);
  }
  deleteLabel(label: EmuGmailLabel): this {
    if (!(label instanceof EmuGmailLabel)) throw signatureError('GmailApp.deleteLabel', [label]);
    label.deleteLabel();
    return this;
  }
  getAliases(): string[] {
    return [];
  }
  createDraft(recipient: string, subject: string, body: string, options?: MailOptions): EmuGmailDraft {
    const fields = composed(this.env, recipient, subject, body, options, 'GmailApp.createDraft');
    this._use();
    const box = this._box;
    const model = box.add({ to: fields.to, subject, body, date: this.env.nowMs });
    Object.assign(model, fields, { draft: true });
    const draftId = `r${box.newId('d')}`;
    box.drafts.set(draftId, model.id);
    return new EmuGmailDraft(this.env, draftId);
  }
  getDrafts(): EmuGmailDraft[] {
    this._use();
    return [...this._box.drafts.keys()].map((id) => new EmuGmailDraft(this.env, id));
  }
  getDraft(draftId: string): EmuGmailDraft {
    this._use();
    if (!this._box.drafts.has(String(draftId))) throw gasError('Invalid argument: draftId');
    return new EmuGmailDraft(this.env, String(draftId));
  }
  /** Sent as the user: into the shared outbox (MailApp's recipients quota) and the user's sent mail. */
  sendEmail(recipient: string, subject: string, body: string, options?: MailOptions): this {
    const fields = composed(this.env, recipient, subject, body, options, 'GmailApp.sendEmail');
    sendToOutbox(this.env, { ...(options ?? {}), to: recipient, subject, body });
    const model = this._box.add({ to: recipient, subject, body, date: this.env.nowMs });
    Object.assign(model, fields);
    return this;
  }
}

registerService(EmuGmailApp, 'GmailApp', { local: ['getAliases'] });
registerService(EmuGmailThread, 'GmailThread', {
  local: ['getId', 'getMessageCount', 'getPermalink', 'getFirstMessageSubject', 'getLastMessageDate', 'isInInbox'],
});
registerService(EmuGmailMessage, 'GmailMessage', {
  local: [
    'getId',
    'getFrom',
    'getTo',
    'getCc',
    'getBcc',
    'getReplyTo',
    'getSubject',
    'getDate',
    'getPlainBody',
    'getBody',
    'getThread',
    'isDraft',
    'isInTrash',
    'isUnread',
  ],
});
registerService(EmuGmailLabel, 'GmailLabel', { local: ['getName'] });
registerService(EmuGmailDraft, 'GmailDraft', { local: ['getId', 'getMessageId'] });
registerService(EmuGmailAttachment, 'GmailAttachment', { counted: false });
conforms<EmuGmailApp, GoogleAppsScript.Gmail.GmailApp>(true);
conforms<EmuGmailThread, GoogleAppsScript.Gmail.GmailThread>(true);
conforms<EmuGmailMessage, GoogleAppsScript.Gmail.GmailMessage>(true);
conforms<EmuGmailLabel, GoogleAppsScript.Gmail.GmailLabel>(true);
conforms<EmuGmailDraft, GoogleAppsScript.Gmail.GmailDraft>(true);
// A GmailAttachment is a Blob (getBlob, as every BlobSource) with getHash and getSize.
conforms<EmuGmailAttachment, GoogleAppsScript.Gmail.GmailAttachment & GoogleAppsScript.Base.BlobSource>(true);
