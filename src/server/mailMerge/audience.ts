import {
  checkFilters,
  checkTemplate,
  filterFields,
  filterTable,
  foldEmail,
  ownsOrTeam,
  passes,
  planRecipients,
  templateFields,
  type Candidate,
  type MailFilters,
  type MailKind,
  type Planned,
  type Values,
} from '../../core';
import { loadColumns, type ColumnTable } from '../../store';
import type { Context } from '../context';

/** What a person drafts in the mail-merge panel. */
export interface MailDraft {
  kind: MailKind;
  filters: MailFilters;
  subject: string;
  body: string;
}

/** The records a run addresses, with what their templates need, read by columns (a batch read). */
export interface Audience {
  planned: Planned[];
  /** Each recipient's own fields (for rendering), by record ID. */
  records: Map<string, Values>;
  /** Customers' fields a contact's template reaches (by customer ID). */
  customers: Map<string, Values>;
  /** Addresses unsubscribed on any contact or lead. */
  suppressed: Set<string>;
}

const NAME: Readonly<Record<MailKind, string[]>> = {
  customers: ['name'],
  contacts: ['name', 'customerId'],
  leads: ['company', 'contactName'],
};
const displayName = (kind: MailKind, r: Values) => String((kind === 'leads' ? r.contactName || r.company : r.name) ?? '').trim();

function byId(t: ColumnTable): Map<string, Values> {
  const out = new Map<string, Values>();
  t.records.forEach((r) => {
    if (r.deleted !== true) out.set(String(r.id), r);
  });
  return out;
}

/** Addresses unsubscribed on any contact or lead (the flag follows the address everywhere). */
export function suppressedAddresses(ctx: Context): Set<string> {
  const out = new Set<string>();
  for (const key of ['contacts', 'leads'] as const) {
    const t = loadColumns(ctx.store, key, ['email', 'unsubscribed']);
    for (const r of t.records)
      if (r.deleted !== true && r.unsubscribed === true && typeof r.email === 'string') out.add(foldEmail(r.email));
  }
  return out;
}

/**
 * The run's recipients for a draft: the kind's live records passing the filters (a contact by its
 * customer), held for a sales rep to their own and their team's (the follow-ups logged for them
 * are theirs to write), in tab order, each marked to send or skipped (no email, unsubscribed,
 * duplicate address). `extra`: more fields to read (a resume's template fields).
 */
export function readAudience(ctx: Context, draft: MailDraft, restrictTo: string | null): Audience {
  checkTemplate(draft.kind, draft, ctx.lang);
  const set = checkFilters(draft.kind, draft.filters, ctx.lang);
  const need = templateFields(draft.kind, [draft.subject, draft.body]);
  const kind = draft.kind;
  const filtersHere = filterTable(kind) === kind ? filterFields(kind, set) : [];
  const unsub = kind === 'customers' ? [] : ['unsubscribed'];
  const own = loadColumns(ctx.store, kind, [...NAME[kind], 'email', ...unsub, 'owner', ...need.self, ...filtersHere]);
  const records = byId(own);
  const customers =
    kind === 'contacts'
      ? byId(loadColumns(ctx.store, 'customers', [...filterFields(kind, set), 'owner', ...need.customer]))
      : kind === 'customers'
        ? records
        : new Map<string, Values>();
  const suppressed = suppressedAddresses(ctx);
  const { users } = ctx.settings;
  const actor = ctx.auth.actor;
  const candidates: Candidate[] = [];
  for (const [id, r] of records) {
    const filterRecord = kind === 'contacts' ? customers.get(String(r.customerId ?? '')) : r;
    if (!filterRecord || !passes(kind, filterRecord, set, ctx.settings.lists)) continue;
    if (restrictTo !== null && !ownsOrTeam(actor, String(filterRecord.owner ?? '') || null, users)) continue;
    candidates.push({ kind, id, name: displayName(kind, r), email: String(r.email ?? ''), unsubscribed: r.unsubscribed === true });
  }
  return { planned: planRecipients(candidates, suppressed), records, customers, suppressed };
}

/** The customer record a recipient's template reaches (a contact's customer; a customer itself). */
export function customerOf(a: Pick<Audience, 'records' | 'customers'>, kind: MailKind, id: string): Values | null {
  if (kind === 'leads') return null;
  if (kind === 'customers') return a.records.get(id) ?? null;
  return a.customers.get(String(a.records.get(id)?.customerId ?? '')) ?? null;
}
