import { loadCrm, type Crm } from '../integration/harness';
import { save, type Rec } from '../workflows/helpers';

/** Shared by the mail-merge tests: a workbook with a campaign and contacts to mail. */
export const START = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai
export const DAY = 86_400_000;

type Imported = { ok: boolean; errors?: unknown[]; created?: number };

export function importCsv(crm: Crm, table: string, rows: string[][]): void {
  const csv = rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
  const r = crm.call<Imported>('importRecords', table, csv, { mode: 'commit' });
  if (!r.ok) throw new Error(`import ${table}: ${JSON.stringify(r.errors).slice(0, 500)}`);
}

export interface World {
  crm: Crm;
  campaign: Rec;
  /** Customer IDs in the audience (tagged VIP), and one outside it. */
  vip: string[];
  other: string;
}

/**
 * `n` contacts spread over 9 VIP customers: the first `noEmail` have no address, the next
 * `unsubscribed` are unsubscribed, the next `duplicates` repeat an earlier contact's address (in
 * another case), the rest have their own. Plus contacts of a customer without the tag.
 */
export function world(
  n: number,
  shape: { noEmail: number; unsubscribed: number; duplicates: number },
  crm = loadCrm({ user: 'owner@example.com', now: START }),
): World {
  crm.call('setupWorkbook');
  const campaign = save(crm, 'campaigns', { name: '春季新品发布', owner: 'owner@example.com' });
  importCsv(crm, 'customers', [
    ['客户名称', '客户标签', '区域', '负责人'],
    ...Array.from({ length: 9 }, (_, i) => [`客户${i + 1}`, '重点维护客户', '华东', 'owner@example.com']),
    ['外部客户', '', '华北', 'owner@example.com'],
  ]);
  const customers = crm.call<{ items: Rec[] }>('searchRecords', 'customers', '', { limit: 50 }).items;
  const vip = customers.filter((c) => String(c.name).startsWith('客户')).map((c) => c.id);
  const other = customers.find((c) => c.name === '外部客户')!.id;
  const contacts: string[][] = [['客户编号', '姓名', '邮箱', '退订']];
  const own = n - shape.duplicates;
  for (let i = 0; i < own; i++) {
    let email = `p${i}@example.com`;
    let unsub = '';
    if (i < shape.noEmail) email = '';
    else if (i < shape.noEmail + shape.unsubscribed) unsub = '是';
    contacts.push([vip[i % vip.length], `联系人${i}`, email, unsub]);
  }
  contacts.push([other, '外部联系人', 'outside@example.com', '']);
  importCsv(crm, 'contacts', contacts);
  // The import refuses a repeated address; people may still save one (a colleague at another customer).
  for (let d = 0; d < shape.duplicates; d++) {
    const i = own - 1 - d;
    save(crm, 'contacts', { customerId: vip[(i + 1) % vip.length], name: `重复${d}`, email: `P${i}@Example.com` });
  }
  return { crm, campaign, vip, other };
}

/** The rows of a tab as objects by header. */
export function tabRows(crm: Crm, tab: string): Record<string, unknown>[] {
  const sheet = crm.rt.workbook.getSheet(tab);
  if (!sheet) return [];
  const [header, ...rest] = sheet.getValuesRaw() as unknown[][];
  return rest
    .filter((r) => r.some((c) => c !== '' && c !== null))
    .map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
}
