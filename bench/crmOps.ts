/**
 * The CRM's operations, each called through the built bundle's top-level function exactly as
 * Apps Script (or the sidebar's google.script.run) would, once per workbook size, in this order on
 * one workbook. After each write the appended rows are rolled back (rollback.ts), so every
 * operation, and the SheetQuery workload after them, meets the generated workbook.
 */
import { tableDef } from '../src/schema';
import { measure, plain, type OpResult, type Verdict } from './measure';
import { rollback, snapshot } from './rollback';
import { BULK_UPDATE_ROWS, type BenchWorkbook } from './workbook';

type Envelope = { ok: boolean; errors?: { code?: string; message?: string }[] } & Record<string, unknown>;

export const IMPORT_ROWS = 1000;
export const PASTE_ROWS = 500;

const envelope = (r: Envelope, note?: (r: Envelope) => string): Verdict =>
  r.ok ? { ok: true, note: note?.(r) } : { ok: false, error: JSON.stringify(r.errors ?? r).slice(0, 300) };

/** 1,000 new customers with distinct names, phones and e-mails (Chinese headers, as people export them). */
export function importCsv(rows = IMPORT_ROWS): string {
  const lines = ['客户名称,联系方式,邮箱,所属行业'];
  for (let i = 0; i < rows; i++) lines.push(`基准导入客户${i},1390000${String(i).padStart(4, '0')},bench${i}@example.com,制造业`);
  return `${lines.join('\n')}\n`;
}

/** Existing customers (by name) with a new note: importRecords' duplicate handling updates them. */
function updateCsv(names: readonly string[]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `${['客户名称,备注', ...names.map((n) => `${quote(n)},bench update`)].join('\n')}\n`;
}

function columnOf(w: BenchWorkbook, header: string): number {
  const sheet = w.rt.workbook.getSheet(tableDef('customers').tab.zh);
  const row = sheet?.readBlock({ row: 1, col: 1, numRows: 1, numCols: sheet.extent().lastColumn })[0] ?? [];
  const at = row.indexOf(header);
  if (at < 0) throw new Error(`no ${header} column on the customers tab`);
  return at + 1;
}

/** Reads and writes can run in different processes (each on its own copy of the size's workbook). */
export type CrmGroup = 'reads' | 'writes';

/** The order operations are reported in, whichever process ran them. */
export const CRM_OP_ORDER = [
  'setupWorkbook (new workbook)', 'setupWorkbook (again, filled)', 'saveRecord create', 'saveRecord update', 'getRecord', 'searchRecords', 'getCustomer360',
  'handleEdit 1 cell', `handleEdit ${PASTE_ROWS}-row paste`, `importRecords preview (${IMPORT_ROWS} rows)`, `importRecords commit (${IMPORT_ROWS} rows)`,
  `importRecords update (${BULK_UPDATE_ROWS} rows)`, 'convertLead', 'rebuildSummaries', 'runDailyJobs', 'sendReminderDigest', 'getCapacity (read grids)', 'getCapacity (cached)',
];

export function runCrmOps(w: BenchWorkbook, groups: readonly CrmGroup[] = ['reads', 'writes']): OpResult[] {
  const { rt, api, picks } = w;
  const out: OpResult[] = [];
  const call = (name: string, ...args: unknown[]) => plain(api[name](...args)) as Envelope;
  const generated = snapshot(rt.workbook);
  /** `keep`: the next operation works on what this one wrote (update after create). */
  const run = (op: string, fn: () => Envelope, judge?: (r: Envelope) => Verdict, keep = false) => {
    const m = measure(rt, 'crm', op, fn, judge);
    out.push(m.stats);
    if (!keep) rollback(rt.workbook, generated);
    return m.result;
  };

  if (groups.includes('reads')) {
    run('setupWorkbook (again, filled)', () => call('setupWorkbook'), () => ({ ok: true }));
    run('getRecord', () => ({ ok: true, record: call('getRecord', 'customers', picks.customerId) }), (r) => ({ ok: r.record !== null, note: r.record ? undefined : 'not found' }));
    run('searchRecords', () => ({ ...call('searchRecords', 'customers', picks.searchText, { limit: 20 }), ok: true }), (r) => ({ ok: true, note: `${String(r.total)} matches` }));
    run('getCustomer360', () => ({ ok: true, view: call('getCustomer360', picks.customerId) }), (r) => ({ ok: r.view !== null }));
    run('sendReminderDigest', () => ({ ...call('sendReminderDigest'), ok: true }), (r) => ({ ok: true, note: `${String(r.sent)} sent` }));
    run('getCapacity (read grids)', () => ({ ...call('getCapacity', { refresh: true }), ok: true }), (r) => ({ ok: true, note: `${String(r.usedCells)} cells, ${String(r.level)}` }));
    run('getCapacity (cached)', () => ({ ...call('getCapacity'), ok: true }), (r) => ({ ok: r.cached === true }));
  }
  if (groups.includes('writes')) writes();
  return out;

  function writes(): void {
    const created = run('saveRecord create', () => call('saveRecord', 'customers', { name: '基准测试客户', phone: '13800138000', industry: '制造业' }), (r) => envelope(r), true);
    const record = created?.record as { id: string; version: number } | undefined;
    run('saveRecord update', () => {
      if (!record) throw new Error('nothing to update: the create failed');
      return call('saveRecord', 'customers', { id: record.id, version: record.version, phone: '13900139000', notes: '更新', kind: '代理商' });
    }, (r) => envelope(r));

    const region = columnOf(w, tableDef('customers').columns.find((c) => c.key === 'region')?.label.zh ?? '区域');
    const tab = tableDef('customers').tab.zh;
    const single = rt.userEdit(tab, 10, region, [['浙江省杭州市']]);
    run('handleEdit 1 cell', () => call('handleEdit', single), (r) => ({ ok: r.ok === true, note: `${String(r.rows)} row(s)`, error: r.ok ? undefined : String(r.problem) }));
    const paste = rt.userEdit(tab, 2, region, Array.from({ length: PASTE_ROWS }, () => ['上海市']));
    run(`handleEdit ${PASTE_ROWS}-row paste`, () => call('handleEdit', paste), (r) => ({ ok: r.ok === true, note: `${String(r.rows)} row(s)`, error: r.ok ? undefined : String(r.problem) }));

    const csv = importCsv();
    run(`importRecords preview (${IMPORT_ROWS} rows)`, () => call('importRecords', 'customers', csv, { mode: 'preview' }), (r) => envelope(r, (x) => JSON.stringify(x.counts)));
    run(`importRecords commit (${IMPORT_ROWS} rows)`, () => call('importRecords', 'customers', csv, { mode: 'commit' }), (r) => envelope(r, (x) => JSON.stringify(x.written)));
    const names = picks.updateTargets.map((t) => t.name);
    run(`importRecords update (${BULK_UPDATE_ROWS} rows)`, () => call('importRecords', 'customers', updateCsv(names), { mode: 'commit', duplicates: 'update' }),
      (r) => envelope(r, (x) => JSON.stringify(x.written)));

    run('convertLead', () => call('convertLead', picks.openLeadId, { opportunity: { name: '基准测试机会', amount: 100000 } }), (r) => envelope(r));
    // The bundle stops starting tabs after 4 minutes of wall time (the rest wait for the next run);
    // the emulator is slower than Apps Script at 100k, so the bench lifts that to measure all seven.
    run('rebuildSummaries', () => call('rebuildSummaries', { timeBudgetMs: 24 * 3600 * 1000 }),
      (r) => ({ ok: r.ok === true && Array.isArray(r.pending) && r.pending.length === 0, note: `${Array.isArray(r.built) ? r.built.length : 0} tabs built` }));
    // Recomputes derived fields (writes what changed since the data was generated), then the digest.
    run('runDailyJobs', () => ({ ...call('runDailyJobs'), ok: true }), (r) => ({ ok: true, note: `${Object.values((r.updated ?? {}) as Record<string, number>).reduce((s, n) => s + n, 0)} rows updated` }));
  }
}
