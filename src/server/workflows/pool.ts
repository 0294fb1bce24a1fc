import * as z from 'zod/mini';
import { foldKey, isPoolOwner, isPoolTable, POOL_OWNER, poolOwner, tableDef, type DataTableKey, type PoolTable } from '../../schema';
import {
  claimRefusal,
  findMember,
  CrmError,
  lastFollowUps,
  numberParam,
  OWNERSHIP_COLUMNS,
  poolAction,
  POOL_COLUMNS,
  updateStamps,
  type PoolParams,
  type Role,
  type TeamMember,
  type Values,
} from '../../core';
import { collectFacts, CUSTOMER_FACT_COLUMNS } from '../../core/workflows';
import { loadColumns, loadFieldsAt, type HistoryEntry } from '../../store';
import { idArg, intArg, optionsArg, signature, text } from '../args';
import { openContext, type Context } from '../context';
import { enveloped, throwing, type Envelope } from '../entry';
import { tellPending, type TeamEvent } from '../notify';
import { WritePlan } from './batch';

/**
 * The shared pool (公海): the daily return (poolReturn, run by runDailyJobs), listPool, claims and
 * managers' assignments. docs/SALES_TEAM.md describes the rules and parameters.
 *
 * Counters, in one document property read and written only under the script lock: today's claims
 * per rep (the daily limit), and each rep's holdings as the daily job counted them from the owner
 * columns plus what they got from the pool since (the holding cap). Claims thus read one record by
 * key and the property, never a whole column, so a claim costs the same at every size; records
 * handed over by edits count from the next daily run. Before the first daily run the owner column
 * is counted.
 */
export const POOL_STATE_PROPERTY = 'crm.pool.state';

interface PoolState {
  /** The day `claims` counts. */
  day: string;
  claims: Record<string, number>;
  /** Holdings per table and rep (folded email) as of the daily job, plus pool gains since. */
  held: Partial<Record<PoolTable, Record<string, number>>> | null;
}

function props(): GoogleAppsScript.Properties.Properties | null {
  return typeof PropertiesService === 'undefined' ? null : PropertiesService.getDocumentProperties();
}

function readState(today: string): PoolState {
  let s: Partial<PoolState> = {};
  try {
    const raw = props()?.getProperty(POOL_STATE_PROPERTY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) s = parsed as Partial<PoolState>;
  } catch {
    s = {};
  }
  const claims = s.day === today && s.claims && typeof s.claims === 'object' ? s.claims : {};
  return { day: today, claims, held: s.held && typeof s.held === 'object' ? s.held : null };
}

function writeState(s: PoolState): void {
  props()?.setProperty(POOL_STATE_PROPERTY, JSON.stringify(s));
}

const today = (ctx: Context) => ctx.now.slice(0, 10);

/** An owner cell's person as a counter key: their settings email, else the cell folded. */
const personKey = (users: readonly TeamMember[], who: string) => foldKey(findMember(users, who)?.email ?? who);

const titleOf = (table: PoolTable, r: Values) => String(r[tableDef(table).titleField] ?? r.id ?? '');

function poolParams(ctx: Context): PoolParams {
  const n = (k: Parameters<typeof numberParam>[1]) => numberParam(ctx.settings, k);
  return {
    days: { A: n('poolDaysA'), B: n('poolDaysB'), C: n('poolDaysC'), D: n('poolDaysD') },
    leadDays: n('poolLeadDays'),
    noDealDays: n('poolNoDealDays'),
    warnDays: n('poolWarnDays'),
  };
}

/** The fields the daily return reads and writes per table (besides the role check's). */
export const POOL_DAILY_COLUMNS: Readonly<Record<PoolTable | 'followUps' | 'opportunities' | 'payments' | 'orders', readonly string[]>> = {
  customers: [...POOL_COLUMNS.customers, 'name', 'poolSince', 'previousOwner', ...OWNERSHIP_COLUMNS],
  leads: [...POOL_COLUMNS.leads, 'company', 'poolSince', 'previousOwner', ...OWNERSHIP_COLUMNS],
  followUps: CUSTOMER_FACT_COLUMNS.followUps,
  opportunities: CUSTOMER_FACT_COLUMNS.opportunities,
  payments: CUSTOMER_FACT_COLUMNS.payments,
  orders: CUSTOMER_FACT_COLUMNS.orders,
};

export interface PoolReport {
  returned: number;
  warned: number;
}

/**
 * The daily return, inside runDailyJobs' locked step (after the recompute, so grades are today's):
 * the columns of POOL_DAILY_COLUMNS (read in the daily job's first batched read), every due record's
 * owner moved to the pool (with previousOwner and poolSince), each approaching one's poolWarnedAt
 * set, in one write per run of changed columns; the change log gets a row per return and warning.
 * Also counts every rep's holdings for the claims' cap. The events go to ctx.events, told after
 * the lock is released.
 */
export function poolReturn(ctx: Context): PoolReport {
  const p = poolParams(ctx);
  const day = today(ctx);
  const report: PoolReport = { returned: 0, warned: 0 };
  const writes = new WritePlan(ctx, 'pool');
  const held: Record<PoolTable, Record<string, number>> = { customers: {}, leads: {} };
  const on = p.leadDays > 0 || p.noDealDays > 0 || Object.values(p.days).some((d) => d > 0);
  for (const table of ['customers', 'leads'] as const) {
    const t = loadColumns(ctx.store, table, POOL_DAILY_COLUMNS[table]);
    let lastFollow = new Map<string, string>();
    let facts: ReturnType<typeof collectFacts> = new Map();
    if (on && table === 'customers') {
      const cols = (k: 'followUps' | 'opportunities' | 'payments' | 'orders') => loadColumns(ctx.store, k, POOL_DAILY_COLUMNS[k]).records;
      lastFollow = lastFollowUps(cols('followUps'));
      facts = collectFacts(t.records, { opportunities: cols('opportunities'), payments: cols('payments'), orders: cols('orders') });
    }
    writes.useColumns(t as typeof t & { key: DataTableKey });
    for (const r of t.records) {
      if (r.deleted) continue;
      const id = String(r.id);
      const owner = typeof r.owner === 'string' ? r.owner.trim() : '';
      const act = on
        ? poolAction(
            table,
            r,
            table === 'customers'
              ? { lastActivity: lastFollow.get(id) ?? null, lastDeal: facts.get(id)?.lastDealDate ?? null }
              : { lastActivity: typeof r.updatedAt === 'string' ? r.updatedAt : null, lastDeal: null },
            p,
            day,
          )
        : null;
      if (act?.action === 'return') {
        const changes = { owner: poolOwner(ctx.lang), previousOwner: owner, poolSince: day, ownerSince: null };
        writes.update(table, id, changes, { stamp: false, log: false });
        const note =
          ctx.lang === 'zh'
            ? `退回公海（${act.reason === 'idle' ? '无跟进' : '无成交'}，到期 ${act.due}）`
            : `returned to the pool (${act.reason === 'idle' ? 'no follow-up' : 'no won deal'}, due ${act.due})`;
        writes.history.push(logRow(ctx, table, id, 'owner', owner, changes.owner, note));
        ctx.events.push({ kind: 'poolReturned', to: owner, table, recordId: id, title: titleOf(table, r), detail: note });
        report.returned++;
        continue;
      }
      if (act?.action === 'warn') {
        writes.update(table, id, { poolWarnedAt: day }, { stamp: false, log: false });
        const detail =
          ctx.lang === 'zh'
            ? `${act.daysLeft} 天后（${act.due}）退回公海，请跟进`
            : `returns to the pool in ${act.daysLeft} day(s) (${act.due}) unless followed up`;
        writes.history.push(logRow(ctx, table, id, 'poolWarnedAt', r.poolWarnedAt ?? '', day, detail));
        ctx.events.push({ kind: 'poolWarning', to: owner, table, recordId: id, title: titleOf(table, r), detail });
        report.warned++;
      }
      if (owner && !isPoolOwner(owner)) {
        const k = personKey(ctx.settings.users, owner);
        held[table][k] = (held[table][k] ?? 0) + 1;
      }
    }
  }
  writes.commit();
  const state = readState(day);
  writeState({ ...state, held });
  return report;
}

function logRow(ctx: Context, table: string, id: string, field: string, oldValue: unknown, newValue: unknown, note: string): HistoryEntry {
  return { time: ctx.now, user: ctx.user, table, recordId: id, field, oldValue, newValue, source: 'pool', note };
}

// ---- entry points ----

const poolTableArg = z.custom<PoolTable>((v) => isPoolTable(v), { message: 'arg_pool_table' });

const LIST_ARGS = signature(
  ['table', 'options'],
  poolTableArg,
  z.optional(
    optionsArg({
      offset: z.optional(intArg.check(z.gte(0))),
      limit: z.optional(intArg.check(z.gte(1), z.lte(200))),
      query: z.optional(z.string().check(z.maxLength(200))),
    }),
  ),
);

/** The fields a pool list shows of a record. */
const LIST_FIELDS: Readonly<Record<PoolTable, readonly string[]>> = {
  customers: ['id', 'name', 'industry', 'region', 'grade', 'contactName', 'poolSince', 'previousOwner', 'owner', 'updatedAt'],
  leads: ['id', 'company', 'industry', 'contactName', 'status', 'poolSince', 'previousOwner', 'owner', 'updatedAt'],
};

export interface PoolPage {
  total: number;
  offset: number;
  limit: number;
  items: Values[];
}

/** Pool rows whose list fields are read in the same read as their check (fewer: one read less). */
const SMALL_POOL = 300;

/**
 * The pool's rows of a table, in sheet order: the rows the index lists under the pool's key (read
 * with the settings and headers), or, when the index cannot say, the owner column read whole.
 */
function poolRows(ctx: Context, table: PoolTable): { rows: number[]; hinted: boolean } {
  const hint = ctx.store.lookups.hinted(table, 'owner', POOL_OWNER.zh);
  if (hint !== 'unknown') return { rows: hint, hinted: true };
  return { rows: scanPool(ctx, table), hinted: false };
}

/** The pool's rows from the owner column alone (no ID column): those whose owner is the sentinel. */
function scanPool(ctx: Context, table: PoolTable): number[] {
  const owners = loadColumns(ctx.store, table, ['owner'], { withoutId: true });
  return owners.rowNumbers.filter((_, i) => isPoolOwner(owners.records[i].owner));
}

/**
 * listPool(table, { offset, limit, query }): a page of the pool's customers or leads, the longest
 * in the pool first. The key index lists the pool's rows (src/store/keyColumns.ts), so this reads
 * those rows' few fields (a small pool: their list fields at once), then the page's: never a whole
 * column, unless the index cannot vouch for the rows (then the owner column, as a scan).
 */
export const listPool = throwing(LIST_ARGS, (table, o = {}): PoolPage => {
  const ctx = openContext({ tables: [table], hints: [[table, 'owner', POOL_OWNER.zh]] });
  const q = foldKey(o.query ?? '');
  const titleField = tableDef(table).titleField;
  let { rows: pooled, hinted } = poolRows(ctx, table);
  const checkFields = ['id', 'deleted', 'owner', 'poolSince', ...(q ? [titleField] : [])];
  const small = pooled.length <= SMALL_POOL;
  let facts = loadFieldsAt(ctx.store, table, small ? [...new Set([...checkFields, ...LIST_FIELDS[table]])] : checkFields, pooled);
  // A listed row that no longer holds a pool record (rows sorted or moved by hand): the hint is
  // stale, so the column is read instead.
  if (
    hinted &&
    pooled.some((row) => {
      const r = facts.get(row);
      return !!r && !!r.id && !isPoolOwner(r.owner);
    })
  ) {
    pooled = scanPool(ctx, table);
    hinted = false;
    facts = loadFieldsAt(ctx.store, table, checkFields, pooled);
  }
  const rows: { row: number; since: string }[] = [];
  for (const row of pooled) {
    const r = facts.get(row);
    if (!r || r.deleted || !r.id || !isPoolOwner(r.owner)) continue;
    if (q && !foldKey(String(r[titleField] ?? '')).includes(q) && !foldKey(String(r.id)).includes(q)) continue;
    rows.push({ row, since: typeof r.poolSince === 'string' ? r.poolSince : '' });
  }
  rows.sort((a, b) => a.since.localeCompare(b.since) || a.row - b.row);
  const offset = o.offset ?? 0;
  const limit = o.limit ?? 20;
  const page = rows.slice(offset, offset + limit);
  const got =
    small && hinted
      ? facts
      : loadFieldsAt(
          ctx.store,
          table,
          LIST_FIELDS[table],
          page.map((r) => r.row),
        );
  const items = page.flatMap((r) => {
    const v = got.get(r.row);
    return v ? [Object.fromEntries(LIST_FIELDS[table].filter((f) => f in v).map((f) => [f, v[f]]))] : [];
  });
  return { total: rows.length, offset, limit, items };
});

const CLAIMERS: readonly Role[] = ['sales', 'manager', 'admin'];
const CLAIM_ARGS = signature(['table', 'id'], poolTableArg, idArg);
const ASSIGN_ARGS = signature(['table', 'id', 'owner'], poolTableArg, idArg, text(200));

export type PoolResult = Envelope<{ record: Values }>;

/**
 * Takes a record out of the pool to `to` in the caller's lock, after `check` (which throws a
 * CrmError to refuse): the record read by key, fresh under the lock, so of two claims of one record
 * the second finds it taken and is told by whom. The store's role check lets this one change
 * (the pool's record, its owner to `to`) through: a sales rep may not otherwise write a record
 * that is not theirs.
 */
function takeFromPool(ctx: Context, table: PoolTable, id: string, to: TeamMember, note: string, check: (r: Values) => void): Values {
  // The pool's index cell too (its owner leaves the pool's key): read with the record, not after.
  ctx.store.lookups.prefetch({
    ids: [[table, id]],
    tables: [table, 'history'],
    history: table === 'customers' ? [id] : [],
    hints: [[table, 'owner', POOL_OWNER.zh]],
  });
  const r = ctx.store.record(table, id);
  if (!r || r.deleted) throw CrmError.of('pool_not_found', ctx.lang, { table: tableDef(table).record[ctx.lang], id });
  if (!isPoolOwner(r.owner)) {
    const owner = String(r.owner ?? '');
    // Taken out of the pool today: most likely by the claim this one raced with.
    const code = r.ownerSince === today(ctx) && r.previousOwner ? 'pool_taken' : 'pool_not_in_pool';
    throw CrmError.of(code, ctx.lang, { id, owner }, 'id');
  }
  check(r);
  const changes: Values = { owner: to.email, ownerSince: today(ctx), poolSince: null, ...updateStamps(r, ctx.user, ctx.clock) };
  const env = ctx.store.env;
  const checkWrite = env.authorizeWrite;
  env.authorizeWrite = (t, before, after, planned) => {
    if (t === table && before && String(before.id) === id && isPoolOwner(before.owner) && after.owner === to.email) return;
    checkWrite?.(t, before, after, planned);
  };
  try {
    ctx.store.appendHistory([logRow(ctx, table, id, 'owner', r.owner, to.email, note)]);
    ctx.store.update(table, id, changes);
  } finally {
    env.authorizeWrite = checkWrite;
  }
  return { ...r, ...changes };
}

/** Holdings of `who` in `table`: the daily job's count plus pool gains since; before any daily run, the owner column counted. */
function holding(ctx: Context, state: PoolState, table: PoolTable, who: TeamMember): number {
  const k = foldKey(who.email);
  const counted = state.held?.[table];
  if (counted) return counted[k] ?? 0;
  const owners = loadColumns(ctx.store, table, ['owner']).records;
  const n = owners.filter((r) => !r.deleted && typeof r.owner === 'string' && personKey(ctx.settings.users, r.owner) === k).length;
  state.held = { ...(state.held ?? {}), [table]: { [k]: n } };
  return n;
}

function gained(state: PoolState, table: PoolTable, who: TeamMember, claimed: boolean): void {
  const k = foldKey(who.email);
  if (claimed) state.claims[k] = (state.claims[k] ?? 0) + 1;
  const t = (state.held ??= {})[table];
  if (t) t[k] = (t[k] ?? 0) + 1;
}

/**
 * claimFromPool(table, id): the caller takes a pool customer or lead, within the daily claim limit,
 * the holding cap and (for its previous owner) the cooling-off; a refusal writes nothing.
 */
export const claimFromPool = enveloped(
  CLAIM_ARGS,
  (table, id): PoolResult => {
    const ctx = openContext();
    const me: TeamMember = findMember(ctx.settings.users, ctx.user) ?? { email: ctx.user, name: '', role: ctx.auth.actor.role, team: '' };
    const record = ctx.store.withLock(() => {
      const state = readState(today(ctx));
      const limits = {
        claimsPerDay: numberParam(ctx.settings, 'poolClaimsPerDay'),
        holdingCap: numberParam(ctx.settings, 'poolHoldingCap'),
        coolingDays: numberParam(ctx.settings, 'poolCoolingDays'),
      };
      const note = ctx.lang === 'zh' ? '从公海领取' : 'claimed from the pool';
      const r = takeFromPool(ctx, table, id, me, note, (rec) => {
        const held = limits.holdingCap > 0 ? holding(ctx, state, table, me) : 0;
        const no = claimRefusal(rec, me, state.claims[foldKey(me.email)] ?? 0, held, limits, today(ctx));
        if (no)
          throw CrmError.of(
            no.code,
            ctx.lang,
            {
              id,
              ...('owner' in no ? { owner: no.owner } : {}),
              ...('until' in no ? { until: no.until } : {}),
              ...('limit' in no ? { limit: no.limit } : {}),
              ...('cap' in no ? { cap: no.cap } : {}),
            },
            'id',
          );
      });
      gained(state, table, me, true);
      writeState(state);
      return r;
    });
    return { ok: true, record };
  },
  CLAIMERS,
);

/**
 * assignFromPool(table, id, owner): a manager or admin gives a pool record to a sales rep, manager
 * or admin on the settings tab (no claim limits: the manager decides); the rep is told.
 */
export const assignFromPool = enveloped(
  ASSIGN_ARGS,
  (table, id, owner): PoolResult => {
    const ctx = openContext();
    const to = findMember(ctx.settings.users, owner);
    if (!to || !CLAIMERS.includes(to.role)) throw CrmError.of('pool_unknown_owner', ctx.lang, { owner }, 'owner');
    const record = ctx.store.withLock(() => {
      const state = readState(today(ctx));
      const note = ctx.lang === 'zh' ? `由 ${ctx.user} 从公海分配` : `assigned from the pool by ${ctx.user}`;
      const r = takeFromPool(ctx, table, id, to, note, () => undefined);
      gained(state, table, to, false);
      writeState(state);
      const event: TeamEvent = { kind: 'poolAssigned', to: to.email, table, recordId: id, title: titleOf(table, r), detail: note };
      ctx.events.push(event);
      return r;
    });
    tellPending(ctx);
    return { ok: true, record };
  },
  ['manager', 'admin'],
);
