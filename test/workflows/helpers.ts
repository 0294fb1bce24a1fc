import { loadCrm, type Crm } from '../integration/harness';

export type Rec = Record<string, unknown> & { id: string; version: number };
export type Saved = { ok: true; record: Rec } | { ok: false; errors: { field: string; code: string; message: string }[] };

/** A fresh workbook set up by its owner (an admin), with the built bundle loaded. */
export function freshCrm(user = 'owner@example.com'): Crm {
  const crm = loadCrm({ user });
  crm.call('setupWorkbook');
  return crm;
}

export function save(crm: Crm, table: string, values: Record<string, unknown>): Rec {
  const r = crm.call<Saved>('saveRecord', table, values);
  if (!r.ok) throw new Error(`saveRecord ${table}: ${JSON.stringify(r.errors)}`);
  return r.record;
}

export function rows(crm: Crm, table: string, where: Record<string, string> = {}, includeDeleted = false): Rec[] {
  return crm.call<{ items: Rec[] }>('searchRecords', table, '', { where, limit: 200, includeDeleted }).items;
}

/** 'YYYY-MM-DD' n days from today in Asia/Shanghai (the bundle's clock is the real one). */
export function day(n = 0): string {
  return new Date(Date.now() + 8 * 3600000 + n * 86400000).toISOString().slice(0, 10);
}

/** Adds a user to the settings tab straight in the model (as an admin would type it). */
export function addUser(crm: Crm, email: string, role: string): void {
  const sheet = crm.rt.workbook.getSheet('设置');
  if (!sheet) throw new Error('no settings tab');
  const values = sheet.getValuesRaw();
  const header = values[0] as string[];
  const row = new Array(header.length).fill('');
  row[header.indexOf('类型')] = '用户';
  row[header.indexOf('键')] = email;
  row[header.indexOf('值')] = email.split('@')[0];
  row[header.indexOf('角色')] = role;
  sheet.setValuesRaw(values.length + 1, 1, [row]);
}

/** Sets a settings parameter straight in the model. */
export function setParam(crm: Crm, key: string, value: string): void {
  const sheet = crm.rt.workbook.getSheet('设置');
  if (!sheet) throw new Error('no settings tab');
  const values = sheet.getValuesRaw();
  const header = values[0] as string[];
  const r = values.findIndex((row) => row[header.indexOf('类型')] === '参数' && row[header.indexOf('键')] === key);
  if (r < 0) throw new Error(`no parameter ${key}`);
  sheet.setValuesRaw(r + 1, header.indexOf('值') + 1, [[value]]);
}
