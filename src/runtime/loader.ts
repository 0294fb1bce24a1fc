/**
 * loadBundle: evaluates dist/Code.js exactly as built in a vm context whose globals are the
 * runtime's services (via gas-local). Dates/Errors the emulator hands out afterwards are created
 * in that context so `instanceof Date` inside the bundle behaves as on Apps Script.
 */
import { dirname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { createContext, runInContext } from 'node:vm';
import * as gas from 'gas-local';
import { envOf, Runtime } from './createRuntime';
import { Realm } from './emulator/env';

export type BundleContext = Record<string, (...args: unknown[]) => unknown>;

export function loadBundle(runtime: Runtime, file = 'dist/Code.js'): BundleContext {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new Error(`bundle not found: ${abs} (run npm run build)`);
  const context: Record<string, unknown> = { ...runtime.globals };
  createContext(context); // gas-local reuses an already-contextified object
  const env = envOf(runtime);
  env.realm = runInContext('({ Date: Date, Error: Error })', context) as Realm;
  installClock(
    context,
    virtualClock(() => env.nowMs),
  );
  return gas.require(dirname(abs), context, { filter: (f) => resolve(f) === abs }) as BundleContext;
}

/**
 * The runtime's clock as the bundle sees it: the emulated time (set by `now`, moved by
 * advanceClock, sleeps and lock waits) plus the real time passed since it was last moved, so time
 * still goes by inside an execution (time budgets) while a test or the dev server decides the day.
 */
function virtualClock(emulated: () => number): () => number {
  let base = emulated();
  let since = performance.now();
  return () => {
    const now = emulated();
    if (now !== base) {
      base = now;
      since = performance.now();
    }
    return base + Math.floor(performance.now() - since);
  };
}

/**
 * Replaces the context's Date so `new Date()`, `Date()` and `Date.now()` read the runtime's clock;
 * every other use is the real Date (same prototype, so instanceof and Object.prototype.toString agree).
 */
function installClock(context: Record<string, unknown>, now: () => number): void {
  const install = runInContext(
    `(function (now) {
    var Real = Date;
    function ClockDate() {
      if (!new.target) return new Real(now()).toString();
      if (arguments.length === 0) return new Real(now());
      return new (Function.prototype.bind.apply(Real, [null].concat(Array.prototype.slice.call(arguments))))();
    }
    ClockDate.prototype = Real.prototype;
    ClockDate.now = function () { return now(); };
    ClockDate.UTC = Real.UTC;
    ClockDate.parse = Real.parse;
    Object.defineProperty(ClockDate, 'name', { value: 'Date' });
    globalThis.Date = ClockDate;
  })`,
    context,
  ) as (now: () => number) => void;
  install(now);
}
