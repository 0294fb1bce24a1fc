import {
  DATA_TABLE_KEYS,
  isDateTimeString,
  tableDef,
  type Column,
  type DataTableKey,
  type TableDef,
  type TableKey,
} from '../../src/schema';
import { versionOf } from '../../src/core';
import { cellReader, readLayout } from '../../src/store';
import { Rng } from '../../src/runtime/demo/random';
import { formatJavaDate } from '../../src/runtime/emulator/services/javaDateFormat';
import { loadCrm, type Crm } from '../integration/harness';
import type { RuntimeOptions } from '../../src/runtime';

export type Saved =
  { ok: true; record: Record<string, unknown> } | { ok: false; errors: { field: string; code: string; message: string }[] };
export type Row = Record<string, unknown>;

export interface Member {
  email: string;
  role: string;
  team?: string;
  name?: string;
}

export const ADMIN = 'admin@example.com';
export const TEAM: readonly Member[] = [
  { email: 'mgr@example.com', role: '经理', team: '华东' },
  { email: 'rep1@example.com', role: '销售', team: '华东' },
  { email: 'rep2@example.com', role: 'sales', team: '华东' },
  { email: 'rep3@example.com', role: '销售', team: '华南' },
  { email: 'svc@example.com', role: '客服', team: '' },
  { email: 'view@example.com', role: '只读', team: '' },
];

/** Adds users to the settings tab as an admin would type them (model write: no service calls). */
export function addUsers(crm: Crm, members: readonly Member[]): void {
  const sheet = crm.rt.workbook.getSheet('设置') ?? crm.rt.workbook.getSheet('Settings');
  if (!sheet) throw new Error('no settings tab');
  const rows = sheet.getValuesRaw();
  const header = rows[0] as string[];
  const at = (label: string) =>
    header.findIndex(
      (h) => h === label || h === ({ 类型: 'Type', 键: 'Key', 值: 'Value', 角色: 'Role', 团队: 'Team' } as Record<string, string>)[label],
    );
  const lines = members.map((m) => {
    const line: string[] = new Array(header.length).fill('');
    line[at('类型')] = '用户';
    line[at('键')] = m.email;
    line[at('值')] = m.name ?? m.email.split('@')[0];
    line[at('角色')] = m.role;
    line[at('团队')] = m.team ?? '';
    return line;
  });
  sheet.setValuesRaw(rows.length + 1, 1, lines);
}

/** A set-up workbook whose first admin is ADMIN, with the team on the settings tab. */
export function workbook(options: RuntimeOptions = {}): Crm {
  const crm = loadCrm({ user: ADMIN, owner: 'owner@example.com', ...options });
  crm.call('setupWorkbook');
  addUsers(crm, TEAM);
  // Protections follow the users on the settings tab: setup again, as the README says.
  crm.call('setupWorkbook');
  return crm;
}

export function as<T>(crm: Crm, user: string, fn: () => T): T {
  const before = ADMIN;
  crm.rt.setUser(user);
  try {
    return fn();
  } finally {
    crm.rt.setUser(before);
  }
}

export function save(crm: Crm, table: string, values: Row): Saved {
  return crm.call<Saved>('saveRecord', table, values);
}

export function created(crm: Crm, table: string, values: Row): Row {
  const r = save(crm, table, values);
  if (!r.ok) throw new Error(`${table}: ${JSON.stringify(r.errors)}`);
  return r.record;
}

export function tab(crm: Crm, key: TableKey) {
  const sheet = crm.rt.workbook.getSheet(tableDef(key).tab.zh) ?? crm.rt.workbook.getSheet(tableDef(key).tab.en);
  if (!sheet) throw new Error(`no tab for ${key}`);
  return sheet;
}

/** 1-based column of a field on its tab (found by header text, like the store does). */
export function columnOf(crm: Crm, key: DataTableKey, field: string): number {
  const layout = readLayout(tableDef(key), tab(crm, key).getValuesRaw()[0] ?? []);
  const at = layout.index.get(field);
  if (at === undefined) throw new Error(`no column ${field} on ${key}`);
  return at + 1;
}

/** Rows of a table tab as { field: cell } (header row excluded), with their sheet row numbers. */
export function rowsOf(crm: Crm, key: DataTableKey): { rowNumber: number; cells: Row }[] {
  const def = tableDef(key);
  const grid = tab(crm, key).getValuesRaw();
  const layout = readLayout(def, grid[0] ?? []);
  return grid
    .slice(1)
    .map((line, i) => ({
      rowNumber: i + 2,
      cells: Object.fromEntries([...layout.index].map(([f, at]) => [f, line[at]])),
    }))
    .filter((r) => Object.values(r.cells).some((v) => v !== '' && v !== false));
}

export interface Audit {
  /** ID → table, for every record row. */
  ids: Map<string, DataTableKey>;
  /** Problems found: empty means the workbook is whole. */
  problems: string[];
  /** Rows with content but no ID yet (a typed row whose edit was not processed). */
  pending: number;
}

const isDate = (v: unknown) => Object.prototype.toString.call(v) === '[object Date]';

/**
 * Every data tab, row by row: IDs well-formed and unique across the workbook, stamps present and
 * well-typed (no half-written row; updatedAt is also the edit token), deleted a boolean.
 */
export function audit(crm: Crm, tables: readonly DataTableKey[] = DATA_TABLE_KEYS): Audit {
  const out: Audit = { ids: new Map(), problems: [], pending: 0 };
  for (const key of tables) {
    const def: TableDef = tableDef(key);
    for (const { rowNumber, cells } of rowsOf(crm, key)) {
      const where = `${key} row ${rowNumber}`;
      const id = cells.id;
      if (id === '' || id === undefined) {
        out.pending++;
        continue;
      }
      if (typeof id !== 'string' || !new RegExp(`^${def.prefix}\\d{11,}$`).test(id)) out.problems.push(`${where}: bad ID ${String(id)}`);
      else if (out.ids.has(id)) out.problems.push(`${where}: duplicate ID ${id}`);
      else out.ids.set(id, key);
      for (const f of ['createdAt', 'updatedAt']) {
        const v = cells[f];
        if (!isDate(v) && !(typeof v === 'string' && isDateTimeString(v))) out.problems.push(`${where}: ${f} is ${JSON.stringify(v)}`);
      }
      for (const f of ['createdBy', 'updatedBy'])
        if (typeof cells[f] !== 'string' || cells[f] === '') out.problems.push(`${where}: ${f} empty`);
      if (typeof cells.deleted !== 'boolean') out.problems.push(`${where}: deleted ${JSON.stringify(cells.deleted)}`);
    }
  }
  return out;
}

/** Every data tab and the log as plain values: "changes nothing" means this stays equal. */
export function dataFingerprint(crm: Crm): string {
  return JSON.stringify([...DATA_TABLE_KEYS, 'history' as const].map((k) => tab(crm, k).getValuesRaw()));
}

export function historyRows(crm: Crm): Row[] {
  const grid = tab(crm, 'history').getValuesRaw();
  const header = grid[0] as string[];
  const def = tableDef('history');
  const layout = readLayout(def, header);
  return grid
    .slice(1)
    .filter((l) => l.some((c) => c !== ''))
    .map((l) => Object.fromEntries([...layout.index].map(([f, at]) => [f, l[at]])));
}

/** The same workbook in a new runtime (a deep copy): each fault case starts from identical state. */
export function fork(crm: Crm, user = ADMIN): Crm {
  const copy = crm.rt.workbook.clone('fork');
  return loadCrm({ workbook: copy, locale: copy.locale, timeZone: copy.timeZone, user });
}

/**
 * A seeded stream in [0, 1) for the interleaving suites: the demo generator's mulberry32, so a seed
 * replays the same run on every machine.
 */
export function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/**
 * The edit token (a record's version) as the store reads it: its updatedAt cell to the second.
 * `ofCells` reads it from a row read by rowsOf, `of` from the row of an ID on the tab now.
 */
export function editTokens(crm: Crm): { ofCells: (cells: Row) => number; of: (table: DataTableKey, id: string) => number } {
  const updatedAt = tableDef('customers').columns.find((c) => c.key === 'updatedAt') as Column;
  const readStamp = cellReader(updatedAt, crm.rt.workbook.timeZone, formatJavaDate);
  const ofCells = (cells: Row) => versionOf(readStamp(cells.updatedAt ?? ''));
  return { ofCells, of: (table, id) => ofCells(rowsOf(crm, table).find((r) => r.cells.id === id)?.cells ?? {}) };
}
