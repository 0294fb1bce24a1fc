import { hasFlag, STAGES } from '../../schema';
import { parseStageLog } from '../stageLog';
import type { Values } from '../validate';
import { str } from './data';
import { minuteNumber } from './dates';

/** The funnel in order; 输单 (lost) is outside it. */
export const FUNNEL: readonly string[] = STAGES.map((s) => s.value).filter((s) => !hasFlag(STAGES, s, 'lost'));
export const FUNNEL_INDEX: ReadonlyMap<string, number> = new Map(FUNNEL.map((s, i) => [s, i]));

export interface StageStats {
  /** Furthest funnel index each opportunity's history shows (0 = 线索). */
  furthest: Map<string, number>;
  /** Completed stays per stage: total days and how many. The current stay is still open. */
  stints: Map<string, { days: number; count: number }>;
}

const SNAPSHOT_KEY = '"stage":"';
/** The stage in a creation snapshot's JSON, found without parsing (snapshots may be cut short). */
function snapshotStage(json: unknown): string | null {
  if (typeof json !== 'string') return null;
  const at = json.indexOf(SNAPSHOT_KEY);
  if (at < 0) return null;
  const end = json.indexOf('"', at + SNAPSHOT_KEY.length);
  return end < 0 ? null : json.slice(at + SNAPSHOT_KEY.length, end);
}

/**
 * Stage stays of the given opportunities from the history tab: the creation snapshot (field '*',
 * whose new value is the JSON of the created record) and each 'stage' change (old → new, plain
 * text). The log is append-only, so rows come in time order and one streaming pass with one
 * "current stay" per opportunity suffices (no per-opportunity lists, no sorting).
 * `createdAt`: the opportunities wanted (ID → createdAt); other rows are skipped.
 */
function stageStats(history: readonly Values[], createdAt: ReadonlyMap<string, unknown>, into: StageStats = emptyStats()): StageStats {
  const current = new Map<string, { at: number; stage: string }>();
  const { furthest, stints } = into;
  const reach = (id: string, stage: string) => {
    const i = FUNNEL_INDEX.get(stage);
    if (i !== undefined && i > (furthest.get(id) ?? -1)) furthest.set(id, i);
  };
  for (const h of history) {
    if (h.table !== 'opportunities') continue;
    const field = h.field;
    if (field !== 'stage' && field !== '*') continue;
    const id = h.recordId;
    if (typeof id !== 'string' || !createdAt.has(id)) continue;
    const at = minuteNumber(h.time);
    if (Number.isNaN(at)) continue;
    const stay = current.get(id);
    if (field === '*') {
      const stage = snapshotStage(h.newValue);
      // A second snapshot of the same record adds nothing.
      if (stage && !stay) {
        current.set(id, { at, stage });
        reach(id, stage);
      }
      continue;
    }
    const to = typeof h.newValue === 'string' ? h.newValue : '';
    if (!to) continue;
    if (stay) {
      addStint(stints, stay.stage, Math.max(0, at - stay.at) / 1440);
      stay.at = at;
      stay.stage = to;
    } else {
      // No creation snapshot (e.g. imported rows): the first stay began at createdAt.
      const from = typeof h.oldValue === 'string' ? h.oldValue : '';
      const start = minuteNumber(createdAt.get(id));
      if (from) {
        reach(id, from);
        if (!Number.isNaN(start) && start <= at) addStint(stints, from, (at - start) / 1440);
      }
      current.set(id, { at, stage: to });
    }
    reach(id, to);
  }
  return into;
}

const emptyStats = (): StageStats => ({ furthest: new Map(), stints: new Map() });

function addStint(stints: StageStats['stints'], stage: string, days: number): void {
  const s = stints.get(stage);
  if (s) {
    s.days += days;
    s.count++;
  } else stints.set(stage, { days, count: 1 });
}

/**
 * Stage stays of the given opportunities, from each one's stage log (its own cell, see
 * core/stageLog); opportunities without a log (rows from before the log existed) fall back to the
 * change log. `history` is only read for those, so a workbook whose opportunities all have logs
 * never needs the change log here.
 */
export function opportunityStageStats(opportunities: readonly Values[], history: readonly Values[]): StageStats {
  const stats = emptyStats();
  const { furthest, stints } = stats;
  const unlogged = new Map<string, unknown>();
  for (const o of opportunities) {
    const id = str(o.id);
    const log = parseStageLog(o.stageLog);
    if (!log.length) {
      unlogged.set(id, o.createdAt);
      continue;
    }
    let top = -1;
    for (let i = 0; i < log.length; i++) {
      const at = FUNNEL_INDEX.get(log[i].stage);
      if (at !== undefined && at > top) top = at;
      if (i === 0) continue;
      const days = (minuteNumber(log[i].at) - minuteNumber(log[i - 1].at)) / 1440;
      if (Number.isFinite(days)) addStint(stints, log[i - 1].stage, Math.max(0, days));
    }
    if (top >= 0) furthest.set(id, top);
  }
  // The change log adds to the same totals, for the opportunities the loop above could not read.
  return unlogged.size ? stageStats(history, unlogged, stats) : stats;
}

/** Whether every opportunity carries its own stage log, so the change log is not needed. */
export const allStageLogged = (opportunities: readonly Values[]): boolean =>
  opportunities.every((o) => o.deleted === true || parseStageLog(o.stageLog).length > 0);
