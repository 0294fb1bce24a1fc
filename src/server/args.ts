import * as z from 'zod/mini';
import { ARG_TYPES, isDataTableKey, isMessageKey, langOfLocale, type DataTableKey, type Lang, type MessageKey } from '../schema';
import { argumentError, CrmError, type ArgParams, type FieldError } from '../core';

/**
 * Entry points' arguments. Each entry point declares its parameters as a zod tuple with their
 * names (`signature`); the wrapper (src/server/entry.ts) parses the call's arguments with it before
 * the body runs, so the body gets typed values, the exported function's parameter types are the
 * tuple's input types (which the sidebar's client and the test harness use), and every bad argument
 * is a `bad_argument` error naming its path (`options.limit`), in both languages.
 */
export function userLang(): Lang {
  return langOfLocale(Session.getActiveUserLocale());
}

type Items = readonly [] | readonly [z.ZodMiniType, ...z.ZodMiniType[]];
/**
 * An entry point's parameters: their names and schemas, and (for the types only: a trailing
 * optional parameter may be left out) the zod tuple they make. Each is parsed on its own, so the
 * bundle needs no tuple schema.
 */
export interface Signature<S extends z.ZodMiniTuple = z.ZodMiniTuple> {
  readonly names: readonly string[];
  readonly items: readonly z.ZodMiniType[];
  readonly tuple?: S;
}
/** What callers pass (the exported function's parameters) and what the body receives. */
export type ArgsIn<S extends z.ZodMiniTuple> = z.input<S> extends unknown[] ? z.input<S> : never;
export type ArgsOut<S extends z.ZodMiniTuple> = z.output<S> extends unknown[] ? z.output<S> : never;
/** The same, of a signature. */
export type ParamsIn<G> = G extends Signature<infer S> ? ArgsIn<S> : never;
export type ParamsOut<G> = G extends Signature<infer S> ? ArgsOut<S> : never;

/** Names an entry point's parameters, one per schema: `signature(['table', 'id'], tableArg, idArg)`. */
export function signature<const T extends Items>(names: { [K in keyof T]: string }, ...items: T): Signature<z.ZodMiniTuple<T, null>> {
  return { names: names as readonly string[], items };
}

/** Entry points without parameters (a trigger's event argument, if any, is ignored). */
export const NO_ARGS = signature([]);

/** A check's detail: the zod issue message, when it is one of ours (an `arg_` message key). */
const detailKey = (m: string | undefined, fallback: MessageKey): MessageKey => (m && isMessageKey(m) ? m : fallback);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const shown = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 60) : typeof v);

/** One zod issue as a bad_argument error (several for unknown keys: one per key). */
function issueErrors(issue: z.core.$ZodIssue, names: readonly string[], args: readonly unknown[], lang: Lang): FieldError[] {
  const [at, ...rest] = issue.path;
  const path = [typeof at === 'number' ? (names[at] ?? `#${at}`) : 'arguments', ...rest.map(String)].join('.');
  const value = valueAt(args, issue.path);
  const err = (detail: MessageKey, params: ArgParams = {}, where = path) =>
    argumentError(where, detail, lang, { value: shown(value), table: shown(value), ...params });
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return [err('arg_required')];
      return [err('arg_type', { type: ARG_TYPES[issue.expected as keyof typeof ARG_TYPES] ?? ARG_TYPES.object })];
    case 'too_big':
      if (issue.origin === 'string') return [err('arg_too_long', { max: Number(issue.maximum) })];
      return [err(issue.origin === 'array' ? 'arg_too_many' : 'arg_max', { max: Number(issue.maximum) })];
    case 'too_small':
      if (issue.origin === 'string') return [err('arg_empty')];
      return [err(issue.origin === 'array' ? 'arg_too_few' : 'arg_min', { min: Number(issue.minimum) })];
    case 'invalid_value':
      return [err('arg_one_of', { options: issue.values.map(String).join(', ') })];
    case 'unrecognized_keys':
      return issue.keys.map((k) => err('arg_unknown_option', {}, `${path}.${k}`));
    case 'invalid_format':
      return [err(value === undefined ? 'arg_required' : detailKey(issue.message, 'arg_invalid'))];
    case 'custom':
      // A check's own message key, with the params it gives (`{ message: 'arg_file_size', params: { mb: 40 } }`).
      return [err(value === undefined ? 'arg_required' : detailKey(issue.message, 'arg_invalid'), (issue.params ?? {}) as ArgParams)];
    default:
      return [err('arg_invalid')];
  }
}

/**
 * The call's arguments parsed by the entry point's signature, or a CrmError with a bad_argument
 * error per problem (`lang` is asked only then). Arguments past the declared ones (a trigger's event) are ignored.
 */
export function parseArgs<S extends z.ZodMiniTuple>(sig: Signature<S>, args: readonly unknown[], lang: () => Lang): ArgsOut<S> {
  // Missing trailing arguments are undefined (an optional one may be left out), extra ones dropped.
  const given = sig.names.map((_, i) => args[i]);
  const out: unknown[] = [];
  const issues: z.core.$ZodIssue[] = [];
  sig.items.forEach((schema, i) => {
    const r = schema.safeParse(given[i]);
    if (r.success) out.push(r.data);
    else issues.push(...r.error.issues.map((issue) => ({ ...issue, path: [i, ...issue.path] })));
  });
  if (!issues.length) return out as ArgsOut<S>;
  throw new CrmError(issues.slice(0, 5).flatMap((i) => issueErrors(i, sig.names, given, lang())));
}

// The argument kinds entry points share.

/** A non-empty string, trimmed, at most `max` characters (after trimming, as before). */
export const text = (max = 200) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A record ID: trimmed and upper-cased. */
export const idArg = z.string().check(z.trim(), z.minLength(1), z.maxLength(40), z.toUpperCase());
/** A string that may be absent, null or '' (the body reads all three as no value); trimmed. */
export const maybeText = (max = 200) => z.nullish(z.string().check(z.trim(), z.maxLength(max)));
/** A data table's key (an unknown one is worded as before: "Unknown table: x"). */
export const tableArg = z.custom<DataTableKey>((v) => isDataTableKey(v), { message: 'unknown_table' });
/** A plain object (not an array, a Date or a class instance); kept as given. */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Object]';
export const plainObject = z.custom<Record<string, unknown>>(isPlainObject, { message: 'arg_object' });
/** Options: an object of the given keys only, or absent / null (read as {}). */
export function optionsArg<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.pipe(
    z.nullish(z.strictObject(shape)),
    z.transform((o) => o ?? ({} as NonNullable<typeof o>)),
  );
}
/** getReminders' and getPipeline's ({ owner?, limit? }): limit from 1 (each caps it). */
export const ownerLimitArgs = signature(
  ['options'],
  z.optional(
    optionsArg({
      owner: z.nullish(z.string()),
      limit: z.optional(z.number().check(z.gte(1))),
    }),
  ),
);

/** A map of string values (a search's `where`). */
export const whereArg = z.custom<Record<string, string>>((v) => isPlainObject(v) && Object.values(v).every((x) => typeof x === 'string'), {
  message: 'arg_strings',
});
/** A whole number. */
export const intArg = z.number().check(z.refine(Number.isInteger, { message: 'arg_integer' }));
