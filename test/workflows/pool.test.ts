import { appsScript } from '../../src/runtime';
import { as, columnOf, created, dataFingerprint, historyRows, rowsOf, tab } from '../integrity/helpers';
import { loadCrm, type Crm } from '../integration/harness';
import { ownerOf, setParam, withReps } from './ownershipHelpers';

/**
 * The shared pool (公海) through the built bundle: the daily return on the right day after one
 * warning per approach, grades with their own N, claims within the limits, two claims at once,
 * managers' assignment, bad input. docs/SALES_TEAM.md.
 */
const DAY = 86_400_000;
const START = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai, day 0 = 2026-03-02

type Envelope = {
  ok: boolean;
  errors?: { code: string; message: string; messages: { zh: string; en: string } }[];
  record?: Record<string, unknown>;
};
type Page = { total: number; items: Record<string, unknown>[] };

/** The same workbook in a new runtime at the same moment (a claim is one execution of a person). */
function fork(crm: Crm, user: string): Crm {
  const copy = crm.rt.workbook.clone('fork');
  return loadCrm({ workbook: copy, locale: copy.locale, timeZone: copy.timeZone, user, now: crm.rt.now() });
}

const dayOf = (n: number) => new Date(Date.UTC(2026, 2, 2 + n)).toISOString().slice(0, 10);
const poolMail = (crm: Crm, from: number) => crm.rt.mail.slice(from).filter((m) => m.subject.includes('公海'));

describe('the daily return', () => {
  const crm = withReps({ now: START });
  setParam(crm, 'poolDaysD', '10');
  setParam(crm, 'poolDaysC', '20');
  setParam(crm, 'poolLeadDays', '5');
  setParam(crm, 'poolWarnDays', '3');
  setParam(crm, 'gradeC', '100');
  const x = created(crm, 'customers', { name: '闲置甲', owner: 'a1@example.com' });
  const y = created(crm, 'customers', { name: '跟进乙', owner: 'a2@example.com' });
  const w = created(crm, 'customers', { name: '再提醒丙', owner: 'a3@example.com' });
  const z = created(crm, 'customers', { name: 'C级丁', owner: 'a1@example.com' });
  created(crm, 'payments', { customerId: z.id, amount: 500, paidDate: dayOf(0) });
  const lead = created(crm, 'leads', { company: '线索戊', owner: 'a2@example.com' });

  /** Per record: the days it was warned and the day it returned (by mail), over 25 daily runs. */
  const warned = new Map<string, number[]>();
  const returned = new Map<string, number[]>();
  const followUp = (customerId: unknown, day: number) =>
    created(crm, 'followUps', { customerId, time: `${dayOf(day)} 09:00`, method: '电话', content: '回访', owner: 'a2@example.com' });
  const reports: { returned: number; warned: number }[] = [];
  for (let d = 1; d <= 25; d++) {
    crm.rt.advanceClock(DAY);
    if (d === 5) followUp(y.id, 5);
    if (d === 8) followUp(w.id, 8);
    const from = crm.rt.mail.length;
    reports.push(crm.call<{ pool: { returned: number; warned: number } }>('runDailyJobs').pool);
    for (const m of poolMail(crm, from)) {
      const id = /\(([CL]\d+)\)/.exec(m.subject)?.[1] ?? '?';
      const into = m.subject.includes('即将') ? warned : returned;
      into.set(id, [...(into.get(id) ?? []), d]);
    }
  }

  it('returns each record on exactly its day, its owner warned W days before, once per approach', () => {
    expect(Object.fromEntries(warned)).toEqual({
      [String(x.id)]: [7],
      [String(y.id)]: [12], // its follow-up on day 5 moved the due day to 15 before any warning
      [String(w.id)]: [7, 15], // warned, followed up on day 8: a new approach, a new warning
      [String(z.id)]: [17], // grade C: 20 days
      [String(lead.id)]: [2], // an open lead: 5 days without an update
    });
    expect(Object.fromEntries(returned)).toEqual({
      [String(lead.id)]: [5],
      [String(x.id)]: [10],
      [String(y.id)]: [15],
      [String(w.id)]: [18],
      [String(z.id)]: [20],
    });
    expect(reports.reduce((n, r) => n + r.returned, 0)).toBe(5);
    expect(reports.reduce((n, r) => n + r.warned, 0)).toBe(6);
  });

  it('pool records show owner 公海 with the previous owner and the day, and keep their history', () => {
    const row = rowsOf(crm, 'customers').find((r) => r.cells.id === x.id)?.cells;
    expect(row).toMatchObject({ owner: '公海', previousOwner: 'a1@example.com' });
    expect(crm.call('getRecord', 'customers', x.id)).toMatchObject({ poolSince: dayOf(10), ownerSince: null, poolWarnedAt: dayOf(7) });
    const log = historyRows(crm).filter((h) => h.recordId === x.id);
    expect(log.some((h) => h.note === 'create')).toBe(true);
    expect(log.find((h) => h.field === 'owner')).toMatchObject({ source: 'pool', oldValue: 'a1@example.com', newValue: '公海' });
    expect(log.filter((h) => h.field === 'poolWarnedAt')).toHaveLength(1);
  });

  it('every rep sees the pool (listPool), longest in the pool first; a query narrows it', () => {
    const page = as(crm, 'rep3@example.com', () => crm.call<Page>('listPool', 'customers'));
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.id)).toEqual([x.id, y.id, w.id, z.id]);
    expect(page.items[0]).toMatchObject({ name: '闲置甲', owner: '公海', previousOwner: 'a1@example.com' });
    expect(crm.call<Page>('listPool', 'customers', { query: '跟进' }).items.map((i) => i.id)).toEqual([y.id]);
    expect(crm.call<Page>('listPool', 'leads').items.map((i) => i.id)).toEqual([lead.id]);
  });

  it('listPool reads the pool by key, not the owner column; a sort by hand is seen and answered from the column', () => {
    const c = fork(crm, 'rep3@example.com');
    const cellsOfList = () => {
      c.rt.setUser('owner@example.com');
      c.call('rebuildIndex', { all: true });
      c.rt.setUser('rep3@example.com');
      c.rt.resetStats();
      expect(c.call<Page>('listPool', 'customers').items.map((i) => i.id)).toEqual([x.id, y.id, w.id, z.id]);
      return c.rt.stats().cellsRead;
    };
    const small = cellsOfList();
    // 400 more customers typed in behind the CRM (then indexed, as the daily job would): the pool is still 4.
    const sheet = tab(c, 'customers');
    const at = (f: string) => columnOf(c, 'customers', f) - 1;
    const width = sheet.getValuesRaw()[0].length;
    const rows = Array.from({ length: 400 }, (_, i) => {
      const r: (string | number | boolean)[] = Array.from({ length: width }, () => '');
      r[at('id')] = `C20260101${String(i + 1).padStart(3, '0')}`;
      r[at('name')] = `后来客户${i}`;
      r[at('owner')] = 'a1@example.com';
      return r;
    });
    sheet.setValuesRaw(sheet.getValuesRaw().length + 1, 1, rows);
    // The same cells with 400 more customers (the owner column alone would be 400 more).
    expect(cellsOfList()).toBe(small);
    // Sorted by name by hand: the index's rows now hold other records; the answer is still right.
    sheet.sortRows(2, sheet.getValuesRaw().length - 1, at('name') + 1, false);
    expect(c.call<Page>('listPool', 'customers').items.map((i) => i.id)).toEqual([x.id, y.id, w.id, z.id]);
  });

  describe('claims', () => {
    it('the previous owner is cooling off; another rep claims; the claim is in the history', () => {
      const c = fork(crm, 'a1@example.com');
      c.rt.setUser('a1@example.com');
      // x returned on day 10 from a1; cooling-off 7 days: a1 may claim it again from day 17 (today is day 25).
      const again = c.call<Envelope>('claimFromPool', 'customers', x.id);
      expect(again.ok).toBe(true);
      // z returned on day 20 from a1: still cooling off until day 27.
      const before = dataFingerprint(c);
      const cooling = c.call<Envelope>('claimFromPool', 'customers', z.id);
      expect(cooling.ok).toBe(false);
      expect(cooling.errors?.[0]).toMatchObject({ code: 'pool_cooling' });
      expect(cooling.errors?.[0].messages.zh).toContain(dayOf(27));
      expect(cooling.errors?.[0].messages.en).toContain('claim it again from');
      expect(dataFingerprint(c)).toBe(before);
      c.rt.setUser('a2@example.com');
      const ok = c.call<Envelope>('claimFromPool', 'customers', z.id);
      expect(ok).toMatchObject({ ok: true, record: { owner: 'a2@example.com', poolSince: null } });
      expect(ownerOf(c, 'customers', z.id)).toBe('a2@example.com');
      expect(
        historyRows(c)
          .filter((h) => h.recordId === z.id && h.field === 'owner')
          .pop(),
      ).toMatchObject({
        source: 'pool',
        oldValue: '公海',
        newValue: 'a2@example.com',
        user: 'a2@example.com',
      });
    });

    it('two reps claiming the same customer at once: exactly one wins, the other is told who', () => {
      const c = fork(crm, 'a2@example.com');
      // Both saw it in the pool; a2's claim lands first, then a3's (the script lock serialises them).
      const seen = [c.call<Page>('listPool', 'customers'), c.call<Page>('listPool', 'customers')];
      expect(seen.every((p) => p.items.some((i) => i.id === y.id))).toBe(true);
      c.rt.setUser('a2@example.com');
      const first = c.call<Envelope>('claimFromPool', 'customers', y.id);
      c.rt.setUser('a3@example.com');
      const before = dataFingerprint(c);
      const second = c.call<Envelope>('claimFromPool', 'customers', y.id);
      expect(first.ok).toBe(true);
      expect(second.ok).toBe(false);
      expect(second.errors?.[0]).toMatchObject({ code: 'pool_taken' });
      expect(second.errors?.[0].messages.zh).toContain('a2@example.com');
      expect(second.errors?.[0].messages.en).toContain('its owner is now a2@example.com');
      expect(dataFingerprint(c)).toBe(before);
    });

    it('a claim while another execution holds the script lock waits for it, or is told to retry with nothing written', () => {
      const c = fork(crm, 'a2@example.com');
      c.rt.faults.holdLock('script');
      const before = dataFingerprint(c);
      const busy = c.call<Envelope>('claimFromPool', 'customers', x.id);
      expect(busy.errors?.[0]).toMatchObject({ code: 'busy' });
      expect(dataFingerprint(c)).toBe(before);
      c.rt.faults.releaseHeldLock('script');
      // The other execution finishes within the wait: the claim then goes through.
      c.rt.faults.holdLock('script', 3000);
      expect(c.call<Envelope>('claimFromPool', 'customers', x.id)).toMatchObject({ ok: true, record: { owner: 'a2@example.com' } });
    });

    it('the daily claim limit and the holding cap refuse with nothing written', () => {
      const c = fork(crm, 'a3@example.com');
      setParam(c, 'poolClaimsPerDay', '1');
      c.rt.setUser('a3@example.com');
      expect(c.call<Envelope>('claimFromPool', 'customers', y.id).ok).toBe(true);
      let before = dataFingerprint(c);
      const limit = c.call<Envelope>('claimFromPool', 'customers', x.id);
      expect(limit.errors?.[0]).toMatchObject({ code: 'pool_daily_limit' });
      expect(dataFingerprint(c)).toBe(before);
      // The next day the limit starts again; the cap: a3 holds w? no (w returned): y only → cap 1 refuses.
      c.rt.advanceClock(DAY);
      setParam(c, 'poolHoldingCap', '1');
      before = dataFingerprint(c);
      const cap = c.call<Envelope>('claimFromPool', 'customers', x.id);
      expect(cap.errors?.[0]).toMatchObject({ code: 'pool_holding_cap' });
      expect(cap.errors?.[0].messages.en).toContain('the most a rep may hold');
      expect(dataFingerprint(c)).toBe(before);
    });

    it('a manager assigns from the pool to a rep, who is told; a rep may not', () => {
      const c = fork(crm, 'boss@example.com');
      c.rt.setUser('a3@example.com');
      const refused = c.call<Envelope>('assignFromPool', 'customers', w.id, 'a1@example.com');
      expect(refused.ok).toBe(false);
      c.rt.setUser('boss@example.com');
      const from = c.rt.mail.length;
      const ok = c.call<Envelope>('assignFromPool', 'customers', w.id, 'a1@example.com');
      expect(ok).toMatchObject({ ok: true, record: { owner: 'a1@example.com' } });
      const mail = c.rt.mail.slice(from);
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ to: 'a1@example.com' });
      expect(mail[0].subject).toContain('从公海分配给你');
    });

    it('bad input: unknown id, a record not in the pool, an unknown owner: a clear error, nothing changes', () => {
      const c = fork(crm, 'boss@example.com');
      const before = dataFingerprint(c);
      const unknown = c.call<Envelope>('claimFromPool', 'customers', 'C20990101001');
      expect(unknown.errors?.[0]).toMatchObject({ code: 'pool_not_found' });
      const kept = created(c, 'customers', { name: '有主客户', owner: 'a1@example.com' });
      const fp = dataFingerprint(c);
      const notPool = c.call<Envelope>('claimFromPool', 'customers', kept.id);
      expect(notPool.errors?.[0]).toMatchObject({ code: 'pool_not_in_pool' });
      expect(notPool.errors?.[0].messages.zh).toContain('a1@example.com');
      const who = c.call<Envelope>('assignFromPool', 'customers', x.id, 'nobody@example.com');
      expect(who.errors?.[0]).toMatchObject({ code: 'pool_unknown_owner' });
      expect(who.errors?.[0].messages.en).toContain('not a sales rep');
      expect(dataFingerprint(c)).toBe(fp);
      expect(before).not.toBe(fp);
    });
  });
});

describe('telling owners when the mail quota runs out', () => {
  it('mails while the quota lasts, then stops; the warnings are still recorded', () => {
    const crm = withReps({ now: START });
    setParam(crm, 'poolDaysD', '10');
    setParam(crm, 'poolWarnDays', '3');
    const ids = ['a1@example.com', 'a2@example.com', 'a3@example.com'].map(
      (owner, i) => created(crm, 'customers', { name: `将被提醒${i}`, owner }).id,
    );
    crm.rt.advanceClock(7 * DAY);
    const { MailApp } = appsScript(crm.rt);
    while (MailApp.getRemainingDailyQuota() > 1) MailApp.sendEmail('someone@example.com', 'x', 'y');
    const from = crm.rt.mail.length;
    const r = crm.call<{ pool: { warned: number } }>('runDailyJobs');
    expect(r.pool.warned).toBe(3);
    expect(poolMail(crm, from)).toHaveLength(1);
    expect(rowsOf(crm, 'customers').filter((x) => ids.includes(x.cells.id) && x.cells.poolWarnedAt)).toHaveLength(3);
  });
});
