import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, loadBundle, type Runtime, type RuntimeOptions } from '../../src/runtime';
import { tableDef, type TableKey } from '../../src/schema';
import { consecutiveRuns } from '../../src/store/layout';
import type { EntryName } from '../../src/server/entryNames';

/** dist/Code.js exactly as built: integration tests never load the TypeScript sources. */
export const BUNDLE = join(__dirname, '../../dist/Code.js');

export type Entry = (...args: unknown[]) => unknown;
export interface Crm {
  rt: Runtime;
  /** An entry point by its export-list name (a rename that misses a test fails to compile). */
  call<T = unknown>(name: EntryName, ...args: unknown[]): T;
  /** The same, the result as returned (a web app's HtmlOutput is no JSON). */
  raw?<T = unknown>(name: EntryName, ...args: unknown[]): T;
}

/** A fresh emulated spreadsheet with the built bundle loaded into it. */
export function loadCrm(options: RuntimeOptions = {}): Crm {
  if (!existsSync(BUNDLE)) throw new Error('dist/Code.js is missing: run `npm run build` (npm test does it first)');
  const rt = createRuntime({ locale: 'zh_CN', timeZone: 'Asia/Shanghai', ...options });
  const api = loadBundle(rt, BUNDLE);
  return {
    rt,
    call<T>(name: string, ...args: unknown[]): T {
      const fn = api[name];
      if (typeof fn !== 'function') throw new Error(`dist/Code.js has no top-level function ${name}`);
      // A JSON round trip is what google.script.run does to results: they must survive it.
      return JSON.parse(JSON.stringify(fn(...args) ?? null)) as T;
    },
    raw<T>(name: string, ...args: unknown[]): T {
      const fn = api[name];
      if (typeof fn !== 'function') throw new Error(`dist/Code.js has no top-level function ${name}`);
      return fn(...args) as T;
    },
  };
}

/** Service calls and round trips made by `fn`. */
export function measure<T>(
  crm: Crm,
  fn: () => T,
): { result: T; calls: number; roundTrips: number; cellsRead: number; cellsWritten: number; byMethod: Record<string, number> } {
  crm.rt.resetStats();
  const result = fn();
  const s = crm.rt.stats();
  return { result, calls: s.calls, roundTrips: s.roundTrips, cellsRead: s.cellsRead, cellsWritten: s.cellsWritten, byMethod: s.byMethod };
}

/**
 * The most getValues the column reads of `fields` make on tabs laid out as setupWorkbook lays them
 * out: per table one header read and one per run of adjacent needed columns (id and deleted
 * included). Small tabs make fewer (runs are joined across a gap whose cells cost less than a round
 * trip), so round trips no longer grow with rows and are at most this.
 */
export function columnReadBound(fields: Partial<Record<TableKey, readonly string[]>>): number {
  let n = 0;
  for (const [key, list] of Object.entries(fields) as [TableKey, readonly string[]][]) {
    const order = tableDef(key).columns.map((c) => c.key);
    const at = [...new Set(['id', 'deleted', ...list])].map((f) => order.indexOf(f)).filter((i) => i >= 0);
    n += 1 + consecutiveRuns(at).length;
  }
  return n;
}
