/** The sidebar's reminders and the digest read only REMINDER_COLUMNS: same reminders on rows cut to them. */
import { agendaRows } from '../../src/core/agenda';
import {
  computeReminders,
  LATEST_FOLLOW_UP_FIELDS,
  latestFollowUps,
  REMINDER_COLUMNS,
  type ReminderData,
  type ReminderTables,
} from '../../src/core/reminders';
import { DEFAULT_TODAY, generateDataset } from '../../src/runtime/demo';
import { cutTo } from './columnGuard';

const TABLES = Object.keys(REMINDER_COLUMNS) as ReminderTables[];

describe('REMINDER_COLUMNS lists every field computeReminders reads', () => {
  const ds = generateDataset({ customers: 300, seed: 11 });
  const full = Object.fromEntries(
    TABLES.map((k) => [
      k,
      (ds[k] ?? []).map((r, i) => {
        const row = { ...r };
        // Vary what the demo keeps uniform: deleted rows, tickets without an opened date or subject, plans without text.
        if (i % 13 === 3) row.deleted = true;
        if (k === 'tickets' && i % 3 === 0) {
          row.openedAt = null;
          row.subject = null;
        }
        if (k === 'followUps' && i % 4 === 0) row.nextPlan = null;
        if (k === 'payments' && i % 5 === 0) row.contractId = null;
        return row;
      }),
    ]),
  ) as unknown as ReminderData;
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

  // The whole-table readers (daily job, digest, sidebar without an agenda) read LATEST_FOLLOW_UP_FIELDS
  // of each customer's latest follow-up only: the same reminders and the same agenda rows.
  const latestOnly = (unlisted: Set<string>): ReminderData => {
    const first = REMINDER_COLUMNS.followUps.filter((f) => !LATEST_FOLLOW_UP_FIELDS.includes(f));
    const latest = new Set(latestFollowUps(full.followUps).values());
    return {
      ...Object.fromEntries(TABLES.map((k) => [k, cutTo(k, full[k], REMINDER_COLUMNS[k], unlisted)])),
      followUps: full.followUps.map((r, i) => cutTo('followUps', [r], latest.has(i) ? REMINDER_COLUMNS.followUps : first, unlisted)[0]),
    } as unknown as ReminderData;
  };

  it.each([null, String(ds.customers?.[0].owner)])(
    'same reminders for owner %s with the plan fields of latest follow-ups only',
    (owner) => {
      const unlisted = new Set<string>();
      const query = { today: DEFAULT_TODAY, owner };
      const expected = computeReminders(full, params, query);
      expect(computeReminders(latestOnly(unlisted), params, query)).toEqual(expected);
      expect([...unlisted]).toEqual([]);
      expect(expected.filter((r) => r.kind === 'followUp').length).toBeGreaterThan(5);
    },
  );

  it('same agenda rows with the plan fields of latest follow-ups only', () => {
    const unlisted = new Set<string>();
    const tablesOf = (data: ReminderData) =>
      Object.fromEntries(TABLES.map((k) => [k, { records: data[k], rowNumbers: data[k].map((_r, i) => i + 2) }])) as unknown as Parameters<
        typeof agendaRows
      >[0];
    const expected = agendaRows(tablesOf(full), params, DEFAULT_TODAY, 7);
    expect(agendaRows(tablesOf(latestOnly(unlisted)), params, DEFAULT_TODAY, 7)).toEqual(expected);
    expect([...unlisted]).toEqual([]);
    expect(expected.size).toBeGreaterThan(1);
  });
});
