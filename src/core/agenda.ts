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
 *
 * The agenda also lists each day's reminders per kind in computeReminders' order, with the rows
 * and customers each one comes from. Any set of those reminders, read with their rows, gives the
 * same reminders again (the rows are closed under what computeReminders derives), so one owner's
 * sidebar reads only the first reminders of each kind it shows, and counts the others from the
 * list: those of customers untouched since are as listed; those of touched customers are computed
 * from the customers read whole.
 */
import {
  computeReminders,
  dayIndex,
  type Reminder,
  type ReminderData,
  type ReminderKind,
  type ReminderParams,
  type ReminderTables,
} from './reminders';
import type { Values } from './validate';

/** Tables by their index in stored agendas: a new one goes at the end. */
export const AGENDA_TABLES: readonly ReminderTables[] = [
  'customers',
  'followUps',
  'payments',
  'contracts',
  'opportunities',
  'tickets',
  'todos',
];

/**
 * One owner's agenda: the reminders of each day of the horizon, in the order computeReminders
 * lists them, and for each reminder record the rows it is computed from. The sidebar reads only
 * the first reminders of each kind (the page it shows) and counts the rest from here.
 */
export interface OwnerAgenda {
  /** Rows as [table (index in AGENDA_TABLES), row number, ID]. */
  rows: [number, number, string][];
  /**
   * One per reminder record: table (index in AGENDA_TABLES), ID, the rows computeReminders needs
   * to give its reminder (indexes into rows: the record, its customer, the follow-ups that decide
   * "latest" and "last activity") and the customers those rows belong to.
   */
  entries: { t: number; id: string; r: number[]; c: string[] }[];
  /** Per day of the horizon (0: the agenda's day), per kind: that day's reminders (indexes into entries), in order. */
  days: Partial<Record<ReminderKind, number[]>>[];
}

export interface AgendaTable {
  records: readonly Values[];
  rowNumbers: readonly number[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** 'YYYY-MM-DD' of a day index (days since 1970-01-01). */
function isoDay(index: number): string {
  return new Date(index * 86400000).toISOString().slice(0, 10);
}

/** Several owners' agendas as one (everyone's reminders): rows shared, entries and days concatenated. */
export function mergeAgendas(agendas: readonly OwnerAgenda[]): OwnerAgenda {
  if (agendas.length === 1) return agendas[0];
  const out: OwnerAgenda = { rows: [], entries: [], days: [] };
  const rowAt = new Map<string, number>();
  for (const a of agendas) {
    const rowMap = a.rows.map(([t, row, id]) => {
      const k = `${t}|${row}`;
      let i = rowAt.get(k);
      if (i === undefined) {
        i = out.rows.push([t, row, id]) - 1;
        rowAt.set(k, i);
      }
      return i;
    });
    const base = out.entries.length;
    for (const e of a.entries) out.entries.push({ ...e, r: e.r.map((i) => rowMap[i]) });
    a.days.forEach((day, k) => {
      const into = (out.days[k] ??= {});
      for (const [kind, list] of Object.entries(day) as [ReminderKind, number[]][]) (into[kind] ??= []).push(...list.map((i) => base + i));
    });
  }
  return out;
}

/** Per owner, the reminders of days [day, day + horizon) and the rows each is computed from. */
export function agendaRows(
  tables: Record<ReminderTables, AgendaTable>,
  params: ReminderParams,
  day: string,
  horizon: number,
): Map<string, OwnerAgenda> {
  const data = Object.fromEntries(AGENDA_TABLES.map((t) => [t, tables[t].records])) as ReminderData;
  const rowOf = new Map<string, number>();
  const recordOf = new Map<string, Values>();
  for (const t of AGENDA_TABLES) {
    tables[t].records.forEach((r, i) => {
      rowOf.set(`${t}|${str(r.id)}`, tables[t].rowNumbers[i]);
      recordOf.set(`${t}|${str(r.id)}`, r);
    });
  }
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
  interface Building {
    agenda: OwnerAgenda;
    rowAt: Map<string, number>;
    entryAt: Map<string, number>;
  }
  const owners = new Map<string, Building>();
  const ownerOf = (owner: string): Building => {
    let b = owners.get(owner);
    if (!b)
      owners.set(
        owner,
        (b = {
          agenda: { rows: [], entries: [], days: Array.from({ length: horizon }, () => ({})) },
          rowAt: new Map(),
          entryAt: new Map(),
        }),
      );
    return b;
  };
  // What a reminder is computed from: its record, its customer, and for a follow-up (the latest of
  // its customer) or a stalled opportunity (its last follow-up) that follow-up, its customer and
  // the latest follow-up of that customer (so "latest" over the kept rows is the true one).
  const needs = (r: Reminder): [ReminderTables, string][] => {
    const out: [ReminderTables, string][] = [
      [r.table, r.id],
      ['customers', r.customerId],
    ];
    const followUp = (f: Values | undefined) => {
      if (!f) return;
      out.push(['followUps', str(f.id)], ['customers', str(f.customerId)]);
      const top = latest.get(str(f.customerId));
      if (top) out.push(['followUps', str(top.id)]);
    };
    if (r.kind === 'followUp') followUp(latest.get(r.customerId));
    if (r.kind === 'stalled') followUp(lastOfOpportunity.get(r.id));
    return out;
  };
  const start = dayIndex(day);
  for (let k = 0; k < horizon; k++) {
    for (const r of computeReminders(data, params, { today: isoDay(start + k), owner: null })) {
      const b = ownerOf(r.owner);
      const key = `${r.table}|${r.id}`;
      let e = b.entryAt.get(key);
      if (e === undefined) {
        const rows: number[] = [];
        const customers = new Set<string>();
        for (const [t, id] of needs(r)) {
          const k2 = `${t}|${id}`;
          const row = rowOf.get(k2);
          if (row === undefined) continue;
          let at = b.rowAt.get(k2);
          if (at === undefined) {
            at = b.agenda.rows.push([AGENDA_TABLES.indexOf(t), row, id]) - 1;
            b.rowAt.set(k2, at);
          }
          if (!rows.includes(at)) rows.push(at);
          const c = t === 'customers' ? id : str(recordOf.get(k2)?.customerId);
          if (c.trim()) customers.add(c.trim());
        }
        e = b.agenda.entries.push({ t: AGENDA_TABLES.indexOf(r.table), id: r.id, r: rows, c: [...customers] }) - 1;
        b.entryAt.set(key, e);
      }
      (b.agenda.days[k][r.kind] ??= []).push(e);
    }
  }
  return new Map([...owners].map(([owner, b]) => [owner, b.agenda]));
}
