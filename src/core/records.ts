import { VERSION, type Column, type Lang, type TableDef } from '../schema';
import { fieldError, type FieldError } from './errors';
import { validateInput, type ValidationContext, type Validated, type Values } from './validate';

/** Fields people may write: everything but the store's stamps and derived values. */
export function isWritable(col: Column): boolean {
  return !col.system && !col.derived;
}

/** Canonical comparison: arrays (tags) and nulls compare by value. */
export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' || (Array.isArray(v) && v.length === 0) ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** Canonical form of one field's input, or the input itself when it does not parse. */
function canonical(table: TableDef, key: string, value: unknown): unknown {
  const field = table.fields[key];
  if (!field) return value;
  const r = field.schema.safeParse(value);
  return r.success ? r.data : value;
}

/**
 * Read-only fields (stamps, derived values) may come back unchanged from a getRecord round trip;
 * any attempt to change them is refused rather than silently dropped.
 */
function checkReadOnly(table: TableDef, input: Values, current: Values | null, lang: Lang): FieldError[] {
  const errors: FieldError[] = [];
  for (const col of table.columns) {
    if (isWritable(col) || !(col.key in input) || col.key === 'id') continue;
    const was = current ? current[col.key] : null;
    if (!sameValue(canonical(table, col.key, input[col.key]), was)) errors.push(fieldError(col.key, 'read_only', lang));
  }
  return errors;
}

function withoutReadOnly(table: TableDef, values: Values): Values {
  const out: Values = {};
  for (const col of table.columns) if (isWritable(col) && col.key in values) out[col.key] = values[col.key];
  for (const key of Object.keys(values)) if (key !== VERSION && !table.columns.some((c) => c.key === key)) out[key] = values[key];
  return out;
}

/** Validates a new record's input. The result holds every writable field (null when empty). */
export function prepareCreate(table: TableDef, input: Values, ctx: ValidationContext): Validated<Values> {
  const readOnly = checkReadOnly(table, input, null, ctx.lang);
  const result = validateInput(table, withoutReadOnly(table, input), ctx);
  if (!result.ok || readOnly.length) return { ok: false, errors: [...readOnly, ...(result.ok ? [] : result.errors)] };
  return result;
}

/**
 * Merges a (possibly partial) update into the current record and validates the whole result, so a
 * required field cannot be blanked by leaving it out. Returns the next values and what changed.
 */
export function prepareUpdate(
  table: TableDef,
  current: Values,
  input: Values,
  ctx: ValidationContext,
): Validated<{ next: Values; changed: string[] }> {
  const readOnly = checkReadOnly(table, input, current, ctx.lang);
  // Derived values ride along unchanged: the rules recompute them, the input may not.
  const merged: Values = {};
  for (const col of table.columns) if (!col.system) merged[col.key] = current[col.key] ?? null;
  Object.assign(merged, withoutReadOnly(table, input));
  const result = validateInput(table, merged, ctx);
  if (!result.ok || readOnly.length) return { ok: false, errors: [...readOnly, ...(result.ok ? [] : result.errors)] };
  const changed = Object.keys(result.value).filter((k) => !sameValue(result.value[k], current[k]));
  return { ok: true, value: { next: result.value, changed } };
}
