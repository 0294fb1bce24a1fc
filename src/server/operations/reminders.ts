import { numberParam, type Values } from '../../core';
import type { AgendaTable } from '../../core/agenda';
import {
  computeReminders,
  LATEST_FOLLOW_UP_FIELDS,
  latestFollowUps,
  REMINDER_COLUMNS,
  type Reminder,
  type ReminderData,
  type ReminderParams,
  type ReminderTables,
} from '../../core/reminders';
import { loadColumns, loadFieldsAt, prefetchColumns } from '../../store';
import type { Context } from '../context';

/** Days ahead a payment counts as "due soon". */
const PAYMENT_DUE_DAYS = 7;

/**
 * Every reminder for `owner` (null: everyone's) as of today, from the columns it needs
 * (REMINDER_COLUMNS) of each table, read once per execution.
 * The sidebar's list and the daily digest both come from here.
 */
export function reminderParams(ctx: Context): ReminderParams {
  return {
    contractExpiryDays: numberParam(ctx.settings, 'contractExpiryDays'),
    stalledDays: numberParam(ctx.settings, 'stalledDays'),
    ticketOpenDays: numberParam(ctx.settings, 'ticketOpenDays'),
    paymentDueDays: PAYMENT_DUE_DAYS,
  };
}

/** The columns of the first read: REMINDER_COLUMNS, follow-ups without LATEST_FOLLOW_UP_FIELDS. */
export const REMINDER_FIRST_READ: Readonly<Record<ReminderTables, readonly string[]>> = {
  ...REMINDER_COLUMNS,
  followUps: REMINDER_COLUMNS.followUps.filter((f) => !LATEST_FOLLOW_UP_FIELDS.includes(f)),
};

export type ReminderTablesRead = Record<ReminderTables, AgendaTable & { records: Values[] }>;

/**
 * The reminder tables as computeReminders and agendaRows need them, in two batched reads:
 * REMINDER_FIRST_READ of every table (a no-op for columns this execution has read), then
 * LATEST_FOLLOW_UP_FIELDS of each customer's latest follow-up only (a tenth of that tab's rows; the
 * other follow-ups are used only for which is latest and the opportunities' last follow-up).
 */
export function loadReminderTables(ctx: Context): ReminderTablesRead {
  prefetchColumns(ctx.store, REMINDER_FIRST_READ);
  const out = {} as ReminderTablesRead;
  for (const key of Object.keys(REMINDER_COLUMNS) as ReminderTables[]) {
    const t = loadColumns(ctx.store, key, REMINDER_FIRST_READ[key]);
    out[key] = { records: t.records, rowNumbers: t.rowNumbers };
  }
  const f = out.followUps;
  const latest = [...latestFollowUps(f.records).values()];
  const fields = loadFieldsAt(
    ctx.store,
    'followUps',
    LATEST_FOLLOW_UP_FIELDS,
    latest.map((i) => f.rowNumbers[i]),
  );
  const records = f.records.slice();
  for (const i of latest) records[i] = { ...records[i], ...fields.get(f.rowNumbers[i]) };
  out.followUps = { records, rowNumbers: f.rowNumbers };
  return out;
}

export function loadReminders(
  ctx: Context,
  owner: string | null,
  tables: ReminderTablesRead = loadReminderTables(ctx),
): { today: string; params: ReminderParams; reminders: Reminder[] } {
  const params = reminderParams(ctx);
  const data = Object.fromEntries(Object.entries(tables).map(([k, t]) => [k, t.records])) as unknown as ReminderData;
  const today = ctx.now.slice(0, 10);
  return { today, params, reminders: computeReminders(data, params, { today, owner }) };
}
