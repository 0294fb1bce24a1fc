/**
 * Follow-ups on the calendar, through the built bundle (docs/WORKSPACE.md): a follow-up's event in
 * its owner's calendar follows its edits and deletion, is never made twice, and reaches the
 * owner's calendar only through an execution of the owner (their own save's sync, or their trigger).
 */
import { appsScript } from '../../src/runtime';
import type { Crm } from '../integration/harness';
import { columnOf, tab, workbook } from '../integrity/helpers';

const NOW = new Date('2026-12-08T02:00:00Z'); // 10:00 in Asia/Shanghai
const REP = 'rep1@example.com';
const REP2 = 'rep2@example.com';
const MGR = 'mgr@example.com';

type Rec = Record<string, unknown> & { id: string; version: number };
type Saved = { ok: true; record: Rec } | { ok: false; errors: unknown[] };
interface Sync {
  ok: boolean;
  optedIn: boolean;
  created: number;
  updated: number;
  removed: number;
  left: number;
  failed: string | null;
  events: Record<string, string>;
}

function as<T>(crm: Crm, user: string, fn: () => T): T {
  crm.rt.setUser(user);
  try {
    return fn();
  } finally {
    crm.rt.setUser('admin@example.com');
  }
}

function save(crm: Crm, user: string, table: string, values: Record<string, unknown>): Rec {
  const r = as(crm, user, () => crm.call<Saved>('saveRecord', table, values));
  if (!r.ok) throw new Error(`saveRecord ${table}: ${JSON.stringify(r.errors)}`);
  return r.record;
}

const record = (crm: Crm, id: string) => crm.call<Rec>('getRecord', 'followUps', id);
const events = (crm: Crm, user: string) => crm.rt.calendar.events(user);
const syncMine = (crm: Crm, user: string, ids: string[]) => as(crm, user, () => crm.call<Sync>('syncMyCalendar', ids));

/** The user's hourly trigger, as Apps Script runs it: no active user, running as its installer. */
function runTrigger(crm: Crm, user: string): Sync {
  const t = crm.rt.workbook.state.triggers.find((x) => x.owner === user && x.handler === 'syncCalendar');
  if (!t) throw new Error(`${user} has no calendar trigger`);
  crm.rt.setUser('');
  crm.rt.setEffectiveUser(user);
  try {
    return crm.call<Sync>('syncCalendar', { authMode: 'FULL', triggerUid: t.uid });
  } finally {
    crm.rt.setEffectiveUser(null);
    crm.rt.setUser('admin@example.com');
  }
}

function setup(): { crm: Crm; customer: Rec } {
  const crm = workbook({ now: NOW });
  const customer = save(crm, REP, 'customers', { name: '星河科技', phone: '13800000001' });
  const on = as(crm, REP, () => crm.call<{ ok: boolean; on: boolean }>('setCalendarSync', true));
  expect(on).toMatchObject({ ok: true, on: true });
  return { crm, customer };
}

const followUp = (customerId: string, extra: Record<string, unknown> = {}) => ({
  customerId,
  time: '2026-12-08 09:30',
  method: '电话',
  content: '介绍新品',
  nextPlanAt: '2026-12-09 10:00',
  nextPlan: '送样品',
  ...extra,
});

describe('follow-ups on the calendar (built bundle)', () => {
  it("a follow-up's event follows its time, its plan and its deletion, in its owner's calendar, once", () => {
    const { crm, customer } = setup();
    // Opting in installs the rep's own hourly trigger (it runs as them); once, however often.
    as(crm, REP, () => crm.call('setCalendarSync', true));
    expect(crm.rt.workbook.state.triggers.filter((t) => t.handler === 'syncCalendar').map((t) => t.owner)).toEqual([REP]);
    expect(as(crm, REP, () => crm.call('getCalendarSync'))).toEqual({ on: true, trigger: true });

    const f = save(crm, REP, 'followUps', followUp(customer.id));
    expect(f.calendarSync).toBe(true);
    const first = syncMine(crm, REP, [f.id]);
    expect(first).toMatchObject({ ok: true, optedIn: true, created: 1, removed: 0, failed: null });
    const [event] = events(crm, REP);
    expect(events(crm, REP)).toHaveLength(1);
    expect(event.title).toBe('跟进：星河科技 · 送样品');
    expect(event.start).toEqual(new Date('2026-12-09T02:00:00Z'));
    expect(event.end.getTime() - event.start.getTime()).toBe(30 * 60_000);
    expect(event.popupReminders).toEqual([15]);
    expect(event.description).toContain(`客户：星河科技（${customer.id}）`);
    expect(event.description).toMatch(/在 CRM 中打开：https:\/\/docs\.google\.com\/spreadsheets\/d\//);
    expect(event.description.split('\n').pop()).toMatch(new RegExp(`^CRM \\S+ ${f.id}$`));
    const synced = record(crm, f.id);
    expect(synced).toMatchObject({ calendarEvent: `${REP} ${event.id}`, calendarSync: false });
    // The sync writes no stamp: the form's version still saves.
    expect(synced.version).toBe(f.version);

    // A new time and plan move and retitle the same event.
    const moved = save(crm, REP, 'followUps', { id: f.id, version: f.version, nextPlanAt: '2026-12-10 15:30', nextPlan: '签合同' });
    expect(moved.calendarSync).toBe(true);
    expect(syncMine(crm, REP, [f.id])).toMatchObject({ created: 0, updated: 1 });
    expect(events(crm, REP).map((e) => [e.id, e.title, e.start.toISOString()])).toEqual([
      [event.id, '跟进：星河科技 · 签合同', '2026-12-10T07:30:00.000Z'],
    ]);

    // Saved again unchanged, synced twice more, and the trigger: still the one event.
    const again = crm.call<Saved>('saveRecord', 'followUps', { id: f.id, version: record(crm, f.id).version, nextPlan: '签合同' });
    expect(again.ok && again.record.calendarSync).toBe(false);
    syncMine(crm, REP, [f.id]);
    syncMine(crm, REP, [f.id]);
    expect(runTrigger(crm, REP)).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(events(crm, REP).map((e) => e.id)).toEqual([event.id]);

    // Clearing the next time removes the event; setting it again makes a new one.
    const cleared = save(crm, REP, 'followUps', { id: f.id, version: record(crm, f.id).version, nextPlanAt: null });
    expect(cleared.calendarSync).toBe(true);
    expect(syncMine(crm, REP, [f.id])).toMatchObject({ removed: 1 });
    expect(events(crm, REP)).toEqual([]);
    expect(record(crm, f.id)).toMatchObject({ calendarEvent: null, calendarSync: false });
    save(crm, REP, 'followUps', { id: f.id, version: record(crm, f.id).version, nextPlanAt: '2026-12-11 09:00' });
    syncMine(crm, REP, [f.id]);
    expect(events(crm, REP)).toHaveLength(1);

    // Deleting the follow-up removes its event.
    const del = as(crm, REP, () => crm.call<{ ok: boolean }>('deleteRecord', 'followUps', f.id));
    expect(del.ok).toBe(true);
    expect(syncMine(crm, REP, [f.id])).toMatchObject({ removed: 1 });
    expect(events(crm, REP)).toEqual([]);
  });

  it('an owner who did not opt in gets no event; opting out leaves the trigger off', () => {
    const { crm, customer } = setup();
    const f = save(crm, REP2, 'followUps', followUp(customer.id, { owner: REP2 }));
    expect(f.calendarSync).toBe(false);
    expect(syncMine(crm, REP2, [f.id])).toMatchObject({ optedIn: false, created: 0 });
    expect(events(crm, REP2)).toEqual([]);
    as(crm, REP, () => crm.call('setCalendarSync', false));
    expect(crm.rt.workbook.state.triggers.filter((t) => t.handler === 'syncCalendar')).toEqual([]);
    expect(as(crm, REP, () => crm.call('getCalendarSync'))).toEqual({ on: false, trigger: false });
    const g = save(crm, REP, 'followUps', followUp(customer.id));
    expect(g.calendarSync).toBe(false);
    expect(events(crm, REP)).toEqual([]);
  });

  it("a manager's change to a rep's follow-up, and a typed one, reach the rep's calendar at the rep's sync", () => {
    const { crm, customer } = setup();
    const f = save(crm, REP, 'followUps', followUp(customer.id));
    syncMine(crm, REP, [f.id]);
    const [event] = events(crm, REP);
    // The manager saves the rep's follow-up: the manager's execution cannot reach the rep's calendar.
    const changed = save(crm, MGR, 'followUps', { id: f.id, version: record(crm, f.id).version, nextPlanAt: '2026-12-12 14:00' });
    expect(changed.calendarSync).toBe(true);
    expect(syncMine(crm, MGR, [f.id])).toMatchObject({ optedIn: false });
    expect(events(crm, MGR)).toEqual([]);
    expect(events(crm, REP)[0].start).toEqual(new Date('2026-12-09T02:00:00Z'));
    // The rep's hourly trigger picks it up.
    expect(runTrigger(crm, REP)).toMatchObject({ updated: 1, created: 0, left: 0, failed: null });
    expect(events(crm, REP).map((e) => [e.id, e.start.toISOString()])).toEqual([[event.id, '2026-12-12T06:00:00.000Z']]);
    expect(record(crm, f.id).calendarSync).toBe(false);

    // A time typed into the tab: the edit trigger marks it, the rep's trigger moves the event.
    const sheet = tab(crm, 'followUps');
    const row = sheet.getValuesRaw().findIndex((l) => l.includes(f.id)) + 1;
    const e = as(crm, REP, () => crm.rt.userEdit('跟进记录', row, columnOf(crm, 'followUps', 'nextPlanAt'), [['2026-12-15 08:00']]));
    const edit = as(crm, REP, () => crm.call<{ ok: boolean; invalid: number }>('handleEdit', e));
    expect(edit).toMatchObject({ ok: true, invalid: 0 });
    expect(record(crm, f.id).calendarSync).toBe(true);
    expect(runTrigger(crm, REP)).toMatchObject({ updated: 1 });
    expect(events(crm, REP).map((x) => x.start.toISOString())).toEqual(['2026-12-15T00:00:00.000Z']);

    // The manager deletes it: the rep's trigger removes the event; an idle run changes nothing.
    expect(as(crm, MGR, () => crm.call<{ ok: boolean }>('deleteRecord', 'followUps', f.id)).ok).toBe(true);
    expect(runTrigger(crm, REP)).toMatchObject({ removed: 1 });
    expect(events(crm, REP)).toEqual([]);
    crm.rt.resetStats();
    expect(runTrigger(crm, REP)).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(crm.rt.stats().cellsWritten).toBe(0);
  });

  it("a follow-up given to another owner leaves the old owner's calendar for the new owner's, whichever sync runs first", () => {
    for (const oldFirst of [true, false]) {
      const { crm, customer } = setup();
      as(crm, REP2, () => crm.call('setCalendarSync', true));
      const f = save(crm, REP, 'followUps', followUp(customer.id));
      syncMine(crm, REP, [f.id]);
      expect(events(crm, REP)).toHaveLength(1);
      const moved = save(crm, MGR, 'followUps', { id: f.id, version: record(crm, f.id).version, owner: REP2 });
      expect(moved.calendarSync).toBe(true);
      const order = oldFirst ? [REP, REP2, REP] : [REP2, REP, REP2];
      for (const user of order) runTrigger(crm, user);
      expect({ oldFirst, rep: events(crm, REP).length, rep2: events(crm, REP2).map((e) => e.title) }).toEqual({
        oldFirst,
        rep: 0,
        rep2: ['跟进：星河科技 · 送样品'],
      });
      expect(record(crm, f.id)).toMatchObject({ calendarEvent: `${REP2} ${events(crm, REP2)[0].id}`, calendarSync: false });
    }
  });

  it("the trigger removes the CRM's events whose follow-up the spreadsheet does not have, and leaves others alone", () => {
    const { crm } = setup();
    const { CalendarApp } = appsScript(crm.rt);
    const start = new Date('2026-12-10T02:00:00Z');
    const end = new Date('2026-12-10T02:30:00Z');
    as(crm, REP, () => {
      CalendarApp.createEvent('orphan', start, end, { description: `x\nCRM ${crm.rt.workbook.id} F20261201999` });
      CalendarApp.createEvent('another CRM', start, end, { description: 'x\nCRM other-sheet F20261201999' });
      CalendarApp.createEvent('lunch', start, end);
    });
    expect(runTrigger(crm, REP)).toMatchObject({ removed: 1 });
    expect(events(crm, REP).map((e) => e.title)).toEqual(['another CRM', 'lunch']);
  });

  it('the deep link of the team web app when appUrl is set', () => {
    const { crm, customer } = setup();
    const settings = crm.rt.workbook.getSheet('设置');
    if (!settings) throw new Error('no settings tab');
    const grid = settings.getValuesRaw();
    const h = grid[0] as string[];
    const r = grid.findIndex((l) => l[h.indexOf('类型')] === '参数' && l[h.indexOf('键')] === 'appUrl');
    settings.setValuesRaw(r + 1, h.indexOf('值') + 1, [['https://script.google.com/a/macros/x/s/AKfy/exec']]);
    const f = save(crm, REP, 'followUps', followUp(customer.id));
    syncMine(crm, REP, [f.id]);
    expect(events(crm, REP)[0].description).toContain(
      `在 CRM 中打开：https://script.google.com/a/macros/x/s/AKfy/exec?customer=${customer.id}`,
    );
  });

  it('a Calendar failure at any round trip of a sync, then a resumed run: every event once, none lost', () => {
    // A clean run's round trips, to fail each in turn.
    const clean = setup();
    const made = [1, 2, 3].map((i) =>
      save(clean.crm, REP, 'followUps', followUp(clean.customer.id, { nextPlanAt: `2026-12-1${i} 10:00`, nextPlan: `计划${i}` })),
    );
    clean.crm.rt.resetStats();
    expect(runTrigger(clean.crm, REP)).toMatchObject({ created: 3, failed: null });
    const trips = clean.crm.rt.stats().roundTrips;
    expect(trips).toBeGreaterThan(10);
    let failedRuns = 0;
    for (const cutOff of [false, true]) {
      for (let k = 1; k <= trips; k++) {
        const { crm, customer } = setup();
        const ids = [1, 2, 3].map(
          (i) => save(crm, REP, 'followUps', followUp(customer.id, { nextPlanAt: `2026-12-1${i} 10:00`, nextPlan: `计划${i}` })).id,
        );
        if (cutOff) crm.rt.faults.cutOffAfter(k);
        else crm.rt.faults.failAfter(k, 'Service Calendar failed');
        let first: Sync | null = null;
        try {
          first = runTrigger(crm, REP);
        } catch {
          // A failure outside the Calendar calls (a read, the lock, the write) fails the run.
        }
        crm.rt.faults.clear();
        if (!first || first.failed) failedRuns++;
        runTrigger(crm, REP);
        const mine = events(crm, REP);
        expect({ k, cutOff, titles: mine.map((e) => e.title).sort() }).toEqual({
          k,
          cutOff,
          titles: ['跟进：星河科技 · 计划1', '跟进：星河科技 · 计划2', '跟进：星河科技 · 计划3'],
        });
        // Each with its popup reminder, whatever call the first run stopped at.
        for (const e of mine) expect([k, cutOff, e.popupReminders]).toEqual([k, cutOff, [15]]);
        for (const id of ids) {
          const r = record(crm, id);
          expect(r.calendarSync).toBe(false);
          expect(mine.map((e) => `${REP} ${e.id}`)).toContain(r.calendarEvent);
        }
      }
    }
    expect(failedRuns).toBeGreaterThan(trips);
    expect(made).toHaveLength(3);
  });
});
