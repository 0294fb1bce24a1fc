import { foldKey, isPoolOwner, type PoolTable } from '../schema';
import { dayIndex } from './reminders';
import type { Values } from './validate';
import { isOpenLead } from './assignment';

/**
 * The shared pool's (公海) daily decision, pure. A customer returns when it has had no follow-up for
 * N days (N per grade A/B/C/D) or no won deal for M days; an open lead when it has not been updated
 * for its own N days. Both clocks start no earlier than the day the current owner got the record
 * (ownerSince, else its creation): a rep who claims an old customer gets the full N days. N or M
 * of 0 switches that clock off. The owner is warned W days before the due day, once per approach:
 * a warning dated inside the current due day's window counts; a follow-up that moves the due day
 * later opens a new window (and so a new warning).
 */
export interface PoolParams {
  /** Days without follow-up per customer grade (0: never returns for that). */
  days: Readonly<Record<string, number>>;
  leadDays: number;
  /** Days without a won deal (customers; 0: off). */
  noDealDays: number;
  warnDays: number;
}

export interface PoolFacts {
  /** Latest follow-up (customers) or update (leads), 'YYYY-MM-DD...' or null. */
  lastActivity: string | null;
  /** Latest won deal or paid payment (customers), or null. */
  lastDeal: string | null;
}

export type PoolAction =
  { action: 'return'; due: string; reason: 'idle' | 'noDeal' } | { action: 'warn'; due: string; daysLeft: number } | null;

const dateOfIndex = (day: number): string => new Date(day * 86400000).toISOString().slice(0, 10);
const latestDay = (...vs: unknown[]): number => Math.max(...vs.map(dayIndex).filter((n) => !Number.isNaN(n)), -Infinity);

/** The columns of customers and leads the decision reads (with id, deleted and owner). */
export const POOL_COLUMNS: Readonly<Record<PoolTable, readonly string[]>> = {
  customers: ['id', 'deleted', 'owner', 'grade', 'createdAt', 'ownerSince', 'poolWarnedAt'],
  leads: ['id', 'deleted', 'owner', 'status', 'createdAt', 'updatedAt', 'ownerSince', 'poolWarnedAt'],
};

/** What the daily job does with one record today. */
export function poolAction(table: PoolTable, record: Values, facts: PoolFacts, p: PoolParams, today: string): PoolAction {
  if (record.deleted || typeof record.owner !== 'string' || !record.owner.trim() || isPoolOwner(record.owner)) return null;
  if (table === 'leads' && !isOpenLead(record)) return null;
  const held = latestDay(record.ownerSince, record.createdAt);
  const clocks: { due: number; reason: 'idle' | 'noDeal' }[] = [];
  const n = table === 'customers' ? (p.days[String(record.grade ?? '')] ?? p.days.D ?? 0) : p.leadDays;
  if (n > 0) clocks.push({ due: Math.max(held, latestDay(facts.lastActivity)) + n, reason: 'idle' });
  if (table === 'customers' && p.noDealDays > 0)
    clocks.push({ due: Math.max(held, latestDay(facts.lastDeal)) + p.noDealDays, reason: 'noDeal' });
  const live = clocks.filter((c) => Number.isFinite(c.due));
  if (!live.length) return null;
  const first = live.reduce((a, b) => (b.due < a.due ? b : a));
  const day = dayIndex(today);
  if (day >= first.due) return { action: 'return', due: dateOfIndex(first.due), reason: first.reason };
  const window = first.due - Math.max(0, p.warnDays);
  if (p.warnDays <= 0 || day < window) return null;
  const warned = dayIndex(record.poolWarnedAt);
  if (!Number.isNaN(warned) && warned >= window) return null;
  return { action: 'warn', due: dateOfIndex(first.due), daysLeft: first.due - day };
}

/** Latest follow-up time per customer ID, from the follow-ups' customerId and time columns. */
export function lastFollowUps(followUps: readonly Values[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of followUps) {
    if (f.deleted || typeof f.customerId !== 'string' || typeof f.time !== 'string') continue;
    const k = f.customerId.trim().toUpperCase();
    const prev = out.get(k);
    if (!prev || f.time > prev) out.set(k, f.time);
  }
  return out;
}

export type ClaimRefusal =
  | { code: 'pool_not_in_pool'; owner: string }
  | { code: 'pool_cooling'; until: string }
  | { code: 'pool_daily_limit'; limit: number }
  | { code: 'pool_holding_cap'; cap: number };

export interface ClaimLimits {
  claimsPerDay: number;
  holdingCap: number;
  coolingDays: number;
}

/**
 * Whether `who` may claim `record` today: it is in the pool, `who` is not its previous owner within
 * the cooling-off, and `who` is under the daily claim limit and the holding cap. Pure.
 */
export function claimRefusal(
  record: Values,
  who: { email: string; name: string },
  claimedToday: number,
  holding: number,
  limits: ClaimLimits,
  today: string,
): ClaimRefusal | null {
  if (!isPoolOwner(record.owner)) return { code: 'pool_not_in_pool', owner: String(record.owner ?? '') };
  const prev = typeof record.previousOwner === 'string' ? foldKey(record.previousOwner) : '';
  const since = dayIndex(record.poolSince);
  if (limits.coolingDays > 0 && prev && (prev === foldKey(who.email) || (who.name && prev === foldKey(who.name))) && !Number.isNaN(since)) {
    const until = since + limits.coolingDays;
    if (dayIndex(today) < until) return { code: 'pool_cooling', until: dateOfIndex(until) };
  }
  if (limits.claimsPerDay > 0 && claimedToday >= limits.claimsPerDay) return { code: 'pool_daily_limit', limit: limits.claimsPerDay };
  if (limits.holdingCap > 0 && holding >= limits.holdingCap) return { code: 'pool_holding_cap', cap: limits.holdingCap };
  return null;
}
