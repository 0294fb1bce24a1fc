import { DATA_TABLE_KEYS, tableDef, type DataTableKey } from '../../schema';
import { CrmError, fieldError, updateStamps, versionOf, type FieldError, type Values } from '../../core';
import type { HistoryEntry, RecordChange } from '../../store';
import type { Context } from '../context';
import { statusChanges, writeStatus } from './delivery';
import { calendarMark } from '../calendar/registry';

export type DeleteMode = 'refuse' | 'cascade' | 'reassign';
export interface DeleteOptions {
  mode: DeleteMode;
  /** For 'reassign': the customer the children move to. */
  toCustomerId: string | null;
  /** When given, the version the record was read at (a stale delete is refused like a stale save). */
  version: number | null;
}
export type DeleteResult =
  { ok: true; deleted: { table: string; id: string }[]; reassigned: { table: string; id: string }[] } | { ok: false; errors: FieldError[] };

interface Child {
  table: DataTableKey;
  field: string;
  record: Values;
}

/** Live rows that point at `table`/`id` through a user-set foreign key (derived links do not count). */
function childrenOf(ctx: Context, table: string, id: string): Child[] {
  const out: Child[] = [];
  for (const key of DATA_TABLE_KEYS) {
    // Typed references (a to-do's linked record) too: the ID's own prefix says it is this table's.
    const refs = tableDef(key).columns.filter((c) => (c.ref === table || c.refs?.includes(table)) && !c.derived && !c.system);
    if (!refs.length) continue;
    for (const record of ctx.store.load(key).records) {
      if (record.deleted || (key === table && record.id === id)) continue;
      for (const c of refs) if (record[c.key] === id) out.push({ table: key, field: c.key, record });
    }
  }
  return out;
}

/** Every live descendant (children, their children...), each once. */
function descendantsOf(ctx: Context, table: DataTableKey, id: string): Child[] {
  const seen = new Set<string>([`${table}:${id}`]);
  const out: Child[] = [];
  const queue: [DataTableKey, string][] = [[table, id]];
  while (queue.length) {
    const [t, i] = queue.shift() as [DataTableKey, string];
    for (const child of childrenOf(ctx, t, i)) {
      const k = `${child.table}:${String(child.record.id)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(child);
      queue.push([child.table, String(child.record.id)]);
    }
  }
  return out;
}

function describe(ctx: Context, children: readonly Child[]): string {
  const counts = new Map<DataTableKey, number>();
  for (const c of children) counts.set(c.table, (counts.get(c.table) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${tableDef(t).tab[ctx.lang]} ${n}`).join(', ');
}

/**
 * Soft-deletes one record (deleted flag, updatedAt stamp, history) in one locked step. A record that
 * live rows still point at is refused, unless `cascade` (soft-delete them all) or, for a customer,
 * `reassign` (re-point them to another customer). The caller holds the lock. The log is written
 * first and the record itself last, so a failure halfway never leaves a child pointing at a
 * deleted row, and a retry finishes the job.
 */
export function deleteRecordLocked(ctx: Context, key: DataTableKey, id: string, options: DeleteOptions): DeleteResult {
  const current = ctx.store.record(key, id);
  if (!current) return { ok: false, errors: [fieldError('id', 'not_found', ctx.lang, { id })] };
  if (current.deleted) return { ok: false, errors: [fieldError('id', 'deleted_record', ctx.lang, { id })] };
  if (options.version !== null && options.version !== versionOf(current.updatedAt)) {
    throw CrmError.of(
      'stale',
      ctx.lang,
      { by: String(current.updatedBy ?? '?'), at: String(current.updatedAt ?? '?').slice(0, 16) },
      'version',
    );
  }
  const stamp = (r: Values): Values => updateStamps(r, ctx.user, ctx.clock);
  const entry = (table: string, r: Values, field: string, oldValue: unknown, newValue: unknown, note: string): HistoryEntry => ({
    time: ctx.now,
    user: ctx.user,
    table,
    recordId: String(r.id),
    field,
    oldValue,
    newValue,
    source: 'sidebar',
    note,
  });
  const changes = new Map<DataTableKey, RecordChange[]>();
  const history: HistoryEntry[] = [];
  // A follow-up deleted or moved to another customer: its event is marked for its owner's sync.
  const calendar = (table: DataTableKey, r: Values, c: Values): Values =>
    table === 'followUps' && r.calendarSync !== true && calendarMark(ctx, r, { ...r, ...c }) ? { calendarSync: true } : {};
  const add = (table: DataTableKey, r: Values, c: Values) =>
    changes.set(table, [...(changes.get(table) ?? []), { id: String(r.id), changes: { ...c, ...calendar(table, r, c), ...stamp(r) } }]);
  const result = { deleted: [] as { table: string; id: string }[], reassigned: [] as { table: string; id: string }[] };

  if (options.mode === 'reassign') {
    const to = options.toCustomerId;
    if (key !== 'customers') throw CrmError.badArgument('options.mode', 'arg_reassign', ctx.lang);
    if (!to || to === id) throw CrmError.badArgument('options.toCustomerId', 'arg_reassign_to', ctx.lang);
    const target = ctx.store.record('customers', to);
    if (!target) return { ok: false, errors: [fieldError('toCustomerId', 'not_found', ctx.lang, { id: to })] };
    if (target.deleted) return { ok: false, errors: [fieldError('toCustomerId', 'deleted_record', ctx.lang, { id: to })] };
    for (const child of childrenOf(ctx, key, id)) {
      add(child.table, child.record, { [child.field]: to });
      history.push(entry(child.table, child.record, child.field, id, to, `reassigned: ${id} deleted`));
      result.reassigned.push({ table: child.table, id: String(child.record.id) });
    }
  } else {
    const children = descendantsOf(ctx, key, id);
    if (children.length && options.mode !== 'cascade') throw CrmError.of('has_children', ctx.lang, { id, detail: describe(ctx, children) });
    for (const child of children) {
      add(child.table, child.record, { deleted: true });
      history.push(entry(child.table, child.record, 'deleted', false, true, `cascade: ${id}`));
      result.deleted.push({ table: child.table, id: String(child.record.id) });
    }
  }
  history.push(entry(key, current, 'deleted', false, true, options.mode === 'refuse' ? 'delete' : `delete (${options.mode})`));
  result.deleted.push({ table: key, id });
  // Every write is checked (and refused) before anything is written.
  for (const [table, list] of changes)
    for (const c of list) {
      const before = ctx.store.record(table, c.id) as Values;
      ctx.store.authorize(table, before, { ...before, ...c.changes });
    }
  ctx.store.authorize(key, current, { ...current, deleted: true });
  // Deleted delivery notes take their orders' 发货状态 back (orders deleted with them aside); read before any write is queued.
  const notes = [
    ...(key === 'deliveryNotes' ? [current] : []),
    ...result.deleted
      .filter((d) => d.table === 'deliveryNotes' && d.id !== id)
      .map((d) => ctx.store.record('deliveryNotes', d.id) as Values),
  ];
  const goneOrders = new Set(result.deleted.filter((d) => d.table === 'orders').map((d) => d.id));
  const status = notes.length
    ? statusChanges(
        ctx,
        notes.map((n) => ({ ...n, deleted: true })),
        notes,
      ).filter((c) => !goneOrders.has(c.id))
    : [];
  ctx.store.appendHistory(history);
  for (const [table, list] of changes) ctx.store.updateMany(table, list);
  ctx.store.update(key, id, { deleted: true, ...calendar(key, current, { deleted: true }), ...stamp(current) });
  writeStatus(ctx, status, 'sidebar');
  return { ok: true, ...result };
}
