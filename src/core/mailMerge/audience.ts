import { foldKey, tableDef, type EnumOption, type Lang, type OptionListKey } from '../../schema';
import { CrmError } from '../errors';
import type { Values } from '../validate';
import { wordedError, type MailKind } from './template';

/**
 * Who a mail merge addresses: customers, contacts or leads, filtered by tag, industry, region,
 * stage and owner. A contact is filtered by its customer's fields (contacts carry none of these);
 * a lead has no tags and no region, so those filters are refused for leads. Pure.
 */
export interface MailFilters {
  tag?: string | null;
  industry?: string | null;
  region?: string | null;
  stage?: string | null;
  owner?: string | null;
}
type FilterName = keyof MailFilters;
const FILTER_NAMES: readonly FilterName[] = ['tag', 'industry', 'region', 'stage', 'owner'];

/** Each filter's field on the table it is read from (customers for customers and contacts). */
const FILTER_FIELDS: Readonly<Record<'customers' | 'leads', Partial<Record<FilterName, string>>>> = {
  customers: { tag: 'tags', industry: 'industry', region: 'region', stage: 'lifecycle', owner: 'owner' },
  leads: { industry: 'industry', stage: 'status', owner: 'owner' },
};

/** The table a kind's filters read (a contact's: its customer). */
export const filterTable = (kind: MailKind): 'customers' | 'leads' => (kind === 'leads' ? 'leads' : 'customers');

const given = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim() !== '';

/** The filters set, checked against the kind: one that does not apply is a clear zh/en error. */
export function checkFilters(kind: MailKind, filters: MailFilters, lang: Lang): [FilterName, string][] {
  const fields = FILTER_FIELDS[filterTable(kind)];
  const set = FILTER_NAMES.filter((n) => given(filters[n])).map((n) => [n, (filters[n] as string).trim()] as [FilterName, string]);
  const bad = set.filter(([n]) => !fields[n]);
  if (bad.length) {
    const allowed = Object.keys(fields).map((k) => FILTER_LABELS[k as FilterName]);
    const list = { zh: allowed.map((l) => l.zh).join('、'), en: allowed.map((l) => l.en).join(', ') };
    throw new CrmError(
      bad.map(([n]) =>
        wordedError(`filters.${n}`, 'mail_filter_kind', lang, { filter: FILTER_LABELS[n], kind: tableDef(kind).record, allowed: list }),
      ),
    );
  }
  return set;
}

const FILTER_LABELS: Readonly<Record<FilterName, { zh: string; en: string }>> = {
  tag: { zh: '标签', en: 'tag' },
  industry: { zh: '行业', en: 'industry' },
  region: { zh: '区域', en: 'region' },
  stage: { zh: '阶段', en: 'stage' },
  owner: { zh: '负责人', en: 'owner' },
};

/** The fields the filters read on their table. */
export function filterFields(kind: MailKind, set: readonly [FilterName, string][]): string[] {
  const fields = FILTER_FIELDS[filterTable(kind)];
  return set.map(([n]) => fields[n] as string);
}

/**
 * Whether a record (the filter table's: a customer, or a lead) passes every filter. Options may be
 * named in either language (标签 重点维护客户 / Key account): `lists` are the settings' option lists.
 */
export function passes(
  kind: MailKind,
  record: Values,
  set: readonly [FilterName, string][],
  lists: Partial<Record<OptionListKey, readonly EnumOption[]>> = {},
): boolean {
  const fields = FILTER_FIELDS[filterTable(kind)];
  return set.every(([n, want]) => {
    const field = fields[n] as string;
    const col = tableDef(filterTable(kind)).columns.find((c) => c.key === field);
    const options = col?.options ?? (col?.optionList ? lists[col.optionList] : undefined) ?? [];
    const w = foldKey(want);
    const is = (x: unknown) => {
      const v = String(x ?? '');
      const en = options.find((o) => o.value === v)?.en;
      return foldKey(v) === w || (!!en && foldKey(en) === w);
    };
    const v = record[field];
    if (n === 'tag') return Array.isArray(v) && v.some(is);
    if (n === 'region') return typeof v === 'string' && foldKey(v).includes(w);
    return typeof v === 'string' && is(v);
  });
}

/** A filters summary for the mailings tab ("标签=VIP; 区域=华东"). */
export function filtersText(set: readonly [FilterName, string][], lang: Lang): string {
  return set.map(([n, v]) => `${FILTER_LABELS[n][lang]}=${v}`).join('; ');
}

/** Why a recipient is not mailed. */
type SkipReason = 'no_email' | 'unsubscribed' | 'duplicate';

export interface Candidate {
  kind: MailKind;
  id: string;
  name: string;
  email: string;
  /** The record's own unsubscribe flag (contacts and leads). */
  unsubscribed: boolean;
}

export interface Planned extends Candidate {
  skip: SkipReason | null;
}

/** Folded address: what "the same address" means. */
export const foldEmail = (e: string) => e.trim().toLowerCase();

/**
 * Marks who is skipped, in list order: no address; an address unsubscribed anywhere (on any
 * contact or lead, `suppressed`) or on the record itself; an address already addressed earlier in
 * the list (`earlier`: addresses of this run already planned, e.g. by an earlier run's rows).
 */
export function planRecipients(
  list: readonly Candidate[],
  suppressed: ReadonlySet<string>,
  earlier: ReadonlySet<string> = new Set(),
): Planned[] {
  const seen = new Set(earlier);
  return list.map((c) => {
    const e = foldEmail(c.email);
    let skip: SkipReason | null = null;
    if (!e) skip = 'no_email';
    else if (c.unsubscribed || suppressed.has(e)) skip = 'unsubscribed';
    else if (seen.has(e)) skip = 'duplicate';
    if (e && !skip) seen.add(e);
    return { ...c, skip };
  });
}
