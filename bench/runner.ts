/**
 * Runs the whole bench: works out the largest size that fits in 10M cells, runs every size (in
 * worker processes, two at a time by default, the 100k size split in two), then the checks and the
 * capacity figures. run.ts is the command line around it; the smoke test calls it in-process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { capacityReport, roundDown } from './capacity';
import { tableDef } from '../src/schema';
import { IMPORT_ROWS } from './crmOps';
import { runChecks } from './checks';
import { CELL_LIMIT, CELL_S, ROUND_TRIP_S } from './model';
import type { BenchRun } from './report';
import { buildSheetQueryScript } from './sheetquery/run';
import { ALL_PARTS, mergeParts, runSize, type Part, type SizeResult } from './suite';
import { BENCH_SEED, buildWorkbook } from './workbook';

export const BUNDLE = join(__dirname, '..', 'dist', 'Code.js');
/** 'fit' stands for the largest size whose workbook stays under 10M cells. */
export const DEFAULT_SIZES = ['1000', '10000', 'fit', '100000'];
/** Sizes from here up are split over two processes (reads | writes + SheetQuery). */
const SPLIT_FROM = 50_000;
/** The 100k workbook alone holds ~3.6 GB; a 360 view or summary rebuild adds ~3 GB while it runs. */
const WORKER_HEAP_MB = 10240;

export interface BenchOptions {
  sizes: readonly string[];
  /** Processes at once (default 2); 0 runs everything in this process. */
  jobs: number;
  sheetQuery: boolean;
  log?: (line: string) => void;
}

/**
 * Room the measured writes need at the largest size: the 1,000-row import grows the customers tab
 * (its columns) and the change log (one row per record), each by its rows and the spare rows a grown
 * tab gets; twice that for margin. Sheets refuses any growth past 10M cells.
 */
const WRITE_HEADROOM_CELLS = 2 * (IMPORT_ROWS + 100) * (tableDef('customers').columns.length + tableDef('history').columns.length);

/**
 * The largest size (in hundreds) whose workbook fits in 10M cells with room for the measured
 * writes: estimated from a small generated workbook, then corrected from the cells a workbook of the
 * estimated size really has (the generator's proportions drift a little with size).
 */
export function fitSize(bundlePath = BUNDLE, sample = 2000): number {
  const small = buildWorkbook(sample, bundlePath);
  const estimate = capacityReport(sample, small.tabs, small.setupCells).scenarios[0];
  let n = roundDown(estimate.fit - WRITE_HEADROOM_CELLS / estimate.cellsPerCustomer);
  let good = 0;
  const tooBig = new Set<number>();
  for (let pass = 0; pass < 6 && n > 0 && n !== good && !tooBig.has(n); pass++) {
    const w = buildWorkbook(n, bundlePath);
    // A workbook whose daily job no longer fits has no room for the measured writes either: step
    // down and try again.
    if (!w.dailyJobFits) {
      tooBig.add(n);
      n -= 200;
      continue;
    }
    // The workbook as the measured operations meet it: after the index build and last night's
    // daily job (index, agenda, lists and summary tabs), not just the generated rows.
    const spare = CELL_LIMIT - w.rt.workbook.cellCount - WRITE_HEADROOM_CELLS;
    const perCustomer = capacityReport(n, w.tabs, w.setupCells).scenarios[0].cellsPerCustomer;
    if (spare >= 0) good = Math.max(good, n);
    else tooBig.add(n);
    const next = roundDown(n + Math.floor(spare / perCustomer));
    n = spare < 0 && next >= n ? n - 100 : next;
  }
  return good;
}

interface Job {
  customers: number;
  parts: Part[];
}

function jobsFor(sizes: readonly number[], sheetQuery: boolean): Job[] {
  const all = ALL_PARTS.filter((p) => sheetQuery || p !== 'sheetquery');
  const jobs = sizes.flatMap((customers): Job[] =>
    customers >= SPLIT_FROM
      ? [
          { customers, parts: ['reads'] },
          { customers, parts: all.filter((p) => p !== 'reads') },
        ]
      : [{ customers, parts: [...all] }],
  );
  return jobs.sort((a, b) => b.customers - a.customers); // longest first
}

function spawnJob(job: Job, sq: string, dir: string): Promise<SizeResult> {
  const out = join(dir, `${job.customers}-${job.parts.join('+')}.json`);
  const args = [
    `--max-old-space-size=${WORKER_HEAP_MB}`,
    '--import',
    'tsx',
    join(__dirname, 'worker.ts'),
    '--size',
    String(job.customers),
    '--bundle',
    BUNDLE,
    '--sq',
    sq,
    '--parts',
    job.parts.join(','),
    '--out',
    out,
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`bench worker for ${job.customers} (${job.parts.join(', ')}) failed: ${stderr || err.message}`));
      else resolve(JSON.parse(readFileSync(out, 'utf8')) as SizeResult);
    });
  });
}

async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, lane));
  return results;
}

export async function runBench(o: BenchOptions): Promise<BenchRun> {
  const log = o.log ?? (() => undefined);
  const started = Date.now();
  const fit = o.sizes.includes('fit') ? fitSize() : 0;
  if (fit) log(`largest size under ${CELL_LIMIT.toLocaleString('en-US')} cells: ${fit} customers`);
  const sizes = [...new Set(o.sizes.map((s) => (s === 'fit' ? fit : Number(s))))]
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
  const sq = o.sheetQuery ? await buildSheetQueryScript() : '';
  const jobs = jobsFor(sizes, o.sheetQuery);
  const dir = mkdtempSync(join(tmpdir(), 'sheets-crm-bench-'));
  const failures: string[] = [];
  let parts: { job: Job; result: SizeResult | null }[];
  try {
    parts = await pool(jobs, o.jobs || 1, async (job) => {
      const what = `${job.customers} customers (${job.parts.join(', ')})`;
      log(`running ${what}...`);
      try {
        const result =
          o.jobs > 0
            ? await spawnJob(job, sq, dir)
            : runSize({ customers: job.customers, bundlePath: BUNDLE, sheetQueryScript: sq || null, parts: job.parts });
        log(`done ${what} after ${Math.round((Date.now() - started) / 1000)} s`);
        return { job, result };
      } catch (e) {
        // One failing size must not throw away the others' minutes of measurements.
        failures.push(`${what}: ${String(e instanceof Error ? e.message : e).slice(0, 2000)}`);
        log(`FAILED ${what}`);
        return { job, result: null };
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const results = sizes.flatMap((n) => {
    const done = parts
      .filter((p) => p.job.customers === n)
      .map((p) => p.result)
      .filter((r): r is SizeResult => r !== null);
    return done.length ? [mergeParts(done)] : [];
  });
  const under = results.filter((r) => !r.overCellLimit);
  const basis = under.find((r) => r.customers === fit) ?? under[under.length - 1];
  const cpu = cpus();
  const capacity = basis ? capacityReport(basis.customers, basis.tabs, basis.setupCells) : null;
  return {
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
    },
    constants: { roundTripS: ROUND_TRIP_S, cellS: CELL_S, cellLimit: CELL_LIMIT, seed: BENCH_SEED },
    sizes: results,
    capacity,
    checks: [
      ...runChecks(results, fit, capacity?.scenarios[0].fit ?? 0),
      ...failures.map((f) => ({ check: 'bench worker finished', ok: false, detail: f })),
    ],
    wallS: (Date.now() - started) / 1000,
  };
}
