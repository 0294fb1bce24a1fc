import { measure } from '../integration/harness';
import { addHook, deliver, notifyCrm, WECOM, winDeal } from './helpers';

/** Modelled seconds (DESIGN.md): round trips × 0.15 s + cells × 20 µs. */
const modelled = (m: { roundTrips: number; cellsRead: number; cellsWritten: number }) =>
  Math.round((m.roundTrips * 0.15 + (m.cellsRead + m.cellsWritten) * 0.00002) * 100) / 100;

describe('what notifications cost (round trips and cells, never time)', () => {
  it('an idle delivery run reads the settings (role check) and one property; a won deal with a hook adds one locked append; a run of 20 messages stays flat', () => {
    const { crm, customerId } = notifyCrm();
    const idle = measure(crm, () => deliver(crm));
    expect(idle.result.idle).toBe(true);
    // The role check (settings, one read) and the pending flag.
    expect(idle.roundTrips).toBe(2);

    winDeal(crm, customerId, 'rep1@example.com', 'warm-up');
    const without = measure(crm, () => winDeal(crm, customerId, 'rep1@example.com', 'no hook'));
    addHook(crm, '华东群', WECOM, '华东');
    winDeal(crm, customerId, 'rep1@example.com', 'warm-up 2');
    deliver(crm);
    crm.rt.advanceClock(120000);
    deliver(crm);
    const withHook = measure(crm, () => winDeal(crm, customerId, 'rep1@example.com', 'with hook'));
    for (let i = 0; i < 19; i++) winDeal(crm, customerId, 'rep1@example.com', `单${i}`);
    crm.rt.advanceClock(120000);
    const run = measure(crm, () => deliver(crm));
    expect(run.result.sent).toBe(20);
    const fetches = run.byMethod['UrlFetchApp.fetch'] ?? 0;
    const figures = {
      idle: { rt: idle.roundTrips, s: modelled(idle) },
      saveWithoutHook: { rt: without.roundTrips, cells: without.cellsRead + without.cellsWritten, s: modelled(without) },
      saveWithHook: { rt: withHook.roundTrips, cells: withHook.cellsRead + withHook.cellsWritten, s: modelled(withHook) },
      deliver20: {
        rt: run.roundTrips,
        fetches,
        sheetRt: run.roundTrips - fetches,
        cells: run.cellsRead + run.cellsWritten,
        s: modelled(run),
      },
    };
    console.log(JSON.stringify(figures));
    // The queue costs a locked append (lock, append hint, one block write, the pending flag) and mails nobody.
    expect(withHook.roundTrips - without.roundTrips).toBeLessThanOrEqual(6);
    // Sheet and property round trips of a delivery run do not grow with the messages (the fetches do, one each).
    expect(fetches).toBe(20);
    expect(run.roundTrips - fetches).toBeLessThanOrEqual(14);
  });
});
