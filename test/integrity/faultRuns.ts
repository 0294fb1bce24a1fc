import { measure, type Crm } from '../integration/harness';
import { loadCrm } from '../integration/harness';
import { ADMIN, audit, columnOf, created, rowsOf, tab, workbook } from './helpers';
import { checkJournal, journalOf, phantomEntries, tableState } from './journal';
import { entryKind } from '../../src/core';

/**
 * Issue #18, every fault systematically: for each writing entry point, the k-th Apps Script round
 * trip fails, for every k from the first to the last the operation makes, then the operation is
 * retried (a person retrying from the sidebar, or the trigger run again). Two kinds of fault: a
 * service error (the execution goes on and answers) and the execution cut off at its time limit
 * (nothing more runs). Every run must end as the same operation run once without a fault: the same
 * records (each once), the same change log (no entry of the failed attempt reads as real), and the
 * log replaying to the workbook.
 */
const SERVICE_ERROR = 'Service Spreadsheets failed while accessing document with id 1x2y3z.';
export const KINDS = ['service error', 'cut off at the time limit'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * FAULT_RUNS_WITHOUT_SHEETS_API=1 (set by faultRunsNoApi.ts around its require of this file): the same
 * runs on a copy of the script without the Sheets advanced service, where a step's writes are one
 * setValues per block and the store's write intents keep them all or nothing.
 */
const noApi = process.env.FAULT_RUNS_WITHOUT_SHEETS_API === '1';
const base = workbook(noApi ? { manifest: null } : {});
const day = (n: number) => new Date(base.rt.now().getTime() + 8 * 3600000 + n * 86400000).toISOString().slice(0, 10);
const acme = created(base, 'customers', { name: 'Acme 科技', phone: '13800138000', owner: 'rep1@example.com' });
const beta = created(base, 'customers', { name: 'Acme 科技有限公司', email: 'hi@acme.cn', region: '上海', owner: 'rep1@example.com' });
const contact = created(base, 'contacts', { customerId: acme.id, name: '张三', isPrimary: true });
created(base, 'contacts', { customerId: beta.id, name: '李四', isPrimary: true });
const deal = created(base, 'opportunities', { customerId: acme.id, name: 'CRM 项目', stage: '线索', amount: 50000 });
created(base, 'followUps', { customerId: beta.id, opportunityId: null, time: '2024-03-01 10:00', method: '电话', content: '初次沟通' });
const campaign = created(base, 'campaigns', { name: '春季展会', type: '展会', startDate: '2024-03-01' });
const lead = created(base, 'leads', { company: '华为技术', contactName: '王五', phone: '13900139000', source: '展会' });
created(base, 'campaignMembers', { campaignId: campaign.id, memberKind: '潜在客户', leadId: lead.id });
const quoteWithLine = () => {
  const q = created(base, 'quotes', { customerId: acme.id, status: '客户同意' });
  created(base, 'lineItems', {
    docType: '报价单',
    docId: q.id,
    customerId: acme.id,
    product: 'CRM 授权',
    quantity: 10,
    unitPrice: 1000,
    discount: 10,
  });
  return q;
};
const quote = quoteWithLine();
const ordered = quoteWithLine();
const order = base.call<{ ok: boolean; orderId: string }>('createOrderFromQuote', ordered.id, { orderDate: day(-60) });
created(base, 'payments', { customerId: acme.id, amount: 1000, dueDate: day(-10) });

/**
 * The clock of every run: the bundle's clock moves on with real time from it, so a run starting on
 * a whole minute stamps the same minutes as the reference run (dates in snapshots, backup names).
 */
const startOfMinute = new Date(Math.floor(Date.now() / 60000) * 60000);

/** The base workbook in a new runtime, at the base's own time: every run of an operation sees the same clock. */
function fork(crm: Crm): Crm {
  const copy = crm.rt.workbook.clone('fork');
  return loadCrm({
    workbook: copy,
    locale: copy.locale,
    timeZone: copy.timeZone,
    user: ADMIN,
    now: startOfMinute,
    ...(noApi ? { manifest: null } : {}),
  });
}

interface Operation {
  name: string;
  /**
   * A typed edit is in its cells before any code runs: until the handler has run, the log cannot
   * hold it, so the journal is checked only once the handler has run (the retry).
   */
  typed?: boolean;
  /** Host-side set-up on the fork before the operation (a person's typing; a backup and later changes). */
  prepare?(crm: Crm): unknown;
  run(crm: Crm, prepared: unknown): unknown;
}

const RESUMED = [
  '客户编号,跟进时间,跟进方式,跟进内容',
  ...['一', '二', '三'].map((n) => `${String(acme.id)},2024-03-0${n === '一' ? 1 : n === '二' ? 2 : 3} 10:00,电话,第${n}次`),
].join('\n');
const followUp = { customerId: acme.id, opportunityId: deal.id, time: '2024-03-02 10:00', method: '邮件', content: '发送方案' };
const lastRow = (crm: Crm) => tab(crm, 'customers').getValuesRaw().length;
const customerRow = (crm: Crm, id: unknown) => (rowsOf(crm, 'customers').find((r) => r.cells.id === id) as { rowNumber: number }).rowNumber;

export const OPERATIONS: Operation[] = [
  { name: 'saveRecord create', run: (crm) => crm.call('saveRecord', 'followUps', followUp) },
  {
    name: 'saveRecord update',
    run: (crm) => crm.call('saveRecord', 'customers', { id: acme.id, version: acme.version, phone: '13900139001', tags: ['重点维护客户'] }),
  },
  { name: 'deleteRecord (cascade)', run: (crm) => crm.call('deleteRecord', 'customers', beta.id, { mode: 'cascade' }) },
  {
    name: 'handleEdit of a typed cell',
    typed: true,
    prepare: (crm) => crm.rt.userEdit('客户信息', customerRow(crm, acme.id), columnOf(crm, 'customers', 'region'), [['北京']]),
    run: (crm, e) => crm.call('handleEdit', e),
  },
  {
    name: 'handleEdit of a paste',
    typed: true,
    prepare: (crm) =>
      crm.rt.userEdit('客户信息', lastRow(crm) + 1, columnOf(crm, 'customers', 'name'), [['Pasted 甲'], ['Pasted 乙'], ['Pasted 丙']]),
    run: (crm, e) => crm.call('handleEdit', e),
  },
  {
    name: 'importRecords commit',
    run: (crm) =>
      crm.call('importRecords', 'customers', ['客户名称,联系方式,注册地址', '导入一号,13700137000,', 'Acme 科技,,深圳南山'].join('\n'), {
        mode: 'commit',
        duplicates: 'merge',
      }),
  },
  {
    // The second run of an import too big for one run: it carries on by jobId from the job's record.
    name: 'importRecords commit, resumed job',
    prepare: (crm) => crm.call<{ jobId: string }>('importRecords', 'followUps', RESUMED, { mode: 'commit', rowsPerRun: 1 }).jobId,
    run: (crm, jobId) => crm.call('importRecords', 'followUps', RESUMED, { mode: 'commit', rowsPerRun: 1, jobId }),
  },
  {
    name: 'convertLead',
    run: (crm) => crm.call('convertLead', lead.id, { opportunity: { name: '华为 CRM', stage: '需求分析', amount: 80000 } }),
  },
  { name: 'createOrderFromQuote', run: (crm) => crm.call('createOrderFromQuote', quote.id, { orderDate: day(-1) }) },
  {
    name: 'schedulePayments',
    run: (crm) => crm.call('schedulePayments', order.orderId, { installments: 2, firstDueDate: day(-5), intervalMonths: 1 }),
  },
  { name: 'mergeCustomers', run: (crm) => crm.call('mergeCustomers', acme.id, beta.id) },
  {
    name: 'restoreFromBackup (a table)',
    prepare: (crm) => {
      const id = crm.call<string>('backupNow');
      crm.call('saveRecord', 'contacts', { id: contact.id, version: contact.version, phone: '13600136000' });
      crm.call('deleteRecord', 'opportunities', deal.id);
      created(crm, 'opportunities', { customerId: beta.id, name: '新机会', stage: '线索' });
      return id;
    },
    // Two restores, as a person would do them one after the other; a failure of either is a failure.
    run: (crm, id) => {
      const table = crm.call<{ ok: boolean }>('restoreFromBackup', id, { table: 'opportunities', mode: 'commit' });
      return table.ok ? crm.call('restoreFromBackup', id, { table: 'contacts', id: contact.id, mode: 'commit' }) : table;
    },
  },
  { name: 'runDailyJobs', run: (crm) => crm.call('runDailyJobs') },
];

/**
 * The round trips to fail: every one; or, sampled, every one of an operation's write phase (a
 * locked step reads first and writes at the end: without the service, a read of each block it
 * overwrites, the intent, the writes, a flush and the commit, about two calls per setValues) and
 * every eighth of the reads before it, where a fault leaves nothing written whichever it hits.
 * FAULTS_EVERY_K=1 takes every one anyway.
 */
function faultPoints(total: number, setValues: number, sampled: boolean): number[] {
  const all = Array.from({ length: total }, (_, i) => i + 1);
  const writes = 2 * setValues + 4;
  return sampled ? all.filter((k) => k > total - writes || k % 8 === 1) : all;
}

/** Whether a call answered a failure: thrown, `{ ok: false }`, or a trigger's report saying so. */
function failed(fn: () => unknown): boolean {
  try {
    const r = fn() as { ok?: boolean } | null;
    return !!r && r.ok === false;
  } catch {
    return true;
  }
}

/** The change log without what differs between two runs of the same work: times, import job IDs, failed attempts. */
function logOf(crm: Crm): string[] {
  return journalOf(crm)
    .filter((e) => entryKind(e) !== 'failed')
    .map((e) => JSON.stringify({ ...e, note: String(e.note ?? '').replace(/^import [0-9a-f]{8}/, 'import *') }));
}

/** What one clean run leaves: the records and the log, per operation. */
export const reference = new Map(
  OPERATIONS.map((op) => {
    const crm = fork(base);
    const prepared = op.prepare?.(crm);
    const { roundTrips, byMethod } = measure(crm, () => op.run(crm, prepared));
    const journal = checkJournal(crm);
    const setValues = byMethod['Range.setValues'] ?? 0;
    return [op.name, { roundTrips, setValues, state: tableState(crm), log: logOf(crm), problems: journal.problems }] as const;
  }),
);

const figures = { runs: 0, faults: 0, failedFirst: 0, lost: 0, doubled: 0, absorbed: [] as string[] };

/**
 * The runs of one kind of fault, as tests (one file per kind, so CI runs the two side by side).
 * `retype`: also the typed cell retried the way a person does it, typing the same value again.
 */
export function describeFaultRuns(kinds: readonly Kind[], options: { retype?: boolean; sampled?: boolean } = {}): void {
  describe.each(OPERATIONS)('$name', (op) => {
    const ref = reference.get(op.name) as {
      roundTrips: number;
      setValues: number;
      state: ReturnType<typeof tableState>;
      log: string[];
      problems: string[];
    };
    it('runs clean with the journal whole', () => {
      expect(ref.problems).toEqual([]);
      expect(ref.roundTrips).toBeGreaterThan(0);
    });
    const ks = faultPoints(ref.roundTrips, ref.setValues, options.sampled === true && process.env.FAULTS_EVERY_K !== '1');
    const cases = kinds.flatMap((kind) => ks.map((k) => [kind, k] as [Kind, number]));
    it.each(cases)('%s at round trip %i, then retried: as if run once', (kind, at) => {
      const crm = fork(base);
      const prepared = op.prepare?.(crm);
      if (kind === 'service error') crm.rt.faults.failAfter(at, SERVICE_ERROR);
      else crm.rt.faults.cutOffAfter(at);
      const first = failed(() => op.run(crm, prepared));
      crm.rt.faults.clear();
      figures.runs++;
      figures.faults++;
      // Whatever the fault left: no entry reads as real for a record not on its tab, the rows whole.
      expect(phantomEntries(crm)).toEqual([]);
      expect(audit(crm).problems).toEqual([]);
      // Without the Sheets service an execution cut off mid-step cannot roll itself back: its rows may
      // stand with their log entries marked as a failed attempt until the next locked step (the
      // retry below) settles it, so the journal is checked after that.
      const settled = !noApi || kind === 'service error';
      if (!op.typed && settled) expect(checkJournal(crm).problems).toEqual([]);
      if (first) {
        figures.failedFirst++;
        op.run(crm, prepared);
      } else figures.absorbed.push(`${op.name}: ${kind} at ${at}`);
      const state = tableState(crm);
      if (JSON.stringify(state) !== JSON.stringify(ref.state)) {
        const count = (s: typeof state) => Object.values(s).reduce((n, rows) => n + rows.length, 0);
        if (count(state) < count(ref.state)) figures.lost++;
        if (count(state) > count(ref.state)) figures.doubled++;
      }
      expect(state).toEqual(ref.state);
      expect(logOf(crm)).toEqual(ref.log);
      expect(checkJournal(crm).problems).toEqual([]);
    });
  });

  if (options.retype)
    describe('a typed cell whose handler hit a service error, typed again as its note asks', () => {
      const typed = OPERATIONS.find((op) => op.name === 'handleEdit of a typed cell') as Operation;
      const ref = reference.get(typed.name) as { roundTrips: number; state: ReturnType<typeof tableState> };
      it.each(Array.from({ length: ref.roundTrips }, (_, i) => i + 1))(
        'service error at round trip %i, then the same value typed again',
        (at) => {
          const crm = fork(base);
          const event = typed.prepare?.(crm);
          crm.rt.faults.failAfter(at, SERVICE_ERROR);
          const first = failed(() => typed.run(crm, event));
          crm.rt.faults.clear();
          figures.runs++;
          figures.faults++;
          if (first) {
            figures.failedFirst++;
            // What a person does: type the same value again (Sheets reports it as its own old value).
            crm.call(
              'handleEdit',
              crm.rt.userEdit('客户信息', customerRow(crm, acme.id), columnOf(crm, 'customers', 'region'), [['北京']]),
            );
          }
          expect(tableState(crm)).toEqual(ref.state);
          expect(checkJournal(crm).problems).toEqual([]);
        },
      );
    });

  afterAll(() => {
    // The README's Reliability figures (INTEGRITY_FIGURES=1 npx jest test/integrity/faultsAll test/integrity/faultsCutOff).
    if (process.env.INTEGRITY_FIGURES) {
      const trips = Object.fromEntries([...reference].map(([name, r]) => [name, r.roundTrips]));
      console.log(
        `${kinds.join(', ')}: operations: ${OPERATIONS.length}; round trips each: ${JSON.stringify(trips)}; ${JSON.stringify(figures)}`,
      );
    }
  });
}
