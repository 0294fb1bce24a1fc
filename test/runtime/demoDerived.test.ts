import { foldKey, STAGE_PROBABILITY, type TableKey } from '../../src/schema';
import { paymentStatus, type Values } from '../../src/core';
import { DEFAULT_TEAM, PRODUCTS } from '../../src/runtime/demo/catalog';
import { AREA_CODES } from '../../src/runtime/demo/companies';
import { generateDataset } from '../../src/runtime/demo/generate';

const TODAY = '2026-11-23';
const N = 2000;
const ds = generateDataset({ customers: N, seed: 7, today: TODAY });
const rows = (key: TableKey): Values[] => ds[key] ?? [];
const cents = (n: unknown) => Math.round((n as number) * 100);
function groupBy(list: readonly Values[], field: string): Map<unknown, Values[]> {
  const out = new Map<unknown, Values[]>();
  for (const r of list) out.set(r[field], [...(out.get(r[field]) ?? []), r]);
  return out;
}
const distinct = (key: TableKey, field: string) => new Set(rows(key).map((r) => r[field]));
/** SPEC thresholds (settings defaults gradeA/B/C). */
const gradeOf = (n: number) => (n >= 1_000_000 ? 'A' : n >= 200_000 ? 'B' : n >= 20_000 ? 'C' : 'D');
const OPEN = new Set(['线索', '需求分析', '方案报价', '合同谈判']);
const WON = new Set(['成交', '售后']);

describe('generateDataset: proportions', () => {
  test.each([
    ['contacts', 4, 6],
    ['followUps', 8, 12],
    ['opportunities', 0.8, 1.6],
    ['orders', 1.5, 2.5],
    ['payments', 1.5, 3.2],
    ['quotes', 0.4, 1.2],
    ['contracts', 0.3, 1],
    ['feedback', 0.2, 0.8],
    ['tickets', 0.2, 0.8],
    ['leads', 0.4, 0.6],
    ['campaignMembers', 0.6, 1.2],
  ] as [TableKey, number, number][])('%s per customer is between %d and %d', (key, lo, hi) => {
    const perCustomer = rows(key).length / N;
    expect(perCustomer).toBeGreaterThanOrEqual(lo);
    expect(perCustomer).toBeLessThanOrEqual(hi);
  });

  test('every option that matters is represented', () => {
    expect(distinct('opportunities', 'stage')).toEqual(new Set(Object.keys(STAGE_PROBABILITY)));
    expect(distinct('followUps', 'method')).toEqual(new Set(['电话', '邮件', '面谈', '线上会议']));
    expect(distinct('payments', 'status')).toEqual(new Set(['已回款', '待回款', '逾期']));
    expect(distinct('tickets', 'status')).toEqual(new Set(['新建', '处理中', '已解决', '已关闭']));
    expect(distinct('feedback', 'satisfaction')).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(distinct('customers', 'grade')).toEqual(new Set(['A', 'B', 'C', 'D']));
    expect(distinct('customers', 'lifecycle')).toEqual(new Set(['潜在', '意向', '成交', '流失']));
    expect(distinct('leads', 'status')).toEqual(new Set(['新建', '跟进中', '已转化', '无效']));
    expect(rows('products').length).toBe(PRODUCTS.length);
    expect(distinct('customers', 'owner')).toEqual(new Set(DEFAULT_TEAM.map((m) => m.email)));
    expect(rows('settings').map((r) => r.key)).toEqual(DEFAULT_TEAM.map((m) => m.email));
  });

  test('next plans lie in the past, today and the future; some contracts expire within 30 days', () => {
    const days = rows('followUps')
      .map((f) => (f.nextPlanAt as string | null)?.slice(0, 10))
      .filter((d): d is string => !!d);
    expect(days.some((d) => d < TODAY) && days.includes(TODAY) && days.some((d) => d > TODAY)).toBe(true);
    const in30 = new Date(Date.parse(`${TODAY}T00:00:00Z`) + 30 * 86400000).toISOString().slice(0, 10);
    expect(
      rows('contracts').filter((k) => k.status === '生效' && (k.endDate as string) >= TODAY && (k.endDate as string) <= in30).length,
    ).toBeGreaterThan(0);
  });
});

describe('generateDataset: derived fields agree with the rows', () => {
  const paymentsOf = groupBy(rows('payments'), 'customerId');
  const ordersOf = groupBy(rows('orders'), 'customerId');
  const oppsOf = groupBy(rows('opportunities'), 'customerId');
  const followUpsOf = groupBy(rows('followUps'), 'customerId');
  const contactsOf = groupBy(rows('contacts'), 'customerId');
  const linesOf = groupBy(rows('lineItems'), 'docId');

  test('line amounts, quote and order totals, payment sums and status', () => {
    const problems: string[] = [];
    for (const l of rows('lineItems')) {
      const amount = Math.round((l.quantity as number) * (l.unitPrice as number) * (1 - (l.discount as number) / 100) * 100) / 100;
      if (amount !== l.amount) problems.push(`line ${String(l.id)}`);
    }
    for (const doc of [...rows('quotes'), ...rows('orders')]) {
      const lines = linesOf.get(doc.id) ?? [];
      if (!lines.length || lines.reduce((s, l) => s + cents(l.amount), 0) !== cents(doc.total)) problems.push(`total ${String(doc.id)}`);
    }
    const paidPerOrder = groupBy(rows('payments'), 'orderId');
    for (const o of rows('orders')) {
      if ((paidPerOrder.get(o.id) ?? []).reduce((s, p) => s + cents(p.amount), 0) !== cents(o.total))
        problems.push(`payments ${String(o.id)}`);
    }
    for (const p of rows('payments')) if (p.status !== paymentStatus(p, TODAY)) problems.push(`status ${String(p.id)}`);
    expect(problems.slice(0, 10)).toEqual([]);
  });

  test('customer lifetime amount, first deal date, grade, primary contact and lifecycle', () => {
    const problems: string[] = [];
    const names = new Set<string>();
    for (const c of rows('customers')) {
      const paid = (paymentsOf.get(c.id) ?? []).filter((p) => p.status === '已回款');
      if (paid.reduce((s, p) => s + cents(p.amount), 0) !== cents(c.lifetimeAmount)) problems.push(`lifetime ${String(c.id)}`);
      const paidOrders = new Set(paid.map((p) => p.orderId));
      const firstDeal =
        (ordersOf.get(c.id) ?? [])
          .filter((o) => paidOrders.has(o.id))
          .map((o) => o.orderDate as string)
          .sort()[0] ?? null;
      if (firstDeal !== c.firstDealDate) problems.push(`firstDealDate ${String(c.id)}`);
      if (c.grade !== gradeOf(c.lifetimeAmount as number)) problems.push(`grade ${String(c.id)}`);
      const primary = (contactsOf.get(c.id) ?? []).filter((p) => p.isPrimary);
      if (primary.length !== 1 || primary[0].name !== c.contactName || primary[0].phone !== c.phone || primary[0].email !== c.email)
        problems.push(`primary ${String(c.id)}`);
      const stages = (oppsOf.get(c.id) ?? []).map((o) => o.stage as string);
      const open = stages.some((s) => OPEN.has(s));
      const won = stages.some((s) => WON.has(s)) || paid.length > 0;
      const lastTouch =
        (followUpsOf.get(c.id) ?? [])
          .map((f) => f.time as string)
          .sort()
          .pop() ?? '';
      const ok =
        c.lifecycle === '成交'
          ? won
          : c.lifecycle === '意向'
            ? open && !won
            : c.lifecycle === '潜在'
              ? !open && !won
              : !open && lastTouch < '2026-08-25';
      if (!ok) problems.push(`lifecycle ${String(c.id)} ${String(c.lifecycle)}`);
      const key = foldKey(c.name as string);
      if (names.has(key)) problems.push(`duplicate name ${String(c.name)}`);
      names.add(key);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  test('opportunity, ticket and lead fields follow their status', () => {
    const problems: string[] = [];
    for (const o of rows('opportunities')) {
      const ok =
        o.stageChangedAt !== null &&
        o.probability === STAGE_PROBABILITY[o.stage as keyof typeof STAGE_PROBABILITY] &&
        (WON.has(o.stage as string) ? o.wonAt !== null && o.lostAt === null : o.wonAt === null) &&
        (o.stage === '输单' ? o.lostAt !== null && o.lostReason !== null : o.lostAt === null && o.lostReason === null);
      if (!ok) problems.push(`opportunity ${String(o.id)}`);
    }
    for (const t of rows('tickets')) {
      const closed = t.status === '已解决' || t.status === '已关闭';
      if (closed !== (t.closedAt !== null) || (closed && (t.closedAt as string) < (t.openedAt as string)))
        problems.push(`ticket ${String(t.id)}`);
    }
    const customers = new Map(rows('customers').map((c) => [c.id, c]));
    const converted = rows('leads').filter((l) => l.status === '已转化');
    expect(converted.length).toBeGreaterThan(0);
    for (const l of rows('leads')) {
      const c = customers.get(l.convertedCustomerId);
      const ok =
        l.status === '已转化'
          ? c?.name === l.company && l.convertedAt === (c?.createdAt as string).slice(0, 10)
          : l.convertedCustomerId === null;
      if (!ok) problems.push(`lead ${String(l.id)}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  test('phones are mainland mobiles or landlines with the region area code', () => {
    const regionOf = new Map(rows('customers').map((c) => [c.id, c.region as string]));
    const problems = rows('contacts').filter((p) => {
      const phone = p.phone as string | null;
      if (phone === null || /^1[3-9]\d{9}$/.test(phone)) return false;
      return !phone.startsWith(`${AREA_CODES.get(regionOf.get(p.customerId) as string)}-`);
    });
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
