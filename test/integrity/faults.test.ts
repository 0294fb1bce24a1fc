import { measure, type Crm } from '../integration/harness';
import { audit, columnOf, created, fork, rowsOf, tab, workbook, type Row, type Saved } from './helpers';

/**
 * Faults injected by the emulator at every round trip of an operation: a service error in the
 * middle of a write, running out of execution time, a quota; plus a held lock. Each case must end
 * in a clear error or a correct save, leave no row lost, duplicated or half-written, and a retry
 * must finish the job exactly once.
 */
export const FAULTS = [
  'Service Spreadsheets failed while accessing document with id 1x2y3z.',
  'Exceeded maximum execution time',
  'Service invoked too many times in a short time: exec qps. Try Utilities.sleep(1000) between calls.',
];
const CLEAR_ERROR = /Google 服务出错|service failed|系统繁忙|Busy/i;

const base = workbook();
const customer = created(base, 'customers', { name: 'Base Co', phone: '13800138000', owner: 'rep1@example.com' });
const contact = created(base, 'contacts', { customerId: customer.id, name: '张三' });
const deal = created(base, 'opportunities', { customerId: customer.id, name: 'Deal', stage: '线索' });
created(base, 'followUps', {
  customerId: customer.id,
  opportunityId: deal.id,
  time: '2024-03-01 10:00',
  method: '电话',
  content: 'first call',
});

interface Operation {
  name: string;
  run(crm: Crm): unknown;
  /** After the fault: what must hold given whether the call reported success. */
  check(crm: Crm, succeeded: boolean): void;
  /** The retry that must finish the job (run with no fault). */
  retry(crm: Crm): void;
}

const followUps = (crm: Crm) => rowsOf(crm, 'followUps').filter((r) => r.cells.content === 'retry me');
const record = (crm: Crm, table: unknown, id: unknown) => crm.call<Row | null>('getRecord', table, id);

const operations: Operation[] = [
  {
    name: 'create (saveRecord, a table without unique fields)',
    run: (crm) =>
      crm.call<Saved>('saveRecord', 'followUps', {
        customerId: customer.id,
        time: '2024-03-02 10:00',
        method: '邮件',
        content: 'retry me',
      }),
    check: (crm, ok) => expect(followUps(crm)).toHaveLength(ok ? 1 : 0),
    retry: (crm) => {
      if (!followUps(crm).length)
        expect(
          crm.call<Saved>('saveRecord', 'followUps', {
            customerId: customer.id,
            time: '2024-03-02 10:00',
            method: '邮件',
            content: 'retry me',
          }).ok,
        ).toBe(true);
      expect(followUps(crm)).toHaveLength(1);
    },
  },
  {
    name: 'update (saveRecord with version)',
    run: (crm) =>
      crm.call<Saved>('saveRecord', 'customers', { id: customer.id, version: customer.version, phone: '13900139000', notes: 'updated' }),
    check: (crm, ok) => {
      const now = record(crm, 'customers', customer.id) as Row;
      expect(now).toMatchObject(
        ok ? { phone: '13900139000', notes: 'updated' } : { phone: '13800138000', notes: null, version: customer.version },
      );
      if (ok) expect(now.version as number).toBeGreaterThan(customer.version as number);
    },
    retry: (crm) => {
      const now = record(crm, 'customers', customer.id) as Row;
      if (now.version === customer.version)
        expect(
          crm.call<Saved>('saveRecord', 'customers', { id: customer.id, version: now.version, phone: '13900139000', notes: 'updated' }).ok,
        ).toBe(true);
      const after = record(crm, 'customers', customer.id) as Row;
      expect(after).toMatchObject({ phone: '13900139000', notes: 'updated' });
      expect(after.version as number).toBeGreaterThan(customer.version as number);
    },
  },
  {
    name: 'cascade delete (deleteRecord across four tables)',
    run: (crm) => crm.call<{ ok: boolean }>('deleteRecord', 'customers', customer.id, { mode: 'cascade' }),
    check: (crm, ok) => {
      if (ok) expect(record(crm, 'customers', customer.id)).toBeNull();
      // Children go first and the customer last: a live customer may have lost children, never the reverse.
      else expect(record(crm, 'customers', customer.id)).not.toBeNull();
    },
    retry: (crm) => {
      if (record(crm, 'customers', customer.id))
        expect(crm.call<{ ok: boolean }>('deleteRecord', 'customers', customer.id, { mode: 'cascade' }).ok).toBe(true);
      for (const [t, id] of [
        ['customers', customer.id],
        ['contacts', contact.id],
        ['opportunities', deal.id],
      ] as const)
        expect(record(crm, t, id)).toBeNull();
    },
  },
  {
    name: 'typed paste of new rows (handleEdit)',
    run: (crm) => crm.call('handleEdit', pasteEvent(crm)),
    check: () => undefined,
    retry: (crm) => {
      crm.call('handleEdit', pasteEvent(crm, false));
      const pasted = rowsOf(crm, 'customers').filter((r) => String(r.cells.name).startsWith('Pasted '));
      expect(pasted.map((r) => r.cells.name).sort()).toEqual(['Pasted 0', 'Pasted 1', 'Pasted 2', 'Pasted 3']);
      expect(pasted.every((r) => typeof r.cells.id === 'string' && r.cells.id !== '')).toBe(true);
    },
  },
];

/** The paste is typed once; its event is replayed for the retry (as a person editing again would). */
const events = new WeakMap<Crm, unknown>();
function pasteEvent(crm: Crm, fresh = true): unknown {
  if (!fresh && events.has(crm)) {
    const rows = rowsOf(crm, 'customers').filter((r) => String(r.cells.name).startsWith('Pasted '));
    return crm.rt.userEdit(
      '客户信息',
      rows[0].rowNumber,
      columnOf(crm, 'customers', 'name'),
      rows.map((r) => [r.cells.name]),
    );
  }
  const at = tab(crm, 'customers').getValuesRaw().length + 1;
  const e = crm.rt.userEdit('客户信息', at, columnOf(crm, 'customers', 'name'), [['Pasted 0'], ['Pasted 1'], ['Pasted 2'], ['Pasted 3']]);
  events.set(crm, e);
  return e;
}

function outcome(fn: () => unknown): { ok: boolean; error: string | null } {
  try {
    const r = fn() as { ok?: boolean; errors?: { message: string }[]; problem?: string } | null;
    if (r && r.ok === false) return { ok: false, error: r.errors?.[0]?.message ?? r.problem ?? 'refused' };
    return { ok: true, error: null };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

const roundTrips = new Map(
  operations.map((op) => {
    const crm = fork(base);
    if (op.name.startsWith('typed')) pasteEvent(crm);
    return [op.name, measure(crm, () => op.run(crm)).roundTrips] as const;
  }),
);

let injected = 0;
describe.each(operations)('$name', (op) => {
  const n = roundTrips.get(op.name) as number;
  const cases = FAULTS.flatMap((message) => Array.from({ length: n }, (_, i) => [i + 1, message] as const));
  it.each(cases)(
    'fails at round trip %i with "%s": clear error or correct save, nothing lost or doubled, retry finishes',
    (at, message) => {
      const crm = fork(base);
      const ids = audit(crm).ids;
      const event = op.name.startsWith('typed') ? pasteEvent(crm) : null;
      crm.rt.faults.failAfter(at, message);
      const result = outcome(() => (event ? crm.call('handleEdit', event) : op.run(crm)));
      crm.rt.faults.clear();
      injected++;
      if (!result.ok && result.error) expect(result.error).toMatch(CLEAR_ERROR);
      const after = audit(crm);
      expect(after.problems).toEqual([]);
      for (const id of ids.keys()) expect(after.ids.has(id)).toBe(true);
      op.check(crm, result.ok);
      op.retry(crm);
      expect(audit(crm).problems).toEqual([]);
    },
  );
});

describe('a held lock', () => {
  it('answers every writer with a clear "busy, retry" and writes nothing; the retry succeeds', () => {
    const crm = fork(base);
    const before = JSON.stringify(crm.rt.workbook.sheets.map((s) => s.getValuesRaw()));
    crm.rt.faults.holdLock('script');
    const busy = crm.call<Saved>('saveRecord', 'customers', { name: 'Waiting Co' });
    expect(busy).toMatchObject({ ok: false, errors: [{ code: 'busy' }] });
    expect(!busy.ok && busy.errors[0].message).toMatch(/繁忙|Busy/);
    expect(crm.call<{ ok: boolean; errors: { code: string }[] }>('deleteRecord', 'contacts', contact.id)).toMatchObject({
      ok: false,
      errors: [{ code: 'busy' }],
    });
    expect(() => crm.call('setupWorkbook')).toThrow(/繁忙|Busy/);
    expect(JSON.stringify(crm.rt.workbook.sheets.map((s) => s.getValuesRaw()))).toBe(before);
    crm.rt.faults.releaseHeldLock('script');
    expect(crm.call<Saved>('saveRecord', 'customers', { name: 'Waiting Co' }).ok).toBe(true);
    injected += 3;
  });
});

afterAll(() => {
  // Read by the README figures (npm test prints nothing; run this file alone to see it).
  if (process.env.INTEGRITY_FIGURES) console.log(`faults injected: ${injected}`, JSON.stringify(Object.fromEntries(roundTrips)));
});
