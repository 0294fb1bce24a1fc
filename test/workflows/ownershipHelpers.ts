import { addUsers, rowsOf, tab, workbook, type Member } from '../integrity/helpers';
import type { Crm } from '../integration/harness';
import type { RuntimeOptions } from '../../src/runtime';

/** Helpers of the assignment and pool suites (docs/SALES_TEAM.md). */
export const REPS: readonly Member[] = [
  { email: 'a1@example.com', role: '销售', team: '华北' },
  { email: 'a2@example.com', role: '销售', team: '华北' },
  { email: 'a3@example.com', role: 'sales', team: '华北' },
  { email: 'boss@example.com', role: '经理', team: '华北' },
];

/** Adds settings rows as an admin types them: [type, key, value, team]. */
export function addSettings(crm: Crm, rows: readonly [string, string, string, string?][]): void {
  const sheet = tab(crm, 'settings');
  const grid = sheet.getValuesRaw();
  const header = grid[0] as string[];
  const at = (h: string) => header.indexOf(h);
  const lines = rows.map(([type, key, value, team]) => {
    const line: string[] = new Array<string>(header.length).fill('');
    line[at('类型')] = type;
    line[at('键')] = key;
    line[at('值')] = value;
    line[at('团队')] = team ?? '';
    return line;
  });
  sheet.setValuesRaw(grid.length + 1, 1, lines);
}

/** Sets a parameter's value on the settings tab (setup wrote its row). */
export function setParam(crm: Crm, key: string, value: string): void {
  const sheet = tab(crm, 'settings');
  const grid = sheet.getValuesRaw();
  const header = grid[0] as string[];
  const row = grid.findIndex((l) => l[header.indexOf('类型')] === '参数' && l[header.indexOf('键')] === key);
  if (row < 0) throw new Error(`no parameter ${key}`);
  sheet.setValuesRaw(row + 1, header.indexOf('值') + 1, [[value]]);
}

/** A set-up workbook with the test team and REPS (setup again: protections follow the users). */
export function withReps(options: RuntimeOptions = {}): Crm {
  const crm = workbook(options);
  addUsers(crm, REPS);
  crm.call('setupWorkbook');
  return crm;
}

export const ownerOf = (crm: Crm, table: 'customers' | 'leads', id: unknown) =>
  rowsOf(crm, table).find((r) => r.cells.id === id)?.cells.owner;
