import { tableDef, type TableKey } from '../../src/schema';
import type { Values } from '../../src/core';

/**
 * Rows cut to `fields`, as a column read returns them, watched: reading a column of the table
 * that is not in `fields` is recorded in `unlisted` (even when it would not change the output).
 */
export function cutTo(key: TableKey, rows: readonly Values[], fields: readonly string[], unlisted: Set<string>): Values[] {
  const columns = new Set(tableDef(key).columns.map((c) => c.key));
  const keep = new Set(fields);
  return rows.map((r) => {
    const cut: Values = {};
    for (const f of keep) if (f in r) cut[f] = r[f];
    return new Proxy(cut, {
      get(target, prop) {
        if (typeof prop === 'string' && columns.has(prop) && !keep.has(prop)) unlisted.add(`${key}.${prop}`);
        return Reflect.get(target, prop);
      },
    });
  });
}
