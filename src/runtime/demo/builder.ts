/**
 * Collects one table's records while the generator works customer by customer, then puts them in
 * creation order and numbers them the way the store does (prefix + yyyyMMdd + per-day sequence).
 * Until then a foreign key holds the referenced record itself; `resolveLinks` swaps in its ID.
 */
import { tableDef, type TableKey } from '../../schema';
import { versionOf, type Values } from '../../core';
import type { Calendar } from './calendar';

/** The system columns of a generated record before add() stamps them (in the tables' column order). */
export const UNSTAMPED = { createdAt: '', createdBy: '', updatedAt: '', updatedBy: '', version: 0, deleted: false } as const;

export class TableBuilder {
  readonly rows: Values[] = [];
  private order: Uint32Array | null = null;
  private readonly created: number[] = [];
  /** Columns holding a link to another record until IDs are assigned. */
  readonly linkKeys: readonly string[];
  readonly prefix: string | null;

  constructor(readonly key: TableKey) {
    const def = tableDef(key);
    this.prefix = def.prefix;
    this.linkKeys = def.columns.filter((c) => c.kind === 'ref' || (key === 'lineItems' && c.key === 'docId')).map((c) => c.key);
  }

  /**
   * Adds a record and fills its stamps. Records are built with every column already present (`id`
   * first and empty, placeholder stamps last) so their shape never changes: millions stay compact.
   */
  add(cal: Calendar, record: Values, createdMinute: number, updatedMinute: number, user: string): Values {
    const created = cal.stamp(createdMinute);
    record.createdAt = created;
    record.createdBy = user;
    record.updatedAt = cal.stampSeconds(Math.max(updatedMinute, createdMinute));
    record.updatedBy = user;
    record.version = versionOf(record.updatedAt);
    record.deleted = false;
    this.rows.push(record);
    this.created.push(createdMinute);
    return record;
  }

  /** Adds a row of a table without IDs or stamps (settings). */
  addPlain(record: Values): void {
    this.rows.push(record);
    this.created.push(0);
  }

  /**
   * Numbers the rows by creation time (ties keep insertion order), without moving them yet: rows
   * stay in generation order, next to the records they link to, which keeps the link pass fast.
   */
  assignIds(cal: Calendar): void {
    const n = this.rows.length;
    // One numeric key per row (minute * n + index) sorts natively, far faster than a comparator.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.created[i] * n + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = keys[i] % n;
    this.order = order;
    if (!this.prefix) return;
    const ids: string[] = new Array(n).fill('');
    let day = -1;
    let stem = '';
    let seq = 0;
    for (let i = 0; i < n; i++) {
      const d = cal.dayOf(this.created[order[i]]);
      if (d !== day) {
        day = d;
        stem = this.prefix + cal.idDay(d);
        seq = 0;
      }
      seq++;
      ids[order[i]] = stem + (seq < 10 ? `00${seq}` : seq < 100 ? `0${seq}` : String(seq));
    }
    for (let i = 0; i < n; i++) this.rows[i].id = ids[i];
  }

  /** Replaces linked records by their IDs (after every table has its IDs). */
  resolveLinks(): void {
    const rows = this.rows;
    for (const k of this.linkKeys) {
      for (let i = 0; i < rows.length; i++) {
        const v = rows[i][k];
        if (v !== null && typeof v === 'object') rows[i][k] = (v as Values).id;
      }
    }
  }

  /** The rows in creation order, as they go on the tab. */
  sortedRows(): Values[] {
    const order = this.order ?? Uint32Array.from(this.rows.keys());
    const out: Values[] = new Array(order.length);
    for (let i = 0; i < order.length; i++) out[i] = this.rows[order[i]];
    return out;
  }
}
