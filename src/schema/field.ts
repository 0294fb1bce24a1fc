import * as z from 'zod/mini';
import type { Label, Lang } from './i18n';
import { emptyToNull, toBoolean, toDate, toDateTime, toList, toMonth, toNumber, toText } from './coerce';
import type { MessageKey } from './messages';

/**
 * A field is one zod schema plus the metadata every other layer needs (labels, options, FK target,
 * flags). Builders below are the only place a field's rules are written.
 */
export type FieldKind =
  | 'id'
  | 'text'
  | 'longText'
  | 'email'
  | 'phone'
  | 'url'
  | 'user'
  | 'date'
  | 'datetime'
  | 'month'
  | 'money'
  | 'number'
  | 'integer'
  | 'percent'
  | 'score'
  | 'enum'
  | 'tags'
  | 'bool'
  | 'ref';

/**
 * What an option means to the code, apart from its words: code asks for "the won stages" or "a
 * closed ticket status" by flag, so renaming or adding an option is an edit of its set only.
 */
export type OptionFlag =
  | 'initial' // the value a new record starts with
  | 'open'
  | 'closed' // still to be worked / done with (tickets)
  | 'won'
  | 'lost' // a deal's outcome (stages), a customer's (lifecycle)
  | 'engaged'
  | 'churned' // lifecycle: a customer with an open deal / one gone quiet
  | 'converted'
  | 'disqualified' // leads
  | 'accepted' // quotes: the customer agreed (an order may be made from it)
  | 'active'
  | 'expired' // contracts
  | 'due'
  | 'paid'
  | 'overdue' // payments
  | 'highPotential'
  | 'atRisk' // customer tags the attention report follows
  | 'complaint' // tickets: a complaint (the support summary counts them)
  | 'quoteLine'
  | 'orderLine' // line items: the document a line belongs to
  | 'customerMember'
  | 'leadMember' // campaign members: a customer or a lead takes part
  | 'form' // lead sources: came in through the lead form (Google Forms)
  | 'portal' // ticket channels: raised by the customer through the self-service portal
  | 'partShipped'
  | 'shipped'
  | 'received' // orders' delivery status, set from the delivery notes
  | 'weeks'
  | 'months'; // delivery plans: the unit of the interval

export interface EnumOption<V extends string = string> {
  /** Canonical stored value (Chinese). */
  value: V;
  en: string;
  flags?: readonly OptionFlag[];
}

/** Editable lists kept on the settings tab; values are checked against them at validation time. */
export type OptionListKey = 'industry' | 'source' | 'tag' | 'campaignType' | 'paymentMethod' | 'feedbackChannel' | 'productCategory';

/**
 * A field's starting value: a fixed value, the spreadsheet's clock ('now', 'today'), or the option
 * of the field's set flagged 'initial' ('initialOption').
 */
export type Initial = 'now' | 'today' | 'initialOption' | { value: string };

export interface FieldMeta {
  kind: FieldKind;
  label: Label;
  aliases: readonly string[];
  required: boolean;
  /** Managed by the store (id, stamps, deleted): never accepted from users. */
  system: boolean;
  /** A datetime kept to the second (the system's updatedAt), where others are to the minute. */
  seconds?: boolean;
  /** Computed from other rows (lifetime amount, grade...): read-only for users. */
  derived: boolean;
  unique: boolean;
  options?: readonly EnumOption[];
  optionList?: OptionListKey;
  ref?: string;
  /**
   * A typed reference (link): the ID may name a record of any of these tables, the table being the
   * one whose ID prefix the ID carries (a to-do's linked record). Checked like `ref` on every save.
   */
  refs?: readonly string[];
  /** A user field that must name someone on the settings tab (a to-do's assignee). */
  member?: boolean;
  maxLength?: number;
  help?: Label;
  /** Filled in by every save that leaves it empty (a status, a date stamp). */
  initial?: Initial;
  /** What the entry form starts with; the person may change it, saves do not fill it. */
  suggested?: Initial;
}

export interface FieldDef<S extends z.ZodMiniType = z.ZodMiniType> {
  meta: FieldMeta;
  schema: S;
}

export interface FieldOptions {
  aliases?: readonly string[];
  required?: boolean;
  derived?: boolean;
  unique?: boolean;
  help?: Label;
  initial?: Initial;
  suggested?: Initial;
  /** user fields: must name someone on the settings tab (see FieldMeta.member). */
  member?: boolean;
}

const msg = (key: MessageKey) => ({ error: key });
/** Type errors on null/undefined mean "missing" (only reachable for required fields). */
const typeError = (key: MessageKey) => ({
  error: (issue: { input?: unknown }) => (issue.input === null || issue.input === undefined ? 'required' : key),
});

function meta(kind: FieldKind, label: Label, o: FieldOptions, extra: Partial<FieldMeta> = {}): FieldMeta {
  return {
    kind,
    label,
    aliases: o.aliases ?? [],
    required: o.required ?? false,
    system: false,
    derived: o.derived ?? false,
    unique: o.unique ?? false,
    ...(o.help ? { help: o.help } : {}),
    ...(o.initial ? { initial: o.initial } : {}),
    ...(o.suggested ? { suggested: o.suggested } : {}),
    ...(o.member ? { member: true } : {}),
    ...extra,
  };
}

/** zod/mini has no preprocess: a transform piped into the schema does the same. */
function preprocess<T extends z.ZodMiniType>(coerce: (v: unknown) => unknown, schema: T) {
  return z.pipe(z.transform(coerce), schema);
}

/** Wraps a non-null schema with its coercion, and makes it nullable unless required. */
function build<T extends z.ZodMiniType>(coerce: (v: unknown) => unknown, base: T, required: boolean): z.ZodMiniType {
  return required ? preprocess(coerce, base) : preprocess(coerce, z.nullable(base));
}

type Req<O> = O extends { required: true } ? true : false;
type Out<T, O> = Req<O> extends true ? T : T | null;
type Field<T, O> = FieldDef<z.ZodMiniType<Out<T, O>, unknown>>;

function stringField<O extends FieldOptions>(
  kind: FieldKind,
  label: Label,
  o: O,
  max: number,
  ...checks: z.core.$ZodCheck<string>[]
): Field<string, O> {
  const base = z.string(typeError('invalid_type')).check(z.minLength(1, msg('required')), z.maxLength(max, msg('too_long')), ...checks);
  const schema = build(toText, base, o.required ?? false);
  return { meta: meta(kind, label, o, { maxLength: max }), schema } as Field<string, O>;
}

export const text = <O extends FieldOptions & { max?: number }>(label: Label, o: O = {} as O) =>
  stringField('text', label, o, o.max ?? 500);

export const longText = <O extends FieldOptions>(label: Label, o: O = {} as O) => stringField('longText', label, o, 10000);

/** A team member: email or display name; defaults to the current user on create. */
export const user = <O extends FieldOptions>(label: Label, o: O = {} as O) => stringField('user', label, o, 200);

const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]{2,}$/;
export const email = <O extends FieldOptions>(label: Label, o: O = {} as O) =>
  stringField('email', label, o, 254, z.regex(EMAIL, msg('email')));

/**
 * Mainland mobile (optionally +86), landline with area code and extension, 400/800 numbers, or an
 * international number with +. Separators (space, -, parentheses) are allowed as typed.
 */
const PHONE_PATTERNS: readonly RegExp[] = [
  /^(\+?86)?1[3-9]\d{9}$/,
  /^(\+?86)?0\d{2,3}\d{7,8}(#\d{1,6}|转\d{1,6}|ext\d{1,6})?$/i,
  /^[48]00\d{7}$/,
  /^\+\d{6,15}$/,
];
export function phoneDigits(phone: string): string {
  return phone.normalize('NFKC').replace(/[\s\-()（）.]/g, '');
}
export const phone = <O extends FieldOptions>(label: Label, o: O = {} as O) =>
  stringField(
    'phone',
    label,
    o,
    40,
    z.refine((v: string) => PHONE_PATTERNS.some((p) => p.test(phoneDigits(v))), msg('phone')),
  );

export const url = <O extends FieldOptions>(label: Label, o: O = {} as O) =>
  stringField('url', label, o, 2000, z.regex(/^https?:\/\/\S+$/i, msg('url')));

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
export function isDateString(s: string): boolean {
  return isCalendarDate(s);
}
export function isDateTimeString(s: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return !!m && isCalendarDate(m[1]);
}

/** 'YYYY-MM' with a month 01-12. */
export function isMonthString(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/**
 * A calendar month, 'YYYY-MM' ('2026/3', '2026年3月' are folded). Sheets turns a typed 2026-03 into
 * the date 2026-03-01, which the store reads as '2026-03-01 00:00': that exact first-of-month is
 * read back as its month; any other date is not a month.
 */
export const month = <O extends FieldOptions>(label: Label, o: O = {} as O): Field<string, O> =>
  ({
    meta: meta('month', label, o, { maxLength: 7 }),
    schema: build(toMonth, z.string(typeError('month')).check(z.refine(isMonthString, msg('month'))), o.required ?? false),
  }) as Field<string, O>;

export const date = <O extends FieldOptions>(label: Label, o: O = {} as O): Field<string, O> =>
  ({
    meta: meta('date', label, o),
    schema: build(toDate, z.string(typeError('date')).check(z.refine(isCalendarDate, msg('date'))), o.required ?? false),
  }) as Field<string, O>;

export const datetime = <O extends FieldOptions>(label: Label, o: O = {} as O): Field<string, O> =>
  ({
    meta: meta('datetime', label, o),
    schema: build(toDateTime, z.string(typeError('datetime')).check(z.refine(isDateTimeString, msg('datetime'))), o.required ?? false),
  }) as Field<string, O>;

/** A finite number within [min, max]; `int` adds a whole-number check. */
const num = (key: MessageKey, min: number, minKey: MessageKey, max: number, maxKey: MessageKey, int?: MessageKey) =>
  z
    .number(typeError(key))
    .check(
      z.refine(Number.isFinite, msg(key)),
      z.gte(min, msg(minKey)),
      z.lte(max, msg(maxKey)),
      ...(int ? [z.refine(Number.isInteger, msg(int))] : []),
    );

/** Yuan, never negative, kept to the cent. */
export const money = <O extends FieldOptions>(label: Label, o: O = {} as O): Field<number, O> =>
  ({
    meta: meta('money', label, o),
    schema: build(
      toNumber,
      z.pipe(
        num('number', 0, 'non_negative', 1e13, 'too_large'),
        z.transform((n: number) => Math.round(n * 100) / 100),
      ),
      o.required ?? false,
    ),
  }) as Field<number, O>;

export const number = <O extends FieldOptions & { min?: number; max?: number }>(label: Label, o: O = {} as O): Field<number, O> =>
  ({
    meta: meta('number', label, o),
    schema: build(toNumber, num('number', o.min ?? 0, 'non_negative', o.max ?? 1e13, 'too_large'), o.required ?? false),
  }) as Field<number, O>;

export const integer = <O extends FieldOptions & { min?: number; max?: number }>(label: Label, o: O = {} as O): Field<number, O> =>
  ({
    meta: meta('integer', label, o),
    schema: build(toNumber, num('number', o.min ?? 0, 'non_negative', o.max ?? 1e9, 'too_large', 'integer'), o.required ?? false),
  }) as Field<number, O>;

/** 0-100 (a percentage such as a win probability). */
export const percent = <O extends FieldOptions>(label: Label, o: O = {} as O): Field<number, O> =>
  ({
    meta: meta('percent', label, o),
    schema: build(toNumber, num('number', 0, 'percent_range', 100, 'percent_range'), o.required ?? false),
  }) as Field<number, O>;

/** A 1-5 satisfaction score. */
export const score = <O extends FieldOptions>(label: Label, o: O = {} as O): Field<number, O> =>
  ({
    meta: meta('score', label, o),
    schema: build(toNumber, num('score_range', 1, 'score_range', 5, 'score_range', 'score_range'), o.required ?? false),
  }) as Field<number, O>;

export const bool = (label: Label, o: FieldOptions = {}): FieldDef<z.ZodMiniType<boolean, unknown>> => ({
  meta: meta('bool', label, o),
  schema: preprocess(toBoolean, z.boolean(msg('boolean'))),
});

/** Folds case, width and spaces so 'Ａｃｍｅ ' and 'acme' compare equal. */
export function foldKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Maps a typed value to its canonical option: the zh value or the en label, case/width-insensitive. */
export function matchOption(options: readonly EnumOption[], value: unknown): unknown {
  const v = toText(value);
  if (typeof v !== 'string') return v;
  const k = foldKey(v);
  const hit = options.find((o) => foldKey(o.value) === k || foldKey(o.en) === k);
  return hit ? hit.value : v;
}

/** The display text of a canonical enum value: its English label in English workbooks. */
export function optionText(options: readonly EnumOption[], value: string, lang: Lang): string {
  if (lang === 'zh') return value;
  return options.find((o) => o.value === value)?.en ?? value;
}

export const oneOf = <const V extends string, O extends FieldOptions>(
  label: Label,
  options: readonly (EnumOption & { value: V })[],
  o: O = {} as O,
): Field<V, O> => {
  const values = options.map((x) => x.value) as [V, ...V[]];
  return {
    meta: meta('enum', label, o, { options }),
    schema: build((v) => matchOption(options, v), z.enum(values, typeError('enum')), o.required ?? false),
  } as Field<V, O>;
};

/** A value from an editable settings list (industry, source...); membership is checked by core. */
export const listed = <O extends FieldOptions>(label: Label, list: OptionListKey, o: O = {} as O): Field<string, O> => {
  const f = stringField('enum', label, o, 200);
  return { ...f, meta: { ...f.meta, optionList: list } };
};

/** Several values from an editable list, stored comma-separated in the sheet. */
export const tags = (label: Label, list: OptionListKey, o: FieldOptions = {}): FieldDef<z.ZodMiniType<string[], unknown>> => ({
  meta: meta('tags', label, o, { optionList: list }),
  schema: preprocess(
    toList,
    z
      .array(z.string(msg('invalid_type')).check(z.maxLength(100, msg('too_long'))), msg('invalid_type'))
      .check(z.maxLength(50, msg('too_long'))),
  ),
});

/** ID shape: prefix letter(s), yyyyMMdd, at least three sequence digits. */
export const ID_PATTERN = /^[A-Z]{1,3}\d{8}\d{3,}$/;
/** A record ID typed into a field: upper-cased, checked against ID_PATTERN. */
const idField = <O extends FieldOptions>(label: Label, o: O): Field<string, O> =>
  stringField(
    'ref',
    label,
    o,
    40,
    z.overwrite((v: string) => v.toUpperCase()),
    z.regex(ID_PATTERN, msg('ref_format')),
  );
export const ref = <O extends FieldOptions>(label: Label, table: string, o: O = {} as O): Field<string, O> => {
  const f = idField(label, o);
  return { ...f, meta: { ...f.meta, ref: table } };
};

/**
 * A typed reference to a record of one of several tables (see FieldMeta.refs): an ID whose prefix
 * names its table. The table check and the existence check run where the tables are known (core's
 * checkRefs, on every save and typed edit).
 */
export const link = <O extends FieldOptions>(label: Label, tables: readonly string[], o: O = {} as O): Field<string, O> => {
  const f = idField(label, o);
  return { ...f, meta: { ...f.meta, refs: tables } };
};

/** Used only by system columns; emptyToNull keeps blank stamps in hand-made rows readable. */
export const systemField = (kind: FieldKind, label: Label, schema: z.ZodMiniType, extra: Partial<FieldMeta> = {}): FieldDef => ({
  meta: { ...meta(kind, label, {}), system: true, ...extra },
  schema: preprocess(emptyToNull, schema),
});
