/**
 * The summary rebuild at the size issue #5 names: 100,000 customers, 500,000 follow-ups and 50,000
 * opportunities, every other table empty (the most favourable case: nothing else to read). Built
 * by the bundle's setupWorkbook(), filled straight into the model, then rebuildSummaries() through
 * the built bundle with every call counted. Prints the counts, the modelled time, the cells the
 * three tabs hold against Sheets' 10M-cell limit, and the lower bound of any rebuild that reads
 * each table once.
 *
 *   npm run build && node --max-old-space-size=12000 --import tsx bench/summaryTarget.ts [scale]
 */
import { join } from 'node:path';
import { tableDef, type TableKey } from '../src/schema';
import { createRuntime, loadBundle } from '../src/runtime';
import { generateDataset, writeDataset, type Dataset } from '../src/runtime/demo';
import { measure } from './measure';
import { CELL_LIMIT, CELL_S, modelledParts, ROUND_TRIP_S } from './model';
import { BENCH_NOW, BENCH_SEED, BENCH_USER, liftCellLimit } from './workbook';

const scale = Number(process.argv[2] ?? 1);
const target = {
  customers: Math.round(100_000 * scale),
  followUps: Math.round(500_000 * scale),
  opportunities: Math.round(50_000 * scale),
};
const KEPT: readonly TableKey[] = ['customers', 'followUps', 'opportunities', 'settings', 'products'];

function dataset(): Dataset {
  // The generator makes ~10 follow-ups and ~1.2 opportunities per customer: keep the first N of each.
  const full = generateDataset({ customers: target.customers, seed: BENCH_SEED });
  const out: Dataset = {};
  for (const key of KEPT) out[key] = full[key];
  out.followUps = (full.followUps ?? []).slice(0, target.followUps);
  out.opportunities = (full.opportunities ?? []).slice(0, target.opportunities);
  const kept = new Set(out.opportunities.map((o) => String(o.id)));
  // A follow-up about a dropped opportunity keeps its customer, loses the link (no dangling keys).
  for (const f of out.followUps) if (f.opportunityId && !kept.has(String(f.opportunityId))) f.opportunityId = null;
  return out;
}

const rt = createRuntime({ locale: 'zh_CN', timeZone: 'Asia/Shanghai', now: BENCH_NOW, user: BENCH_USER, owner: BENCH_USER });
const api = loadBundle(rt, join(__dirname, '../dist/Code.js'));
api.setupWorkbook();
const data = dataset();
const report = writeDataset(rt.workbook, data, 'zh');
liftCellLimit(rt.workbook);
const sizes = Object.fromEntries(Object.entries(report.rows).filter(([, n]) => (n ?? 0) > 0));
console.log(`rows written: ${JSON.stringify(sizes)}`);

// The cells the three tables need as data (header + rows x their columns), however the tabs are laid out.
let dataCells = 0;
for (const key of ['customers', 'followUps', 'opportunities'] as const) {
  const n = (data[key] ?? []).length + 1;
  dataCells += n * tableDef(key).columns.length;
}
console.log(
  `the three tables as data: ${(dataCells / 1e6).toFixed(2)}M cells (Sheets' limit ${CELL_LIMIT / 1e6}M); workbook grid as set up: ${(rt.workbook.cellCount / 1e6).toFixed(2)}M cells`,
);

const { stats } = measure(rt, 'crm', 'rebuildSummaries', () => api.rebuildSummaries({ timeBudgetMs: 24 * 3600 * 1000 }));
const parts = modelledParts(stats);
console.log(
  `rebuildSummaries: ${stats.calls} calls, ${stats.roundTrips} round trips, ${(stats.cellsRead / 1e6).toFixed(2)}M cells read, ${(stats.cellsWritten / 1e3).toFixed(0)}k written, ${stats.cpuMs} ms Node CPU${stats.ok ? '' : `, FAILED: ${stats.error}`}`,
);
console.log(
  `modelled: ${stats.modelledS.toFixed(1)} s = ${parts.tripsS.toFixed(1)} s round trips (${ROUND_TRIP_S} s each) + ${parts.cellsS.toFixed(1)} s cells (${CELL_S * 1e6} us each)`,
);
console.log(`lower bound for any rebuild that reads the three tables once: ${(dataCells * CELL_S).toFixed(1)} s of cells alone`);
