import { loadReminders, reminderParams, type ReminderTablesRead } from '../operations/reminders';
import { agendaPlan, agendaReminders, type AgendaRead } from '../operations/agenda';
import { composeDigest, groupByOwner } from '../../core/workflows';
import { openContext, type Context } from '../context';
import { NO_ARGS } from '../args';
import { throwing } from '../entry';
import { WORKFLOW_PERMISSIONS } from './permissions';
import { announce, type TeamEvent } from '../notify/announce';
import type { Reminder } from '../../core/reminders';

/** Document property: the last day overdue follow-ups were posted to the team chats. */
const OVERDUE_POSTED = 'crm.notify.overdueDay';

/**
 * The follow-ups that became overdue since the last day they were posted (once each: on the day
 * their plan date passed; up to a week back when daily runs were missed), posted to the team chats
 * of their owners' teams. No mail: the digest mails the owners their reminders already.
 */
function postOverdue(ctx: Context, reminders: readonly Reminder[], props: GoogleAppsScript.Properties.Properties, today: string): void {
  try {
    if (!(ctx.settings.hooks ?? []).length) return;
    const last = props.getProperty(OVERDUE_POSTED);
    if (last === today) return;
    const gap = last && /^\d{4}-\d{2}-\d{2}$/.test(last) ? Math.round((Date.parse(today) - Date.parse(last)) / 86400000) : 1;
    const window = Math.min(7, Math.max(1, gap));
    const events: TeamEvent[] = reminders
      .filter((r) => r.kind === 'followUp' && r.urgency === 'overdue' && r.days >= 1 && r.days <= window)
      .map((r) => ({
        kind: 'overdueFollowUp',
        to: r.owner,
        table: 'followUps',
        recordId: r.id,
        title: `${r.customerName} · ${r.title}`,
        detail: ctx.lang === 'zh' ? `计划 ${r.date}，已逾期 ${r.days} 天` : `planned ${r.date}, ${r.days} day(s) overdue`,
      }));
    props.setProperty(OVERDUE_POSTED, today);
    announce(events, ctx.settings.users, ctx.lang, { mail: false });
  } catch (e) {
    console.warn(`overdue follow-ups: not posted: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface DigestReport {
  /** Emails sent in this run. */
  sent: number;
  /** Owners with reminders who got no email in this run. */
  skipped: number;
  reasons: { owner: string; reason: 'already_sent' | 'quota' | 'no_email_address' | 'send_failed'; detail?: string }[];
  today: string;
}

/** Document property: the day and the owners already mailed that day (never twice a day). */
const STAMP = 'crm.digest.sent';
/** Unpaid payments due within a week are reminded (the same window as getReminders). */

interface Stamp {
  day: string;
  to: string[];
}

function readStamp(props: GoogleAppsScript.Properties.Properties, today: string): Stamp {
  // Read outside the try: a failed read is a failure, not "nothing sent today" (which would resend).
  const raw = props.getProperty(STAMP);
  try {
    const s = JSON.parse(raw ?? 'null') as Stamp | null;
    if (s && s.day === today && Array.isArray(s.to)) return s;
  } catch {
    // A hand-edited or corrupt stamp counts as "nothing sent today".
  }
  return { day: today, to: [] };
}

/**
 * One email per owner per day with their reminders, within MailApp's remaining daily quota.
 * Owners are claimed in the stamp before sending, so a run that dies midway never mails anyone
 * twice; a failed send is released again at the end.
 */
export function sendDigest(ctx: Context, agenda: AgendaRead | null = null, tables?: ReminderTablesRead): DigestReport {
  const today = ctx.now.slice(0, 10);
  // Everyone's reminders from the daily job's agenda and what changed since, when it can answer;
  // else from the tables runDailyJobs read, or read now (loadReminderTables: two batched reads).
  const fast = agenda ? (agendaReminders(ctx, agenda, reminderParams(ctx), today)?.reminders ?? null) : null;
  const reminders = fast ?? loadReminders(ctx, null, tables).reminders;
  const { mailable, noAddress } = groupByOwner(reminders);
  const report: DigestReport = { sent: 0, skipped: 0, reasons: [], today };
  for (const owner of noAddress) report.reasons.push({ owner, reason: 'no_email_address' });
  const props = PropertiesService.getDocumentProperties();
  postOverdue(ctx, reminders, props, today);
  const stamp = readStamp(props, today);
  const todo: string[] = [];
  let quota = mailable.size ? MailApp.getRemainingDailyQuota() : 0;
  for (const owner of [...mailable.keys()].sort()) {
    if (stamp.to.includes(owner)) report.reasons.push({ owner, reason: 'already_sent' });
    else if (quota < 1) report.reasons.push({ owner, reason: 'quota' });
    else {
      todo.push(owner);
      quota--;
    }
  }
  if (todo.length) {
    props.setProperty(STAMP, JSON.stringify({ day: today, to: [...stamp.to, ...todo] }));
    const url = ctx.store.env.spreadsheet.getUrl();
    const failed: string[] = [];
    for (const owner of todo) {
      const mail = composeDigest(owner, mailable.get(owner) ?? [], today, ctx.lang, url);
      try {
        MailApp.sendEmail({ to: mail.to, subject: mail.subject, body: mail.body, name: 'CRM' });
        report.sent++;
      } catch (e) {
        failed.push(owner);
        report.reasons.push({ owner, reason: 'send_failed', detail: String(e instanceof Error ? e.message : e).slice(0, 200) });
      }
    }
    if (failed.length)
      props.setProperty(STAMP, JSON.stringify({ day: today, to: [...stamp.to, ...todo.filter((o) => !failed.includes(o))] }));
  }
  report.skipped = report.reasons.length;
  return report;
}

/** sendReminderDigest(): the daily email per owner (see sendDigest). */
export const sendReminderDigest = throwing(
  NO_ARGS,
  (): DigestReport => {
    // The agenda's state and every owner's bucket come with the settings, in the first read.
    const agenda = agendaPlan({ spreadsheet: SpreadsheetApp.getActiveSpreadsheet() }, null);
    return sendDigest(openContext(agenda?.plan), agenda?.read ?? null);
  },
  WORKFLOW_PERMISSIONS.sendReminderDigest,
);
