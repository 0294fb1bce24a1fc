import { VERSION, type DataTableKey } from '../../schema';
import { updateStamps, type Values } from '../../core';
import { writeColumns, type ColumnTable, type HistoryEntry, type RecordChange } from '../../store';
import type { Context } from '../context';

/**
 * Everything one workflow step writes, collected first and written last: every write is
 * role-checked before anything is written (so a refusal changes nothing), then the history (one
 * write), then one append and one updateMany per table. Calls stay flat in the number of rows.
 * A table registered with `useColumns` (records read with loadColumns) is updated from those
 * records and written with writeColumns: only the changed columns, no stamps.
 */
export class WritePlan {
  private readonly appends = new Map<DataTableKey, Values[]>();
  private readonly updates = new Map<DataTableKey, RecordChange[]>();
  readonly history: HistoryEntry[] = [];
  private readonly columns = new Map<DataTableKey, ColumnTable>();

  constructor(
    private readonly ctx: Context,
    private readonly note: string,
  ) {}

  /** Updates of `t.key` take their before-values from `t` and are written with writeColumns. */
  useColumns(t: ColumnTable & { key: DataTableKey }): void {
    this.columns.set(t.key, t);
  }

  /** A record as read in this execution: from its column read, its whole-tab read, or by key. */
  private before(key: DataTableKey, id: string): Values | undefined {
    const t = this.columns.get(key);
    if (t) return t.records[t.byId.get(id) as number];
    return this.ctx.store.record(key, id);
  }

  /** New records (already validated, with IDs and stamps), logged as one snapshot each. */
  append(key: DataTableKey, records: readonly Values[]): void {
    if (!records.length) return;
    this.appends.set(key, [...(this.appends.get(key) ?? []), ...records]);
    for (const r of records) this.history.push(createHistory(this.ctx, key, r, this.note));
  }

  /**
   * Field changes of an existing record, logged per field. `stamp` moves updatedAt on (and so the
   * edit token) and sets updatedBy (edits); derived values the system recomputes pass false so open forms can still save.
   */
  update(key: DataTableKey, id: string, changes: Values, options: { stamp?: boolean; log?: boolean | readonly string[] } = {}): void {
    if (!Object.keys(changes).length) return;
    const before = this.before(key, id);
    if (!before) throw new Error(`WritePlan.update: ${key} ${id} is not loaded`);
    const list = this.updates.get(key) ?? [];
    const earlier = list.find((u) => u.id === id);
    const stamps = options.stamp === false ? {} : updateStamps(before, this.ctx.user, this.ctx.clock);
    if (earlier) Object.assign(earlier.changes, changes, stamps);
    else list.push({ id, changes: { ...changes, ...stamps } });
    this.updates.set(key, list);
    const log = options.log ?? true;
    const logged = log === true ? Object.keys(changes) : log === false ? [] : Object.keys(changes).filter((k) => log.includes(k));
    for (const field of logged) {
      this.history.push({
        time: this.ctx.now,
        user: this.ctx.user,
        table: key,
        recordId: id,
        field,
        oldValue: before[field] ?? '',
        newValue: changes[field],
        source: 'script',
        note: this.note,
      });
    }
  }

  /** How many records of a table this plan updates. */
  updated(key: DataTableKey): number {
    return this.updates.get(key)?.length ?? 0;
  }

  commit(): void {
    const { store } = this.ctx;
    // A record created here may belong through another created here (a converted lead's contact
    // and opportunity through its new customer): the role check sees the plan's own records.
    const created = new Map([...this.appends].map(([key, records]) => [key, new Map(records.map((r) => [String(r.id), r]))]));
    const planned = (key: DataTableKey, id: string) => created.get(key)?.get(id);
    for (const [key, records] of this.appends) for (const r of records) store.authorize(key, null, r, planned);
    for (const [key, list] of this.updates) {
      for (const u of list) {
        const before = this.before(key, u.id) as Values;
        store.authorize(key, before, { ...before, ...u.changes }, planned);
      }
    }
    store.appendHistory(this.history);
    for (const [key, records] of this.appends) store.append(key, records);
    for (const [key, list] of this.updates) {
      const columns = this.columns.get(key);
      if (columns) writeColumns(store, columns, list);
      else store.updateMany(key, list);
    }
  }
}

/** A history row for a created record (its non-empty fields as one snapshot). */
export function createHistory(ctx: Context, table: string, record: Values, note: string): HistoryEntry {
  const snapshot = Object.fromEntries(
    Object.entries(record).filter(
      ([k, v]) =>
        v !== null &&
        v !== '' &&
        !(Array.isArray(v) && !v.length) &&
        !['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', VERSION, 'deleted'].includes(k),
    ),
  );
  return {
    time: ctx.now,
    user: ctx.user,
    table,
    recordId: String(record.id),
    field: '*',
    oldValue: '',
    newValue: snapshot,
    source: 'script',
    note,
  };
}
