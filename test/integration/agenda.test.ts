/**
 * getReminders for one owner from the daily job's agenda: identical to the whole-table answer
 * after the daily job, after saves during the day, and days later without the job, for every
 * reminder and for the first few of each kind; cost follows what the sidebar shows (the first
 * reminders of each kind), in a flat number of round trips.
 */
import { generateDataset } from '../../src/runtime/demo/generate';
import { writeDataset } from '../../src/runtime/demo/write';
import { loadCrm, measure, type Crm } from './harness';

type R = {
  today: string;
  owner: string | null;
  counts: Record<string, number>;
  items: { kind: string; id: string; customerId: string; owner: string; days: number; urgency: string }[];
  source: string;
};
type Rec = Record<string, unknown> & { id: string; version: number };
const REPS = ['zhang.wei@example.com', 'li.na@example.com', 'wang.fang@example.com', 'huang.tao@example.com'];
const DAY = 86400000;

function demo(n: number): Crm {
  const crm = loadCrm({ user: 'li.na@example.com', now: new Date('2026-11-23T02:00:00Z') });
  crm.call('setupWorkbook');
  writeDataset(crm.rt.workbook, generateDataset({ customers: n, today: '2026-11-23' }), 'zh');
  crm.call('rebuildIndex', { all: true });
  crm.call('runDailyJobs');
  return crm;
}

/** The same call without the agenda (its state cell blanked for the call): whole-column reads. */
function reference(crm: Crm, owner: string, limit = 200): R {
  // (owner '' is everyone)
  const ss = (crm.rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
  const cell = ss.getSheetByName('_crm_agenda')!.getRange(1, 1);
  const kept = cell.getValue() as string;
  cell.setValue('');
  try {
    return crm.call<R>('getReminders', { owner, limit });
  } finally {
    cell.setValue(`'${kept}`);
  }
}

function same(crm: Crm, expectSource = 'agenda'): void {
  // Every rep, and everyone at once (owner '': the manager's view and the digest); every reminder
  // (200 a kind) and only the first few of each kind (the rest counted from the agenda's lists).
  for (const owner of [...REPS, '']) {
    for (const limit of [200, 3]) {
      const fast = crm.call<R>('getReminders', { owner, limit });
      const slow = reference(crm, owner, limit);
      expect(slow.source).toBe('columns');
      expect(fast.source).toBe(expectSource);
      expect({ ...fast, source: '' }).toEqual({ ...slow, source: '' });
    }
  }
}

function save(crm: Crm, table: string, record: Record<string, unknown>): void {
  const res = crm.call<{ ok: boolean }>('saveRecord', table, record);
  expect(res).toMatchObject({ ok: true });
}

describe('reminders agenda', () => {
  const crm = demo(300);

  it('after the daily job every rep gets the whole-table answer from the agenda', () => {
    same(crm);
    const mine = crm.call<R>('getReminders', {});
    expect(mine.source).toBe('agenda');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(crm.call<R>('getReminders', { owner: '' }).source).toBe('agenda');
  });

  it('saves during the day count at once', () => {
    const zw = crm.call<R>('getReminders', { owner: 'zhang.wei@example.com', limit: 200 });
    const search = (table: string, q = '') => crm.call<{ items: Rec[] }>('searchRecords', table, q, { limit: 200 }).items;
    // A follow-up due today for a customer of zhang.wei that had no reminder.
    const customers = search('customers').filter((c) => c.owner === 'zhang.wei@example.com');
    const quiet = customers.find((c) => !zw.items.some((r) => r.customerId === c.id)) as Rec;
    save(crm, 'followUps', {
      customerId: quiet.id,
      time: '2026-11-23 09:00',
      method: '电话',
      content: 'call',
      nextPlan: 'call back',
      nextPlanAt: '2026-11-23 15:00',
      owner: 'zhang.wei@example.com',
    });
    // A payment reminder paid.
    const pay = zw.items.find((r) => r.kind === 'payment');
    if (pay) {
      const p = crm.call<Rec>('getRecord', 'payments', pay.id);
      save(crm, 'payments', { id: p.id, version: p.version, paidDate: '2026-11-23' });
    }
    // A customer with reminders reassigned to another rep.
    const moved = zw.items.find((r) => r.kind === 'payment' && r.id !== pay?.id) ?? zw.items.find((r) => r.kind === 'followUp');
    const c = crm.call<Rec>('getRecord', 'customers', moved!.customerId);
    save(crm, 'customers', { id: c.id, version: c.version, owner: 'wang.fang@example.com' });
    // A stalled opportunity lost.
    const stalled = crm.call<R>('getReminders', { owner: 'li.na@example.com', limit: 200 }).items.find((r) => r.kind === 'stalled');
    if (stalled) {
      const o = crm.call<Rec>('getRecord', 'opportunities', stalled.id);
      save(crm, 'opportunities', { id: o.id, version: o.version, stage: '输单', lostReason: '价格' });
    }
    // A follow-up logged today under another customer, on a stalled opportunity of li.na: that
    // opportunity's last activity is today, so it is stalled no more (its own customer untouched).
    const stalledToo = crm.call<R>('getReminders', { owner: 'li.na@example.com', limit: 200 }).items.filter((r) => r.kind === 'stalled');
    const other = stalledToo[stalledToo.length - 1];
    if (other) {
      const elsewhere = customers.find((x) => ![other.customerId, quiet.id, c.id].includes(x.id)) as Rec;
      save(crm, 'followUps', {
        customerId: elsewhere.id,
        opportunityId: other.id,
        time: '2026-11-23 09:30',
        method: '电话',
        content: 'call about the deal',
        owner: 'zhang.wei@example.com',
      });
      expect(crm.call<R>('getReminders', { owner: 'li.na@example.com', limit: 200 }).items.some((r) => r.id === other.id)).toBe(false);
    }
    same(crm);
    const after = crm.call<R>('getReminders', { owner: 'zhang.wei@example.com', limit: 200 });
    expect(after.items.some((r) => r.customerId === quiet.id && r.kind === 'followUp')).toBe(true);
    expect(after.items.some((r) => r.customerId === c.id)).toBe(false);
  });

  it('days later without the daily job: exact within the horizon, whole columns after it', () => {
    for (const days of [1, 3, 6]) {
      crm.rt.advanceClock(days === 1 ? DAY : days === 3 ? 2 * DAY : 3 * DAY);
      same(crm);
    }
    crm.rt.advanceClock(DAY);
    const late = crm.call<R>('getReminders', {});
    expect(late.source).toBe('columns');
    crm.call('runDailyJobs');
    same(crm);
  });
});

describe('cost of opening the sidebar as a rep', () => {
  const figures: Record<number, { roundTrips: number; cells: number; s: number }> = {};
  it.each([1000, 10000, 15000])(
    '%d customers',
    (n) => {
      const crm = demo(n);
      crm.rt.setUser('zhang.wei@example.com');
      const m = measure(crm, () => {
        crm.call('getSidebarContext');
        return crm.call<R>('getReminders', {});
      });
      expect(m.result.source).toBe('agenda');
      const cells = m.cellsRead + m.cellsWritten;
      const s = m.roundTrips * 0.15 + cells * 20e-6;
      figures[n] = { roundTrips: m.roundTrips, cells, s };
      // eslint-disable-next-line no-console
      console.log(
        `sidebar as a rep, ${n} customers: ${m.roundTrips} round trips, ${cells} cells, ${s.toFixed(2)} s modelled; ${m.result.items.length} items`,
      );
      expect(s).toBeLessThanOrEqual(2);
      if (figures[1000] && figures[10000]) expect(figures[10000].roundTrips).toBe(figures[1000].roundTrips);
      if (figures[1000] && figures[15000]) expect(figures[15000].roundTrips).toBe(figures[1000].roundTrips);
      // It reads the first reminders of each kind it shows, not all of the rep's: the growth
      // rule (largest <= 1.5 x the 1,000-customer time + 0.2 s) holds with room.
      if (figures[1000] && figures[15000]) expect(figures[15000].s).toBeLessThanOrEqual(1.5 * figures[1000].s + 0.2);
    },
    600000,
  );
});
