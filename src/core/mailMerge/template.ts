import { foldKey, format, optionText, poolFields, tableDef, type Column, type Label, type Lang, type MessageKey } from '../../schema';
import { CrmError, type FieldError } from '../errors';
import type { Values } from '../validate';

/**
 * Mail-merge templates: `{{客户名称}}` / `{{customer name}}` name a field by its zh or en label or
 * one of its aliases (the schema's own names: one source). A contact's placeholders reach its
 * customer's fields too (its own fields first). Pure: the server hands in the records.
 */
export type MailKind = 'customers' | 'contacts' | 'leads';

/** The kinds' values on the tabs (MAILING_KINDS). */
export const MAIL_KIND_VALUE: Readonly<Record<MailKind, string>> = { customers: '客户', contacts: '联系人', leads: '潜在客户' };

/** Where a placeholder's value comes from: the recipient's own record or (contacts) its customer. */
interface PlaceholderField {
  source: 'self' | 'customer';
  column: Column;
}

/** Columns people may name: what a mail could say (not the stamps, flags and the pool's bookkeeping). */
const HIDDEN = new Set([
  ...[
    'portalKey',
    'selfService',
    'unsubscribed',
    'isPrimary',
    'reportsTo',
    'searchKey',
    'createdBy',
    'updatedBy',
    'createdAt',
    'updatedAt',
    'deleted',
  ],
  ...Object.keys(poolFields()),
]);
function nameable(table: MailKind): Column[] {
  return tableDef(table).columns.filter((c) => !HIDDEN.has(c.key));
}

function namesOf(c: Column): string[] {
  return [c.label.zh, c.label.en, ...c.aliases];
}

/** An error whose parameters are worded in each language (a table's name, a filter's). */
export function wordedError(field: string, code: MessageKey, lang: Lang, params: Record<string, string | Label>): FieldError {
  const pick = (l: Lang) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : v[l]]));
  const messages = { zh: format(code, 'zh', pick('zh')), en: format(code, 'en', pick('en')) };
  return { field, code, message: messages[lang], messages };
}

/** The placeholder names a kind's templates may use, by folded name (own fields win over the customer's). */
function placeholderIndex(kind: MailKind): Map<string, PlaceholderField> {
  const out = new Map<string, PlaceholderField>();
  const add = (source: PlaceholderField['source'], cols: Column[]) => {
    for (const column of cols) for (const n of namesOf(column)) if (!out.has(foldKey(n))) out.set(foldKey(n), { source, column });
  };
  add('self', nameable(kind));
  if (kind === 'contacts') add('customer', nameable('customers'));
  return out;
}

/** The placeholders to offer in the sidebar: one per field, by its labels. */
export function placeholderList(kind: MailKind): { zh: string; en: string; customer: boolean }[] {
  const seen = new Set<string>();
  const out: { zh: string; en: string; customer: boolean }[] = [];
  const index = placeholderIndex(kind);
  for (const f of index.values()) {
    const key = `${f.source}.${f.column.key}`;
    // A customer field whose labels name the contact's own field (电话, 邮箱) is reached by no name: not offered.
    const reached = (name: string) => index.get(foldKey(name))?.column === f.column && index.get(foldKey(name))?.source === f.source;
    if (seen.has(key) || !reached(f.column.label.zh) || !reached(f.column.label.en)) continue;
    seen.add(key);
    out.push({ zh: f.column.label.zh, en: f.column.label.en, customer: f.source === 'customer' });
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names a template uses, as written, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Checks a subject and body against a kind's fields: every placeholder names a field, none is
 * empty, braces are balanced. A CrmError (zh/en) naming each unknown placeholder otherwise.
 */
export function checkTemplate(kind: MailKind, parts: { subject: string; body: string }, lang: Lang): void {
  const index = placeholderIndex(kind);
  const errors = (['subject', 'body'] as const).flatMap((part) => {
    const text = parts[part];
    const unknown = placeholdersIn(text).filter((n) => !index.has(foldKey(n)));
    const problems = unknown.map((name) => wordedError(part, 'mail_placeholder', lang, { name, kind: tableDef(kind).record }));
    // A stray "{{" or "}}" left after the placeholders is a typo that would be mailed as is.
    const rest = text.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) problems.push(CrmError.of('mail_braces', lang, {}, part).errors[0]);
    return problems;
  });
  if (errors.length) throw new CrmError(errors);
}

/** A field's value as text in a mail (options in the mail's language, lists joined). */
function valueText(column: Column, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join(lang === 'zh' ? '、' : ', ');
  if (typeof value === 'boolean') return value ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
  if (column.options && typeof value === 'string') return optionText(column.options, value, lang);
  return String(value);
}

/** A template with each placeholder replaced by the recipient's value (checked first: checkTemplate). */
export function renderTemplate(kind: MailKind, template: string, self: Values, customer: Values | null, lang: Lang): string {
  const index = placeholderIndex(kind);
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const f = index.get(foldKey(name));
    if (!f) return whole;
    const from = f.source === 'customer' ? customer : self;
    return valueText(f.column, from?.[f.column.key], lang);
  });
}

/** The fields of each table a kind's template reads (for column reads). */
export function templateFields(kind: MailKind, parts: readonly string[]): { self: string[]; customer: string[] } {
  const index = placeholderIndex(kind);
  const self = new Set<string>();
  const customer = new Set<string>();
  for (const text of parts) {
    for (const name of placeholdersIn(text)) {
      const f = index.get(foldKey(name));
      if (f) (f.source === 'customer' ? customer : self).add(f.column.key);
    }
  }
  return { self: [...self], customer: [...customer] };
}
