/**
 * The reminders agenda, pure: which rows each owner's reminders can come from over the next days,
 * computed by the daily job from whole-column reads. getReminders for one owner then reads only
 * these rows (confirmed by their IDs), plus whole customers touched since (from the change log),
 * and runs computeReminders on exactly those rows: the same answer as over whole tables.
 *
 * Why those rows suffice, for a customer none of whose rows changed since the agenda's day: its
 * reminders on day d are those computeReminders gave for day d on the agenda day's data. For each
 * such reminder the agenda keeps its row, its customer's row and what computeReminders derives
 * from other rows: a stalled opportunity's last follow-up; and for every follow-up kept, the latest
 * follow-up of that follow-up's customer (so "latest" computed over the kept rows is the true one).
 */
import { computeReminders, dayIndex, type ReminderData, type ReminderParams, type ReminderTables } from './reminders';
import type { Values } from './validate';

export const AGENDA_TABLES: readonly ReminderTables[] = ['customers', 'followUps', 'payments', 'contracts', 'opportunities', 'tickets'];

/** Rows per table as [row number, ID]. */
export type AgendaRows = Partial<Record<ReminderTables, [number, string][]>>;

export interface AgendaTable {
  records: readonly Values[];
  rowNumbers: readonly number[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** 'YYYY-MM-DD' of a day index (days since 1970-01-01). */
export function isoDay(index: number): string {
  return new Date(index * 86400000).toISOString().slice(0, 10);
}

/** Per owner, the rows their reminders on days [day, day + horizon) can come from. */
export function agendaRows(tables: Record<ReminderTables, AgendaTable>, params: ReminderParams, day: string, horizon: number): Map<string, AgendaRows> {
  const data = Object.fromEntries(AGENDA_TABLES.map((t) => [t, tables[t].records])) as ReminderData;
  const rowOf = new Map<string, number>();
  for (const t of AGENDA_TABLES) tables[t].records.forEach((r, i) => rowOf.set(`${t}|${str(r.id)}`, tables[t].rowNumbers[i]));
  // The same "latest" as computeReminders: live rows, strictly later time, first in row order.
  const latest = new Map<string, Values>();
  const lastOfOpportunity = new Map<string, Values>();
  for (const f of data.followUps) {
    if (f.deleted) continue;
    const prev = latest.get(str(f.customerId));
    if (!prev || str(f.time) > str(prev.time)) latest.set(str(f.customerId), f);
    const opp = str(f.opportunityId);
    const last = lastOfOpportunity.get(opp);
    if (opp && (!last || str(f.time) > str(last.time))) lastOfOpportunity.set(opp, f);
  }
  const out = new Map<string, Map<string, [ReminderTables, string]>>();
  const add = (owner: string, table: ReminderTables, id: string) => {
    const row = rowOf.get(`${table}|${id}`);
    if (row === undefined) return;
    const m = out.get(owner) ?? new Map<string, [ReminderTables, string]>();
    m.set(`${table}|${id}`, [table, id]);
    out.set(owner, m);
  };
  const addFollowUp = (owner: string, f: Values) => {
    add(owner, 'followUps', str(f.id));
    add(owner, 'customers', str(f.customerId));
    const top = latest.get(str(f.customerId));
    if (top) add(owner, 'followUps', str(top.id));
  };
  const start = dayIndex(day);
  for (let k = 0; k < horizon; k++) {
    for (const r of computeReminders(data, params, { today: isoDay(start + k), owner: null })) {
      add(r.owner, r.table, r.id);
      add(r.owner, 'customers', r.customerId);
      if (r.kind === 'followUp') {
        const f = latest.get(r.customerId);
        if (f) addFollowUp(r.owner, f);
      }
      if (r.kind === 'stalled') {
        const g = lastOfOpportunity.get(r.id);
        if (g) addFollowUp(r.owner, g);
      }
    }
  }
  const result = new Map<string, AgendaRows>();
  for (const [owner, m] of out) {
    const rows: AgendaRows = {};
    for (const [table, id] of m.values()) (rows[table] ??= []).push([rowOf.get(`${table}|${id}`) as number, id]);
    for (const list of Object.values(rows)) list.sort((a, b) => a[0] - b[0]);
    result.set(owner, rows);
  }
  return result;
}
