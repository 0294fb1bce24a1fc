import { loadCrm, type Crm } from './harness';

type Saved = { ok: true; record: Record<string, unknown> } | { ok: false; errors: { field: string; code: string; message: string }[] };

function ready(options = {}): Crm {
  const crm = loadCrm({ user: 'li.na@example.com', ...options });
  crm.call('setupWorkbook');
  return crm;
}
const save = (crm: Crm, table: string, values: unknown) => crm.call<Saved>('saveRecord', table, values);
function created(crm: Crm, table: string, values: Record<string, unknown>) {
  const r = save(crm, table, values);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record;
}
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).replace(/-/g, '');

describe('saveRecord / getRecord (built bundle)', () => {
  it('creates with IDs of prefix + yyyyMMdd + sequence and defaults the owner to the current user', () => {
    const crm = ready();
    const a = created(crm, 'customers', { name: '杭州云帆信息技术有限公司', industry: '软件和信息技术服务业', phone: '0571-88886666' });
    const b = created(crm, 'customers', { name: 'Acme Trading' });
    expect(a.id).toBe(`C${today()}001`);
    expect(b.id).toBe(`C${today()}002`);
    expect(a).toMatchObject({ owner: 'li.na@example.com', createdBy: 'li.na@example.com', lifecycle: '潜在', deleted: false });
    // The edit token: updatedAt to the second, as wall-clock seconds; no version column on the tab.
    expect(a.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(a.version).toBe(Date.parse(`${String(a.updatedAt).replace(' ', 'T')}Z`) / 1000);
    expect(crm.rt.workbook.getSheet('客户信息')?.getValuesRaw()[0]).not.toContain('版本');
    expect(crm.call('getRecord', 'customers', a.id)).toEqual(a);
    expect(crm.call('getRecord', 'customers', 'C19990101001')).toBeNull();
  });

  it('refuses a missing required field with a per-field error and writes nothing', () => {
    const crm = ready();
    const r = save(crm, 'customers', { industry: '制造业' });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'name', code: 'required' }] });
    expect(crm.rt.workbook.getSheet('客户信息')?.getValuesRaw().length).toBe(1);
  });

  it('refuses a duplicate name ignoring case, full/half width and spaces', () => {
    const crm = ready();
    created(crm, 'customers', { name: 'Acme Trading' });
    const r = save(crm, 'customers', { name: ' ＡＣＭＥ  trading' });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'name', code: 'duplicate' }] });
  });

  it('stores formula-like text as text, never as a formula', () => {
    const crm = ready();
    const hostile = ['=HYPERLINK("http://evil","x")', '+1-2', '-3', '@SUM(A1)', "'quoted", '00123', '2024-01-01'];
    const ids = hostile.map((name, i) => created(crm, 'customers', { name, notes: hostile[(i + 1) % hostile.length] }).id as string);
    const sheet = crm.rt.workbook.getSheet('客户信息');
    expect(sheet?.formulas.size).toBe(0);
    ids.forEach((id, i) => {
      const rec = crm.call<Record<string, unknown>>('getRecord', 'customers', id);
      expect(rec).toMatchObject({ name: hostile[i], notes: hostile[(i + 1) % hostile.length] });
    });
  });

  it('updates with the version it read, refuses a stale version with who and when, and records history', () => {
    const crm = ready();
    const c = created(crm, 'customers', { name: 'Acme', phone: '13800138000' });
    const u = save(crm, 'customers', { id: c.id, version: c.version, phone: '13900139000', kind: 'Reseller' });
    expect(u).toMatchObject({ ok: true, record: { phone: '13900139000', kind: '代理商' } });
    // Saves within one second still move the token on (updatedAt a second later at least).
    const v2 = u.ok ? (u.record.version as number) : 0;
    expect(v2).toBeGreaterThan(c.version as number);
    const u2 = save(crm, 'customers', { id: c.id, version: v2, notes: 'again' });
    expect(u2.ok && (u2.record.version as number)).toBeGreaterThan(v2);
    expect(crm.call<Record<string, unknown>>('getRecord', 'customers', c.id)).toEqual(u2.ok ? u2.record : null);
    const stale = save(crm, 'customers', { id: c.id, version: v2, phone: '13700137000' });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.errors[0].message).toContain('li.na@example.com');
    const view = crm.call<{ history: { field: string; oldValue: string; newValue: string }[] }>('getCustomer360', c.id);
    expect(view.history.map((h) => h.field).sort()).toEqual(['*', 'kind', 'notes', 'phone']);
    expect(view.history.find((h) => h.field === 'phone')).toMatchObject({ oldValue: '13800138000', newValue: '13900139000' });
  });

  it('checks foreign keys and shows children in the 360 view', () => {
    const crm = ready();
    const c = created(crm, 'customers', { name: 'Acme' });
    expect(save(crm, 'contacts', { customerId: 'C20000101001', name: '张三' })).toMatchObject({
      ok: false,
      errors: [{ field: 'customerId', code: 'ref_missing' }],
    });
    const p = created(crm, 'contacts', { customerId: c.id, name: '张三', phone: '13800138000', isPrimary: true });
    const o = created(crm, 'opportunities', { customerId: c.id, name: 'ERP 升级', stage: '方案报价', amount: 120000 });
    expect(o).toMatchObject({ probability: 40, owner: 'li.na@example.com' });
    const view = crm.call<Record<string, unknown[]>>('getCustomer360', c.id);
    expect(view.contacts).toEqual([p]);
    expect(view.opportunities).toEqual([o]);
    expect(view.tickets).toEqual([]);
  });

  it('searches by partial name, phone without separators and ID, with paging', () => {
    const crm = ready();
    for (let i = 1; i <= 25; i++) created(crm, 'customers', { name: `云帆科技 ${i} 号`, phone: `138-0013-${String(8000 + i)}` });
    const page = crm.call<{ total: number; items: { name: string }[] }>('searchRecords', 'customers', '云帆', { limit: 10, offset: 20 });
    expect(page.total).toBe(25);
    expect(page.items).toHaveLength(5);
    expect(crm.call<{ items: { name: string }[] }>('searchRecords', 'customers', '13800138007', {}).items[0].name).toBe('云帆科技 7 号');
    expect(crm.call<{ total: number }>('searchRecords', 'customers', `C${today()}003`).total).toBe(1);
  });
});

describe('columns found by header text', () => {
  it('reads and writes the right cells after columns are reordered, renamed to English and a user column is added', () => {
    const crm = ready();
    const c = created(crm, 'customers', { name: 'Acme', phone: '13800138000', region: '浙江省杭州市' });
    const sheet = crm.rt.workbook.getSheet('客户信息');
    if (!sheet) throw new Error('no tab');
    const values = sheet.getValuesRaw();
    const header = values[0] as string[];
    const [iName, iPhone] = [header.indexOf('客户名称'), header.indexOf('联系方式')];
    // Swap the name and phone columns, rename the phone header to English, add a user column.
    const swapped = values.map((row) => {
      const r = [...row];
      [r[iName], r[iPhone]] = [r[iPhone], r[iName]];
      return r;
    });
    swapped[0][iName] = 'Phone';
    const userCol = header.length + 1;
    sheet.setValuesRaw(1, 1, swapped);
    sheet.setValuesRaw(1, userCol, [['我的评分'], ['★★★']]);
    expect(crm.call('getRecord', 'customers', c.id)).toMatchObject({ name: 'Acme', phone: '13800138000', region: '浙江省杭州市' });
    const u = save(crm, 'customers', { id: c.id, version: c.version, phone: '13900139000', notes: 'VIP' });
    expect(u.ok).toBe(true);
    const after = sheet.getValuesRaw();
    expect(after[1][userCol - 1]).toBe('★★★');
    expect(after[1][iName]).toBe('13900139000');
    expect(after[1][iPhone]).toBe('Acme');
  });
});
