import { NO_ARGS } from './args';
import { throwing } from './entry';
import type { EntryName } from './entryNames';

/**
 * The installable triggers the CRM wants, declared once. installTriggers() makes the project's
 * triggers match: exactly one of each (duplicates deleted, missing ones created), however often it
 * runs. A handler is named by its export (EntryName): a rename that misses it fails to compile.
 */
export type TriggerSpec =
  | { handler: EntryName; kind: 'minutes'; everyMinutes: 1 | 5 | 10 | 15 | 30 }
  | { handler: EntryName; kind: 'hourly'; everyHours: number }
  | { handler: EntryName; kind: 'daily'; atHour: number }
  | { handler: EntryName; kind: 'onEdit' };

export const WANTED_TRIGGERS: readonly TriggerSpec[] = [
  { handler: 'rebuildSummaries', kind: 'hourly', everyHours: 1 },
  // Derived fields (lifecycle, grade, totals, statuses), then the reminder digest, before the working day.
  { handler: 'runDailyJobs', kind: 'daily', atHour: 7 },
  // A nightly copy of the spreadsheet; the oldest beyond backupKeep go to the trash.
  { handler: 'scheduledBackup', kind: 'daily', atHour: 2 },
  // Posts the outbox's team-chat messages (an idle run reads one document property); robots allow
  // about 20 messages a minute, so a minute's run sends what a minute allows.
  { handler: 'deliverNotifications', kind: 'minutes', everyMinutes: 1 },
  // Checks, stamps and logs what people type or paste into the table tabs (src/server/edit).
  { handler: 'handleEdit', kind: 'onEdit' },
];

export interface InstallReport {
  created: string[];
  kept: string[];
  /** Duplicate triggers deleted. */
  removed: number;
}

type Trigger = GoogleAppsScript.Script.Trigger;

function eventTypeOf(spec: TriggerSpec): GoogleAppsScript.Script.EventType {
  if (spec.kind === 'onEdit') return ScriptApp.EventType.ON_EDIT;
  return ScriptApp.EventType.CLOCK;
}

function create(spec: TriggerSpec): void {
  const builder = ScriptApp.newTrigger(spec.handler);
  switch (spec.kind) {
    case 'minutes':
      builder.timeBased().everyMinutes(spec.everyMinutes).create();
      break;
    case 'hourly':
      builder.timeBased().everyHours(spec.everyHours).create();
      break;
    case 'daily':
      builder.timeBased().everyDays(1).atHour(spec.atHour).create();
      break;
    case 'onEdit':
      builder.forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
      break;
  }
}

/** The running user's triggers of a handler (ScriptApp lists the caller's own, never another person's). */
export function ownTriggers(handler: EntryName): Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
}

/**
 * A person's own trigger (email logging, the calendar sync, the mail-merge resume: each runs as
 * whoever installs it, so each person installs theirs): on, exactly one of `spec` (duplicates
 * deleted); off, none. `existing`: their triggers of its handler, when the caller has listed them.
 */
export function setOwnTrigger(spec: TriggerSpec, on: boolean, existing: Trigger[] = ownTriggers(spec.handler)): void {
  for (const t of on ? existing.slice(1) : existing) ScriptApp.deleteTrigger(t);
  if (on && !existing.length) create(spec);
}

/** Installs exactly one trigger per wanted spec (matched by handler and event type). */
/** Admins only: triggers run as whoever installs them. */
export const installTriggers = throwing(NO_ARGS, (): InstallReport => installWantedTriggers(), 'admin');

function installWantedTriggers(): InstallReport {
  const lock = LockService.getScriptLock();
  lock.waitLock(30000);
  try {
    const report: InstallReport = { created: [], kept: [], removed: 0 };
    const existing: Trigger[] = ScriptApp.getProjectTriggers();
    for (const spec of WANTED_TRIGGERS) {
      const type = eventTypeOf(spec);
      const same = existing.filter((t) => t.getHandlerFunction() === spec.handler && t.getEventType() === type);
      for (const duplicate of same.slice(1)) {
        ScriptApp.deleteTrigger(duplicate);
        report.removed++;
      }
      if (same.length) report.kept.push(spec.handler);
      else {
        create(spec);
        report.created.push(spec.handler);
      }
    }
    return report;
  } finally {
    lock.releaseLock();
  }
}
