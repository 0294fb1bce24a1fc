import ExcelJS from 'exceljs';
import { freshCrm, addUser, rows, save } from './helpers';

type Planned = {
  line: number;
  action: string;
  errors: { field: string; code: string }[];
  duplicateOf?: { id?: string; line?: number; reason: string };
};
type Imported =
  | {
      ok: true;
      total: number;
      counts: Record<string, number>;
      rows: Planned[];
      mapping: { columns: { header: string; field: string | null }[]; missingRequired: string[] };
      written?: { created: number; updated: number };
      done?: boolean;
      jobId?: string | null;
    }
  | { ok: false; errors: { field: string; code: string; message: string }[] };

const customerCount = (crm: ReturnType<typeof freshCrm>) => rows(crm, 'customers').length;

describe('importRecords', () => {
  it('previews a Chinese-header CSV: reports a duplicate and a bad email per row, writes nothing', () => {
    const crm = freshCrm();
    save(crm, 'customers', { name: '华为技术有限公司', phone: '13800138000' });
    const csv =
      '客户名称,联系方式,邮箱,所属行业\n华为技术有限公司,,hw@huawei.com,制造业\n大疆创新,0755-8888 9999,not-an-email,制造业\n"宁德时代, 新能源",13900139000,cat@catl.com,\n';
    const history = crm.rt.workbook.getSheet('变更历史')?.getValuesRaw().length;
    const r = crm.call<Imported>('importRecords', 'customers', csv, { mode: 'preview' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.counts).toEqual({ create: 1, update: 0, merge: 0, skip: 1, error: 1 });
    expect(r.rows.find((p) => p.line === 2)).toMatchObject({ action: 'skip', duplicateOf: { reason: 'name' } });
    expect(r.rows.find((p) => p.line === 3)).toMatchObject({
      action: 'error',
      errors: [expect.objectContaining({ field: 'email', code: 'email' })],
    });
    expect(r.mapping.columns.map((c) => c.field)).toEqual(['name', 'phone', 'email', 'industry']);
    expect(customerCount(crm)).toBe(1);
    expect(crm.rt.workbook.getSheet('变更历史')?.getValuesRaw().length).toBe(history);
  });

  it('commits all rows or none', () => {
    const crm = freshCrm();
    const bad = '客户名称,邮箱\n甲公司,a@a.com\n乙公司,broken\n';
    const refused = crm.call<Imported>('importRecords', 'customers', bad, { mode: 'commit' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.map((e) => e.code)).toEqual(['import_invalid', 'email']);
    expect(customerCount(crm)).toBe(0);
    const clean =
      '\uFEFF客户名称,邮箱,客户标签,负责人\n甲公司,a@a.com,"高潜力客户,老客户",rep@example.com\n乙公司,b@b.com,,\n=cmd|x,c@c.com,,\n';
    const r = crm.call<Imported>('importRecords', 'customers', clean, { mode: 'commit' });
    expect(r).toMatchObject({ ok: true, written: { created: 3, updated: 0 }, done: true });
    const all = rows(crm, 'customers');
    expect(all.map((c) => c.name).sort()).toEqual(['=cmd|x', '乙公司', '甲公司']);
    expect(all.find((c) => c.name === '甲公司')).toMatchObject({
      tags: ['高潜力客户', '老客户'],
      owner: 'rep@example.com',
      lifecycle: '潜在',
    });
    expect(all.find((c) => c.name === '乙公司')).toMatchObject({ owner: 'owner@example.com' });
  });

  it('updates or merges duplicates as asked, with a corrected mapping', () => {
    const crm = freshCrm();
    const c = save(crm, 'customers', { name: '海尔集团', region: '山东', email: 'old@haier.com' });
    const csv = 'Company,Area,Mail,Whatever\n海尔集团,青岛,new@haier.com,x\n';
    const mapping = { Area: 'region', Mail: 'email', Whatever: null };
    const merged = crm.call<Imported>('importRecords', 'customers', csv, { mode: 'commit', duplicates: 'merge', mapping });
    expect(merged).toMatchObject({ ok: true, written: { created: 0, updated: 0 } });
    const updated = crm.call<Imported>('importRecords', 'customers', csv, { mode: 'commit', duplicates: 'update', mapping });
    expect(updated).toMatchObject({ ok: true, written: { created: 0, updated: 1 } });
    const after = crm.call<{ version: number }>('getRecord', 'customers', c.id);
    expect(after).toMatchObject({ region: '青岛', email: 'new@haier.com' });
    expect(after.version).toBeGreaterThan(c.version);
    expect(crm.call<Imported>('importRecords', 'customers', csv, { mapping: { Nope: 'region' } })).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'bad_argument' })],
    });
  });

  it('reads XLSX made by Excel-compatible software, into child tables with foreign keys checked', async () => {
    const crm = freshCrm();
    const c = save(crm, 'customers', { name: '格力电器' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('联系人');
    ws.addRow(['客户编号', '姓名', '电话', '主要联系人']);
    ws.addRow([c.id, '董明珠', '13700137000', '是']);
    ws.addRow(['C20990101001', '不存在', '', '']);
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = crm.call<Imported>('importRecords', 'contacts', base64);
    expect(preview).toMatchObject({ ok: true, counts: { create: 1, error: 1 } });
    if (preview.ok)
      expect(preview.rows[0]).toMatchObject({ line: 3, errors: [expect.objectContaining({ field: 'customerId', code: 'ref_missing' })] });
    ws.spliceRows(3, 1);
    const fixed = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    expect(crm.call<Imported>('importRecords', 'contacts', fixed, { mode: 'commit' })).toMatchObject({ ok: true, written: { created: 1 } });
    expect(rows(crm, 'contacts', { customerId: c.id })).toEqual([expect.objectContaining({ name: '董明珠', isPrimary: true })]);
    expect(crm.call<Imported>('importRecords', 'contacts', 'UEsDBBQAAAAIAAAAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'bad_file' })],
    });
  });

  it('writes a large file in runs that resume with a jobId, and can roll a job back', () => {
    const crm = freshCrm();
    const csv = ['公司名称', ...Array.from({ length: 5 }, (_, i) => `线索公司${i}`)].join('\n');
    const first = crm.call<Imported>('importRecords', 'leads', csv, { mode: 'commit', rowsPerRun: 2 });
    expect(first).toMatchObject({ ok: true, done: false, written: { created: 2 } });
    const jobId = first.ok ? first.jobId : null;
    expect(crm.call<Imported>('importRecords', 'leads', `${csv}\nchanged`, { mode: 'commit', jobId, rowsPerRun: 2 })).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'import_job' })],
    });
    const second = crm.call<Imported>('importRecords', 'leads', csv, { mode: 'commit', jobId, rowsPerRun: 2 });
    expect(second).toMatchObject({ ok: true, done: false, written: { created: 2 } });
    const third = crm.call<Imported>('importRecords', 'leads', csv, { mode: 'commit', jobId, rowsPerRun: 2 });
    expect(third).toMatchObject({ ok: true, done: true, jobId: null, written: { created: 1 } });
    expect(
      rows(crm, 'leads')
        .map((l) => l.company)
        .sort(),
    ).toEqual(['线索公司0', '线索公司1', '线索公司2', '线索公司3', '线索公司4']);

    const other = crm.call<Imported>('importRecords', 'leads', csv.replace(/线索公司/g, '另一批'), { mode: 'commit', rowsPerRun: 3 });
    const cancel = crm.call<Imported>('importRecords', 'leads', 'x', { mode: 'cancel', jobId: other.ok ? other.jobId : null });
    expect(cancel).toMatchObject({ ok: true, total: 3 });
    expect(rows(crm, 'leads')).toHaveLength(5);
  });

  it('undoes a job whose resumed run finds errors: what earlier runs wrote is soft-deleted, and the job is gone', () => {
    const crm = freshCrm();
    const a = save(crm, 'customers', { name: '甲' });
    const b = save(crm, 'customers', { name: '乙' });
    const csv = ['客户编号,跟进时间,跟进方式,跟进内容', `${a.id},2024-03-01 10:00,电话,一`, `${b.id},2024-03-01 10:00,电话,二`].join('\n');
    const first = crm.call<Imported>('importRecords', 'followUps', csv, { mode: 'commit', rowsPerRun: 1 });
    expect(first).toMatchObject({ ok: true, done: false });
    expect(rows(crm, 'followUps')).toHaveLength(1);
    crm.call('deleteRecord', 'customers', b.id);
    const jobId = first.ok ? first.jobId : null;
    // The locked step used to throw after queueing the rollback, so its soft-deletes were never sent.
    expect(crm.call<Imported>('importRecords', 'followUps', csv, { mode: 'commit', rowsPerRun: 1, jobId })).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ code: 'import_invalid' })]),
    });
    expect(rows(crm, 'followUps')).toHaveLength(0);
    expect(crm.call<Imported>('importRecords', 'followUps', csv, { mode: 'cancel', jobId })).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'import_job' })],
    });
  });

  it('is for admins only', () => {
    const crm = freshCrm();
    addUser(crm, 'rep@example.com', '销售');
    crm.rt.setUser('rep@example.com');
    expect(crm.call<Imported>('importRecords', 'customers', '客户名称\n甲', { mode: 'commit' }).ok).toBe(false);
  });
});

describe('exportRecords', () => {
  it('exports a table as CSV and XLSX with localised headers; a filtered view; managers yes, sales no', async () => {
    const crm = freshCrm();
    save(crm, 'customers', { name: '华为技术有限公司', tags: ['高潜力客户', '老客户'], phone: '13800138000' });
    save(crm, 'customers', { name: '=HYPERLINK("x")', kind: '代理商' });
    const csv = crm.call<{ content: string; rows: number; filename: string }>('exportRecords', 'customers', {
      format: 'csv',
      fields: ['id', 'name', 'tags', 'kind'],
    });
    expect(csv.rows).toBe(2);
    expect(csv.filename).toMatch(/^客户信息-\d{12}\.csv$/);
    const lines = csv.content.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('编号,客户名称,客户标签,客户性质');
    expect(lines.some((l) => l.includes('"高潜力客户, 老客户"'))).toBe(true);
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);
    // An export imports back (round trip through the same header names).
    const back = crm.call<Imported>('importRecords', 'customers', csv.content, { mode: 'preview' });
    expect(back).toMatchObject({ ok: true, counts: { skip: 2 } });

    const xlsx = crm.call<{ content: string; mimeType: string }>('exportRecords', 'customers', { format: 'xlsx', query: '华为' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('客户信息');
    expect(ws.getRow(1).getCell(2).value).toBe('客户名称');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe('华为技术有限公司');

    addUser(crm, 'boss@example.com', '经理');
    addUser(crm, 'rep@example.com', '销售');
    crm.rt.setUser('boss@example.com');
    expect(crm.call<{ rows: number }>('exportRecords', 'customers').rows).toBe(2);
    crm.rt.setUser('rep@example.com');
    expect(() => crm.call('exportRecords', 'customers')).toThrow();
    expect(() => crm.call('exportRecords', 'nope')).toThrow();
  });
});
