import { DATA_TABLE_KEYS, tableDef, type Column, type DataTableKey } from '../../src/schema';
import { replayedColumns, replayJournal, entryKind, type JournalEntry } from '../../src/core';
import { cellReader, readLayout } from '../../src/store';
import { formatJavaDate } from '../../src/runtime/emulator/services/javaDateFormat';
import { serialNumber } from '../../src/runtime/emulator/services/sheetsApi';
import type { Crm } from '../integration/harness';
import { historyRows, tab } from './helpers';

/** The change log as journal entries, in tab order (oldest first). */
export function journalOf(crm: Crm): JournalEntry[] {
  return historyRows(crm).map((h) => ({
    table: String(h.table ?? ''),
    recordId: String(h.recordId ?? ''),
    field: String(h.field ?? ''),
    oldValue: h.oldValue,
    newValue: h.newValue,
    note: h.note,
  }));
}

/**
 * A column's cells read as the store reads them through the Sheets API (values as stored, dates as
 * serial numbers): a date Sheets made of text typed into a text column reads as its serial number.
 */
function reader(c: Column, tz: string): (cell: unknown) => unknown {
  const read = cellReader(c, tz, formatJavaDate);
  if (c.kind === 'date' || c.kind === 'datetime') return read;
  return (cell) => read(cell instanceof Date ? serialNumber(cell, tz) : cell);
}

/** Values compared as the store reads them: blank, empty list and null are one thing. */
function comparable(v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return 'null';
  return JSON.stringify(v);
}

export interface JournalReport {
  problems: string[];
  records: number;
  entries: number;
}

/**
 * The journal invariant of issue #18: replaying the history tab from an empty workbook gives every
 * data row's values (the columns replayedColumns names), for every table; every logged record is
 * on its tab; no ID has two create entries; no entry changes a record the log never created.
 */
export function checkJournal(crm: Crm, tables: readonly DataTableKey[] = DATA_TABLE_KEYS): JournalReport {
  const entries = journalOf(crm);
  const { tables: replayed, orphans } = replayJournal(entries);
  const problems = orphans.map((o) => `log: ${o.why}: ${o.entry.table} ${o.entry.recordId} ${o.entry.field}`);
  const tz = crm.rt.workbook.timeZone;
  let records = 0;
  for (const key of tables) {
    const def = tableDef(key);
    const grid = tab(crm, key).getValuesRaw();
    const layout = readLayout(def, grid[0] ?? []);
    const idAt = layout.index.get('id') as number;
    const columns = replayedColumns(def)
      .filter((c) => layout.index.has(c.key))
      .map((c) => ({ key: c.key, at: layout.index.get(c.key) as number, read: reader(c, tz) }));
    const logged = replayed.get(key) ?? new Map();
    const seen = new Set<string>();
    grid.slice(1).forEach((line, i) => {
      const id = String(line[idAt] ?? '').trim();
      if (!id) return;
      records++;
      seen.add(id);
      const where = `${key} ${id} (row ${i + 2})`;
      const r = logged.get(id);
      if (!r) {
        problems.push(`${where}: on the tab, never created in the log`);
        return;
      }
      if (r.creates > 1) problems.push(`${where}: ${r.creates} create entries`);
      for (const c of columns) {
        const tabValue = comparable(c.read(line[c.at] ?? ''));
        const replayValue = comparable(r.values[c.key]);
        if (tabValue !== replayValue) problems.push(`${where}.${c.key}: tab ${tabValue}, replay ${replayValue}`);
      }
    });
    for (const id of logged.keys()) if (!seen.has(id)) problems.push(`${key} ${id}: in the log, not on the tab`);
  }
  return { problems, records, entries: entries.length };
}

/** Entries that read as real (not marked failed) for a record that is not on its tab. */
export function phantomEntries(crm: Crm): string[] {
  const onTabs = new Set<string>();
  for (const key of DATA_TABLE_KEYS) {
    const grid = tab(crm, key).getValuesRaw();
    const idAt = readLayout(tableDef(key), grid[0] ?? []).index.get('id') as number;
    for (const line of grid.slice(1)) if (line[idAt]) onTabs.add(`${key}|${String(line[idAt]).trim()}`);
  }
  return journalOf(crm)
    .filter(
      (e) => DATA_TABLE_KEYS.includes(e.table as DataTableKey) && entryKind(e) !== 'failed' && !onTabs.has(`${e.table}|${e.recordId}`),
    )
    .map((e) => `${e.table} ${e.recordId} ${e.field} ${String(e.note ?? '')}`);
}

/**
 * Every data tab's rows as their canonical values (ID and the replayed columns), sorted: two runs
 * of the same work leave equal states. Rows without an ID count too. (The edit token, updatedAt,
 * is left out: it is a time, and retries that wait move the clock.)
 */
export function tableState(crm: Crm): Record<string, string[]> {
  const tz = crm.rt.workbook.timeZone;
  const out: Record<string, string[]> = {};
  for (const key of DATA_TABLE_KEYS) {
    const def = tableDef(key);
    const grid = tab(crm, key).getValuesRaw();
    const layout = readLayout(def, grid[0] ?? []);
    const columns = def.columns
      .filter((c) => c.key === 'id' || replayedColumns(def).includes(c))
      .filter((c) => layout.index.has(c.key))
      .map((c) => ({ key: c.key, at: layout.index.get(c.key) as number, read: reader(c, tz) }));
    out[key] = grid
      .slice(1)
      .filter((line) => line.some((v) => v !== '' && v !== false && v !== null))
      .map((line) => JSON.stringify(columns.map((c) => [c.key, comparable(c.read(line[c.at] ?? ''))])))
      .sort();
  }
  return out;
}
