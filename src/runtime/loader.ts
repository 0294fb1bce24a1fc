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
  envOf(runtime).realm = runInContext('({ Date: Date, Error: Error })', context) as Realm;
  return gas.require(dirname(abs), context, { filter: (f) => resolve(f) === abs }) as BundleContext;
}
