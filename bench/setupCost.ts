/** setupWorkbook on a new and on a filled workbook of N customers: `node --import tsx bench/setupCost.ts 1000` (after npm run build). */
import { buildWorkbook } from './workbook';
import { measure } from './measure';
import { join } from 'node:path';
const size = Number(process.argv[2] ?? 1000);
const bundle = join(__dirname, '../dist/Code.js');
const w = buildWorkbook(size, bundle);
const f = w.freshSetup;
const top = (m: Record<string, number>) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 80)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
console.log('NEW', f.calls, f.roundTrips, f.cellsRead, f.cellsWritten, f.modelledS);
console.log('  ', top(f.byMethod));
console.log('setupCells', w.setupCells, 'workbookCells', w.workbookCells);
const again = measure(w.rt, 'crm', 'again', () => w.api.setupWorkbook()).stats;
console.log('FILLED', again.calls, again.roundTrips, again.cellsRead, again.cellsWritten, again.modelledS, again.error ?? '');
console.log('  ', top(again.byMethod));
const again2 = measure(w.rt, 'crm', 'again2', () => w.api.setupWorkbook()).stats;
console.log('FILLED2', again2.calls, again2.roundTrips, again2.cellsRead, again2.cellsWritten, again2.modelledS, again2.error ?? '');
console.log('cells now', w.rt.workbook.cellCount);
for (const t of w.tabs) console.log(' ', t.table, t.rows, t.setupRows, t.maxRows, t.maxColumns, t.usedColumns);
for (const s of w.rt.workbook.sheets) console.log('  sheet', s.name, s.maxRows, s.maxColumns);
