import { startingValue, tableDef, type DataTableKey } from '../../../src/schema';
import type { Values } from '../../../src/core';
import { nowIn } from './time';

/** What a new record's form starts with, beyond the caller's preset: each field's `suggested` value from the schema. */
export function newRecordDefaults(table: DataTableKey, timeZone: string): Values {
  const now = nowIn(timeZone);
  const out: Values = {};
  for (const c of tableDef(table).columns) if (c.suggested) out[c.key] = startingValue(c.suggested, c.options, now);
  return out;
}
