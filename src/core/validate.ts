import type * as z from 'zod/mini';
import { isMessageKey, matchOption, type Column, type Lang, type MessageKey, type TableDef } from '../schema';
import { argumentError, fieldError, type FieldError } from './errors';
import type { Settings } from './settings';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
export type Values = Record<string, unknown>;

export interface ValidationContext {
  lang: Lang;
  lists: Settings['lists'];
}

function issueMessage(issue: z.core.$ZodIssue, column: Column | undefined): { code: MessageKey; params: Record<string, string> } {
  if (isMessageKey(issue.message)) {
    const params: Record<string, string> = {};
    if (issue.message === 'enum' && column?.options) params.options = column.options.map((o) => o.value).join(' / ');
    return { code: issue.message, params };
  }
  if (issue.code === 'too_big') return { code: 'too_long', params: {} };
  return { code: 'invalid_type', params: {} };
}

/**
 * The one validator of every input path (sidebar, typed edits, import): zod parses the shape and
 * formats, then values of settings-backed lists are checked against the current lists.
 */
export function validateInput(table: TableDef, raw: unknown, ctx: ValidationContext): Validated<Values> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [argumentError('values', 'arg_object', ctx.lang)] };
  }
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  const parsed = table.input.safeParse(raw);
  const errors: FieldError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) errors.push(fieldError(key, 'unknown_field', ctx.lang));
        continue;
      }
      const field = String(issue.path[0] ?? '');
      if (errors.some((e) => e.field === field)) continue;
      const { code, params } = issueMessage(issue, byKey.get(field));
      errors.push(fieldError(field, code, ctx.lang, params));
    }
    return { ok: false, errors };
  }
  const value: Values = { ...parsed.data };
  for (const col of table.columns) {
    if (!col.optionList) continue;
    const checked = checkListed(col, value[col.key], ctx);
    if (checked.ok) value[col.key] = checked.value;
    else errors.push(...checked.errors);
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** A parsed value of a settings-backed list (industry, tags...) must be on the current list. */
function checkListed(col: Column, parsed: unknown, ctx: ValidationContext): Validated<unknown> {
  if (!col.optionList || parsed === null || parsed === undefined) return { ok: true, value: parsed };
  const list = ctx.lists[col.optionList];
  if (col.kind === 'tags') {
    const tags = (parsed as string[]).map((t) => matchOption(list, t) as string);
    const bad = tags.find((t) => !list.some((o) => o.value === t));
    return bad === undefined ? { ok: true, value: tags } : { ok: false, errors: [fieldError(col.key, 'option', ctx.lang, { value: bad })] };
  }
  const v = matchOption(list, parsed) as string;
  return list.some((o) => o.value === v)
    ? { ok: true, value: v }
    : { ok: false, errors: [fieldError(col.key, 'option', ctx.lang, { value: v })] };
}

/**
 * One field on its own, by the same rules as validateInput (a typed cell is judged by itself, not
 * by the rest of its row). Returns the canonical value or the field's error.
 */
export function validateField(table: TableDef, key: string, raw: unknown, ctx: ValidationContext): Validated<unknown> {
  const field = table.fields[key];
  const col = table.columns.find((c) => c.key === key);
  if (!field || !col) return { ok: false, errors: [fieldError(key, 'unknown_field', ctx.lang)] };
  const parsed = field.schema.safeParse(raw);
  if (!parsed.success) {
    const { code, params } = issueMessage(parsed.error.issues[0], col);
    return { ok: false, errors: [fieldError(key, code, ctx.lang, params)] };
  }
  return checkListed(col, parsed.data, ctx);
}
