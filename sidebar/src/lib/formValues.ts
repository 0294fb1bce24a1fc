/**
 * Form state <-> record values. Forms keep what people type (strings, booleans, tag lists); the
 * canonical values come from the schema's own coercion in validateInput, on both sides of the RPC.
 */
import type { Column, EnumOption, TableDef } from '../../../src/schema';
import { isWritable, sameValue, type Settings, type Values } from '../../../src/core';

export type FormValue = string | boolean | string[];
export type FormState = Record<string, FormValue>;

/** The fields a form shows: everything people may write (no stamps, no derived values). */
export function formColumns(def: TableDef): Column[] {
  return def.columns.filter(isWritable);
}

export function optionsOf(col: Column, lists: Settings['lists']): readonly EnumOption[] {
  return col.options ?? (col.optionList ? (lists[col.optionList] ?? []) : []);
}

export function toFormValue(col: Column, v: unknown): FormValue {
  if (col.kind === 'bool') return v === true;
  if (col.kind === 'tags') return Array.isArray(v) ? v.map(String) : [];
  if (v === null || v === undefined) return '';
  // <input type="datetime-local"> speaks 'YYYY-MM-DDTHH:mm'.
  if (col.kind === 'datetime') return String(v).replace(' ', 'T');
  return String(v);
}

export function initialState(cols: readonly Column[], record: Values | null, preset: Values = {}): FormState {
  const state: FormState = {};
  for (const c of cols) state[c.key] = toFormValue(c, record ? record[c.key] : preset[c.key]);
  return state;
}

function toValue(col: Column, v: FormValue): unknown {
  if (typeof v === 'boolean' || Array.isArray(v)) return v;
  const s = v.trim();
  if (s === '') return null;
  return col.kind === 'datetime' ? s.replace('T', ' ') : s;
}

/** Everything the form holds, for a create. */
export function createInput(cols: readonly Column[], state: FormState): Values {
  const out: Values = {};
  for (const c of cols) {
    const v = toValue(c, state[c.key] ?? '');
    if (v !== null && !(Array.isArray(v) && v.length === 0)) out[c.key] = v;
  }
  return out;
}

/** Only what changed, for an update (the server merges it into the current record). */
export function updateInput(cols: readonly Column[], record: Values, state: FormState): Values {
  const out: Values = {};
  for (const c of cols) {
    const v = toValue(c, state[c.key] ?? '');
    const before = toValue(c, toFormValue(c, record[c.key]));
    if (!sameValue(v, before)) out[c.key] = v;
  }
  return out;
}
