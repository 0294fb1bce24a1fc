/** A set-up workbook with a sales rep, customers, contacts and leads, and the rep's Gmail, through the built bundle. */
import { loadCrm, type Crm } from '../integration/harness';
import { addUser, setParam } from '../workflows/helpers';

export const OWNER = 'owner@example.com';
export const REP = 'rep@example.com';
export const T0 = new Date('2026-03-02T02:00:00Z');
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export interface MailCrm extends Crm {
  /** customers by name → ID, contacts' and leads' emails. */
  ids: Record<string, string>;
  as<T>(user: string, fn: () => T): T;
  /** The rep's logging trigger fired as Apps Script fires it: no active user, running as its installer. */
  fire(options?: Record<string, unknown>): LogReport;
  /** Logged follow-ups: the followUps rows that carry a Gmail message ID (host view). */
  logged(): Record<string, unknown>[];
}

export interface LogReport {
  ran: boolean;
  reason?: string;
  pages: number;
  threads: number;
  messages: number;
  logged: number;
  skipped: { unknown: number; already: number; leadOnly: number; notAllowed: number };
  done: boolean;
  stopped: null | 'budget' | 'quota' | 'gmail';
  error?: string;
}

function saved(crm: Crm, table: string, values: Record<string, unknown>): string {
  const r = crm.call<{ ok: boolean; record?: { id: string }; errors?: unknown }>('saveRecord', table, values);
  if (!r.ok || !r.record) throw new Error(`saveRecord ${table}: ${JSON.stringify(r.errors)}`);
  return r.record.id;
}

/** Tab rows as objects by header (host view, not counted). */
export function tabRows(crm: Crm, tab: string): Record<string, unknown>[] {
  const sheet = crm.rt.workbook.getSheet(tab);
  if (!sheet) return [];
  const [header, ...rows] = sheet.getValuesRaw() as unknown[][];
  return rows
    .filter((r) => r.some((c) => c !== '' && c !== null))
    .map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
}

export function mailCrm(): MailCrm {
  const crm = loadCrm({ user: OWNER, now: T0 });
  crm.call('setupWorkbook');
  addUser(crm, REP, '销售');
  // Protections follow the users: setup again, as the README says after adding the team.
  crm.call('setupWorkbook');
  crm.call('rebuildIndex');
  setParam(crm, 'emailLogBackfillDays', '30');
  crm.rt.setUser(REP);
  const ids: Record<string, string> = {};
  ids.acme = saved(crm, 'customers', { name: '华东精密', email: 'info@acme.cn', owner: REP });
  ids.beta = saved(crm, 'customers', { name: '北辰物流', owner: REP });
  ids.wang = saved(crm, 'contacts', { customerId: ids.acme, name: '王芳', email: 'wang@acme.cn' });
  ids.zhao = saved(crm, 'contacts', { customerId: ids.beta, name: '赵强', email: 'Zhao.Qiang@beichen.com' });
  ids.lead = saved(crm, 'leads', { company: '启明科技', contactName: '孙丽', email: 'sun@qiming.cn', owner: REP });
  const as = <T>(user: string, fn: () => T): T => {
    crm.rt.setUser(user);
    try {
      return fn();
    } finally {
      crm.rt.setUser(REP);
    }
  };
  const fire = (options: Record<string, unknown> = {}): LogReport => {
    const t = crm.rt.triggers().find((x) => x.handler === 'logEmails' && crm.rt.triggerOwner(x.uid) === REP);
    if (!t) throw new Error('the rep has no logging trigger');
    crm.rt.setUser('');
    crm.rt.setEffectiveUser(REP);
    try {
      return crm.call<LogReport>('logEmails', { authMode: 'FULL', triggerUid: t.uid, ...options });
    } finally {
      crm.rt.setEffectiveUser(null);
      crm.rt.setUser(REP);
    }
  };
  const logged = () => tabRows(crm, '跟进记录').filter((r) => r['邮件ID']);
  return { ...crm, ids, as, fire, logged };
}
