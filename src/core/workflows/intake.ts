import {
  DEFAULT_OPTION_LISTS,
  duplicateKeyOf,
  leads,
  nameTables,
  type DuplicateBy,
  type DuplicateTable,
  type EnumOption,
  type Lang,
} from '../../schema';
import { format, type MessageKey } from '../../schema';
import { fieldError, type FieldError } from '../errors';
import type { Values } from '../validate';
import { foldKey } from '../../schema';

/**
 * Leads from Google Forms, the pure part: which lead fields a form fills, checking a mapping
 * (question title → lead field), turning a response's answers into lead input, and which existing
 * records a submission duplicates.
 */

/** The lead fields a form may fill (owner, status and source are the CRM's: the installer, new, the form). */
export const FORM_FIELDS = ['company', 'contactName', 'phone', 'email', 'industry', 'notes'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** Most characters of one answer kept on the intake tab (the full answer stays in the form). */
export const MAX_KEPT_ANSWER = 2000;

/** Control characters no typed answer holds (tab, line feed and carriage return are allowed). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u2028\u2029\uFEFF]/;

export type FormMapping = Record<string, FormField>;

export function isFormField(f: unknown): f is FormField {
  return typeof f === 'string' && (FORM_FIELDS as readonly string[]).includes(f);
}

/** An error whose parameters name things in each language (a field's zh and en label). */
function bilingual(field: string, code: MessageKey, lang: Lang, params: (l: Lang) => Record<string, string | number>): FieldError {
  const messages = { zh: format(code, 'zh', params('zh')), en: format(code, 'en', params('en')) };
  return { field, code, message: messages[lang], messages };
}

const label = (f: string, lang: Lang) => leads.fields[f as keyof typeof leads.fields]?.meta.label[lang] ?? f;

/** The required lead fields a form must fill (the owner is the CRM's). */
export const REQUIRED_FORM_FIELDS: readonly FormField[] = FORM_FIELDS.filter((f) => leads.fields[f].meta.required);

/**
 * A mapping as given (question title → field key or label, zh or en), checked against the form's
 * question titles: every field known and fillable, every question on the form, no field twice,
 * every required field present. Returns the mapping by field key, or every problem found.
 */
export function checkMapping(
  raw: Record<string, unknown>,
  itemTitles: readonly string[],
  lang: Lang,
): { ok: true; mapping: FormMapping } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const mapping: FormMapping = {};
  const seen = new Map<FormField, string>();
  const fields = (l: Lang) => FORM_FIELDS.map((f) => `${f} (${label(f, l)})`).join(', ');
  for (const [item, value] of Object.entries(raw)) {
    const field = fieldOf(value);
    if (!field) {
      errors.push(bilingual(item, 'form_unknown_field', lang, (l) => ({ field: String(value).slice(0, 60), fields: fields(l) })));
      continue;
    }
    if (!itemTitles.includes(item)) errors.push(fieldError(item, 'form_unknown_item', lang, { item: item.slice(0, 200) }));
    if (seen.has(field)) errors.push(bilingual(item, 'form_field_twice', lang, (l) => ({ field: label(field, l) })));
    seen.set(field, item);
    mapping[item] = field;
  }
  for (const f of REQUIRED_FORM_FIELDS)
    if (!seen.has(f)) errors.push(bilingual(f, 'form_unmapped_required', lang, (l) => ({ field: label(f, l) })));
  return errors.length ? { ok: false, errors } : { ok: true, mapping };
}

/** A field by key or by its label in either language. */
function fieldOf(v: unknown): FormField | null {
  if (typeof v !== 'string') return null;
  const k = foldKey(v);
  return (
    FORM_FIELDS.find(
      (f) => foldKey(f) === k || foldKey(leads.fields[f].meta.label.zh) === k || foldKey(leads.fields[f].meta.label.en) === k,
    ) ?? null
  );
}

export interface Answer {
  title: string;
  response: unknown;
}

export interface MappedAnswers {
  /** Lead input from the answers (trimmed text; blank answers left out). */
  values: Partial<Record<FormField, string>>;
  /** What the intake tab keeps of each field (cut to MAX_KEPT_ANSWER). */
  kept: Partial<Record<FormField, string>>;
  /** Problems with the answers' shape before any validation of the values. */
  errors: FieldError[];
  /** The answers as the form sent them, by question title (for the intake tab; long ones cut). */
  raw: Record<string, unknown>;
}

const cut = (s: string) => (s.length > MAX_KEPT_ANSWER ? `${s.slice(0, MAX_KEPT_ANSWER)}…` : s);

/**
 * A response's answers, by the mapping, as lead input. An answer must be one text (a checkbox or
 * grid answer mapped to a field is refused), hold no control characters, and fit its field;
 * questions outside the mapping are kept in the raw answers only.
 */
export function mapAnswers(answers: readonly Answer[], mapping: FormMapping, lang: Lang): MappedAnswers {
  const out: MappedAnswers = { values: {}, kept: {}, errors: [], raw: {} };
  for (const a of answers) {
    const r = a.response;
    out.raw[a.title] =
      typeof r === 'string'
        ? cut(r)
        : Array.isArray(r)
          ? JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'string' ? cut(v) : v)))
          : String(r).slice(0, MAX_KEPT_ANSWER);
    const field = mapping[a.title];
    if (!field) continue;
    if (typeof r !== 'string') {
      out.errors.push(fieldError(field, 'answer_shape', lang, { item: a.title }));
      out.kept[field] = cut(Array.isArray(r) ? r.flat().map(String).join(', ') : String(r));
      continue;
    }
    const text = r.trim();
    out.kept[field] = cut(text);
    const max = leads.fields[field].meta.maxLength ?? 500;
    if (CONTROL.test(text)) out.errors.push(fieldError(field, 'answer_control', lang, { item: a.title }));
    else if (text.length > max) out.errors.push(fieldError(field, 'answer_too_long', lang, { item: a.title, length: text.length, max }));
    if (text) out.values[field] = text;
  }
  return out;
}

/** Input for an intake row's corrected answer columns (what retryIntake validates), checked like answers. */
export function keptToValues(
  kept: Partial<Record<FormField, unknown>>,
  lang: Lang,
): { values: Partial<Record<FormField, string>>; errors: FieldError[] } {
  const values: Partial<Record<FormField, string>> = {};
  const errors: FieldError[] = [];
  for (const f of FORM_FIELDS) {
    const v = kept[f];
    if (v === null || v === undefined || v === '') continue;
    const text = String(v).trim();
    if (CONTROL.test(text)) errors.push(bilingual(f, 'answer_control', lang, (l) => ({ item: label(f, l) })));
    if (text) values[f] = text;
  }
  return { values, errors };
}

/** The source a form's leads carry: the workbook's option matching the default flagged 'form', if the list has it. */
export function formSource(list: readonly EnumOption[]): string | null {
  const wanted = DEFAULT_OPTION_LISTS.source.find((o) => o.flags?.includes('form'));
  if (!wanted) return null;
  const keys = new Set([foldKey(wanted.value), foldKey(wanted.en)]);
  return list.find((o) => keys.has(foldKey(o.value)) || keys.has(foldKey(o.en)))?.value ?? null;
}

/** What a submission or a typed record is compared by: (table, field, key value) lookups. */
export interface DuplicateProbe {
  table: DuplicateTable;
  by: DuplicateBy;
  value: string;
}

/**
 * The lookups a duplicate check makes for values typed into `table`'s form: the name against the
 * tables holding the same kind of name, phone and email against all three.
 */
export function duplicateProbes(
  table: DuplicateTable,
  q: { name?: string | null; phone?: string | null; email?: string | null },
): DuplicateProbe[] {
  const out: DuplicateProbe[] = [];
  const add = (by: DuplicateBy, v: string | null | undefined, tables: readonly DuplicateTable[]) => {
    if (typeof v !== 'string' || duplicateKeyOf(by, v) === null) return;
    for (const t of tables) out.push({ table: t, by, value: v });
  };
  add('name', q.name, nameTables(table));
  add('phone', q.phone, ['customers', 'contacts', 'leads']);
  add('email', q.email, ['customers', 'contacts', 'leads']);
  return out;
}

/** A record a check found, with why it matched. */
export interface DuplicateHit {
  table: DuplicateTable;
  id: string;
  reasons: DuplicateBy[];
  record: Values;
}

/**
 * Which submission or typed record a found row matches, by the same keys the index uses, live rows
 * only; several probes finding one record merge their reasons. Order: customers, contacts, leads,
 * then by ID.
 */
export function collectHits(found: readonly { probe: DuplicateProbe; field: string; rows: readonly Values[] }[]): DuplicateHit[] {
  const hits = new Map<string, DuplicateHit>();
  for (const { probe, field, rows } of found) {
    const key = duplicateKeyOf(probe.by, probe.value);
    for (const r of rows) {
      if (r.deleted || duplicateKeyOf(probe.by, r[field]) !== key) continue;
      const id = String(r.id);
      const k = `${probe.table}:${id}`;
      const hit = hits.get(k) ?? { table: probe.table, id, reasons: [], record: r };
      if (!hit.reasons.includes(probe.by)) hit.reasons.push(probe.by);
      hits.set(k, hit);
    }
  }
  const order: DuplicateTable[] = ['customers', 'contacts', 'leads'];
  return [...hits.values()].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table) || a.id.localeCompare(b.id));
}
