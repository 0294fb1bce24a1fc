/**
 * Runs the SheetQuery workload (workload.ts, bundled with esbuild) in a second emulated runtime over
 * the same workbook, so its calls are counted by the same emulator with the same rules as the CRM's.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tableDef, type TableKey } from '../../src/schema';
import { createRuntime, loadBundle } from '../../src/runtime';
import { IMPORT_ROWS } from '../crmOps';
import { measure, plain, type OpResult } from '../measure';
import { rollback, snapshot } from '../rollback';
import { BENCH_NOW, BENCH_USER, BULK_UPDATE_ROWS, type BenchWorkbook } from '../workbook';
import type * as Workload from './workload';

type Api = typeof Workload;
type Row = Record<string, unknown>;

/** Where the summary-style aggregation writes its rows (made host-side, like setupWorkbook makes ours). */
export const SQ_SUMMARY_TAB = 'SQ汇总';
const NOW_TEXT = '2026-11-23 10:00';

/** Bundles workload.ts + sheetquery as one Apps Script-style file; returns its path. */
export async function buildSheetQueryScript(dir = join(tmpdir(), 'sheets-crm-bench')): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'workload.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'SheetQueryBench',
    platform: 'neutral',
    mainFields: ['main'],
    target: 'es2019',
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'SheetQueryBench.js');
  writeFileSync(file, result.outputFiles[0].text);
  return file;
}

const label = (table: TableKey, key: string): string => {
  const col = tableDef(table).columns.find((c) => c.key === key);
  if (!col) throw new Error(`${table} has no field ${key}`);
  return col.label.zh;
};
const tab = (table: TableKey) => tableDef(table).tab.zh;

/** Values keyed by field, as a SheetQuery row keyed by header text. */
function row(table: TableKey, values: Row): Row {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [label(table, k), v]));
}

function historyRows(recordIds: readonly string[], fields: Row): { tab: string; rows: Row[] } {
  const rows = recordIds.flatMap((recordId) =>
    Object.entries(fields).map(([field, value]) =>
      row('history', {
        time: NOW_TEXT,
        user: BENCH_USER,
        table: 'customers',
        recordId,
        field,
        oldValue: '',
        newValue: JSON.stringify(value),
        source: 'script',
      }),
    ),
  );
  return { tab: tab('history'), rows };
}

function customer(i: number, prefix: string): Row {
  return row('customers', {
    name: `${prefix}${i}`,
    phone: `1370000${String(i).padStart(4, '0')}`,
    email: `sq${i}@example.com`,
    industry: '制造业',
    owner: BENCH_USER,
    createdAt: NOW_TEXT,
    createdBy: BENCH_USER,
    updatedAt: NOW_TEXT,
    updatedBy: BENCH_USER,
    deleted: false,
  });
}

function prepareSummaryTab(w: BenchWorkbook): void {
  const wb = w.rt.workbook;
  // A small grid: at the largest size the workbook is within a few thousand cells of 10M.
  const sheet = wb.getSheet(SQ_SUMMARY_TAB) ?? wb.insertSheet(SQ_SUMMARY_TAB, wb.sheets.length, 2, 4);
  sheet.setValuesRaw(1, 1, [['report', 'group', 'count', 'amount']]);
}

export function runSheetQuery(w: BenchWorkbook, scriptPath: string): OpResult[] {
  prepareSummaryTab(w);
  const rt = createRuntime({ workbook: w.rt.workbook, user: BENCH_USER, now: BENCH_NOW });
  const api = (loadBundle(rt, scriptPath) as unknown as { SheetQueryBench: Api }).SheetQueryBench;
  const out: OpResult[] = [];
  // Its summary replaces the rows of its own tab (deleteRows): that tab is free to move.
  const generated = snapshot(rt.workbook, undefined, [SQ_SUMMARY_TAB]);
  const run = <T>(op: string, fn: () => T, check: (r: T) => boolean, keep = false) => {
    const m = measure(
      rt,
      'sheetquery',
      op,
      () => plain(fn()),
      (r) => ({ ok: check(r), note: JSON.stringify(r).slice(0, 60) }),
    );
    out.push(m.stats);
    if (!keep) rollback(rt.workbook, generated);
    return m.result;
  };
  const id = label('customers', 'id');
  const customers = tab('customers');

  const createdId = run(
    'saveRecord create',
    () => api.createOne(customers, id, 'CSQ', customer(0, '基准SQ客户'), historyRows(['$id'], { '*': 'created' })),
    (r) => typeof r === 'string',
    true,
  );
  run(
    'saveRecord update',
    () =>
      api.updateOne(
        customers,
        id,
        String(createdId),
        row('customers', { phone: '13900139001', notes: '更新', kind: '代理商' }),
        historyRows([String(createdId)], { phone: '13900139001', notes: '更新', kind: '代理商' }),
      ),
    (n) => n === 1,
  );
  run(
    'getRecord',
    () => api.readById(customers, id, w.picks.customerId),
    (r) => r !== null,
  );
  run(
    'searchRecords',
    () =>
      api.search(
        customers,
        ['name', 'id', 'phone', 'email'].map((k) => label('customers', k)),
        w.picks.searchText,
        20,
      ),
    (n) => n >= 0,
  );
  const bulk = Array.from({ length: IMPORT_ROWS }, (_, i) => ({ ...customer(i, 'SQ导入客户'), [id]: `CSQB${i}` }));
  run(
    `importRecords commit (${IMPORT_ROWS} rows)`,
    () =>
      api.bulkCreate(
        customers,
        bulk,
        historyRows(
          bulk.map((b) => String(b[id])),
          { '*': 'imported' },
        ),
      ),
    (n) => n === IMPORT_ROWS,
  );
  const targets = w.picks.updateTargets.map((t) => t.id);
  run(
    `importRecords update (${BULK_UPDATE_ROWS} rows)`,
    () =>
      api.bulkUpdate(
        customers,
        id,
        targets,
        row('customers', { notes: 'sq bulk update' }),
        historyRows(targets, { notes: 'sq bulk update' }),
      ),
    (n) => n >= targets.length,
  );
  const spec: Workload.SummarySpec = {
    out: SQ_SUMMARY_TAB,
    groups: [
      { report: 'customers by industry', tab: customers, by: label('customers', 'industry') },
      {
        report: 'pipeline by stage',
        tab: tab('opportunities'),
        by: label('opportunities', 'stage'),
        sum: label('opportunities', 'amount'),
      },
      { report: 'follow-ups by owner', tab: tab('followUps'), by: label('followUps', 'owner') },
      { report: 'orders by owner', tab: tab('orders'), by: label('orders', 'owner'), sum: label('orders', 'total') },
      { report: 'payments by status', tab: tab('payments'), by: label('payments', 'status'), sum: label('payments', 'amount') },
    ],
  };
  api.summary(spec); // first build; the measured run replaces its rows, as a scheduled rebuild does
  run(
    'rebuildSummaries',
    () => api.summary(spec),
    (n) => n > 0,
  );
  return out;
}
