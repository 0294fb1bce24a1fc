/** Markdown tables of a bench run: console output and the generated part of docs/PERFORMANCE.md. */
import type { CapacityReport } from './capacity';
import { TARGETS, type CheckResult } from './checks';
import type { OpResult } from './measure';
import { CELL_LIMIT, CELL_S, EXECUTION_LIMIT_S, ROUND_TRIP_S } from './model';
import type { SizeResult } from './suite';

export interface BenchRun {
  generatedAt: string;
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number };
  constants: { roundTripS: number; cellS: number; cellLimit: number; seed: number };
  sizes: SizeResult[];
  capacity: CapacityReport | null;
  checks: CheckResult[];
  wallS: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const cells = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : int(n));
const secs = (s: number) => (s >= 100 ? int(s) : s >= 10 ? s.toFixed(1) : s.toFixed(2));
const size = (s: SizeResult) => `${int(s.customers)}${s.overCellLimit ? ' †' : ''}`;
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

function opNames(run: BenchRun, impl: OpResult['impl']): string[] {
  return [
    ...new Set(
      run.sizes
        .flatMap((s) => [s.freshSetup, ...s.ops])
        .filter((o) => o.impl === impl)
        .map((o) => o.op),
    ),
  ];
}
const find = (s: SizeResult, impl: OpResult['impl'], op: string) => [s.freshSetup, ...s.ops].find((o) => o.impl === impl && o.op === op);
const mark = (o: OpResult) => (o.ok ? '' : ' ✗');

export function sizesTable(run: BenchRun): string {
  return table(
    ['customers', 'data rows', 'grid cells', 'vs 10M limit', 'generate + write', 'heap after the operations'],
    run.sizes.map((s) => [
      size(s),
      int(s.totalRows),
      cells(s.workbookCells),
      `${((s.workbookCells / CELL_LIMIT) * 100).toFixed(0)}%${s.limitLifted ? ' (guard lifted)' : ''}`,
      `${((s.generateMs + s.writeMs) / 1000).toFixed(1)} s`,
      `${(s.heapMb / 1000).toFixed(1)} GB`,
    ]),
  );
}

/** Target ops x sizes: modelled seconds against the target (✓/✗), round trips and cells. */
export function targetsTable(run: BenchRun): string {
  const sizes = run.sizes.filter((s) => !s.overCellLimit);
  return table(
    ['operation', 'target', ...sizes.map((s) => `${size(s)}: s (trips, cells)`)],
    TARGETS.map((t) => [
      t.op,
      t.seconds === null ? 'none' : `≤ ${t.seconds} s`,
      ...sizes.map((s) => {
        const o = find(s, 'crm', t.op);
        if (!o) return '–';
        const mark = t.seconds === null ? (o.ok ? '' : ' ✗') : o.ok && o.modelledS <= t.seconds ? ' ✓' : ' ✗';
        return `${secs(o.modelledS)}${mark} (${o.roundTrips}, ${cells(o.cellsRead + o.cellsWritten)})`;
      }),
    ]),
  );
}

/** Ops x sizes: round trips and modelled seconds (every measured operation, targets or not). */
export function headlineTable(run: BenchRun): string {
  return table(
    ['operation', ...run.sizes.map((s) => `${size(s)}: trips / s`)],
    opNames(run, 'crm').map((op) => [
      op,
      ...run.sizes.map((s) => {
        const o = find(s, 'crm', op);
        return o ? `${o.roundTrips} / ${secs(o.modelledS)}${mark(o)}` : '–';
      }),
    ]),
  );
}

export function detailTable(s: SizeResult): string {
  const ops = [s.freshSetup, ...s.ops, ...(s.atLimit ? [s.atLimit] : [])];
  return table(
    ['impl', 'operation', 'calls', 'round trips', 'cells read', 'cells written', 'Node CPU ms', 'modelled s', 'note'],
    ops.map((o) => [
      o.impl,
      o.op,
      int(o.calls),
      int(o.roundTrips),
      cells(o.cellsRead),
      cells(o.cellsWritten),
      int(o.cpuMs),
      secs(o.modelledS) + (o.modelledS > EXECUTION_LIMIT_S ? ' ⚠' : ''),
      o.ok ? (o.note ?? '') : `✗ ${o.error ?? ''}`.slice(0, 120).replace(/\|/g, '/'),
    ]),
  );
}

/** '77x fewer' when ours is smaller, '1.4x more' when it is not. */
function ratio(ours: number, theirs: number): string {
  if (ours === theirs) return 'same';
  return ours < theirs ? `${(theirs / Math.max(1, ours)).toFixed(1)}x fewer` : `${(ours / Math.max(1, theirs)).toFixed(1)}x more`;
}

/** SheetQuery's steps are named as the CRM's were before saves were measured per table. */
const CRM_COUNTERPART: Record<string, string> = {
  'saveRecord create': 'saveRecord create customers',
  'saveRecord update': 'saveRecord update customers',
};

export function comparisonTable(run: BenchRun): string {
  const rows: string[][] = [];
  for (const op of opNames(run, 'sheetquery')) {
    for (const s of run.sizes) {
      const ours = find(s, 'crm', CRM_COUNTERPART[op] ?? op);
      const theirs = find(s, 'sheetquery', op);
      if (!ours || !theirs) continue;
      rows.push([
        op,
        size(s),
        `${int(ours.calls)} / ${int(ours.roundTrips)} / ${secs(ours.modelledS)}${mark(ours)}`,
        `${int(theirs.calls)} / ${int(theirs.roundTrips)} / ${secs(theirs.modelledS)}${mark(theirs)}`,
        ratio(ours.calls, theirs.calls),
        ratio(ours.roundTrips, theirs.roundTrips),
      ]);
    }
  }
  return table(['step', 'customers', 'sheets-crm calls / trips / s', 'SheetQuery calls / trips / s', 'our calls', 'our round trips'], rows);
}

export function capacityTable(c: CapacityReport): string {
  return table(
    ['layout', 'cells per customer', 'customers in 10M cells', 'customers before the 80% warning'],
    c.scenarios.map((s) => [s.name, int(s.cellsPerCustomer), int(s.fit), int(s.fitAtWarning)]),
  );
}

/** The operations that cost most at the largest size under the limit: what a full workbook feels like. */
export function heaviestTable(s: SizeResult, count = 6): string {
  const ops = [...s.ops]
    .filter((o) => o.impl === 'crm')
    .sort((a, b) => b.modelledS - a.modelledS)
    .slice(0, count);
  return table(
    ['operation', 'round trips', 'cells moved', 'modelled s', 'share of the 6-minute limit'],
    ops.map((o) => [
      o.op,
      int(o.roundTrips),
      cells(o.cellsRead + o.cellsWritten),
      secs(o.modelledS),
      `${Math.round((o.modelledS / EXECUTION_LIMIT_S) * 100)}%`,
    ]),
  );
}

export function checksList(checks: readonly CheckResult[]): string {
  const failed = checks.filter((c) => !c.ok);
  const lines = [`${checks.length - failed.length} of ${checks.length} checks pass.`, ''];
  for (const c of failed) lines.push(`- ✗ ${c.check}: ${c.detail}`);
  for (const c of checks.filter((x) => x.ok && x.check.includes('customers fit'))) lines.push(`- ✓ ${c.check}: ${c.detail}`);
  return lines.join('\n');
}

export function markdown(run: BenchRun): string {
  const parts = [
    `Generated ${run.generatedAt} by \`npm run bench\` in ${Math.round(run.wallS)} s on ${run.machine.cpus} × ${run.machine.cpuModel}, Node ${run.machine.node}.`,
    `Modelled time = round trips × ${ROUND_TRIP_S} s + (cells read + written) × ${CELL_S * 1e6} µs. † over Sheets' 10M-cell limit: measured with the emulator's growth guard lifted. ✗ the call failed. ⚠ over the 6-minute execution limit.`,
    '',
    '### Workbooks',
    '',
    sizesTable(run),
    '',
    "### The issue's targets: modelled seconds per operation (round trips, cells moved)",
    '',
    targetsTable(run),
    '',
    '### Round trips and modelled Apps Script seconds per operation',
    '',
    headlineTable(run),
    '',
    '### sheets-crm and SheetQuery, the same workload',
    '',
    comparisonTable(run),
    '',
  ];
  if (run.capacity) {
    const c = run.capacity;
    parts.push(
      '### Capacity (10M cells)',
      '',
      `Proportions measured at ${int(c.measuredAt)} customers: ${c.rowsPerCustomer.toFixed(1)} data rows per customer; ${cells(c.fixedCells)} cells before the first customer.`,
      '',
      capacityTable(c),
      '',
    );
    const basis = run.sizes.find((s) => s.customers === c.measuredAt);
    if (basis)
      parts.push(
        `The heaviest operations at ${int(basis.customers)} customers (${cells(basis.workbookCells)} cells, ${((basis.workbookCells / CELL_LIMIT) * 100).toFixed(0)}% of the limit):`,
        '',
        heaviestTable(basis),
        '',
      );
  }
  parts.push("### Checks (the issue's targets, the growth rule, the fit)", '', checksList(run.checks), '', '### Every measurement', '');
  for (const s of run.sizes) parts.push(`#### ${int(s.customers)} customers`, '', detailTable(s), '');
  return parts.join('\n');
}
