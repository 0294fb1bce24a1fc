/**
 * The issue's done-when checks, computed from the results (and written into the JSON), so a
 * regression shows up as a failed check rather than a number someone has to notice.
 */
import { CUSTOMER_CHILD_TABLES } from '../src/schema';
import type { OpResult } from './measure';

export interface SizeOps {
  customers: number;
  ops: OpResult[];
}

export interface CheckResult {
  check: string;
  ok: boolean;
  detail: string;
}

/** Calls at the largest size may exceed those at the smallest by at most this factor. */
export const FLATNESS_FACTOR = 1.15;
export const SAVE_ROUND_TRIPS = 6;

/** Value reads: each reads one range (getValues and friends). */
const VALUE_READS = ['Range.getValues', 'Range.getValue', 'Range.getDisplayValues', 'Range.getDisplayValue', 'Sheet.getSheetValues'];
const reads = (r: OpResult) => VALUE_READS.reduce((n, m) => n + (r.byMethod[m] ?? 0), 0);

/** Tables each read touches: settings (every execution reads it once) plus its own. */
const TABLES_TOUCHED: Record<string, number> = {
  searchRecords: 2,
  // settings, the customer, each child table, the change log
  getCustomer360: 2 + CUSTOMER_CHILD_TABLES.length + 1,
};

export function runChecks(sizes: readonly SizeOps[]): CheckResult[] {
  const out: CheckResult[] = [];
  if (sizes.length >= 2) {
    const small = sizes[0];
    const large = sizes[sizes.length - 1];
    for (const r of large.ops.filter((o) => o.impl === 'crm')) {
      const base = small.ops.find((o) => o.impl === 'crm' && o.op === r.op);
      if (!base) continue;
      const ok = r.calls <= base.calls * FLATNESS_FACTOR;
      out.push({ check: `flat calls: ${r.op}`, ok, detail: `${r.calls} calls at ${large.customers} customers vs ${base.calls} at ${small.customers} (limit x${FLATNESS_FACTOR})` });
    }
  }
  for (const s of sizes) {
    for (const r of s.ops.filter((o) => o.impl === 'crm' && o.op.startsWith('saveRecord'))) {
      out.push({ check: `${r.op} <= ${SAVE_ROUND_TRIPS} round trips (${s.customers})`, ok: r.ok && r.roundTrips <= SAVE_ROUND_TRIPS, detail: `${r.roundTrips} round trips${r.ok ? '' : `, failed: ${r.error}`}` });
    }
    for (const [op, tables] of Object.entries(TABLES_TOUCHED)) {
      const r = s.ops.find((o) => o.impl === 'crm' && o.op === op);
      if (!r) continue;
      const opened = r.byMethod['Spreadsheet.getSheetByName'] ?? 0;
      const n = reads(r);
      out.push({
        check: `${op}: one read per table (${s.customers})`, ok: r.ok && n <= tables && n <= opened,
        detail: `${n} value reads, ${opened} tabs opened, ${tables} tables touched`,
      });
    }
    for (const r of s.ops.filter((o) => !o.ok)) out.push({ check: `${r.impl} ${r.op} ran (${s.customers})`, ok: false, detail: r.error ?? 'failed' });
  }
  return out;
}
