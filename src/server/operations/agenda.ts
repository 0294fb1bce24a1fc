/**
 * The reminders agenda on its hidden tab, and getReminders for one owner from it (see core/agenda).
 *
 * Tab layout (the CRM's own, never edited by people): A1 the state (day, horizon, parameters and
 * the change log's next row when it was written: the journal's mark); rows 2.. one bucket of owners
 * each (hashed), its JSON split over as many cells of the row as it needs.
 *
 * The journal of what changed since is the change log itself: every write of the CRM (saves,
 * deletes, typed cells, batches) logs its records there, so rows [mark, next) of the log name the
 * records touched since the agenda was computed.
 */
import { agendaRows, AGENDA_TABLES, mergeAgendas, type AgendaTable, type OwnerAgenda } from '../../core/agenda';
import { bucketOf } from '../../core/keyIndex';
import {
  computeReminders,
  dayIndex,
  REMINDER_COLUMNS,
  REMINDER_KINDS,
  type Reminder,
  type ReminderKind,
  type ReminderParams,
  type ReminderTables,
} from '../../core/reminders';
import type { Values } from '../../core';
import { keyColumn, type KeyColumn, type LookupPlan, type SheetBlock, type SheetCell } from '../../store';
import type { Context } from '../context';
import type { TableKey } from '../../schema';

export const AGENDA_TAB = '_crm_agenda';
const BUCKETS = 64;
/** Days an agenda stays usable: reminders due up to this many days ahead are listed. */
export const AGENDA_HORIZON = 7;
const CHUNK = 40000;

/** The buckets' format: an agenda written in another (by an older version) is not used. */
const FORMAT = 2;

interface AgendaState {
  day: string;
  horizon: number;
  mark: number;
  params: ReminderParams;
  format?: number;
}

const bucketRow = (owner: string) => 2 + bucketOf(owner, BUCKETS);
const LOG = () => keyColumn('history', 'customer') as KeyColumn;

/**
 * Before the daily recompute writes (inside its lock): the change log's append hint, to mark after,
 * and in the same read the headers of `tables` (what the index repair later in the lock needs).
 */
export function prefetchAgendaMark(ctx: Context, tables: readonly TableKey[] = []): void {
  ctx.store.lookups.prefetch({ tables: ['history', ...tables], counts: ['history'] });
}

/**
 * Writes every owner's agenda from the reminder tables (loadReminderTables, read after the daily
 * recompute's writes, so current), in the same lock and batched write. Returns false when the change log's position is
 * not known (its index not trusted): the old agenda then stays (still exact, its mark is older).
 */
export function writeAgenda(ctx: Context, params: ReminderParams, tables: Record<ReminderTables, AgendaTable>): boolean {
  const store = ctx.store;
  const mark = store.appendHint('history');
  if (mark === null) return false;
  const day = ctx.now.slice(0, 10);
  const byOwner = agendaRows(tables, params, day, AGENDA_HORIZON);
  const buckets: Record<string, OwnerAgenda>[] = Array.from({ length: BUCKETS }, () => ({}));
  for (const [owner, rows] of byOwner) buckets[bucketRow(owner) - 2][owner] = rows;
  const chunks = buckets.map((b) => {
    const text = Object.keys(b).length ? JSON.stringify(b) : '';
    const out: string[] = [];
    for (let i = 0; i < text.length; i += CHUNK) out.push(text.slice(i, i + CHUNK));
    return out;
  });
  const ss = store.env.spreadsheet;
  const need = Math.max(1, ...chunks.map((c) => c.length));
  let sheet = ss.getSheetByName(AGENDA_TAB);
  if (!sheet) {
    // Exactly its size (one structural request with the API), not a default 1000 × 26 grid.
    if (store.io.addSheet(AGENDA_TAB, BUCKETS + 1, need, true)) sheet = ss.getSheetByName(AGENDA_TAB);
    else {
      sheet = ss.insertSheet(AGENDA_TAB);
      sheet.hideSheet();
    }
    if (!sheet) return false;
  }
  let width = sheet.getMaxColumns();
  if (width < need) {
    sheet.insertColumnsAfter(width, need - width);
    width = need;
  }
  if (sheet.getMaxRows() < BUCKETS + 1) sheet.insertRowsAfter(sheet.getMaxRows(), BUCKETS + 1 - sheet.getMaxRows());
  const state: AgendaState = { day, horizon: AGENDA_HORIZON, mark, params, format: FORMAT };
  const pad = (cells: string[]) => [...cells.map((c) => `'${c}`), ...new Array<string>(width - cells.length).fill('')];
  const values = [pad([JSON.stringify(state)]), ...chunks.map(pad)];
  store.queueWrite({ sheet: AGENDA_TAB, row: 1, column: 1, numRows: values.length, numColumns: width }, values);
  return true;
}

/** What the first read brings back for one owner (null: everyone, every bucket). */
export interface AgendaRead {
  owner: string | null;
  state: AgendaState | null;
  /** The owner's agenda (everyone's merged when owner is null); empty for an owner with none. */
  agenda: OwnerAgenda | null;
}

/**
 * The plan of getReminders for one owner: the reminder tables' headers and sentinels, the change
 * log's state, and the agenda's state and owner's bucket, all in the context's first read.
 */
export function agendaPlan(
  ctx: { spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet },
  owner: string | null,
): { plan: LookupPlan; read: AgendaRead } | null {
  if (!ctx.spreadsheet.getSheetByName(AGENDA_TAB)) return null;
  const read: AgendaRead = { owner, state: null, agenda: null };
  const stateBlock: SheetBlock = { sheet: AGENDA_TAB, row: 1, column: 1, numRows: 1, numColumns: 1 };
  // One owner's bucket row, or every bucket (everyone's reminders: the digest, the manager's view).
  const bucket: SheetBlock =
    owner === null
      ? { sheet: AGENDA_TAB, row: 2, column: 1, numRows: BUCKETS, numColumns: null }
      : { sheet: AGENDA_TAB, row: bucketRow(owner), column: 1, numRows: 1, numColumns: null };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const plan: LookupPlan = {
    tables: [...AGENDA_TABLES, 'history'],
    counts: [...AGENDA_TABLES, 'history'],
    blocks: [
      {
        block: stateBlock,
        accept: (v) => {
          read.state = parseState(text(v[0]?.[0]));
        },
      },
      {
        block: bucket,
        accept: (v) => {
          try {
            const found: OwnerAgenda[] = [];
            for (const line of owner === null ? v : [v[0] ?? []]) {
              const all = (line ?? []).map(text).join('');
              const parsed = all ? (JSON.parse(all) as Record<string, OwnerAgenda>) : {};
              for (const [who, agenda] of Object.entries(parsed)) {
                if (owner !== null && who !== owner) continue;
                if (!isAgenda(agenda)) throw new Error('not an agenda');
                found.push(agenda);
              }
            }
            // An owner not in the agenda had no reminders over its horizon.
            read.agenda = found.length ? mergeAgendas(found) : { rows: [], entries: [], days: [] };
          } catch {
            read.agenda = null;
          }
        },
      },
    ],
  };
  return { plan, read };
}

const isAgenda = (a: unknown): a is OwnerAgenda => {
  const v = a as Partial<OwnerAgenda> | null;
  return !!v && Array.isArray(v.rows) && Array.isArray(v.entries) && Array.isArray(v.days);
};

function parseState(s: string): AgendaState | null {
  try {
    const v = JSON.parse(s) as Partial<AgendaState>;
    if (typeof v.day !== 'string' || typeof v.horizon !== 'number' || typeof v.mark !== 'number' || !v.params || v.format !== FORMAT)
      return null;
    return v as AgendaState;
  } catch {
    return null;
  }
}

const sameParams = (a: ReminderParams, b: ReminderParams) =>
  a.contractExpiryDays === b.contractExpiryDays &&
  a.stalledDays === b.stalledDays &&
  a.ticketOpenDays === b.ticketOpenDays &&
  a.paymentDueDays === b.paymentDueDays;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const CHILD_TABLES = AGENDA_TABLES.filter((t) => t !== 'customers');

/** One owner's reminders (everyone's when the read's owner is null) and how many of each kind there are. */
export interface AgendaAnswer {
  /** At least the first `limit` of each kind (all of them without a limit), in computeReminders' order. */
  reminders: Reminder[];
  counts: Record<ReminderKind, number>;
}

const KIND_OF: Record<Reminder['table'], ReminderKind> = {
  followUps: 'followUp',
  payments: 'payment',
  contracts: 'contract',
  opportunities: 'stalled',
  tickets: 'ticket',
  todos: 'todo',
};

/**
 * The owner's reminders from the agenda, the change log since its mark and the customers touched
 * since; null when the agenda cannot answer exactly (missing, too old, other parameters, an index
 * the store cannot vouch for, a row that is not where the agenda left it, a listed reminder its
 * rows no longer give): the caller reads columns.
 *
 * With a `limit`, only the first `limit` reminders of each kind are read (with the rows they are
 * computed from): the others are counted from the agenda's lists, except those of customers
 * touched since the mark, which are computed from the customers read whole. The first read
 * guesses that nothing changed; reminders a change pushes out are read in one more.
 */
export function agendaReminders(
  ctx: Context,
  read: AgendaRead,
  params: ReminderParams,
  today: string,
  limit = Infinity,
): AgendaAnswer | null {
  const store = ctx.store;
  const { state, agenda } = read;
  if (!state || !agenda || !sameParams(state.params, params)) return null;
  // Everyone's lists are several owners' lists end to end, not in one order: every row is read.
  if (read.owner === null) limit = Infinity;
  const age = dayIndex(today) - dayIndex(state.day);
  if (!(age >= 0 && age < state.horizon)) return null;
  // Rows added behind the index's back were not logged: the sentinels must still count what it counted.
  for (const t of AGENDA_TABLES) if (!store.keys.trusted(keyColumn(t, 'id') as KeyColumn)) return null;
  if (!store.keys.trusted(LOG())) return null;
  const next = store.appendHint('history');
  if (next === null || next < state.mark) return null;
  const day = agenda.days[age] ?? {};
  const entries = agenda.entries;
  const keyOf = (i: number) => `${AGENDA_TABLES[entries[i].t]}|${entries[i].id}`;
  /** The first `limit` listed reminders of each kind that `skip` leaves. */
  const pageOf = (skip: (i: number) => boolean): number[] =>
    REMINDER_KINDS.flatMap((kind) => {
      const out: number[] = [];
      for (const i of day[kind] ?? []) {
        if (out.length >= limit) break;
        if (!skip(i)) out.push(i);
      }
      return out;
    });

  // Second read: the change log since the mark, and the rows of the first reminders of each kind
  // (of the agenda's rows, only the columns the reminders read).
  const logRows = Array.from({ length: next - state.mark }, (_, i) => state.mark + i);
  const kept = new Map<ReminderTables, Map<number, Values>>(AGENDA_TABLES.map((t) => [t, new Map()]));
  const readRows = new Set<number>();
  let page = pageOf(() => false);
  if (!readAgendaRows(store, agenda, rowsOf(agenda, page, readRows), logRows, kept)) return null;

  // Records touched since the mark, and the customers they belong (or belonged) to.
  const touched = new Map<ReminderTables, Set<string>>();
  const customers = new Set<string>();
  const opportunities = new Set<string>();
  for (const r of logRows) {
    const h = store.readRow('history', r);
    if (!h) continue;
    const table = str(h.table) as ReminderTables;
    if (!AGENDA_TABLES.includes(table)) continue;
    const id = str(h.recordId).trim();
    if (table === 'customers') customers.add(id);
    else (touched.get(table) ?? touched.set(table, new Set()).get(table)!).add(id);
    if (h.field === 'customerId' && str(h.oldValue).trim()) customers.add(str(h.oldValue).trim());
    // A follow-up moved off an opportunity: that opportunity's last activity may be earlier now.
    if (table === 'followUps' && h.field === 'opportunityId' && str(h.oldValue).trim()) opportunities.add(str(h.oldValue).trim());
  }
  if (touched.size) {
    store.lookups.prefetch({ ids: [...touched].flatMap(([t, ids]) => [...ids].map((id) => [t, id] as [ReminderTables, string])) });
    for (const [t, ids] of touched) {
      for (const id of ids) {
        const rec = store.lookups.byId(t, id);
        // Gone (a row deleted by hand): whose customer it was is not known here.
        if (!rec) return null;
        if (str(rec.customerId).trim()) customers.add(str(rec.customerId).trim());
        // A to-do without a customer (about a lead) is its own reminder's only row.
        else if (t === 'todos') keep(ctx, kept, t, rec);
      }
    }
  }
  // Each touched customer whole: its row and all its rows of the other tables.
  if (customers.size) {
    const list = [...customers];
    store.lookups.prefetch({
      ids: list.map((c) => ['customers', c] as [ReminderTables, string]),
      keyed: CHILD_TABLES.flatMap((t) => list.map((c) => [t, 'customerId', c] as [ReminderTables, string, unknown])),
    });
    for (const c of list) {
      const rec = store.lookups.byId('customers', c);
      if (rec) keep(ctx, kept, 'customers', rec);
      for (const t of CHILD_TABLES) {
        for (const r of store.lookups.withKey(t, 'customerId', c)) {
          keep(ctx, kept, t, r);
          if (t === 'followUps' && str(r.opportunityId).trim()) opportunities.add(str(r.opportunityId).trim());
        }
      }
    }
  }
  // Listed reminders a change may have changed: of a touched customer, or computed from one's rows,
  // or a stalled opportunity whose follow-ups changed. They are computed again (their rows read);
  // the others are as listed.
  // (Of every day's: one listed only for a later day may be due now after a change.)
  const listed = new Set(REMINDER_KINDS.flatMap((k) => day[k] ?? []));
  const affected = new Set(
    entries
      .map((_, i) => i)
      .filter(
        (i) =>
          entries[i].c.some((c) => customers.has(c)) ||
          touched.get(AGENDA_TABLES[entries[i].t])?.has(entries[i].id) === true ||
          (AGENDA_TABLES[entries[i].t] === 'opportunities' && opportunities.has(entries[i].id)),
      ),
  );
  if (affected.size) {
    page = pageOf((i) => affected.has(i));
    const more = rowsOf(agenda, [...page, ...affected], readRows);
    if (more.length && !readAgendaRows(store, agenda, more, [], kept)) return null;
  }

  const data = Object.fromEntries(AGENDA_TABLES.map((t) => [t, [...kept.get(t)!].sort((a, b) => a[0] - b[0]).map(([, v]) => v)])) as Record<
    ReminderTables,
    Values[]
  >;
  const computed = computeReminders(data, params, { today, owner: read.owner });
  const pageKeys = new Set(page.map(keyOf));
  const againKeys = new Set([...affected].map(keyOf));
  const asListed = new Set([...listed].filter((i) => !affected.has(i)).map(keyOf));
  const counts = Object.fromEntries(REMINDER_KINDS.map((k) => [k, (day[k] ?? []).filter((i) => !affected.has(i)).length])) as Record<
    ReminderKind,
    number
  >;
  const reminders: Reminder[] = [];
  const shown = new Set<string>();
  for (const r of computed) {
    const key = `${r.table}|${r.id}`;
    if (pageKeys.has(key)) {
      if (KIND_OF[r.table] !== r.kind) return null;
      shown.add(key);
      reminders.push(r);
    } else if (customers.has(r.customerId.trim()) || againKeys.has(key)) {
      // Counted as listed already: a change the change log did not show (no exact answer here).
      if (asListed.has(key)) return null;
      counts[r.kind]++;
      reminders.push(r);
    }
  }
  // Every listed reminder read must still be one (else a row changed without the change log).
  if (shown.size !== pageKeys.size) return null;
  return { reminders, counts };
}

/** The agenda rows of `list`'s entries not read yet (indexes into agenda.rows), marked read. */
function rowsOf(agenda: OwnerAgenda, list: readonly number[], done: Set<number>): number[] {
  const out: number[] = [];
  for (const i of list) {
    for (const r of agenda.entries[i]?.r ?? []) {
      if (done.has(r)) continue;
      done.add(r);
      out.push(r);
    }
  }
  return out;
}

/**
 * One batched read of agenda rows (only the columns the reminders read, in runs) and of change-log
 * rows; each row's record goes into `kept`. False when a row no longer holds the agenda's record.
 */
function readAgendaRows(
  store: Context['store'],
  agenda: OwnerAgenda,
  rows: readonly number[],
  logRows: readonly number[],
  kept: Map<ReminderTables, Map<number, Values>>,
): boolean {
  const byTable = new Map<ReminderTables, [number, string][]>();
  for (const i of rows) {
    const ref = agenda.rows[i];
    const table = ref ? AGENDA_TABLES[ref[0]] : undefined;
    if (!ref || !table) return false;
    byTable.set(table, [...(byTable.get(table) ?? []), [ref[1], ref[2]]]);
  }
  const blocks: { table: ReminderTables; block: SheetBlock }[] = [];
  for (const [t, list] of byTable) {
    const tab = store.header(t);
    if (!tab.sheet) return false;
    const at = REMINDER_COLUMNS[t].map((f) => tab.layout.index.get(f)).filter((c): c is number => c !== undefined);
    // Through the API a range costs nothing more than its cells: only the needed columns.
    const columnRuns = runs(at, store.io.batched ? 0 : GAP);
    for (const rowRun of runs(
      list.map(([r]) => r),
      0,
    )) {
      for (const c of columnRuns) {
        blocks.push({
          table: t,
          block: {
            sheet: tab.name,
            row: rowRun.start,
            column: c.start + 1,
            numRows: rowRun.end - rowRun.start + 1,
            numColumns: c.end - c.start + 1,
          },
        });
      }
    }
  }
  if (!blocks.length && !logRows.length) return true;
  const cells = new Map<ReminderTables, Map<number, SheetCell[]>>(AGENDA_TABLES.map((t) => [t, new Map()]));
  const index = new Map(blocks.map((b, i) => [b.block, i]));
  store.readRows(
    new Map(logRows.length ? [['history', [...logRows]]] : []),
    blocks.map((b) => b.block),
    (block, values) => {
      const { table } = blocks[index.get(block) as number];
      const m = cells.get(table)!;
      for (let r = 0; r < (block.numRows ?? 0); r++) {
        const row = m.get(block.row + r) ?? [];
        for (let c = 0; c < (block.numColumns ?? 0); c++) row[block.column - 1 + c] = values[r]?.[c] ?? '';
        m.set(block.row + r, row);
      }
    },
  );
  for (const [t, list] of byTable) {
    const tab = store.header(t);
    for (const [row, id] of list) {
      const got = cells.get(t)!.get(row);
      const rec = got ? tab.read(got) : null;
      // The agenda's row must still hold its record (people sort and delete rows): else columns.
      if (!rec || str(rec.id).trim() !== id) return false;
      rec.id = id;
      // A touched customer's row read whole already is the same row, read in this execution too.
      if (!kept.get(t)!.has(row)) kept.get(t)!.set(row, rec);
    }
  }
  return true;
}

/** Without the API, needed columns closer than this are read as one run (a getValues costs more than a few cells). */
const GAP = 3;

/** Runs of sorted distinct numbers, joined across gaps of at most `gap` missing numbers. */
function runs(list: readonly number[], gap: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const n of [...new Set(list)].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && n - last.end <= gap + 1) last.end = n;
    else out.push({ start: n, end: n });
  }
  return out;
}

function keep(ctx: Context, kept: Map<ReminderTables, Map<number, Values>>, table: ReminderTables, rec: Values): void {
  const t = ctx.store.cached(table);
  const i = t?.byId.get(str(rec.id));
  if (!t || i === undefined) return;
  kept.get(table)!.set(t.rowNumbers[i], t.records[i]);
}
