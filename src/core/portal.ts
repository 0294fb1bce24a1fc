import { foldKey, hasFlag, tableDef, TICKET_CHANNELS, TICKET_STATUSES, TICKET_TYPES, type Lang } from '../schema';
import { fieldError, type FieldError } from './errors';
import type { TeamMember } from './settings';
import type { Values } from './validate';

/**
 * The self-service portal, pure (docs/SELF_SERVICE.md): what a contact's private link shows, what
 * it may raise, and who gets a raised ticket. The token itself never reaches this layer: the server
 * hashes it and finds the contact by the hash.
 */

/** What the portal shows of one ticket: nothing else of the row (owner, priority, notes) leaves the CRM. */
export interface PortalTicket {
  id: string;
  subject: string;
  type: string;
  status: string;
  /** Open (still with the service team) or done, by the status's flag. */
  closed: boolean;
  description: string;
  resolution: string;
  openedAt: string;
  closedAt: string;
  updatedAt: string;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * The tickets a contact sees: those linked to that contact (raised by it through the portal, or
 * entered by staff with it as the contact), of its own customer, not deleted, newest first. Other
 * contacts' tickets of the same customer stay private to them.
 */
export function portalTickets(tickets: readonly Values[], contact: Values): PortalTicket[] {
  const id = str(contact.id).trim().toUpperCase();
  const customer = str(contact.customerId).trim().toUpperCase();
  return tickets
    .filter(
      (t) => !t.deleted && str(t.contactId).trim().toUpperCase() === id && str(t.customerId).trim().toUpperCase() === customer && !!t.id,
    )
    .map((t) => ({
      id: str(t.id),
      subject: str(t.subject),
      type: str(t.type),
      status: str(t.status),
      closed: hasFlag(TICKET_STATUSES, t.status, 'closed'),
      description: str(t.description),
      resolution: str(t.resolution),
      openedAt: str(t.openedAt),
      closedAt: str(t.closedAt),
      updatedAt: str(t.updatedAt).slice(0, 16),
    }))
    .sort((a, b) => (a.openedAt === b.openedAt ? b.id.localeCompare(a.id) : b.openedAt.localeCompare(a.openedAt)));
}

/** Tickets the contact raised through the portal on `day` ('YYYY-MM-DD'), deleted ones included (a raise and a delete do not reset the count). */
export function raisedOn(tickets: readonly Values[], contactId: string, day: string): number {
  const id = contactId.trim().toUpperCase();
  return tickets.filter(
    (t) =>
      str(t.contactId).trim().toUpperCase() === id &&
      hasFlag(TICKET_CHANNELS, t.channel, 'portal') &&
      str(t.createdAt).slice(0, 10) === day,
  ).length;
}

/** What a customer types into the portal's form. */
export interface PortalFields {
  subject: string;
  type: string;
  description: string;
}

/** Longest subject and description the portal accepts: the tickets table's own limits (far below a cell's 50,000 characters). */
export const PORTAL_LIMITS = {
  subject: tableDef('tickets').fields.subject.meta.maxLength ?? 200,
  description: tableDef('tickets').fields.description.meta.maxLength ?? 10000,
} as const;

/**
 * The form's answers checked before anything is read under the lock: a subject, a known type
 * (zh value or English label), and lengths within the table's limits, each with a clear message
 * naming the field, its limit and the length received (a 1 MB description is refused, not cut).
 */
export function portalFieldErrors(fields: PortalFields, lang: Lang): FieldError[] {
  const errors: FieldError[] = [];
  const label = (k: 'subject' | 'description' | 'type') => tableDef('tickets').fields[k].meta.label[lang];
  for (const k of ['subject', 'description'] as const) {
    const length = fields[k].length;
    if (length > PORTAL_LIMITS[k]) errors.push(fieldError(k, 'portal_too_long', lang, { field: label(k), max: PORTAL_LIMITS[k], length }));
  }
  if (!fields.subject.trim()) errors.push(fieldError('subject', 'required', lang));
  if (!portalType(fields.type))
    errors.push(fieldError('type', 'enum', lang, { options: TICKET_TYPES.map((o) => (lang === 'zh' ? o.value : o.en)).join(', ') }));
  return errors;
}

/** A ticket type as typed (zh value or English label, any case) → its stored value; null when unknown. */
export function portalType(typed: string): string | null {
  const k = foldKey(typed);
  return TICKET_TYPES.find((o) => foldKey(o.value) === k || foldKey(o.en) === k)?.value ?? null;
}

/**
 * Who gets a ticket raised through the portal: the service team (settings users of role service)
 * in turn, starting after `last` (the previous pick, kept between executions); with no service
 * member, the customer's owner when that is a listed member; else nobody (the caller falls back to
 * the spreadsheet owner). Returns the owner and the position to keep.
 */
export function pickTicketOwner(
  users: readonly TeamMember[],
  last: string | null,
  customerOwner: string,
): { owner: string; next: string | null; how: 'service' | 'customerOwner' } | null {
  const service = users.filter((u) => u.role === 'service' && u.email.includes('@'));
  if (service.length) {
    const at = last === null ? -1 : service.findIndex((u) => foldKey(u.email) === foldKey(last));
    const m = service[(at + 1) % service.length];
    return { owner: m.email, next: m.email, how: 'service' };
  }
  const owner = customerOwner.trim();
  const member = owner
    ? users.find((u) => foldKey(u.email) === foldKey(owner) || (u.name !== '' && foldKey(u.name) === foldKey(owner)))
    : undefined;
  return member ? { owner: member.email, next: null, how: 'customerOwner' } : null;
}

/** Lowercase hex of digest bytes (signed, as Apps Script gives them). */
export function hexOf(bytes: readonly number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

/**
 * A link's token names the contact and its customer, then 64 lowercase hex characters of
 * randomness: `<contactId>.<customerId>.<hex>`. The IDs let a call read the contact by key with no
 * lookup table (the row's hash of the whole token confirms it); the random part is what cannot be
 * guessed. Links granted before carried the 64 hex characters alone (a document property named the
 * contact); they keep working.
 */
const LINKED_TOKEN = /^([A-Za-z0-9_-]{1,40})\.([A-Za-z0-9_-]{1,40})\.([0-9a-f]{64})$/;
const LEGACY_TOKEN = /^[0-9a-f]{64}$/;

/** Whether an ID can be carried in a link as it is (anything else: the link is of the older form). */
export function isLinkableId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,40}$/.test(id);
}

/** The token of a new link for a contact of a customer, from 64 random hex characters. */
export function linkedToken(contactId: string, customerId: string, random: string): string {
  return `${contactId}.${customerId}.${random}`;
}

/** The contact and customer a token names, or null for a token of another shape. */
export function tokenTarget(token: string): { contact: string; customer: string } | null {
  const m = LINKED_TOKEN.exec(token);
  return m ? { contact: m[1], customer: m[2] } : null;
}

/** A token as the page sends it: a linked token, or an older link's 64 lowercase hex characters (anything else opens nothing). */
export function isTokenShape(token: string): boolean {
  return LEGACY_TOKEN.test(token) || LINKED_TOKEN.test(token);
}

/** An older link's token: 64 lowercase hex characters alone. */
export function isLegacyToken(token: string): boolean {
  return LEGACY_TOKEN.test(token);
}
