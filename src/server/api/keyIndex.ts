import * as z from 'zod/mini';
import { optionsArg, signature } from '../args';
import { openContext } from '../context';
import { enveloped } from '../entry';

export interface RebuildIndexResult {
  ok: true;
  /** Index columns rebuilt (table.field). */
  rebuilt: string[];
}

/**
 * rebuildIndex({ all }): rebuilds the key index from the tabs (admins). By default only the columns
 * the index no longer trusts; `all: true` rebuilds every one. Reads each key column once.
 */
export const rebuildIndex = enveloped(
  signature(['options'], z.optional(optionsArg({ all: z.optional(z.boolean()) }))),
  (o = {}): RebuildIndexResult => {
    const ctx = openContext();
    const rebuilt = ctx.store.withLock(() => ctx.store.lookups.rebuild(o.all === true ? 'all' : 'untrusted'));
    return { ok: true, rebuilt };
  },
  'admin',
);
