import { REMINDER_KINDS, type Reminder, type ReminderKind, type ReminderParams } from '../../core/reminders';
import { loadReminders, reminderParams } from '../operations/reminders';
import { agendaPlan, agendaReminders } from '../operations/agenda';
import { currentUser, openContext } from '../context';
import { ownerLimitArgs } from '../args';
import { throwing } from '../entry';

export interface RemindersResult {
  /** 'YYYY-MM-DD' the reminders are computed for (spreadsheet time zone). */
  today: string;
  /** Whose reminders: an e-mail, or null for everyone's. */
  owner: string | null;
  params: ReminderParams;
  /** How many reminders of each kind exist (items may be cut to `limit` per kind). */
  counts: Record<ReminderKind, number>;
  items: Reminder[];
  /**
   * 'agenda': one owner's reminders from the daily job's agenda and what changed since (reads
   * follow the rows the reminders need); 'columns': from whole-column reads (everyone's, or no
   * usable agenda: the daily job has not run for a while). The answers are the same.
   */
  source: 'agenda' | 'columns';
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
/** Unpaid payments coming due within a week are worth a reminder; not a settings parameter. */

/**
 * getReminders({ owner?, limit? }): follow-ups due, payments due or overdue, contracts expiring,
 * stalled opportunities and tickets open too long. `owner` defaults to the current user; '' or
 * '*' means everyone. Windows come from the settings tab's parameters.
 */
export const getReminders = throwing(ownerLimitArgs, (o = {}): RemindersResult => {
  const limit = Math.min(MAX_LIMIT, Math.floor(o.limit ?? DEFAULT_LIMIT));
  const ownerOption = typeof o.owner === 'string' ? o.owner.trim() : undefined;
  const owner = ownerOption === undefined ? currentUser() : ownerOption === '' || ownerOption === '*' ? null : ownerOption;
  const agenda = agendaPlan({ spreadsheet: SpreadsheetApp.getActiveSpreadsheet() }, owner);
  const ctx = openContext(agenda?.plan);
  const params = reminderParams(ctx);
  const today = ctx.now.slice(0, 10);
  // From the agenda: the first `limit` of each kind read, the rest counted from its lists.
  const fast = agenda ? agendaReminders(ctx, agenda.read, params, today, limit) : null;
  const all = fast?.reminders ?? loadReminders(ctx, owner).reminders;
  const source = fast ? 'agenda' : 'columns';
  const seen = Object.fromEntries(REMINDER_KINDS.map((k) => [k, 0])) as Record<ReminderKind, number>;
  const items: Reminder[] = [];
  for (const r of all) if (++seen[r.kind] <= limit) items.push(r);
  return { today, owner, params, counts: fast?.counts ?? seen, items, source };
});
