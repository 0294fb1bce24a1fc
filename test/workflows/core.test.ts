import { pinyin } from 'pinyin-pro';
import { customers, leads, contacts } from '../../src/schema';
import { searchRows } from '../../src/core';
import { initialsOf, initialSets, matchInitials } from '../../src/core/pinyin';
import {
  addMonths, backupName, collectFacts, decodeBase64, diffForRestore, encodeBase64, findDuplicateGroups, gradeOf, lifecycleOf, mapHeaders,
  mergedCustomerChanges, parseCsv, planConversion, planImport, planOrderFromQuote, planPayments, pruneBackups, readXlsx, rowsToInputs,
  ticketErrors, toCsv, writeXlsx, resolutionHours, contractStatus, attributedRevenue, campaignRoi, satisfaction, type DeriveParams,
} from '../../src/core/workflows';
import { DEFAULT_OPTION_LISTS } from '../../src/schema';

const lists = Object.fromEntries(Object.entries(DEFAULT_OPTION_LISTS).map(([k, v]) => [k, [...v]])) as never;

describe('search: pinyin initials, width, phones', () => {
  const rows = [
    { id: 'C20240101001', name: '华为技术有限公司', phone: '138-0013-8000', updatedAt: '2024-01-01 10:00' },
    { id: 'C20240101002', name: '重庆银行', phone: '+86 139 0013 9000', updatedAt: '2024-01-02 10:00' },
    { id: 'C20240101003', name: 'ＩＢＭ中国', contactName: '王小明', updatedAt: '2024-01-03 10:00' },
  ];
  const names = (q: string) => searchRows(customers, rows, q).items.map((r) => r.name);
  it('finds by initials of any reading, full/half width, partial names and phones with or without separators or +86', () => {
    expect(names('hwjs')).toEqual(['华为技术有限公司']);
    expect(names('HWJS')).toEqual(['华为技术有限公司']);
    expect(names('cqyh')).toEqual(['重庆银行']);
    expect(names('zqyh')).toEqual(['重庆银行']);
    expect(names('ibm')).toEqual(['ＩＢＭ中国']);
    expect(names('ibmzg')).toEqual(['ＩＢＭ中国']);
    expect(names('wxm')).toEqual(['ＩＢＭ中国']);
    expect(names('技术')).toEqual(['华为技术有限公司']);
    expect(names('13800138000')).toEqual(['华为技术有限公司']);
    expect(names('139-0013-9000')).toEqual(['重庆银行']);
    expect(names('+8613800138000')).toEqual(['华为技术有限公司']);
  });
  it('keeps the generated table in step with pinyin-pro', () => {
    const sample = '华为技术有限公司腾讯阿里巴巴京东美团字节跳动小米比亚迪宁德时代格力美的海尔联想中兴';
    expect(initialsOf(sample)).toBe(pinyin(sample, { pattern: 'first', toneType: 'none', type: 'array' }).join('').replace('dd', 'dd'));
    expect(initialSets('重')[0]).toContain('c');
    expect(matchInitials(initialSets('华为技术'), 'wj')).toBe('inside');
  });
});

describe('lead conversion plan', () => {
  it('maps the lead, adds a primary contact and optional opportunity, and refuses converted or disqualified leads', () => {
    const lead = { id: 'L20240101001', company: '大疆', contactName: '汪', phone: '13800138000', owner: 'a@x.com', status: '跟进中' };
    const plan = planConversion(lead, [{ id: 'A1', leadId: lead.id }, { id: 'A2', leadId: 'L2' }], { opportunity: { amount: 1 } }, 'zh');
    expect(plan.customer).toMatchObject({ name: '大疆', contactName: '汪', owner: 'a@x.com', lifecycle: '意向' });
    expect(plan.contact).toMatchObject({ name: '汪', isPrimary: true });
    expect(plan.opportunity).toMatchObject({ name: '大疆', stage: '线索', amount: 1 });
    expect(plan.memberIds).toEqual(['A1']);
    expect(planConversion(lead, [], { contact: false }, 'zh').contact).toBeNull();
    expect(() => planConversion({ ...lead, status: '已转化', convertedCustomerId: 'C1' }, [], {}, 'en')).toThrow(/already converted to customer C1/);
    expect(() => planConversion({ ...lead, status: '无效' }, [], {}, 'zh')).toThrow(/无效/);
  });
});

describe('orders and payments', () => {
  it('copies accepted quote lines and totals them', () => {
    const q = { id: 'Q1', status: '客户同意', customerId: 'C1', owner: 'a' };
    const lines = [{ docType: '报价单', docId: 'Q1', product: 'x', quantity: 3, unitPrice: 100, discount: 50 }, { docType: '报价单', docId: 'Q2', product: 'y', quantity: 1, unitPrice: 1 }];
    const plan = planOrderFromQuote(q, lines, [], {}, 'zh');
    expect(plan.total).toBe(150);
    expect(plan.lines).toEqual([{ docType: '订单', customerId: 'C1', product: 'x', quantity: 3, unitPrice: 100, discount: 50 }]);
    expect(() => planOrderFromQuote({ ...q, status: '已发送' }, lines, [], {}, 'en')).toThrow(/Only an accepted quote/);
  });
  it('splits installments to the cent, by month with end-of-month clamping, and refuses over-scheduling', () => {
    expect(planPayments({ installments: 3, firstDueDate: '2024-01-31' }, 100, 0, 'zh')).toEqual([
      { amount: 33.33, dueDate: '2024-01-31', installment: 1 }, { amount: 33.33, dueDate: '2024-02-29', installment: 2 }, { amount: 33.34, dueDate: '2024-03-31', installment: 3 },
    ]);
    expect(planPayments({ items: [{ percent: 30, dueDate: '2024-01-01' }, { amount: 70, dueDate: '2024-02-01' }] }, 100, 2, 'zh').map((p) => [p.amount, p.installment])).toEqual([[30, 3], [70, 4]]);
    expect(() => planPayments({ installments: 2, firstDueDate: '2024-01-01', amount: 200 }, 100, 0, 'en')).toThrow(/only 100.00 is left/);
    expect(() => planPayments({ installments: 2, firstDueDate: '2024-13-01' }, 100, 0, 'en')).toThrow(/firstDueDate/);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});

describe('lifecycle and grade', () => {
  const p: DeriveParams = { churnDays: 90, gradeA: 1000, gradeB: 100, gradeC: 10, gradeRecencyDays: 365 };
  const c = [{ id: 'C1', createdAt: '2024-01-01 10:00' }];
  it('潜在 → 意向 → 成交 → 流失 from rows and dates', () => {
    const facts = (data: Parameters<typeof collectFacts>[1]) => collectFacts(c, data).get('C1')!;
    expect(lifecycleOf(facts({}), '2024-02-01', 90)).toBe('潜在');
    expect(lifecycleOf(facts({ opportunities: [{ customerId: 'C1', stage: '方案报价', createdAt: '2024-01-02 10:00' }] }), '2024-12-01', 90)).toBe('意向');
    const paid = facts({ orders: [{ id: 'S1', customerId: 'C1', orderDate: '2024-01-05' }], payments: [{ customerId: 'C1', orderId: 'S1', amount: 500, paidDate: '2024-01-20' }] });
    expect(paid).toMatchObject({ lifetimeAmount: 500, firstDealDate: '2024-01-05', lastDealDate: '2024-01-20' });
    expect(lifecycleOf(paid, '2024-03-01', 90)).toBe('成交');
    expect(lifecycleOf(paid, '2024-06-01', 90)).toBe('流失');
    expect(lifecycleOf(facts({}), '2024-06-01', 90)).toBe('流失');
  });
  it('grades by thresholds and drops a step after gradeRecencyDays without a deal', () => {
    expect(gradeOf({ lifetimeAmount: 1000, lastDealDate: '2024-01-01' }, p, '2024-06-01')).toBe('A');
    expect(gradeOf({ lifetimeAmount: 1000, lastDealDate: '2022-01-01' }, p, '2024-06-01')).toBe('B');
    expect(gradeOf({ lifetimeAmount: 5, lastDealDate: '2022-01-01' }, p, '2024-06-01')).toBe('D');
    expect(gradeOf({ lifetimeAmount: 150, lastDealDate: null }, p, '2024-06-01')).toBe('B');
  });
});

describe('service, contracts, campaigns', () => {
  it('ticket status flow needs a resolution to close and no jump back to 新建 once closed', () => {
    expect(ticketErrors({ status: '已解决', resolution: null }, { status: '处理中' }, 'zh').map((e) => e.code)).toEqual(['resolution_required']);
    expect(ticketErrors({ status: '新建', resolution: 'x' }, { status: '已关闭' }, 'zh').map((e) => e.code)).toEqual(['ticket_flow']);
    expect(ticketErrors({ status: '处理中' }, { status: '已关闭' }, 'zh')).toEqual([]);
    expect(resolutionHours({ openedAt: '2024-01-01 09:00', closedAt: '2024-01-02 10:30' })).toBe(25.5);
    expect(resolutionHours({ openedAt: '2024-01-01 09:00', closedAt: null })).toBeNull();
  });
  it('contracts expire after their end date; satisfaction averages 1-5 scores; campaigns attribute orders and ROI', () => {
    expect(contractStatus({ status: '生效', endDate: '2024-01-01' }, '2024-01-02')).toBe('到期');
    expect(contractStatus({ status: '终止', endDate: '2024-01-01' }, '2024-01-02')).toBe('终止');
    expect(satisfaction([{ satisfaction: 5 }, { satisfaction: 4 }, { satisfaction: null }, { satisfaction: 1, deleted: true }])).toEqual({ average: 4.5, count: 2 });
    const rev = attributedRevenue([{ id: 'M1', startDate: '2024-01-01', endDate: '2024-01-31' }], [{ campaignId: 'M1', customerId: 'C1' }, { campaignId: 'M1', leadId: 'L1' }],
      [{ customerId: 'C1', orderDate: '2024-02-15', total: 800 }, { customerId: 'C1', orderDate: '2024-09-01', total: 1 }, { customerId: 'C2', orderDate: '2024-01-05', total: 5 }], (o) => Number(o.total));
    expect(rev.get('M1')).toBe(800);
    expect(campaignRoi({ actualCost: 400 }, 800)).toBe(1);
  });
});

describe('dedupe and merge', () => {
  it('groups by folded name, phone digits or email', () => {
    const groups = findDuplicateGroups([
      { id: 'C1', name: 'Acme Ltd', phone: '010-8888 9999' }, { id: 'C2', name: 'ＡＣＭＥ ltd' }, { id: 'C3', name: 'Other', phone: '+86 01088889999', email: 'X@y.com' },
      { id: 'C4', name: 'Another', email: 'x@Y.com' }, { id: 'C5', name: 'Alone' }, { id: 'C6', name: 'Acme Ltd', deleted: true },
    ]);
    expect(groups).toEqual([{ ids: ['C1', 'C2', 'C3', 'C4'], reasons: ['email', 'name', 'phone'] }]);
  });
  it('fills the kept customer blanks and unions tags, its own values winning', () => {
    expect(mergedCustomerChanges({ region: 'A', tags: ['x'], email: null }, { region: 'B', tags: ['y', 'x'], email: 'e@e.com' }, ['region', 'tags', 'email']))
      .toEqual({ tags: ['x', 'y'], email: 'e@e.com' });
  });
});

describe('import planning', () => {
  const ctx = { lang: 'zh' as const, lists, save: { user: 'me@x.com', now: '2024-01-01 10:00' }, crossErrors: () => [] };
  it('maps zh/en labels and aliases, lets the user correct the mapping, ignores read-only columns', () => {
    const m = mapHeaders(customers, ['客户名称', 'Phone', '电子邮箱', '客户等级', '编号', '备注', '未知列'], { 未知列: 'region' }, 'zh');
    expect(m.columns.map((c) => c.field)).toEqual(['name', 'phone', 'email', null, null, 'notes', 'region']);
    expect(m.columns[3].ignored).toBe('read_only');
    expect(mapHeaders(customers, ['电话'], {}, 'zh').missingRequired).toEqual(['name']);
    expect(() => mapHeaders(customers, ['a'], { a: 'nope' }, 'en')).toThrow(/must be a field of customers/);
  });
  it('reports per-row errors, in-file and existing duplicates, and update/merge changes', () => {
    const m = mapHeaders(leads, ['公司名称', '邮箱', '电话'], {}, 'zh');
    const inputs = rowsToInputs(m, [['甲', 'a@a.com', ''], ['乙', 'bad', ''], ['甲 ', '', ''], ['丙', '', '138 0013 8000'], ['', '', '']]);
    const planned = planImport(leads, inputs, [{ id: 'L1', company: '丁', phone: '13800138000', email: null }], 'merge', ctx);
    expect(planned.map((p) => [p.line, p.action])).toEqual([[2, 'create'], [3, 'error'], [4, 'error'], [5, 'merge']]);
    expect(planned[1].errors[0]).toMatchObject({ field: 'email', code: 'email' });
    expect(planned[2]).toMatchObject({ duplicateOf: { line: 2, reason: 'name' } });
    expect(planned[3]).toMatchObject({ duplicateOf: { id: 'L1', reason: 'phone' }, values: {} });
    const contactPlan = planImport(contacts, [{ line: 2, input: { name: 'x' } }], [], 'skip', ctx);
    expect(contactPlan[0].errors.map((e) => e.field)).toEqual(['customerId']);
  });
});

describe('files: CSV, XLSX, base64', () => {
  it('round-trips CSV with quotes, newlines, BOM, tabs and formula guards', () => {
    const csv = toCsv([['名称', '备注'], ['a,b', 'line1\nline2'], ['=1+1', '"q"']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(csv).rows).toEqual([['名称', '备注'], ['a,b', 'line1\nline2'], ["'=1+1", '"q"']]);
    expect(parseCsv('a\tb\n1\t2').rows).toEqual([['a', 'b'], ['1', '2']]);
  });
  it('writes and reads XLSX (inline and shared strings, numbers, booleans, gaps)', () => {
    const bytes = writeXlsx('客户/信息', [['名称', '金额', '是否'], ['华为 & <co>', 12.5, true], ['', 3]]);
    expect(readXlsx(bytes)).toEqual([['名称', '金额', '是否'], ['华为 & <co>', 12.5, true], ['', 3]]);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    expect(decodeBase64('not base64!')).toBeNull();
    expect(encodeBase64(new TextEncoder().encode('ab'))).toBe('YWI=');
  });
});

describe('backup planning', () => {
  it('names backups by time, keeps the newest scheduled ones and every manual one', () => {
    expect(backupName('CRM', '2024-03-15 10:30', 'zh')).toBe('CRM 备份 2024-03-15 10:30');
    const e = (id: string, at: string, scheduled = true) => ({ id, name: id, at, scheduled });
    const { kept, expired } = pruneBackups([e('a', '2024-01-01 02:00'), e('m', '2024-01-01 09:00', false), e('b', '2024-01-02 02:00'), e('c', '2024-01-03 02:00')], 2);
    expect(kept.map((x) => x.id)).toEqual(['c', 'b', 'm']);
    expect(expired.map((x) => x.id)).toEqual(['a']);
  });
  it('diffs a table or one record against a backup', () => {
    const now = [{ id: 'C1', name: 'A', region: 'x' }, { id: 'C3', name: 'C' }];
    const then = [{ id: 'C1', name: 'A', region: 'y' }, { id: 'C2', name: 'B' }];
    expect(diffForRestore(customers, now, then, null).map((c) => [c.id, c.kind])).toEqual([['C1', 'update'], ['C2', 'add'], ['C3', 'remove']]);
    expect(diffForRestore(customers, now, then, 'C1')[0].fields).toEqual([{ field: 'region', current: 'x', backup: 'y' }]);
  });
});
