import { DUPLICATE_FIELDS, DUPLICATE_TABLES, tableDef, type DuplicateBy, type DuplicateTable } from '../../schema';
import * as z from 'zod/mini';
import { argumentError, CrmError, ownerOf, ownsOrTeam, type Values } from '../../core';
import { collectHits, duplicateProbes } from '../../core/workflows';
import { signature, tableArg, userLang } from '../args';
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

/** What is typed so far: absent, null or '' is no value; a longer text is checked by its start. */
const typed = z.pipe(
  z.nullish(z.string()),
  z.transform((v) => (v ? v.slice(0, MAX_VALUE) : null)),
);

/**
 * findDuplicates(table, { name?, phone?, email?, id? }): the customers, contacts and leads that
 * what is being typed into `table`'s form matches (folded name of the same kind, phone digits,
 * email), excluding the record being edited (`id`) and, for a contact, the customer it belongs to
 * (`customerId`: a contact sharing its company's phone or mail domain is no duplicate). Read by key: the duplicate check's index
 * columns and the rows they point at, two batched reads (three when a contact's customer decides
 * its owner), whatever the size of the tabs. A sales rep sees only the name and owner of a record
 * that is neither theirs nor their team's.
 */
const findDuplicatesArgs = signature(
  ['table', 'query'],
  tableArg,
  z.strictObject({ name: typed, phone: typed, email: typed, id: typed, customerId: typed }),
);

export const findDuplicates = throwing(
  findDuplicatesArgs,
  (key, q): DuplicateReport => {
    if (!(DUPLICATE_TABLES as readonly string[]).includes(key)) {
      const lang = userLang();
      throw new CrmError([argumentError('table', 'arg_one_of', lang, { options: DUPLICATE_TABLES.join(', ') })]);
    }
    const self = q.id?.trim().toUpperCase() || null;
    const parent = key === 'contacts' ? q.customerId?.trim().toUpperCase() || null : null;
    const probes = duplicateProbes(key as DuplicateTable, { name: q.name, phone: q.phone, email: q.email });
    if (!probes.length) return { matches: [], total: 0 };
    const wants = probes.map((p) => [p.table, DUPLICATE_FIELDS[p.table][p.by], p.value] as [DuplicateTable, string, unknown]);
    const ctx = openContext({ tables: [...new Set(probes.map((p) => p.table))], keyed: wants });
    const rows = ctx.store.lookups.withKeys(wants);
    const hits = collectHits(probes.map((probe, i) => ({ probe, field: DUPLICATE_FIELDS[probe.table][probe.by], rows: rows[i] }))).filter(
      (h) => !(h.table === key && h.id === self) && !(h.table === 'customers' && h.id === parent),
    );
    const shown = hits.slice(0, MAX_MATCHES);
    // A contact's owner is its customer's: those customers in one more batched read.
    const parents = [
      ...new Set(
        shown.filter((h) => h.table === 'contacts' && h.record.customerId).map((h) => String(h.record.customerId).trim().toUpperCase()),
      ),
    ];
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
        ...base,
        phone: (r.phone as string | null) ?? null,
        email: (r.email as string | null) ?? null,
        ...(h.table === 'contacts' ? { customerId: (r.customerId as string | null) ?? null } : {}),
        ...(h.table === 'leads' ? { status: (r.status as string | null) ?? null } : {}),
      };
    });
    return { matches, total: hits.length };
  },
  'read',
);
