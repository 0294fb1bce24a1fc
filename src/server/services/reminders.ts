import { numberParam } from '../../core';
import { computeReminders, REMINDER_COLUMNS, type Reminder, type ReminderParams, type ReminderTables } from '../../core/reminders';
import { loadColumns } from '../../store';
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

export function loadReminders(ctx: Context, owner: string | null): { today: string; params: ReminderParams; reminders: Reminder[] } {
  const params = reminderParams(ctx);
  const rows = (key: ReminderTables) => loadColumns(ctx.store, key, REMINDER_COLUMNS[key]).records;
  const data = {
    customers: rows('customers'), followUps: rows('followUps'), payments: rows('payments'),
    contracts: rows('contracts'), opportunities: rows('opportunities'), tickets: rows('tickets'),
  };
  const today = ctx.now.slice(0, 10);
  return { today, params, reminders: computeReminders(data, params, { today, owner }) };
}
