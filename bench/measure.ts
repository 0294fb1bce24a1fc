/** One measured call: service counts from the emulator, Node CPU and wall time, the modelled time. */
import type { Runtime } from '../src/runtime';
import { modelledSeconds, type ServiceCounts } from './model';

export interface OpResult extends ServiceCounts {
  /** Operation name, e.g. 'saveRecord create'. */
  op: string;
  /** 'crm' (this project's bundle) or 'sheetquery' (the same workload through SheetQuery). */
  impl: 'crm' | 'sheetquery';
  byMethod: Record<string, number>;
  /** process.cpuUsage() user + system around the call, in ms (the emulator's work included). */
  cpuMs: number;
  wallMs: number;
  modelledS: number;
  ok: boolean;
  /** Why the call failed or answered { ok: false }. */
  error?: string;
  /** A short description of what the call returned (counts, ids), for the report. */
  note?: string;
}

export interface Measured<T> {
  result: T | undefined;
  stats: OpResult;
}

/** What a step may say about its own result: ok unless told otherwise, plus a note. */
export interface Verdict {
  ok: boolean;
  note?: string;
  error?: string;
}

/**
 * Runs `fn` once with the runtime's counters reset. Throws are caught and reported (a failing
 * operation is a finding, not a crash of the whole bench); `judge` turns the result into a verdict.
 */
export function measure<T>(
  rt: Runtime,
  impl: OpResult['impl'],
  op: string,
  fn: () => T,
  judge: (result: T) => Verdict = () => ({ ok: true }),
): Measured<T> {
  rt.resetStats();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let result: T | undefined;
  let verdict: Verdict;
  try {
    result = fn();
    verdict = judge(result);
  } catch (e) {
    verdict = { ok: false, error: String(e instanceof Error ? e.message : e).slice(0, 300) };
  }
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  const s = rt.stats();
  const stats: OpResult = {
    op,
    impl,
    calls: s.calls,
    roundTrips: s.roundTrips,
    cellsRead: s.cellsRead,
    cellsWritten: s.cellsWritten,
    byMethod: s.byMethod,
    cpuMs: Math.round((used.user + used.system) / 1000),
    wallMs: Math.round(wallMs),
    modelledS: modelledSeconds(s),
    ...verdict,
  };
  return { result, stats };
}

/** A JSON copy, as google.script.run hands results to the sidebar (and so results survive it). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
