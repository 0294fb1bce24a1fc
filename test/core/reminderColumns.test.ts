/** The sidebar's reminders and the digest read only REMINDER_COLUMNS: same reminders on rows cut to them. */
import { computeReminders, REMINDER_COLUMNS, type ReminderData, type ReminderTables } from '../../src/core/reminders';
import { DEFAULT_TODAY, generateDataset } from '../../src/runtime/demo';
import { cutTo } from './columnGuard';

const TABLES = Object.keys(REMINDER_COLUMNS) as ReminderTables[];

describe('REMINDER_COLUMNS lists every field computeReminders reads', () => {
  const ds = generateDataset({ customers: 300, seed: 11 });
  const full = Object.fromEntries(TABLES.map((k) => [k, (ds[k] ?? []).map((r, i) => {
    const row = { ...r };
    // Vary what the demo keeps uniform: deleted rows, tickets without an opened date or subject, plans without text.
    if (i % 13 === 3) row.deleted = true;
    if (k === 'tickets' && i % 3 === 0) { row.openedAt = null; row.subject = null; }
    if (k === 'followUps' && i % 4 === 0) row.nextPlan = null;
    if (k === 'payments' && i % 5 === 0) row.contractId = null;
    return row;
  })])) as unknown as ReminderData;
  const params = { contractExpiryDays: 30, stalledDays: 14, ticketOpenDays: 3, paymentDueDays: 7 };

  it.each([null, String(ds.customers?.[0].owner)])('same reminders for owner %s', (owner) => {
    const unlisted = new Set<string>();
    const cut = Object.fromEntries(TABLES.map((k) => [k, cutTo(k, full[k], REMINDER_COLUMNS[k], unlisted)])) as unknown as ReminderData;
    const query = { today: DEFAULT_TODAY, owner };
    const expected = computeReminders(full, params, query);
    expect(computeReminders(cut, params, query)).toEqual(expected);
    expect([...unlisted]).toEqual([]);
    expect(new Set(expected.map((r) => r.kind)).size).toBeGreaterThanOrEqual(4);
  });
});
