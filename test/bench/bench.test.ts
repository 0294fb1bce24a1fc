/**
 * Smoke test of the benchmark harness at tiny sizes, in this process: every operation runs through
 * the built bundle, the SheetQuery workload runs in the same emulator, and the report, plot and
 * checks come out. Not a timed test: no figure here is a performance claim.
 */
import { CRM_OP_ORDER } from '../../bench/crmOps';
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
    expect(sq.map((o) => o.op)).toEqual(['saveRecord create', 'saveRecord update', 'getRecord', 'searchRecords',
      'importRecords commit (1000 rows)', 'importRecords update (500 rows)', 'rebuildSummaries']);
    expect(sq.filter((o) => !o.ok).map((o) => `${o.op}: ${o.error}`)).toEqual([]);
    // insertRows appends one row per call: 1,000 customers and their 1,000 change-log rows.
    expect(sq.find((o) => o.op.startsWith('importRecords commit'))?.byMethod['Sheet.appendRow']).toBe(2000);
  });

  it('keeps operations independent: every one meets the generated workbook', () => {
    const [small] = run.sizes;
    const reads = small.ops.filter((o) => o.impl === 'crm' && (o.op === 'getRecord' || o.op === 'searchRecords'));
    expect(new Set(reads.map((o) => o.cellsRead)).size).toBe(1);
  });

  it('computes the checks, the capacity figures, the report and the plot', () => {
    expect(run.checks.some((c) => c.check.startsWith('flat calls: getCustomer360'))).toBe(true);
    expect(run.checks.some((c) => c.check.startsWith('saveRecord create <= 6 round trips'))).toBe(true);
    expect(run.capacity?.scenarios[0].fit).toBeGreaterThan(1000);
    const text = markdown(run);
    expect(text).toContain('| getCustomer360 |');
    expect(text).toContain('SheetQuery');
    const svg = callsPlot(run.sizes, 'smoke');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('getCustomer360');
    expect((svg.match(/<polyline/g) ?? []).length).toBe(CRM_OP_ORDER.length - 1 + 7);
  });
});
