/** Bad form answers, the intake list's fix-and-retry, connectForm's mapping checks, findDuplicates' rights (built bundle). */
import { addForm, fireSubmit, formModel } from '../../src/runtime';
import { freshIntake, tabRows, type Intake } from './helpers';

type Env<T = Record<string, unknown>> =
  ({ ok: true } & T) | { ok: false; errors: { field: string; code: string; message: string; messages: { zh: string; en: string } }[] };

function withForm(): { crm: Intake; formId: string } {
  const crm = freshIntake();
  const made = crm.call<Env<{ formId: string }>>('createLeadForm');
  if (!made.ok) throw new Error(JSON.stringify(made.errors));
  return { crm, formId: made.formId };
}

const snapshot = (crm: Intake) => JSON.stringify(['潜在客户', '客户信息', '联系人', '变更历史'].map((t) => tabRows(crm.rt, t)));

describe('bad form answers', () => {
  it('wrong shape, control characters and a 50,000-character answer: kept on the intake tab with clear errors, nothing else changes', () => {
    const { crm, formId } = withForm();
    const before = snapshot(crm);
    crm.submit(formId, { 公司名称: ['甲公司', '乙公司'] }, { unchecked: true });
    crm.submit(formId, { 公司名称: '丙公司', 联系人: '张\u0000三' });
    crm.submit(formId, { 公司名称: '丁公司', 备注: 'x'.repeat(50000) });
    crm.submit(formId, { 公司名称: '戊公司', 邮箱: 'not an email', 电话: '12' });
    expect(snapshot(crm)).toBe(before);
    const rows = tabRows(crm.rt, '表单待处理');
    expect(rows.map((r) => r['状态'])).toEqual(['待处理', '待处理', '待处理', '待处理']);
    expect(rows[0]['错误']).toContain('“公司名称”的回答应为一段文字');
    expect(rows[1]['错误']).toContain('“联系人”的回答含有控制字符');
    expect(rows[2]['错误']).toContain('“备注”的回答有 50000 个字符，最多 10000 个');
    expect(String(rows[2]['备注']).length).toBeLessThanOrEqual(2001);
    expect(rows[3]['错误']).toMatch(/邮箱.*邮箱格式不正确/);
    expect(rows[3]['错误']).toMatch(/电话.*电话格式不正确/);
    // The raw answers are kept (long ones cut); the full answer stays in the form's responses.
    expect(JSON.parse(String(rows[0]['原始回答']))).toEqual({ 公司名称: ['甲公司', '乙公司'] });
    expect(formModel(crm.rt, formId).responses).toHaveLength(4);
  });

  it('formula-like answers are stored as text, never as formulas', () => {
    const { crm, formId } = withForm();
    crm.submit(formId, { 公司名称: '=HYPERLINK("http://evil","x")', 联系人: '@SUM(A1)', 备注: '+1-2' });
    const lead = tabRows(crm.rt, '潜在客户')[0];
    expect(lead).toMatchObject({ 公司名称: '=HYPERLINK("http://evil","x")', 联系人: '@SUM(A1)', 备注: '+1-2', 来源: '在线表单' });
    for (const tab of ['潜在客户', '表单待处理', '变更历史']) expect(crm.rt.workbook.getSheet(tab)?.formulas.size).toBe(0);
  });

  it('an admin fixes a row on the intake tab and retries it: the lead is made and the row updated; a retry of a done row is refused', () => {
    const { crm, formId } = withForm();
    crm.submit(formId, { 公司名称: '己公司', 邮箱: 'bad@' });
    const sheet = crm.rt.workbook.getSheet('表单待处理');
    if (!sheet) throw new Error('no intake tab');
    const header = sheet.getValuesRaw()[0] as string[];
    const still = crm.call<Env>('retryIntake', 2);
    expect(still).toMatchObject({ ok: false, errors: [{ field: 'email', code: 'email' }] });
    sheet.setValuesRaw(2, header.indexOf('邮箱') + 1, [['fixed@example.com']]);
    const done = crm.call<Env<{ outcome: { status: string; leadId: string } }>>('retryIntake', 2);
    expect(done).toMatchObject({ ok: true, outcome: { status: '已建线索', leadId: 'L20260302001' } });
    expect(tabRows(crm.rt, '表单待处理')[0]).toMatchObject({ 状态: '已建线索', 线索编号: 'L20260302001', 错误: '' });
    expect(tabRows(crm.rt, '潜在客户')[0]).toMatchObject({ 公司名称: '己公司', 邮箱: 'fixed@example.com' });
    expect(crm.call<Env>('retryIntake', 2)).toMatchObject({ ok: false, errors: [{ code: 'intake_done' }] });
    expect(crm.call<Env>('retryIntake', 9)).toMatchObject({ ok: false, errors: [{ code: 'intake_row' }] });
    expect(() => crm.call('retryIntake', 'x')).not.toThrow();
    expect(crm.call<Env>('retryIntake', 'x')).toMatchObject({ ok: false, errors: [{ code: 'bad_argument' }] });
  });
});

describe('connectForm', () => {
  it('attaches an existing form with a mapping; unknown fields, unknown questions and an unmapped required field get clear zh/en errors', () => {
    const crm = freshIntake();
    const formId = addForm(crm.rt, '展会登记', [
      { title: 'Company name', required: true },
      { title: 'Mobile' },
      { title: 'Interests', type: 'CHECKBOX', choices: ['A', 'B'] },
    ]);
    const bad = crm.call<Env>('connectForm', formId, { Mobile: 'phone', Interests: 'budget', Fax: 'email' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.code).sort()).toEqual(['form_unknown_field', 'form_unknown_item', 'form_unmapped_required']);
    const required = bad.errors.find((e) => e.code === 'form_unmapped_required');
    expect(required?.messages).toEqual({
      zh: '必填字段“公司名称”没有对应的表单问题',
      en: 'The required field "Company" is not mapped to any question of the form',
    });
    expect(crm.call<Env>('connectForm', 'nope', { a: 'company' })).toMatchObject({ ok: false, errors: [{ code: 'form_missing' }] });
    expect(crm.rt.triggers().filter((t) => t.source === 'FORMS')).toHaveLength(0);

    const good = crm.call<Env<{ triggerCreated: boolean }>>('connectForm', formId, {
      'Company name': '公司名称',
      Mobile: 'phone',
      Interests: 'notes',
    });
    expect(good).toMatchObject({ ok: true, triggerCreated: true });
    expect(crm.call<Env<{ triggerCreated: boolean }>>('connectForm', formId, { 'Company name': 'company' })).toMatchObject({
      ok: true,
      triggerCreated: false,
    });
    expect(crm.rt.triggers().filter((t) => t.source === 'FORMS')).toEqual([
      expect.objectContaining({ handler: 'onLeadFormSubmit', eventType: 'ON_FORM_SUBMIT', sourceId: formId }),
    ]);
    crm.submit(formId, { 'Company name': '庚公司', Mobile: '13900001111' });
    expect(tabRows(crm.rt, '潜在客户')[0]).toMatchObject({ 公司名称: '庚公司', 电话: '', 来源: '在线表单' });
  });

  it('is for admins only', () => {
    const crm = freshIntake();
    crm.rt.setUser('rep@example.com');
    expect(crm.call<Env>('createLeadForm')).toMatchObject({ ok: false, errors: [{ code: 'forbidden_action' }] });
  });
});

describe('findDuplicates', () => {
  it("finds customers, contacts and leads by folded name, phone digits and email; a rep sees only name and owner of a colleague's", () => {
    const crm = freshIntake();
    const settings = crm.rt.workbook.getSheet('设置');
    if (!settings) throw new Error('no settings');
    const header = settings.getValuesRaw()[0] as string[];
    const users = [
      ['rep@example.com', '销售', 'A'],
      ['peer@example.com', '销售', 'A'],
      ['other@example.com', '销售', 'B'],
    ];
    for (const [email, role, team] of users) {
      const row = new Array(header.length).fill('');
      row[header.indexOf('类型')] = '用户';
      row[header.indexOf('键')] = email;
      row[header.indexOf('角色')] = role;
      row[header.indexOf('团队')] = team;
      settings.setValuesRaw(settings.getValuesRaw().length + 1, 1, [row]);
    }
    const mine = crm.call<Env<{ record: { id: string } }>>('saveRecord', 'customers', {
      name: 'Acme 贸易',
      phone: '021-55556666',
      owner: 'peer@example.com',
    });
    const theirs = crm.call<Env<{ record: { id: string } }>>('saveRecord', 'customers', {
      name: '远方科技',
      email: 'boss@far.example.com',
      owner: 'other@example.com',
    });
    if (!mine.ok || !theirs.ok) throw new Error('seed');
    crm.call('saveRecord', 'contacts', { customerId: theirs.record.id, name: '李雷', phone: '13912345678' });
    crm.call('saveRecord', 'leads', { company: 'ＡＣＭＥ贸易', owner: 'rep@example.com' });
    crm.rt.setUser('rep@example.com');
    crm.rt.resetStats();
    const r = crm.call<{ matches: Record<string, unknown>[]; total: number }>('findDuplicates', 'customers', {
      name: ' acme贸易 ',
      phone: '+86 139-1234-5678',
      email: 'BOSS@far.example.com',
    });
    const stats = crm.rt.stats();
    expect(stats.roundTrips).toBeLessThanOrEqual(3);
    expect(r.total).toBe(4);
    expect(r.matches).toEqual([
      {
        table: 'customers',
        id: mine.record.id,
        name: 'Acme 贸易',
        owner: 'peer@example.com',
        reasons: ['name'],
        full: true,
        phone: '021-55556666',
        email: null,
      },
      { table: 'customers', id: theirs.record.id, name: '远方科技', owner: 'other@example.com', reasons: ['email'], full: false },
      expect.objectContaining({ table: 'contacts', name: '李雷', owner: 'other@example.com', reasons: ['phone'], full: false }),
      expect.objectContaining({ table: 'leads', name: 'ＡＣＭＥ贸易', owner: 'rep@example.com', reasons: ['name'], full: true }),
    ]);
    expect(r.matches[2]).not.toHaveProperty('phone');
    // Editing a record leaves itself out; nothing typed: nothing read.
    expect(crm.call<{ total: number }>('findDuplicates', 'customers', { name: 'Acme 贸易', id: mine.record.id }).total).toBe(1);
    // A contact typed with its company's mail domain address: its own customer is no duplicate, another one is.
    crm.rt.setUser('other@example.com');
    const asContact = (customerId: string) =>
      crm.call<{ matches: { table: string; id: string }[] }>('findDuplicates', 'contacts', { email: 'boss@far.example.com', customerId });
    expect(asContact(theirs.record.id).matches).toEqual([]);
    expect(asContact(mine.record.id).matches.map((m) => m.id)).toEqual([theirs.record.id]);
    crm.rt.setUser('rep@example.com');
    expect(crm.call('findDuplicates', 'leads', {})).toEqual({ matches: [], total: 0 });
    expect(() => crm.call('findDuplicates', 'orders', { name: 'x' })).toThrow(/customers, contacts, leads/);
    expect(() => crm.call('findDuplicates', 'customers', { nam: 'x' })).toThrow(/^\[crm:bad_argument\] 参数 query\.nam 不正确/);
  });
});

describe('an English spreadsheet', () => {
  it('makes the form in English, and an English choice becomes the canonical option', () => {
    const crm = freshIntake('owner@example.com', 'en_US');
    const made = crm.call<Env<{ formId: string }>>('createLeadForm');
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    expect(formModel(crm.rt, made.formId).items.map((i) => i.title)).toEqual([
      'Company',
      'Contact name',
      'Phone',
      'Email',
      'Industry',
      'Notes',
    ]);
    crm.submit(made.formId, { Company: 'Acme Ltd', Industry: 'Manufacturing', Email: 'a@acme.example' });
    expect(tabRows(crm.rt, 'Leads')[0]).toMatchObject({ Company: 'Acme Ltd', Industry: '制造业', Source: '在线表单' });
    crm.submit(made.formId, { Company: 'Other', Email: 'bad' });
    expect(tabRows(crm.rt, 'Form intake')[1]).toMatchObject({ Status: 'Needs fixing', Errors: 'Email: Not a valid email address' });
  });
});

describe('the intake tab rearranged by hand', () => {
  it('finds the response IDs by header wherever the column is, so a re-fired trigger still adds nothing', () => {
    const { crm, formId } = withForm();
    const sheet = crm.rt.workbook.getSheet('表单待处理');
    if (!sheet) throw new Error('no intake tab');
    const header = sheet.getValuesRaw()[0] as string[];
    sheet.setValuesRaw(1, 1, [[header[1], header[0], ...header.slice(2)]]);
    const s = crm.submit(formId, { 公司名称: '辛公司' });
    const form = formModel(crm.rt, formId);
    fireSubmit(crm.rt, crm.api, form, form.responses[0]);
    expect(tabRows(crm.rt, '潜在客户')).toHaveLength(1);
    expect(tabRows(crm.rt, '表单待处理')).toEqual([expect.objectContaining({ 提交编号: s.responseId, 状态: '已建线索' })]);
  });
});
