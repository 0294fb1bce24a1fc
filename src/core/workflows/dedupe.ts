import { foldKey, phoneDigits } from '../../schema';
import type { Values } from '../validate';
import { isBlank, str } from './values';

export type DuplicateReason = 'name' | 'phone' | 'email';

/** The keys two rows are the same by: folded name, phone digits (without +86), lower-case email. */
export function duplicateKeys(row: Values, nameField = 'name'): { reason: DuplicateReason; key: string }[] {
  const out: { reason: DuplicateReason; key: string }[] = [];
  const name = str(row[nameField]);
  if (name.trim()) out.push({ reason: 'name', key: `n:${foldKey(name)}` });
  const phone = str(row.phone) ? phoneDigits(str(row.phone)).replace(/^\+?86(?=\d{11}$)/, '') : '';
  if (phone.length >= 7) out.push({ reason: 'phone', key: `p:${phone}` });
  const email = str(row.email).trim().toLowerCase();
  if (email) out.push({ reason: 'email', key: `e:${email}` });
  return out;
}

/** Live rows indexed by duplicate key (key → row IDs), for matching imports and finding pairs. */
export function duplicateIndex(rows: readonly Values[], nameField = 'name'): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const r of rows) {
    if (r.deleted) continue;
    for (const { key } of duplicateKeys(r, nameField)) index.set(key, [...(index.get(key) ?? []), str(r.id)]);
  }
  return index;
}

/** The existing rows a new row duplicates, with why (first match per row). */
export function findMatches(
  row: Values,
  index: ReadonlyMap<string, readonly string[]>,
  nameField = 'name',
): { id: string; reason: DuplicateReason }[] {
  const out: { id: string; reason: DuplicateReason }[] = [];
  for (const { reason, key } of duplicateKeys(row, nameField)) {
    for (const id of index.get(key) ?? []) if (!out.some((m) => m.id === id)) out.push({ id, reason });
  }
  return out;
}

export interface DuplicateGroup {
  ids: string[];
  reasons: DuplicateReason[];
}

/** The customer fields findDuplicateGroups reads. */
export const DUPLICATE_COLUMNS: readonly string[] = ['id', 'deleted', 'name', 'phone', 'email'];

/** Groups of live customers that look like one company (same name, phone or email), oldest first. */
export function findDuplicateGroups(customers: readonly Values[]): DuplicateGroup[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const reasons = new Map<string, Set<DuplicateReason>>();
  const firstByKey = new Map<string, string>();
  const rows = customers.filter((c) => !c.deleted);
  for (const c of rows) parent.set(str(c.id), str(c.id));
  for (const c of rows) {
    for (const { reason, key } of duplicateKeys(c)) {
      const other = firstByKey.get(key);
      if (!other) {
        firstByKey.set(key, str(c.id));
        continue;
      }
      const a = find(other);
      const b = find(str(c.id));
      const root = a < b ? a : b;
      parent.set(a, root);
      parent.set(b, root);
      const set = reasons.get(root) ?? new Set<DuplicateReason>();
      for (const r of [...(reasons.get(a) ?? []), ...(reasons.get(b) ?? []), reason]) set.add(r);
      reasons.set(root, set);
    }
  }
  const groups = new Map<string, string[]>();
  for (const c of rows) {
    const root = find(str(c.id));
    groups.set(root, [...(groups.get(root) ?? []), str(c.id)]);
  }
  return [...groups.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([root, ids]) => ({ ids: ids.sort(), reasons: [...(reasons.get(root) ?? [])].sort() }))
    .sort((a, b) => a.ids[0].localeCompare(b.ids[0]));
}

/**
 * What the kept customer takes over from the merged one: fields it has empty, and the union of
 * tags. Its own values always win; derived fields are recomputed, not copied.
 */
export function mergedCustomerChanges(keep: Values, merge: Values, writable: readonly string[]): Values {
  const changes: Values = {};
  for (const k of writable) {
    if (k === 'tags') {
      const union = [...new Set([...((keep.tags as string[] | null) ?? []), ...((merge.tags as string[] | null) ?? [])])];
      if (union.length !== ((keep.tags as string[] | null) ?? []).length) changes.tags = union;
    } else if (isBlank(keep[k]) && !isBlank(merge[k])) changes[k] = merge[k];
  }
  return changes;
}
