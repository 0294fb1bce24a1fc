/**
 * npm run bench [-- options]
 *   --sizes 1000,10000,fit,100000   customer counts ('fit': the largest under 10M cells); the default
 *   --skip-100k                     leave out sizes over the cell limit (about 4 minutes instead of ~12)
 *   --json FILE                     every measurement, the checks and the capacity figures as JSON
 *   --plot FILE                     the calls-vs-rows SVG
 *   --docs                          rewrite docs/performance-calls.svg, docs/bench-results.json and the results in docs/PERFORMANCE.md
 *   --jobs N                        worker processes at once (default 2; 0: everything in this process)
 *   --no-sheetquery                 skip the SheetQuery comparison
 *   --only REGEX                    measure only the CRM operations whose names match (to iterate on one)
 *   --from-json FILE                re-render the report (and --docs/--plot) from a saved run, measuring nothing
 * Exits 1 when a done-when check fails (the report says which and why).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callsPlot } from './plot';
import { markdown, type BenchRun } from './report';
import { DEFAULT_SIZES, runBench } from './runner';

const DOCS = join(__dirname, '..', 'docs');
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

function plotOf(run: BenchRun): string {
  return callsPlot(
    run.sizes,
    `Modelled seconds per target operation against data rows (sizes: ${run.sizes.map((s) => s.customers).join(', ')} customers)`,
  );
}

/** Replaces the generated block of docs/PERFORMANCE.md, keeping the prose around it. */
function updateDocs(run: BenchRun, text: string): void {
  writeFileSync(join(DOCS, 'performance-calls.svg'), plotOf(run));
  writeFileSync(join(DOCS, 'bench-results.json'), `${JSON.stringify(run, null, 1)}\n`);
  const file = join(DOCS, 'PERFORMANCE.md');
  const doc = readFileSync(file, 'utf8');
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file} has no ${START} ... ${END} block to fill`);
  writeFileSync(file, `${doc.slice(0, from + START.length)}\n${text}\n${doc.slice(to)}`);
}

async function main(): Promise<void> {
  let sizes = (option('sizes') ?? DEFAULT_SIZES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (flag('skip-100k')) sizes = sizes.filter((s) => s === 'fit' || Number(s) < 100_000);
  const only = option('only');
  if (only) process.env.BENCH_ONLY = only; // the worker processes inherit it
  const jobs = option('jobs') === undefined ? 2 : Number(option('jobs'));
  const saved = option('from-json');
  const run = saved
    ? (JSON.parse(readFileSync(saved, 'utf8')) as BenchRun)
    : await runBench({ sizes, jobs, sheetQuery: !flag('no-sheetquery'), log: (line) => console.error(line) });
  const text = markdown(run);
  console.log(text);
  const json = option('json');
  if (json) writeFileSync(json, `${JSON.stringify(run, null, 1)}\n`);
  const plot = option('plot');
  if (plot) writeFileSync(plot, plotOf(run));
  if (flag('docs')) updateDocs(run, text);
  const failed = run.checks.filter((c) => !c.ok);
  if (failed.length) {
    console.error(`${failed.length} done-when check(s) failed: ${failed.map((c) => c.check).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exitCode = 2;
});
