import type * as z from 'zod/mini';
import { isMessageKey, matchOption, type Column, type Lang, type MessageKey, type TableDef } from '../schema';
import { fieldError, type FieldError } from './errors';
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
    return { ok: false, errors: [fieldError('', 'bad_argument', ctx.lang, { detail: 'values must be an object' })] };
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
    if (!col.optionList || value[col.key] === null || value[col.key] === undefined) continue;
    const list = ctx.lists[col.optionList];
    if (col.kind === 'tags') {
      const tags = (value[col.key] as string[]).map((t) => matchOption(list, t) as string);
      const bad = tags.find((t) => !list.some((o) => o.value === t));
      if (bad !== undefined) errors.push(fieldError(col.key, 'option', ctx.lang, { value: bad }));
      value[col.key] = tags;
    } else {
      const v = matchOption(list, value[col.key]) as string;
      if (!list.some((o) => o.value === v)) errors.push(fieldError(col.key, 'option', ctx.lang, { value: v }));
      value[col.key] = v;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
