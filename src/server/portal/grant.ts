import * as z from 'zod/mini';
import { fieldError, updateStamps, type FieldError, type Values } from '../../core';
import { idArg, optionsArg, signature } from '../args';
import { openContext, type Context } from '../context';
import { enveloped } from '../entry';
import { deleteEntry, needsEntry, newToken, portalLink, tokenHash, writeEntry } from './token';

/** Who may give or take self-service access: the service team and admins (the spreadsheet owner counts as admin). */
export const PORTAL_GRANTERS = ['admin', 'service'] as const;

type Granted = { ok: true; contactId: string; link: string; emailed: boolean } | { ok: false; errors: FieldError[] };
type Revoked = { ok: true; contactId: string; revoked: boolean } | { ok: false; errors: FieldError[] };

/**
 * Writes the contact's two self-service cells (flag and link hash) with their log row, in the
 * caller's lock. The store's role check lets this one change through: service may not otherwise
 * write contacts, and the entry point has already required service or admin.
 */
function setAccess(ctx: Context, contact: Values, selfService: boolean, portalKey: string | null, note: string): Values {
  const id = String(contact.id);
  const changes: Values = { selfService, portalKey, ...updateStamps(contact, ctx.user, ctx.clock) };
  const env = ctx.store.env;
  const checkWrite = env.authorizeWrite;
  env.authorizeWrite = (t, before, after, planned) => {
    if (t === 'contacts' && before && String(before.id) === id) return;
    checkWrite?.(t, before, after, planned);
  };
  try {
    ctx.store.appendHistory([
      {
        time: ctx.now,
        user: ctx.user,
        table: 'contacts',
        recordId: id,
        field: 'selfService',
        oldValue: contact.selfService === true,
        newValue: selfService,
        source: 'sidebar',
        note,
      },
    ]);
    ctx.store.update('contacts', id, changes);
  } finally {
    env.authorizeWrite = checkWrite;
  }
  return { ...contact, ...changes };
}

/** The contact, fresh under the lock, or the error that stops the change. */
function contactFor(ctx: Context, id: string, deletedToo = false): Values | FieldError {
  ctx.store.lookups.prefetch({ tables: ['contacts', 'history'], ids: [['contacts', id]] });
  const c = ctx.store.record('contacts', id);
  if (!c) return fieldError('contactId', 'not_found', ctx.lang, { id });
  if (c.deleted && !deletedToo) return fieldError('contactId', 'portal_contact_deleted', ctx.lang, { id });
  return c;
}

const isError = (v: Values | FieldError): v is FieldError => typeof (v as FieldError).code === 'string' && 'messages' in v;

function mailLink(ctx: Context, contact: Values, link: string): boolean {
  const to = typeof contact.email === 'string' ? contact.email.trim() : '';
  if (!to) return false;
  const zh = ctx.lang === 'zh';
  const subject = zh ? '您的服务工单自助链接' : 'Your link to follow your service tickets';
  const body = zh
    ? `${String(contact.name ?? '')}，您好：\n\n通过下面的专属链接，您可以提交服务请求并查看工单的处理进度和答复：\n${link}\n\n此链接仅供您本人使用，请勿转发。如链接失效，请联系我们的客服。`
    : `Hello ${String(contact.name ?? '')},\n\nWith the private link below you can raise service requests and follow your tickets' status and answers:\n${link}\n\nThe link is for you alone; please do not forward it. If it stops working, ask our service team for a new one.`;
  try {
    if (MailApp.getRemainingDailyQuota() <= 0) return false;
    MailApp.sendEmail(to, subject, body);
    return true;
  } catch (err) {
    console.warn(`grantSelfService: could not mail ${to}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

/**
 * grantSelfService(contactId, { email? }): gives a contact self-service access with a new private
 * link, and answers the link (shown once: the CRM keeps only its hash). Granting again makes a new
 * link and the old one opens nothing. `email: true` also mails the link to the contact's email.
 * Service and admin only.
 */
export const grantSelfService = enveloped(
  signature(['contactId', 'options'], idArg, z.optional(optionsArg({ email: z.optional(z.boolean()) }))),
  (contactId, options): Granted => {
    const ctx = openContext();
    let token = '';
    let hash = '';
    let old = '';
    const done = ctx.store.withLock((): Values | FieldError => {
      const c = contactFor(ctx, contactId);
      if (isError(c)) return c;
      old = typeof c.portalKey === 'string' ? c.portalKey : '';
      token = newToken(String(c.id), String(c.customerId ?? ''));
      hash = tokenHash(token);
      // An older-form link's property first: should the row's write fail, the property points at a
      // row that does not confirm it (its hash is not on the row), so it opens nothing.
      if (needsEntry(token)) writeEntry(hash, { contact: String(c.id), customer: String(c.customerId ?? '') });
      return setAccess(ctx, c, true, hash, old ? 'new link' : 'granted');
    });
    if (isError(done)) return { ok: false, errors: [done] };
    // The previous link's property, if it was of the older form (deleting none is harmless).
    if (old && old !== hash) deleteEntry(old);
    const link = portalLink(token, String(ctx.settings.params.portalUrl ?? ''));
    const emailed = options?.email === true ? mailLink(ctx, done, link) : false;
    return { ok: true, contactId: String(done.id), link, emailed };
  },
  PORTAL_GRANTERS,
);

/**
 * revokeSelfService(contactId): takes the contact's access away: its link opens nothing from now
 * on (the same "link not valid" answer as any wrong link). Nothing is written when it had none.
 */
export const revokeSelfService = enveloped(
  signature(['contactId'], idArg),
  (contactId): Revoked => {
    const ctx = openContext();
    let old = '';
    const done = ctx.store.withLock((): Values | FieldError | null => {
      const c = contactFor(ctx, contactId, true);
      if (isError(c)) return c;
      old = typeof c.portalKey === 'string' ? c.portalKey : '';
      if (c.selfService !== true && !old) return null;
      return setAccess(ctx, c, false, null, 'revoked');
    });
    if (done && isError(done)) return { ok: false, errors: [done] };
    if (old) deleteEntry(old);
    return { ok: true, contactId, revoked: done !== null };
  },
  PORTAL_GRANTERS,
);
