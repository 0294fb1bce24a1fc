/**
 * Smoke test of the benchmark harness at tiny sizes, in this process: every operation runs through
 * the built bundle, the SheetQuery workload runs in the same emulator, and the report, plot and
 * checks come out. Not a timed test: no figure here is a performance claim.
 */
import { targetCheck, TARGETS } from '../../bench/checks';
import { AFTER_REPAIR_OP, COLD_DISTRUSTED_OP, CRM_OP_ORDER, SAVE_OPS } from '../../bench/crmOps';
import { DATA_TABLE_KEYS } from '../../src/schema';
import { callsPlot } from '../../bench/plot';
import { markdown, type BenchRun } from '../../bench/report';
import { runBench } from '../../bench/runner';

let run: BenchRun;

beforeAll(async () => {
  run = await runBench({ sizes: ['40', '80'], jobs: 0, sheetQuery: true });
}, 120_000);

describe('npm run bench (tiny sizes, in-process)', () => {
  it('measures every CRM operation at every size, each through the bundle without failing', () => {
    expect(run.sizes.map((s) => s.customers)).toEqual([40, 80]);
    for (const s of run.sizes) {
      const crm = [s.freshSetup, ...s.ops].filter((o) => o.impl === 'crm');
      // The 500-row bulk update is named for its target size; tiny workbooks have fewer customers.
      expect(crm.map((o) => o.op)).toEqual(CRM_OP_ORDER);
      // A create and an update on every data table.
      expect(SAVE_OPS).toHaveLength(2 * DATA_TABLE_KEYS.length);
      expect(crm.filter((o) => o.op.startsWith('saveRecord ')).map((o) => o.op)).toEqual(SAVE_OPS);
      expect(crm.filter((o) => !o.ok).map((o) => `${o.op}: ${o.error}`)).toEqual([]);
      for (const o of crm) {
        expect(o.calls).toBeGreaterThanOrEqual(o.roundTrips);
        expect(o.modelledS).toBeGreaterThan(0);
      }
      expect(s.overCellLimit).toBe(false);
    }
  });

  it('runs the same workload through SheetQuery in the same emulator', () => {
    const sq = run.sizes[1].ops.filter((o) => o.impl === 'sheetquery');
    expect(sq.map((o) => o.op)).toEqual([
      'saveRecord create',
      'saveRecord update',
      'searchRecords',
      'getRecord',
      'importRecords commit (1000 rows)',
      'importRecords update (500 rows)',
      'rebuildSummaries',
    ]);
    expect(sq.filter((o) => !o.ok).map((o) => `${o.op}: ${o.error}`)).toEqual([]);
    // insertRows appends one row per call: 1,000 customers and their 1,000 change-log rows.
    expect(sq.find((o) => o.op.startsWith('importRecords commit'))?.byMethod['Sheet.appendRow']).toBe(2000);
  });

  it('keeps operations independent: every one meets the generated workbook with its index', () => {
    for (const s of run.sizes) {
      const op = (name: string) => s.ops.find((o) => o.impl === 'crm' && o.op === name);
      // The warm 360 view runs after the setup re-run; the cold one after rows were added behind the index.
      const warm = op('getCustomer360 (warm)');
      const cold = op('getCustomer360 (cold)');
      expect(warm && cold).toBeTruthy();
      expect(cold?.roundTrips).toBeGreaterThan(warm?.roundTrips ?? 0);
      expect(cold?.note).toMatch(/added behind the index/);
      // Rows added below the index are read alone; a distrusted index reads the key columns whole.
      const distrusted = op(COLD_DISTRUSTED_OP);
      expect(distrusted?.note).toMatch(/index columns distrusted/);
      expect(distrusted?.cellsRead).toBeGreaterThan(cold?.cellsRead ?? 0);
      // That view repaired the columns (one batched write): the view after it reads by key.
      expect(distrusted?.byMethod['Sheets.Spreadsheets.Values.batchUpdate']).toBe(1);
      const after = op(AFTER_REPAIR_OP);
      expect(after?.ok).toBe(true);
      expect(after?.roundTrips).toBe(warm?.roundTrips);
      expect(after?.cellsWritten).toBe(0);
      expect(after?.cellsRead).toBeLessThan(distrusted?.cellsRead ?? 0);
      // Every save on the index-trusted workbook: no table read whole (a handful of round trips).
      for (const name of SAVE_OPS) expect(op(name)?.roundTrips).toBeLessThanOrEqual(10);
    }
  });

  it('computes the checks, the capacity figures, the report and the plot', () => {
    // One check per target and size, one growth check per interactive target, the fit (an estimate here).
    for (const s of run.sizes) for (const t of TARGETS) expect(run.checks.some((c) => c.check === targetCheck(t, s.customers))).toBe(true);
    expect(run.checks.filter((c) => c.check.includes(' x 40 + ')).length).toBe(TARGETS.filter((t) => t.interactive).length);
    expect(run.checks.some((c) => c.check.startsWith('at least 20,000 customers fit in 10M cells'))).toBe(true);
    expect(run.checks.filter((c) => c.check.endsWith(' ran (40)') || c.check.endsWith(' ran (80)'))).toEqual([]);
    expect(run.capacity?.scenarios[0].fit).toBeGreaterThan(1000);
    const text = markdown(run);
    expect(text).toContain('| getCustomer360 (warm) | ≤ 2.5 s |');
    expect(text).toContain('SheetQuery');
    const svg = callsPlot(run.sizes, 'smoke');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('getCustomer360 (cold)');
    // One panel per target (the saves folded into two), a line for us in each, SheetQuery's where it ran the step.
    const panels = TARGETS.filter((t) => !t.op.startsWith('saveRecord ')).length + 2;
    expect((svg.match(/<polyline/g) ?? []).length).toBe(panels + 6);
  });
});
