import { tableDef, type DataTableKey, type TableDef } from '../../schema';
import {
  applyRules, checkRefs, checkUnique, CrmError, dayOf, fieldError, nextIds, prepareCreate, prepareUpdate, sameValue,
  type FieldError, type RefState, type Values,
} from '../../core';
import { workflowErrors } from '../../core/workflows';
import type { HistoryEntry } from '../../store';
import { saveContext, type Context } from '../context';

export type SaveResult = { ok: true; record: Values } | { ok: false; errors: FieldError[] };
type Source = HistoryEntry['source'];

const STAMPS = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'version', 'deleted'];

export function refLookup(ctx: Context) {
  return (table: string, id: string): RefState => {
    const t = ctx.store.load(table as DataTableKey);
    const i = t.byId.get(id);
    if (i === undefined) return 'missing';
    return t.records[i].deleted ? 'deleted' : 'ok';
  };
}

const tableLabel = (ctx: Context) => (t: string) => tableDef(t as DataTableKey).tab[ctx.lang];

/** Checks that need other rows: uniqueness within the table and every foreign key. */
function crossRowErrors(ctx: Context, key: DataTableKey, values: Values, selfId: string | null, refFields: readonly string[] | null): FieldError[] {
  const def = tableDef(key);
  const rows = ctx.store.load(key).records;
  const refValues = refFields ? Object.fromEntries(refFields.map((f) => [f, values[f]])) : values;
  return [...checkUnique(def, values, rows, selfId, ctx.lang), ...checkRefs(def, refValues, refLookup(ctx), ctx.lang, tableLabel(ctx))];
}

function hasOwner(def: TableDef): boolean {
  return def.columns.some((c) => c.key === 'owner');
}

/** Creates one record; the caller holds the lock. */
export function createRecord(ctx: Context, key: DataTableKey, input: Values, source: Source): SaveResult {
  const def = tableDef(key);
  const withDefaults = hasOwner(def) && (input.owner === undefined || input.owner === null || input.owner === '') ? { ...input, owner: ctx.user } : input;
  const prepared = prepareCreate(def, withDefaults, { lang: ctx.lang, lists: ctx.settings.lists });
  if (!prepared.ok) return prepared;
  const next = prepared.value;
  applyRules(key, next, null, saveContext(ctx), hasOwner(def));
  const errors = [...crossRowErrors(ctx, key, next, null, null), ...workflowErrors(key, next, null, ctx.lang)];
  if (errors.length) return { ok: false, errors };
  const table = ctx.store.load(key);
  const [id] = nextIds(def.prefix as string, dayOf(ctx.now), table.byId.keys());
  const record: Values = { id, ...next, createdAt: ctx.now, createdBy: ctx.user, updatedAt: ctx.now, updatedBy: ctx.user, version: 1, deleted: false };
  const snapshot = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== null && !(Array.isArray(v) && !v.length)));
  // Role check first (it throws), then the log, then the row: a failure after the log leaves an
  // entry for a row that is not there, never a row that a retry would create twice.
  ctx.store.authorize(key, null, record);
  ctx.store.appendHistory([{ time: ctx.now, user: ctx.user, table: key, recordId: id, field: '*', oldValue: '', newValue: snapshot, source, note: 'create' }]);
  ctx.store.append(key, [record]);
  return { ok: true, record };
}

/**
 * Updates one record read at `version`. A stale version is refused with who changed it and when,
 * so two people never overwrite each other silently. The caller holds the lock.
 */
export function updateRecord(ctx: Context, key: DataTableKey, id: string, version: unknown, input: Values, source: Source): SaveResult {
  const def = tableDef(key);
  const table = ctx.store.load(key);
  const i = table.byId.get(id);
  if (i === undefined) return { ok: false, errors: [fieldError('id', 'not_found', ctx.lang, { id })] };
  const current = table.records[i];
  if (current.deleted) return { ok: false, errors: [fieldError('id', 'deleted_record', ctx.lang, { id })] };
  if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: false, errors: [fieldError('version', 'version_required', ctx.lang)] };
  if (version !== (current.version ?? 0)) {
    throw CrmError.of('stale', ctx.lang, { by: String(current.updatedBy ?? '?'), at: String(current.updatedAt ?? '?') }, 'version');
  }
  const prepared = prepareUpdate(def, current, input, { lang: ctx.lang, lists: ctx.settings.lists });
  if (!prepared.ok) return prepared;
  const next = prepared.value.next;
  applyRules(key, next, current, saveContext(ctx), hasOwner(def));
  const changed = Object.keys(next).filter((k) => !STAMPS.includes(k) && !sameValue(next[k], current[k]));
  if (!changed.length) return { ok: true, record: current };
  const changedRefs = changed.filter((k) => def.columns.some((c) => c.key === k && c.ref));
  const errors = [...crossRowErrors(ctx, key, { ...current, ...next }, id, changedRefs), ...workflowErrors(key, next, current, ctx.lang)];
  if (errors.length) return { ok: false, errors };
  const changes: Values = Object.fromEntries(changed.map((k) => [k, next[k]]));
  Object.assign(changes, { updatedAt: ctx.now, updatedBy: ctx.user, version: (current.version as number ?? 0) + 1 });
  ctx.store.authorize(key, current, { ...current, ...changes });
  ctx.store.appendHistory(changed.map((field) => ({
    time: ctx.now, user: ctx.user, table: key, recordId: id, field, oldValue: current[field], newValue: next[field], source,
  })));
  ctx.store.update(key, id, changes);
  return { ok: true, record: { ...current, ...changes } };
}
