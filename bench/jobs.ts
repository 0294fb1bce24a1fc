/**
 * The three whole-table jobs only (sendReminderDigest, rebuildSummaries, runDailyJobs) at one or
 * more sizes, each on the generated workbook (rolled back after each), with the calls by method.
 *
 *   npm run build && node --max-old-space-size=10240 --import tsx bench/jobs.ts 1000 [10000 ...]
 */
import { join } from 'node:path';
import { measure, plain } from './measure';
import { rollback, snapshot } from './rollback';
import { buildWorkbook } from './workbook';

for (const arg of process.argv.slice(2)) {
  const customers = arg === 'fit' ? 20000 : Number(arg);
  const w = buildWorkbook(customers, join(__dirname, '../dist/Code.js'));
  const generated = snapshot(w.rt.workbook);
  console.log(`${customers} customers: ${(w.workbookCells / 1e6).toFixed(2)}M cells${w.overCellLimit ? ' (over the limit)' : ''}`);
  const jobs: [string, () => unknown][] = [
    ['sendReminderDigest', () => w.api.sendReminderDigest()],
    ['rebuildSummaries', () => w.api.rebuildSummaries({ timeBudgetMs: 24 * 3600 * 1000 })],
    ['runDailyJobs', () => w.api.runDailyJobs()],
  ];
  for (const [op, fn] of jobs) {
    const { stats, result } = measure(w.rt, 'crm', op, () => plain(fn()));
    rollback(w.rt.workbook, generated);
    const trips = Object.entries(stats.byMethod)
      .sort((a, b) => b[1] - a[1])
      .map(([m, n]) => `${m}:${n}`)
      .join(' ');
    console.log(
      `  ${op}: ${stats.roundTrips} trips, ${(stats.cellsRead / 1e6).toFixed(3)}M read, ${(stats.cellsWritten / 1e3).toFixed(1)}k written, ${stats.modelledS.toFixed(1)} s modelled, ${stats.cpuMs} ms CPU${stats.ok ? '' : ` FAILED ${stats.error}`}`,
    );
    console.log(`    ${trips}`);
    if (process.env.SHOW) console.log(`    ${JSON.stringify(result).slice(0, 300)}`);
  }
}
