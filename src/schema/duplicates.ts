import { foldKey, phoneDigits } from './field';

/**
 * The duplicate check (查重): which fields of customers, contacts and leads say "the same company
 * or person", and the key each compares by. The store keeps a key-index column per field, so a
 * check reads index cells and the few rows they point at, never a whole tab.
 *
 * - name: the company (customers.name, leads.company), folded (case, width, spaces); contacts.name
 *   is a person's name, matched only against contacts;
 * - phone: the digits without separators and without a mainland +86 prefix (at least 7 digits);
 * - email: trimmed and lower-cased (folded).
 */
export type DuplicateTable = 'customers' | 'contacts' | 'leads';
export type DuplicateBy = 'name' | 'phone' | 'email';

export const DUPLICATE_TABLES: readonly DuplicateTable[] = ['customers', 'contacts', 'leads'];

export const DUPLICATE_FIELDS: Readonly<Record<DuplicateTable, Readonly<Record<DuplicateBy, string>>>> = {
  customers: { name: 'name', phone: 'phone', email: 'email' },
  contacts: { name: 'name', phone: 'phone', email: 'email' },
  leads: { name: 'company', phone: 'phone', email: 'email' },
};

/** Which tables a name typed into `table`'s form is compared with (companies with companies, people with people). */
export function nameTables(table: DuplicateTable): readonly DuplicateTable[] {
  return table === 'contacts' ? ['contacts'] : ['customers', 'leads'];
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** Mainland numbers are kept with or without +86/86: the key drops it. */
export function phoneKey(v: unknown): string | null {
  const d = phoneDigits(text(v))
    .replace(/^\+?86(?=1\d{10}$|0\d{9,11}$)/, '')
    .replace(/^\+/, '');
  return /^\d{7,}/.test(d) ? d : null;
}

/** The key a value of `by` is compared by; null: too short or blank to say anything. */
export function duplicateKeyOf(by: DuplicateBy, v: unknown): string | null {
  if (by === 'phone') return phoneKey(v);
  const k = foldKey(text(v));
  if (by === 'email') return k.includes('@') ? k : null;
  return k || null;
}
