import { CrmError } from '../../core';
import { optionalObject, onlyKeys, userLang } from '../args';
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
export const rebuildIndex = enveloped((options?: unknown): RebuildIndexResult => {
  const lang = userLang();
  const o = optionalObject(options, 'options', lang);
  onlyKeys(o, ['all'], 'options', lang);
  if (o.all !== undefined && typeof o.all !== 'boolean') throw CrmError.of('bad_argument', lang, { detail: 'options.all must be true or false' });
  const ctx = openContext();
  const rebuilt = ctx.store.withLock(() => ctx.store.lookups.rebuild(o.all === true ? 'all' : 'untrusted'));
  return { ok: true, rebuilt };
}, 'admin');
