import * as z from 'zod/mini';
import { firstFlagged, TICKET_CHANNELS, TICKET_STATUSES, TICKET_TYPES, type Lang } from '../../schema';
import {
  CrmError,
  fieldError,
  numberParam,
  portalFieldErrors,
  portalTickets as visibleTickets,
  portalType,
  raisedOn,
  PORTAL_LIMITS,
  type FieldError,
  type PortalTicket,
  type Values,
} from '../../core';
import { signature, userLang } from '../args';
import { openContext, type Context } from '../context';
import { enveloped } from '../entry';
import { tellPending } from '../notify/announce';
import { createRecord, savePlan } from '../operations/save';
import { assignTicket } from '../workflows/assignment';
import { spreadsheetOwner } from '../auth';
import { linkOf, type PortalEntry } from './token';

/**
 * The portal's two calls (docs/SELF_SERVICE.md). Each takes the contact's token first and is
 * authorized by it alone: 'public' (no role: the visitor has no Google account of the domain and
 * the web app runs as its owner), and the execution's store may write one thing, a new ticket.
 * A wrong, revoked, reshaped or another contact's token gets the same answer: the link is not valid.
 */

/** Any string up to 200 characters: a token of another shape is answered like a wrong one. */
const tokenArg = z.string().check(z.maxLength(200));
/** The form's answers; lengths are checked by the body, with the field's limit in the message. */
const fieldsArg = z.strictObject({
  subject: z.string(),
  type: z.string(),
  description: z.optional(z.nullable(z.string())),
});

interface Portal {
  ctx: Context;
  contact: Values;
  customer: Values | null;
  entry: PortalEntry;
  hash: string;
}

type Invalid = { ok: false; errors: FieldError[] };

function invalid(lang: Lang): Invalid {
  return { ok: false, errors: [fieldError('token', 'portal_link_invalid', lang)] };
}

/** The contact a row confirms for the link: self-service on, the link's hash on the row, the customer the link names. */
function confirms(contact: Values | undefined, entry: PortalEntry, hash: string): contact is Values {
  return (
    !!contact &&
    !contact.deleted &&
    contact.selfService === true &&
    contact.portalKey === hash &&
    String(contact.customerId ?? '').toUpperCase() === entry.customer.toUpperCase()
  );
}

/** What the portal shows: the contact, its customer and its tickets, read in the context's first reads. */
function plan(entry: PortalEntry) {
  return {
    tables: ['contacts' as const, 'tickets' as const, 'customers' as const],
    ids: [['contacts', entry.contact] as ['contacts', string], ['customers', entry.customer] as ['customers', string]],
    keyed: [['tickets', 'customerId', entry.customer] as ['tickets', string, unknown]],
  };
}

/**
 * Whatever the execution's user (the web app's owner, or nobody), it acts for the contact, and its
 * store writes nothing but a new ticket.
 */
function actFor(ctx: Context, entry: PortalEntry): void {
  ctx.user = `portal:${entry.contact}`;
  ctx.store.env.authorizeWrite = (table, before) => {
    if (table === 'tickets' && before === null) return;
    throw CrmError.of('forbidden_action', ctx.lang, { roleZh: '门户', roleEn: 'portal' });
  };
}

/**
 * Opens the portal for a token: the contact's row (read by key with its customer and tickets, in
 * the execution's first batched reads) must confirm it. null: the link is not valid.
 */
function openPortal(token: string): Portal | null {
  const link = linkOf(token);
  if (!link) return null;
  const { hash, entry } = link;
  const ctx = openContext(plan(entry));
  const contact = ctx.store.record('contacts', entry.contact);
  if (!confirms(contact, entry, hash)) return null;
  actFor(ctx, entry);
  const customer = ctx.store.record('customers', entry.customer) ?? null;
  return { ctx, contact, customer, entry, hash };
}

/** The page's language: the spreadsheet's, once known; before that the visitor's. */
const langOf = (p: Portal | null): Lang => (p ? p.ctx.lang : userLang());

export interface PortalView {
  ok: true;
  lang: Lang;
  contact: { name: string };
  customer: { name: string };
  tickets: PortalTicket[];
  types: { value: string; en: string }[];
  /** The statuses' English labels (tickets carry the stored value). */
  statuses: { value: string; en: string }[];
  limits: { subject: number; description: number; perDay: number };
}

function view(p: Portal, tickets: readonly Values[]): PortalView {
  return {
    ok: true,
    lang: p.ctx.lang,
    contact: { name: String(p.contact.name ?? '') },
    customer: { name: String(p.customer?.name ?? '') },
    tickets: visibleTickets(tickets, p.contact),
    types: TICKET_TYPES.map((o) => ({ value: o.value, en: o.en })),
    statuses: TICKET_STATUSES.map((o) => ({ value: o.value, en: o.en })),
    limits: { ...PORTAL_LIMITS, perDay: numberParam(p.ctx.settings, 'portalTicketsPerDay') },
  };
}

/**
 * portalTickets(token): the contact's tickets (ID, subject, type, status, description, resolution,
 * dates), its name and its customer's, and what the form offers; or "link not valid".
 */
export const portalTickets = enveloped(
  signature(['token'], tokenArg),
  (token): PortalView | Invalid => {
    const p = openPortal(token);
    if (!p) return invalid(langOf(p));
    return view(p, p.ctx.store.lookups.withKey('tickets', 'customerId', p.entry.customer));
  },
  'public',
);

function mailContact(p: Portal, ticket: Values): void {
  const to = typeof p.contact.email === 'string' ? p.contact.email.trim() : '';
  if (!to) return;
  const zh = p.ctx.lang === 'zh';
  const id = String(ticket.id);
  const subject = zh ? `已收到您的工单 ${id}` : `We have your ticket ${id}`;
  const body = zh
    ? `${String(p.contact.name ?? '')}，您好：\n\n我们已收到您的服务请求“${String(ticket.subject ?? '')}”，工单编号 ${id}。客服会尽快处理，您可以随时通过您的专属链接查看进度和答复。`
    : `Hello ${String(p.contact.name ?? '')},\n\nWe have your service request "${String(ticket.subject ?? '')}" as ticket ${id}. Our service team will take it up soon; follow its status and answers with your private link at any time.`;
  // No quota check first (one call less): over the day's quota, sendEmail throws and the ticket stands.
  try {
    MailApp.sendEmail(to, subject, body);
  } catch (err) {
    console.warn(`portalRaiseTicket: could not mail ${to}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

type Raised = { ok: true; ticket: PortalTicket; tickets: PortalTicket[] } | Invalid;

/**
 * portalRaiseTicket(token, { subject, type, description }): a new ticket for the contact's customer
 * with the contact linked, channel 门户/Portal, assigned (the service team in turn, else the
 * customer's owner), the assignee told through announce and the contact mailed its ID. Refused:
 * a link not valid; a missing subject, an unknown type, a subject or description over the table's
 * limit (a 1 MB description: refused with its length, nothing saved); more than the day's limit
 * (parameter portalTicketsPerDay). Formula-like text is stored as text, as on every path.
 */
export const portalRaiseTicket = enveloped(
  signature(['token', 'fields'], tokenArg, fieldsArg),
  (token, fields): Raised => {
    const link = linkOf(token);
    if (!link) return invalid(userLang());
    const { hash, entry } = link;
    // Settings only: everything else is read once, under the lock (a read before it would be read again).
    const ctx = openContext();
    actFor(ctx, entry);
    const answers = { subject: fields.subject.trim(), type: fields.type.trim(), description: (fields.description ?? '').trim() };
    const input: Values = {
      customerId: entry.customer,
      contactId: entry.contact,
      subject: answers.subject,
      type: portalType(answers.type),
      description: answers.description || null,
      channel: firstFlagged(TICKET_CHANNELS, 'portal'),
    };
    type Step = { ok: true; p: Portal; record: Values; tickets: Values[] } | Invalid;
    const result = ctx.store.withLock((): Step => {
      // The ticket's save plan reads the contact and the customer (its references) and the customer's tickets (by key).
      ctx.store.lookups.prefetch(savePlan(ctx, 'tickets', input, null));
      const contact = ctx.store.record('contacts', entry.contact);
      // A link revoked a moment ago raises nothing; the answers are checked only for a valid link.
      if (!confirms(contact, entry, hash)) return invalid(ctx.lang);
      const errors = portalFieldErrors(answers, ctx.lang);
      if (errors.length) return { ok: false, errors };
      const mine = ctx.store.lookups.withKey('tickets', 'customerId', entry.customer);
      const limit = numberParam(ctx.settings, 'portalTicketsPerDay');
      if (limit > 0 && raisedOn(mine, entry.contact, ctx.now.slice(0, 10)) >= limit)
        return { ok: false, errors: [fieldError('token', 'portal_daily_limit', ctx.lang, { limit })] };
      const customer = ctx.store.record('customers', entry.customer) ?? null;
      const p: Portal = { ctx, contact, customer, entry, hash };
      const assigned = assignTicket(ctx, String(customer?.owner ?? ''));
      const owner = assigned?.owner ?? (spreadsheetOwner() || 'unknown');
      const saved = createRecord(ctx, 'tickets', { ...input, owner }, 'portal');
      if (!saved.ok) return saved;
      const title = String(saved.record.subject ?? saved.record.id);
      const who = `${String(customer?.name ?? entry.customer)} · ${String(contact.name ?? entry.contact)}`;
      ctx.events.push({
        kind: 'ticketRaised',
        to: owner,
        table: 'tickets',
        recordId: String(saved.record.id),
        title,
        detail: assigned ? `${who} · ${assigned.note}` : who,
      });
      return { ok: true, p, record: saved.record, tickets: [...mine, saved.record] };
    });
    if (!result.ok) return result;
    tellPending(ctx);
    mailContact(result.p, result.record);
    const tickets = visibleTickets(result.tickets, result.p.contact);
    return { ok: true, ticket: tickets.find((t) => t.id === result.record.id) as PortalTicket, tickets };
  },
  'public',
);
