import type { TableDef } from '../../schema';
import { sameValue } from '../records';
import type { Values } from '../validate';
import { str } from './values';

/** A backup the CRM made, as kept in its register (a document property). */
export interface BackupEntry {
  id: string;
  name: string;
  /** 'YYYY-MM-DD HH:mm' in the spreadsheet time zone. */
  at: string;
  scheduled: boolean;
}

/** '客户管理 备份 2024-03-15 10:30' — sortable, and says what it is in Drive. */
export function backupName(spreadsheetName: string, now: string, lang: 'zh' | 'en'): string {
  return `${spreadsheetName} ${lang === 'zh' ? '备份' : 'backup'} ${now}`;
}

/**
 * Which backups to keep and which to trash: scheduled copies beyond the newest `keep` go; copies
 * made on demand are kept until someone deletes them (a person asked for each one).
 */
export function pruneBackups(entries: readonly BackupEntry[], keep: number): { kept: BackupEntry[]; expired: BackupEntry[] } {
  const newestFirst = [...entries].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  const n = Math.max(1, Math.floor(keep));
  let scheduled = 0;
  const kept: BackupEntry[] = [];
  const expired: BackupEntry[] = [];
  for (const e of newestFirst) {
    if (e.scheduled && ++scheduled > n) expired.push(e);
    else kept.push(e);
  }
  return { kept, expired };
}

export interface FieldChange {
  field: string;
  current: unknown;
  backup: unknown;
}
export interface RestoreChange {
  id: string;
  /** update: the record differs; add: it exists only in the backup; remove: only now (soft-deleted on restore). */
  kind: 'update' | 'add' | 'remove';
  title: string;
  fields: FieldChange[];
}

const STAMPS = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

/**
 * What restoring `backup` rows over `current` rows would change (all of a table, or one ID).
 * Records created after the backup are soft-deleted by a table restore, never erased.
 */
export function diffForRestore(
  table: TableDef,
  current: readonly Values[],
  backup: readonly Values[],
  onlyId: string | null,
): RestoreChange[] {
  const now = new Map(current.map((r) => [str(r.id), r]));
  const then = new Map(backup.map((r) => [str(r.id), r]));
  const fields = table.columns.filter((c) => !STAMPS.has(c.key)).map((c) => c.key);
  const ids = onlyId ? [onlyId] : [...new Set([...then.keys(), ...now.keys()])];
  const out: RestoreChange[] = [];
  for (const id of ids) {
    const a = now.get(id);
    const b = then.get(id);
    const title = str((b ?? a)?.[table.titleField]) || id;
    if (b && !a)
      out.push({
        id,
        kind: 'add',
        title,
        fields: fields.filter((f) => !sameValue(b[f], null)).map((f) => ({ field: f, current: null, backup: b[f] })),
      });
    else if (a && !b) {
      if (!a.deleted && !onlyId) out.push({ id, kind: 'remove', title, fields: [{ field: 'deleted', current: false, backup: true }] });
    } else if (a && b) {
      const diff = fields.filter((f) => !sameValue(a[f], b[f])).map((f) => ({ field: f, current: a[f], backup: b[f] }));
      if (diff.length) out.push({ id, kind: 'update', title, fields: diff });
    }
  }
  return out;
}
