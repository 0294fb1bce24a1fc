import { loadCrm } from '../integration/harness';
import { addUsers, ADMIN, created, rowsOf, TEAM } from './helpers';
import { checkJournal, journalOf, phantomEntries } from './journal';

/**
 * Issue #18's reproduction on the fallback path: a copy of the script without the Sheets advanced
 * service writes a locked step as one setValues per range, which is not all or nothing by itself.
 * The store writes such a step as an intent (src/store/intent.ts): a save whose write fails
 * anywhere is rolled back whole, the retry saves once under a new ID, and the log holds exactly
 * the entries of one save. (faultsNoApiAll.test.ts runs every writing entry point this way.)
 */
function noApiWorkbook() {
  const crm = loadCrm({ user: ADMIN, owner: 'owner@example.com', manifest: null });
  crm.call('setupWorkbook');
  addUsers(crm, TEAM);
  crm.call('setupWorkbook');
  return crm;
}

it('without the Sheets service: a save whose write fails once, then retried, is logged once and saved once', () => {
  const base = noApiWorkbook();
  const customer = created(base, 'customers', { name: 'Base Co', owner: 'rep1@example.com' });
  const fork = () => {
    const copy = base.rt.workbook.clone('fork');
    return loadCrm({ workbook: copy, locale: copy.locale, timeZone: copy.timeZone, user: ADMIN, manifest: null });
  };
  const probe = fork();
  const input = { customerId: customer.id, time: '2024-03-02 10:00', method: '邮件', content: 'retry me' };
  probe.rt.resetStats();
  const logged = journalOf(probe).length;
  probe.call('saveRecord', 'followUps', input);
  const trips = probe.rt.stats().roundTrips;
  const entriesOfOneSave = journalOf(probe).length - logged;
  const problems: string[] = [];
  for (let k = 1; k <= trips; k++) {
    const crm = fork();
    crm.rt.faults.failAfter(k);
    const first = crm.call<{ ok: boolean }>('saveRecord', 'followUps', input);
    crm.rt.faults.clear();
    problems.push(...phantomEntries(crm).map((p) => `k=${k}: ${p}`));
    if (!first.ok) crm.call('saveRecord', 'followUps', input);
    const rows = rowsOf(crm, 'followUps').length;
    if (rows !== 1) problems.push(`k=${k}: ${rows} rows`);
    // Nothing of the failed attempt is left in the log, not even an entry marked as failed.
    const entries = journalOf(crm).length - logged;
    if (entries !== entriesOfOneSave) problems.push(`k=${k}: ${entries} log entries, not ${entriesOfOneSave}`);
    problems.push(...checkJournal(crm).problems.map((p) => `k=${k}: ${p}`));
  }
  expect(problems).toEqual([]);
});
