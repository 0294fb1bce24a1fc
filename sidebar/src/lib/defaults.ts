import type { DataTableKey } from '../../../src/schema';
import type { Values } from '../../../src/core';
import { nowIn } from './time';

/** What a new record starts with, beyond the caller's preset: the usual choice of each required enum. */
export function newRecordDefaults(table: DataTableKey, timeZone: string): Values {
  switch (table) {
    case 'opportunities': return { stage: '线索' };
    case 'followUps': return { time: nowIn(timeZone), method: '电话' };
    case 'tickets': return { type: '咨询', openedAt: nowIn(timeZone) };
    case 'contracts': return { signDate: nowIn(timeZone).slice(0, 10) };
    default: return {};
  }
}
