import {
  isDataTableKey,
  matchOption,
  SEARCH_KEY,
  tableDef,
  toBoolean,
  toDate,
  toDateTime,
  toList,
  toNumber,
  type Column,
  type TableDef,
} from '../schema';
import type { Values } from './validate';

/**
 * The change log read back as a journal: replaying its entries (oldest first) from an empty
 * workbook rebuilds every record's values. Pure: the caller reads the history tab.
 */

/** One change-log row as read (values as the cells hold them: text, or typed for snapshots). */
export interface JournalEntry {
  table: string;
  recordId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  note?: unknown;
}

/**
 * create: a new record's snapshot ('*'); recreate: a record put back whole (restore from a backup
 * of a row erased from its tab); set: one field's new value; unapplied: an attempt the CRM undid
 * (a refused or reverted typed change: the cell holds the old value again); failed: an attempt
 * whose writes did not land (marked so it never reads as real).
 */
export type EntryKind = 'create' | 'recreate' | 'set' | 'unapplied' | 'failed';

/** Marks an entry left by an attempt whose writes did not land (both languages, for the reader). */
export const FAILED_ATTEMPT_NOTE = '未生效的尝试 / failed attempt, not applied';
/** Note of a snapshot that puts back a record erased from its tab (restore from a backup). */
const RECREATE_NOTE_PREFIX = 'restore from backup';

// The edit handler's notes for typed changes it undid (src/core/edits/plan.ts): the cell holds
// the old value again, so the entry records an attempt, not a change.
const UNAPPLIED_NOTE = /^refused \(.*\); restored$|^reverted: /;

/** What an entry is, from its field and note (a change-log row as read will do). */
export function entryKind(e: Pick<JournalEntry, 'note'> & { field?: unknown }): EntryKind {
  const note = typeof e.note === 'string' ? e.note : '';
  if (note.startsWith(FAILED_ATTEMPT_NOTE)) return 'failed';
  if (UNAPPLIED_NOTE.test(note)) return 'unapplied';
  if (e.field === '*') return note.startsWith(RECREATE_NOTE_PREFIX) ? 'recreate' : 'create';
  return 'set';
}

/**
 * Columns the journal does not rebuild, and why. Everything else on a data tab must equal its
 * replay.
 * - derived columns: recomputed from other rows and the date (daily job, saves); the daily job
 *   logs only grade, lifecycle and status changes, so their log is a trail, not a journal;
 * - createdAt/createdBy/updatedAt/updatedBy: stamps of the write itself; the log carries the
 *   time and user of each entry, and derived-only writes move no stamp;
 * - version: no column (the edit token, derived from updatedAt), listed for records that carry it;
 * - the search key: a fold of other columns, kept by the store.
 * (id is the record's key; deleted is replayed.)
 */
const UNREPLAYED_STAMPS: readonly string[] = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'version'];

/** The columns of a data table whose values the journal rebuilds. */
export function replayedColumns(def: TableDef): Column[] {
  return def.columns.filter((c) => c.key !== 'id' && c.key !== SEARCH_KEY && !c.derived && !UNREPLAYED_STAMPS.includes(c.key));
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * A value as the log holds it (field rows hold text: JSON for lists, numbers and booleans;
 * snapshots hold typed JSON values) as the column's canonical value, leniently: what does not
 * fit is kept as logged (bad typed values stay in their cells, and in the log, as typed).
 */
export function loggedValue(col: Column, raw: unknown): unknown {
  let v = raw;
  if (col.kind === 'tags' && typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      v = JSON.parse(v);
    } catch {
      // Not JSON after all: a typed list, split below.
    }
  }
  switch (col.kind) {
    case 'bool':
      return blank(v) ? false : toBoolean(v);
    case 'tags':
      return blank(v) ? [] : toList(v);
    case 'money':
    case 'number':
    case 'integer':
    case 'percent':
    case 'score':
      return blank(v) ? null : toNumber(v);
    case 'date':
      return blank(v) ? null : toDate(v);
    case 'datetime':
      return blank(v) ? null : toDateTime(v);
    case 'enum':
      return blank(v) ? null : col.options ? matchOption(col.options, v) : String(v).trim();
    default:
      // Text as the store reads it: only an empty cell is blank (spaces typed and kept, marked invalid, are a value).
      return v === null || v === undefined || v === '' ? null : typeof v === 'string' ? v : String(v);
  }
}

/** A record rebuilt from the log. */
export interface ReplayedRecord {
  values: Values;
  /** 'create' entries for this ID (more than one: an ID handed out twice, or a doubled create). */
  creates: number;
}

export interface Replay {
  /** table → record ID → record. */
  tables: Map<string, Map<string, ReplayedRecord>>;
  /** Entries the replay could not apply (a change to a record never created, a snapshot not JSON). */
  orphans: { entry: JournalEntry; why: string }[];
}

function snapshotOf(raw: unknown): Values | null {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return raw as Values;
  if (typeof raw !== 'string') return null;
  try {
    const v: unknown = JSON.parse(raw);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Values) : null;
  } catch {
    return null;
  }
}

/** Every field of a fresh record, blank unless the snapshot gives it; deleted false. */
function fromSnapshot(def: TableDef, snapshot: Values): Values {
  const out: Values = {};
  for (const c of replayedColumns(def)) out[c.key] = loggedValue(c, snapshot[c.key]);
  return out;
}

/**
 * Replays change-log entries, oldest first: creates and recreates start a record from their
 * snapshot, sets change one field, unapplied and failed entries change nothing. Entries of tables
 * that are not data tables (settings) are left out.
 */
export function replayJournal(entries: readonly JournalEntry[]): Replay {
  const tables = new Map<string, Map<string, ReplayedRecord>>();
  const orphans: Replay['orphans'] = [];
  for (const e of entries) {
    if (!isDataTableKey(e.table)) continue;
    const def = tableDef(e.table);
    const kind = entryKind(e);
    if (kind === 'unapplied' || kind === 'failed') continue;
    let records = tables.get(e.table);
    if (!records) tables.set(e.table, (records = new Map()));
    const id = String(e.recordId).trim();
    const known = records.get(id);
    if (kind === 'create' || kind === 'recreate') {
      const snapshot = snapshotOf(e.newValue);
      if (!snapshot) {
        orphans.push({ entry: e, why: 'snapshot is not a JSON object' });
        continue;
      }
      records.set(id, { values: fromSnapshot(def, snapshot), creates: (known?.creates ?? 0) + (kind === 'create' ? 1 : 0) });
      continue;
    }
    if (!known) {
      orphans.push({ entry: e, why: 'change to a record the log never created' });
      continue;
    }
    const col = def.columns.find((c) => c.key === e.field);
    if (col) known.values[e.field] = loggedValue(col, e.newValue);
  }
  return { tables, orphans };
}
