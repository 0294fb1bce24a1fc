import { DUPLICATE_FIELDS, DUPLICATE_TABLES, tableDef, type DuplicateBy, type DuplicateTable } from '../../schema';
import { CrmError, ownerOf, ownsOrTeam, type Values } from '../../core';
import { collectHits, duplicateProbes } from '../../core/workflows';
import { onlyKeys, requireObject, requireTable, userLang } from '../args';
import { openContext } from '../context';
import { throwing } from '../entry';

export interface DuplicateMatch {
  table: DuplicateTable;
  id: string;
  /** The record's name (company, or the contact's name). */
  name: string;
  owner: string | null;
  reasons: DuplicateBy[];
  /** Whether the caller may see the record in full; when false only name and owner are given. */
  full: boolean;
  phone?: string | null;
  email?: string | null;
  /** Contacts: the customer they belong to; leads: their status. */
  customerId?: string | null;
  status?: string | null;
}

export interface DuplicateReport {
  matches: DuplicateMatch[];
  /** Matches found (the list holds at most MAX_MATCHES). */
  total: number;
}

const MAX_MATCHES = 20;
const MAX_VALUE = 200;

function optionalText(v: unknown, what: string, lang: ReturnType<typeof userLang>): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw CrmError.of('bad_argument', lang, { detail: `${what} must be a string` });
  return v.slice(0, MAX_VALUE);
}

/**
 * findDuplicates(table, { name?, phone?, email?, id? }): the customers, contacts and leads that
 * what is being typed into `table`'s form matches (folded name of the same kind, phone digits,
 * email), excluding the record being edited (`id`). Read by key: the duplicate check's index
 * columns and the rows they point at, two batched reads (three when a contact's customer decides
 * its owner), whatever the size of the tabs. A sales rep sees only the name and owner of a record
 * that is neither theirs nor their team's.
 */
export const findDuplicates = throwing((table: unknown, query: unknown): DuplicateReport => {
  const lang = userLang();
  const key = requireTable(table, lang);
  if (!(DUPLICATE_TABLES as readonly string[]).includes(key)) {
    throw CrmError.of('bad_argument', lang, { detail: `table must be one of ${DUPLICATE_TABLES.join(', ')}` });
  }
  const q = requireObject(query, 'query', lang);
  onlyKeys(q, ['name', 'phone', 'email', 'id'], 'query', lang);
  const self = optionalText(q.id, 'query.id', lang)?.trim().toUpperCase() ?? null;
  const probes = duplicateProbes(key as DuplicateTable, {
    name: optionalText(q.name, 'query.name', lang), phone: optionalText(q.phone, 'query.phone', lang), email: optionalText(q.email, 'query.email', lang),
  });
  if (!probes.length) return { matches: [], total: 0 };
  const wants = probes.map((p) => [p.table, DUPLICATE_FIELDS[p.table][p.by], p.value] as [DuplicateTable, string, unknown]);
  const ctx = openContext({ tables: [...new Set(probes.map((p) => p.table))], keyed: wants });
  const rows = ctx.store.lookups.withKeys(wants);
  const hits = collectHits(probes.map((probe, i) => ({ probe, field: DUPLICATE_FIELDS[probe.table][probe.by], rows: rows[i] })))
    .filter((h) => !(h.table === key && h.id === self));
  const shown = hits.slice(0, MAX_MATCHES);
  // A contact's owner is its customer's: those customers in one more batched read.
  const parents = [...new Set(shown.filter((h) => h.table === 'contacts' && h.record.customerId).map((h) => String(h.record.customerId).trim().toUpperCase()))];
  if (parents.length) ctx.store.lookups.prefetch({ ids: parents.map((id) => ['customers', id] as ['customers', string]) });
  const lookup = (t: Parameters<typeof ctx.store.record>[0], id: string) => ctx.store.record(t, id);
  const restricted = ctx.auth.actor.role === 'sales';
  const matches = shown.map((h): DuplicateMatch => {
    const r: Values = h.record;
    const owner = ownerOf(h.table, r, lookup);
    const full = !restricted || ownsOrTeam(ctx.auth.actor, owner, ctx.settings.users);
    const name = String(r[tableDef(h.table).titleField] ?? '');
    const base: DuplicateMatch = { table: h.table, id: h.id, name, owner, reasons: h.reasons, full };
    if (!full) return base;
    return {
      ...base, phone: (r.phone as string | null) ?? null, email: (r.email as string | null) ?? null,
      ...(h.table === 'contacts' ? { customerId: (r.customerId as string | null) ?? null } : {}),
      ...(h.table === 'leads' ? { status: (r.status as string | null) ?? null } : {}),
    };
  });
  return { matches, total: hits.length };
}, 'read');
