import { tableDef, type DataTableKey } from '../../schema';
import { CrmError, numberParam, updateStamps, type Values } from '../../core';
import { backupName, diffForRestore, pruneBackups, type BackupEntry, type RestoreChange } from '../../core/workflows';
import { SheetStore } from '../../store';
import * as z from 'zod/mini';
import { maybeText, NO_ARGS, signature, tableArg, text } from '../args';
import { openContext, type Context } from '../context';
import { enveloped, throwing, type Envelope } from '../entry';
import { WritePlan } from './batch';
import { WORKFLOW_PERMISSIONS } from './permissions';

/** Document property listing the backups the CRM made (newest first), so no Drive search is needed. */
const REGISTER = 'crm.backups';
/** Entries kept in the register (a property value holds 9 KB; an entry is ~90 bytes). */
const MAX_REGISTER = 80;

function readRegister(props: GoogleAppsScript.Properties.Properties): BackupEntry[] {
  // Read outside the try: a failed read is a failure, not an empty register (which a backup would
  // then write back, forgetting every earlier backup).
  const raw = props.getProperty(REGISTER);
  try {
    const list = JSON.parse(raw ?? '[]') as BackupEntry[];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/** Copies the spreadsheet (DriveApp makeCopy, same folder) and records the copy in the register. */
function makeBackup(ctx: Context, scheduled: boolean): { entry: BackupEntry; expired: BackupEntry[] } {
  const ss = ctx.store.env.spreadsheet;
  const name = backupName(ss.getName(), ctx.now, ctx.lang);
  const copy = DriveApp.getFileById(ss.getId()).makeCopy(name);
  const entry: BackupEntry = { id: copy.getId(), name, at: ctx.now, scheduled };
  const props = PropertiesService.getDocumentProperties();
  const all = [entry, ...readRegister(props)];
  const { kept, expired } = pruneBackups(all, numberParam(ctx.settings, 'backupKeep'));
  if (scheduled) for (const e of expired) trash(e.id);
  const register = scheduled ? kept : all;
  props.setProperty(REGISTER, JSON.stringify(register.slice(0, MAX_REGISTER)));
  return { entry, expired: scheduled ? expired : [] };
}

function trash(id: string): void {
  try {
    DriveApp.getFileById(id).setTrashed(true);
  } catch {
    // Already deleted by hand: nothing left to trash.
  }
}

/** backupNow(): a timestamped copy of the spreadsheet in Drive; returns the copy's file ID. */
export const backupNow = throwing(
  NO_ARGS,
  (): string => {
    const ctx = openContext();
    return makeBackup(ctx, false).entry.id;
  },
  WORKFLOW_PERMISSIONS.backupNow,
);

/** The scheduled backup (daily trigger): a copy, then scheduled copies beyond backupKeep go to the trash. */
export const scheduledBackup = throwing(
  NO_ARGS,
  (): { id: string; trashed: string[] } => {
    const ctx = openContext();
    const { entry, expired } = makeBackup(ctx, true);
    return { id: entry.id, trashed: expired.map((e) => e.id) };
  },
  WORKFLOW_PERMISSIONS.scheduledBackup,
);

/** listBackups(): the backups the CRM made, newest first. */
export const listBackups = throwing(
  NO_ARGS,
  (): BackupEntry[] => {
    return readRegister(PropertiesService.getDocumentProperties());
  },
  WORKFLOW_PERMISSIONS.listBackups,
);

export interface RestoreResult {
  mode: 'preview' | 'commit';
  table: string;
  backup: { id: string; name: string };
  counts: { update: number; add: number; remove: number };
  changes: RestoreChange[];
}

const MAX_CHANGES = 500;

/**
 * restoreFromBackup(backupId, { table, id?, mode }): the table (or one record) as it was in the
 * backup. preview lists what would change; commit writes it (records created since the backup are
 * soft-deleted, never erased), with history, in one locked step.
 */
const RESTORE_ARGS = signature(
  ['backupId', 'options'],
  text(200),
  z.strictObject({
    table: tableArg,
    id: maybeText(40),
    mode: z.optional(z.enum(['preview', 'commit'])),
  }),
);

export const restoreFromBackup = enveloped(
  RESTORE_ARGS,
  (fileId, o): Envelope<RestoreResult> => {
    const key = o.table;
    const id = o.id ? o.id.toUpperCase() : null;
    const mode = o.mode ?? 'preview';
    const ctx = openContext();
    const entry = readRegister(PropertiesService.getDocumentProperties()).find((e) => e.id === fileId);
    let backupSs: GoogleAppsScript.Spreadsheet.Spreadsheet;
    try {
      backupSs = SpreadsheetApp.openById(fileId);
    } catch {
      throw CrmError.of('backup_missing', ctx.lang, { id: fileId });
    }
    const backupStore = new SheetStore({ ...ctx.store.env, spreadsheet: backupSs, properties: undefined });
    const before = backupStore.load(key).records;
    const run = () => {
      const current = ctx.store.load(key);
      if (id && !current.byId.has(id) && !before.some((r) => r.id === id)) throw CrmError.of('not_found', ctx.lang, { id });
      const changes = diffForRestore(tableDef(key), current.records, before, id);
      const counts = { update: 0, add: 0, remove: 0 };
      for (const c of changes) counts[c.kind]++;
      const result: RestoreResult = {
        mode,
        table: key,
        backup: { id: fileId, name: entry?.name ?? backupSs.getName() },
        counts,
        changes: changes.slice(0, MAX_CHANGES),
      };
      if (mode === 'commit') apply(ctx, key, changes, before, result.backup.name);
      return { ok: true as const, ...result };
    };
    return mode === 'commit' ? ctx.store.withLock(run) : run();
  },
  WORKFLOW_PERMISSIONS.restoreFromBackup,
);

function apply(ctx: Context, key: DataTableKey, changes: RestoreChange[], backupRows: readonly Values[], name: string): void {
  const byId = new Map(backupRows.map((r) => [String(r.id), r]));
  const writes = new WritePlan(ctx, `restore from backup ${name}`);
  const adds: Values[] = [];
  for (const c of changes) {
    if (c.kind === 'add') {
      const row = byId.get(c.id) as Values;
      adds.push({ ...row, ...updateStamps(row, ctx.user, ctx.clock) });
    } else writes.update(key, c.id, Object.fromEntries(c.fields.map((f) => [f.field, f.backup])));
  }
  writes.append(key, adds);
  writes.commit();
}
