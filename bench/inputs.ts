/**
 * A valid saveRecord input per data table, built from a generated record of that table: its user
 * fields (system and derived ones left out, as the sidebar's form sends them) with the title (or,
 * for tables titled by ID, the first free-text field) changed, so every table is saved as people
 * save it. Children keep the generated record's customer (an existing one).
 */
import { tableDef, type DataTableKey } from '../src/schema';
import { DEFAULT_TODAY } from '../src/runtime/demo';

type Values = Record<string, unknown>;

const TEXT = new Set(['text', 'longText']);

/** The field a bench save changes: the title when it is free text, else the first free-text field; null: none. */
export function changedField(table: DataTableKey): string | null {
  const def = tableDef(table);
  // A target's owner or team says whose it is (one of the two): its note is what a person edits.
  if (table === 'targets') return 'note';
  const editable = Object.entries(def.fields).filter(([, f]) => !f.meta.derived && !f.meta.system && TEXT.has(f.meta.kind));
  const title = editable.find(([k]) => k === def.titleField);
  return (title ?? editable[0])?.[0] ?? null;
}

const mark = (v: unknown, tag: string, max = 200) => `${typeof v === 'string' && v ? v : '基准'}（${tag}）`.slice(-Math.min(max, 200));

/** The create input: the record's user fields, the changed field and unique text fields marked. */
export function createInput(table: DataTableKey, record: Values): Values {
  const def = tableDef(table);
  const out: Values = {};
  for (const [k, f] of Object.entries(def.fields)) {
    if (f.meta.derived || f.meta.system) continue;
    if (record[k] !== undefined) out[k] = record[k];
  }
  const field = changedField(table);
  for (const [k, f] of Object.entries(def.fields)) {
    if (k === field || (f.meta.unique && TEXT.has(f.meta.kind))) out[k] = mark(out[k], '基准新建', f.meta.maxLength);
  }
  // One target per owner (or team) and month: a new one is for a month the generator never fills.
  if (table === 'targets') out.month = '2099-12';
  return out;
}

/** The update input: id and version of the generated record, the changed field (or a date) set. */
export function updateInput(table: DataTableKey, record: Values): Values {
  const def = tableDef(table);
  // A delivery note is updated where it counts: received (its order's status is set again).
  if (table === 'deliveryNotes')
    return {
      id: record.id,
      version: record.version,
      receivedDate: record.receivedDate === DEFAULT_TODAY ? record.shipDate : DEFAULT_TODAY,
    };
  const field = changedField(table);
  if (field) return { id: record.id, version: record.version, [field]: mark(record[field], '基准更新', def.fields[field].meta.maxLength) };
  const date = Object.entries(def.fields).find(([, f]) => !f.meta.derived && f.meta.kind === 'date')?.[0];
  if (!date) throw new Error(`no field of ${table} the bench can change`);
  return { id: record.id, version: record.version, [date]: '2026-11-20' };
}
