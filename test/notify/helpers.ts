import { as, ADMIN, workbook } from '../integrity/helpers';
import type { Crm } from '../integration/harness';

export { ADMIN, as };

export const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx';
export const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';
export const FEISHU = 'https://open.feishu.cn/open-apis/bot/v2/hook/2b3c';
export const GCHAT = 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k&token=t';

export type Enveloped<T = Record<string, unknown>> =
  ({ ok: true } & T) | { ok: false; errors: { field: string; code: string; message: string; messages: { zh: string; en: string } }[] };

export interface Delivery {
  idle: boolean;
  sent: number;
  retrying: number;
  failed: number;
  deferred: number;
}

/** A set-up workbook (ADMIN; the team 华东 mgr/rep1/rep2, 华南 rep3) with a customer to hang deals on. */
export function notifyCrm(): { crm: Crm; customerId: string } {
  const crm = workbook({ now: new Date('2026-03-02T02:00:00Z') });
  const c = crm.call<Enveloped<{ record: { id: string } }>>('saveRecord', 'customers', { name: '华东电子', owner: 'rep1@example.com' });
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return { crm, customerId: c.record.id };
}

export function addHook(crm: Pick<Crm, 'call'>, name: string, url: string, team?: string | null, secret?: string | null): Enveloped {
  return crm.call<Enveloped>('addWebhook', name, url, team ?? null, secret ?? null);
}

/** Saves a won deal owned by `owner`; returns its ID. */
export function winDeal(crm: Crm, customerId: string, owner: string, name = '年度框架'): string {
  const r = crm.call<Enveloped<{ record: { id: string } }>>('saveRecord', 'opportunities', {
    name,
    customerId,
    stage: '成交',
    amount: 120000,
    owner,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record.id;
}

/** The outbox tab's rows as objects by header. */
export function outboxRows(crm: Pick<Crm, 'rt'>): Record<string, unknown>[] {
  const sheet = crm.rt.workbook.getSheet('通知队列');
  if (!sheet) return [];
  const [header, ...rows] = sheet.getValuesRaw() as unknown[][];
  return rows
    .filter((r) => r.some((c) => c !== '' && c !== null))
    .map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
}

export function settingsValues(crm: Crm): unknown[][] {
  return (crm.rt.workbook.getSheet('设置')?.getValuesRaw() ?? []) as unknown[][];
}

export const deliver = (crm: Crm): Delivery => crm.call<Delivery>('deliverNotifications');

/** A follow-up of `owner` whose next plan was `days` days from today (negative: in the past). */
export function addFollowUpDue(crm: Crm, customerId: string, owner: string, days: number): void {
  const day = (n: number) => new Date(crm.rt.now().getTime() + 8 * 3600000 + n * 86400000).toISOString().slice(0, 10);
  const r = crm.call<Enveloped>('saveRecord', 'followUps', {
    customerId,
    owner,
    time: `${day(days - 2)} 10:00`,
    method: '电话',
    content: '沟通',
    nextPlanAt: `${day(days)} 09:00`,
    nextPlan: '回访报价',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}
