/**
 * Workflows in the sidebar, checked in the workbook itself: converting a lead (the customer,
 * contact and opportunity rows written, the lead's row marked converted), import preview (errors
 * and duplicates reported, nothing written), import commit (exactly the file's rows written), and
 * the Import entry hidden from roles that may not import.
 */
import ExcelJS from 'exceljs';
import type { FrameLocator } from 'playwright-core';
import { DEV_USER } from '../../src/runtime/devserver/server';
import { describeBrowser, openSidebar, scriptCalls, settles, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

interface Tab {
  header: string[];
  rows: unknown[][];
}

/** A tab of the rig's workbook as it is now (row 1 = header). */
function tab(rig: Rig, name: string): Tab {
  const values = rig.server.session.rt.workbook.getSheet(name)?.getValuesRaw() ?? [];
  return { header: (values[0] ?? []).map(String), rows: values.slice(1) };
}

function column(t: Tab, label: string): unknown[] {
  const at = t.header.indexOf(label);
  if (at < 0) throw new Error(`no column ${label} in ${t.header.join(', ')}`);
  return t.rows.map((r) => r[at]);
}

/** The row whose `label` column holds `value`, as { header label: cell }. */
function rowWhere(t: Tab, label: string, value: unknown): Record<string, unknown> | undefined {
  const at = column(t, label).indexOf(value);
  return at < 0 ? undefined : Object.fromEntries(t.header.map((h, i) => [h, t.rows[at][i]]));
}

type Call = { fn: string; args: unknown[] };
const importCalls = (calls: Call[]) =>
  calls
    .filter((c) => c.fn === 'importRecords')
    .map(
      (c) => c.args[2] as { mode: string; mapping?: Record<string, string>; jobId?: string | null; format?: string; duplicates?: string },
    );

/** The number in the import summary next to an action ("New", "Errors"...). */
async function count(sb: FrameLocator, action: string): Promise<string> {
  const row = sb
    .getByRole('region', { name: /^Summary/ })
    .getByRole('row')
    .filter({ has: sb.getByRole('rowheader', { name: action, exact: true }) });
  return (await row.getByRole('cell').textContent())?.trim() ?? '';
}

/** Search → Import, into `table`: each import test starts from a fresh dialog. */
async function openImport(sb: FrameLocator, table: string): Promise<void> {
  await sb.getByRole('button', { name: 'Search' }).click();
  await sb.getByRole('button', { name: 'Import', exact: true }).click();
  await sb.getByRole('heading', { name: 'Import records' }).waitFor();
  await sb.getByLabel('Import into').selectOption(table);
}

describeBrowser('sidebar workflows (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  /** The customer the first test converts a lead into. */
  let lumenId = '';
  beforeAll(async () => {
    rig = await startRig();
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('converts a lead into a new customer with an opportunity, once, and opens its 360 view', async () => {
    const saved = rig.server.session.api.saveRecord('leads', {
      company: 'Lumen Optics Co',
      contactName: 'Ada Lin',
      phone: '13912345678',
      email: 'ada@lumen-optics.example',
    }) as { ok: boolean; record: { id: string } };
    expect(saved.ok).toBe(true);
    const leadId = saved.record.id;
    const customersBefore = tab(rig, 'Customers').rows.length;

    await sb.getByLabel('Search in').selectOption('leads');
    await sb.getByRole('searchbox').fill('Lumen Optics');
    await sb.getByRole('button', { name: /Lumen Optics Co/ }).click();
    await sb.getByRole('button', { name: 'Convert to customer' }).click();
    const panel = sb.getByRole('form', { name: 'Convert to customer' });
    await expect(panel.getByLabel('Customer name').inputValue()).resolves.toBe('Lumen Optics Co');
    await panel.getByLabel('Also create an opportunity').check();
    await panel.getByLabel('Opportunity name').fill('Lumen lenses 2027');
    await panel.getByLabel('Expected amount').fill('-5');
    await panel.getByLabel('Stage').selectOption({ label: 'Proposal' });
    await panel.getByRole('button', { name: 'Convert' }).click();
    // The server's field error lands at its input; nothing was written.
    await panel.locator('#convert-opp-amount-err').getByText('Must not be negative').waitFor();
    await expect(panel.getByLabel('Expected amount').getAttribute('aria-invalid')).resolves.toBe('true');
    await sidebarShot(rig.page, 'sidebar-convert-panel');
    await sb.getByLabel('Language').selectOption('zh');
    await sb.getByRole('form', { name: '转为客户' }).locator('#convert-opp-amount-err').getByText('不能为负数').waitFor();
    await sidebarShot(rig.page, 'sidebar-convert-panel-zh');
    await sb.getByLabel('语言').selectOption('en');
    expect(tab(rig, 'Customers').rows.length).toBe(customersBefore);
    expect(rowWhere(tab(rig, 'Leads'), 'ID', leadId)).toMatchObject({ Status: 'New', 'Converted customer ID': '' });

    await panel.getByLabel('Expected amount').fill('180000');
    await panel.getByRole('button', { name: 'Convert' }).click();
    await sb.getByRole('heading', { name: 'Lumen Optics Co', level: 2 }).waitFor();
    await sb.getByRole('status').filter({ hasText: 'Lead converted to a customer' }).waitFor();
    await sb
      .getByRole('region', { name: /^Opportunities/ })
      .getByText('Lumen lenses 2027')
      .waitFor();
    await sidebarShot(rig.page, 'sidebar-convert-360');

    const lead = rowWhere(tab(rig, 'Leads'), 'ID', leadId);
    expect(lead).toMatchObject({ Status: 'Converted' });
    const customerId = String(lead?.['Converted customer ID']);
    expect(customerId).toMatch(/^C\d{11}$/);
    lumenId = customerId;
    const customers = tab(rig, 'Customers');
    expect(customers.rows.length).toBe(customersBefore + 1);
    expect(rowWhere(customers, 'ID', customerId)).toMatchObject({ 'Customer name': 'Lumen Optics Co', Phone: '13912345678' });
    expect(rowWhere(tab(rig, 'Opportunities'), 'Opportunity name', 'Lumen lenses 2027')).toMatchObject({
      'Customer ID': customerId,
      'Expected amount': 180000,
      Stage: 'Proposal',
    });
    expect(rowWhere(tab(rig, 'Contacts'), 'Name', 'Ada Lin')).toMatchObject({ 'Customer ID': customerId });
    expect((await scriptCalls(sb)).filter((c) => c.fn === 'convertLead').map((c) => c.args[0])).toEqual([leadId, leadId]);

    // Back on the lead: no second conversion, a link to the customer instead.
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByLabel('Search in').selectOption('leads');
    await sb.getByRole('searchbox').fill('Lumen Optics');
    await sb.getByRole('button', { name: /Lumen Optics Co/ }).click();
    const link = sb.getByRole('button', { name: `Lumen Optics Co (${customerId})` });
    await link.waitFor().catch(async (e: Error) => {
      // What the sidebar showed instead, so a failure on a loaded machine can be read.
      const shown = await sb.locator('body').innerText();
      const calls = (await scriptCalls(sb)).slice(-6);
      throw new Error(`${e.message}\nThe sidebar showed:\n${shown}\nLast calls: ${JSON.stringify(calls)}`);
    });
    await expect(sb.getByRole('button', { name: 'Convert to customer' }).count()).resolves.toBe(0);
    await sidebarShot(rig.page, 'sidebar-lead-converted');
    await link.click();
    await sb.getByRole('heading', { name: 'Lumen Optics Co', level: 2 }).waitFor();
  });

  it('converts a lead into an existing customer picked by name', async () => {
    const saved = rig.server.session.api.saveRecord('leads', {
      company: 'Lumen Optics Shenzhen branch',
      contactName: 'Bo Wu',
      phone: '13912340000',
    }) as { ok: boolean; record: { id: string } };
    const customersBefore = tab(rig, 'Customers').rows.length;
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByLabel('Search in').selectOption('leads');
    await sb.getByRole('searchbox').fill('Shenzhen branch');
    await sb.getByRole('button', { name: /Lumen Optics Shenzhen branch/ }).click();
    await sb.getByRole('button', { name: 'Convert to customer' }).click();
    const panel = sb.getByRole('form', { name: 'Convert to customer' });
    await panel.getByRole('radio', { name: 'Existing customer' }).check();
    await panel.getByRole('button', { name: 'Convert' }).click();
    await panel.getByText('Pick an existing customer').waitFor();
    await panel.getByRole('combobox', { name: 'Customer ID' }).pressSequentially('Lumen Optics', { delay: 20 });
    await panel.getByRole('option', { name: /Lumen Optics Co/ }).click();
    await expect(panel.getByRole('textbox', { name: 'Customer ID', exact: true }).inputValue()).resolves.toBe(
      `Lumen Optics Co (${lumenId})`,
    );
    await panel.getByRole('button', { name: 'Convert' }).click();
    await sb.getByRole('heading', { name: 'Lumen Optics Co', level: 2 }).waitFor();
    await sb
      .getByRole('region', { name: /^Contacts/ })
      .getByText('Bo Wu')
      .waitFor();

    expect(rowWhere(tab(rig, 'Leads'), 'ID', saved.record.id)).toMatchObject({ Status: 'Converted', 'Converted customer ID': lumenId });
    expect(tab(rig, 'Customers').rows.length).toBe(customersBefore);
    // The customer already has a primary contact: the lead's person joins as a second one.
    expect(rowWhere(tab(rig, 'Contacts'), 'Name', 'Bo Wu')).toMatchObject({ 'Customer ID': lumenId, 'Primary contact': false });
  });

  it('previews a Chinese-header CSV: the duplicate and the bad email are reported, the mapping corrected, nothing written', async () => {
    const before = tab(rig, 'Customers');
    const existing = { name: String(column(before, 'Customer name')[0]), id: String(column(before, 'ID')[0]) };
    const existingRow = rowWhere(before, 'ID', existing.id);
    const csv = [
      '客户名称,邮箱,联系方式,备忘',
      `${existing.name},dup-import@example.com,13800000001,same company again`,
      '导入测试甲公司,not-an-email,13800000002,bad email',
      '导入测试乙公司,yi@import-test.example,13800000003,fine',
    ].join('\n');

    await openImport(sb, 'customers');
    await sb
      .getByLabel('File (CSV or XLSX)')
      .setInputFiles({ name: '客户导入.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await sb.getByText('Chosen: 客户导入.csv').waitFor();
    await sb.getByRole('button', { name: 'Preview' }).click();
    await sb.getByRole('heading', { name: /^Summary/ }).waitFor();

    expect([await count(sb, 'New'), await count(sb, 'Skip'), await count(sb, 'Errors')]).toEqual(['1', '1', '1']);
    const errors = sb.getByRole('region', { name: /^Rows with errors/ });
    await errors.getByText('Line 3').waitFor();
    await errors.getByText('Email: Not a valid email address').waitFor();
    const dups = sb.getByRole('region', { name: /^Duplicates/ });
    await dups.getByText('Line 2').waitFor();
    await dups.getByText(`Same Customer name as ${existing.id} → Skip`).waitFor();
    await expect(sb.getByLabel('Field for “客户名称”').inputValue()).resolves.toBe('name');
    await expect(sb.getByLabel('Field for “联系方式”').inputValue()).resolves.toBe('phone');
    await expect(sb.getByLabel('Field for “备忘”').inputValue()).resolves.toBe('');
    const importButton = sb.getByRole('button', { name: 'Import', exact: true });
    expect(await importButton.isDisabled()).toBe(true);

    // Correcting the mapping and the duplicates policy each asks for a new preview.
    await sb.getByLabel('Field for “备忘”').selectOption('notes');
    await settles(async () => importCalls(await scriptCalls(sb)).at(-1)?.mapping, { 备忘: 'notes' });
    await settles(() => sb.getByLabel('Field for “备忘”').inputValue(), 'notes');
    await sb.getByLabel('When a row already exists').selectOption('update');
    await settles(() => count(sb, 'Update'), '1');
    expect(await count(sb, 'Skip')).toBe('0');
    await sb
      .getByRole('region', { name: /^Duplicates/ })
      .getByText(`Same Customer name as ${existing.id} → Update`)
      .waitFor();
    expect(await importButton.isDisabled()).toBe(true);
    const page = rig.page;
    await page.setViewportSize({ width: 1280, height: 1600 });
    await sidebarShot(page, 'sidebar-import-preview');
    await sb.getByLabel('Language').selectOption('zh');
    await sb
      .getByRole('region', { name: /^有错误的行/ })
      .getByText('第 3 行')
      .waitFor();
    await sb.getByText('邮箱：邮箱格式不正确').waitFor();
    await sidebarShot(page, 'sidebar-import-preview-zh');
    await sb.getByLabel('语言').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 860 });

    const calls = importCalls(await scriptCalls(sb));
    expect(calls.length).toBe(3);
    expect(calls.every((o) => o.mode === 'preview' && o.format === 'csv')).toBe(true);
    const after = tab(rig, 'Customers');
    expect(after.rows.length).toBe(before.rows.length);
    expect(rowWhere(after, 'ID', existing.id)).toEqual(existingRow);
    expect(column(after, 'Customer name')).not.toContain('导入测试乙公司');
  });

  it('commits a clean pasted CSV: exactly its rows are written, and it cannot be committed twice', async () => {
    const before = tab(rig, 'Customers');
    const names = ['Import Alpha Ltd', 'Import Beta Ltd', 'Import Gamma Ltd'];
    const csv = [
      'Customer name,Email,Phone,Company size',
      ...names.map((n, i) => `${n},buyer${i}@import-test.example,1370000000${i},20-99`),
    ].join('\n');
    await openImport(sb, 'customers');
    await sb.getByLabel('Or paste CSV text').fill(csv);
    await sb.getByRole('button', { name: 'Preview' }).click();
    await settles(() => count(sb, 'New'), '3');
    expect(await count(sb, 'Errors')).toBe('0');
    const importButton = sb.getByRole('button', { name: 'Import', exact: true });
    await sidebarShot(rig.page, 'sidebar-import-clean');
    await importButton.click();
    await sb.getByRole('status').filter({ hasText: 'Imported: 3 created, 0 updated' }).waitFor();
    await sidebarShot(rig.page, 'sidebar-import-done');
    await expect(importButton.count()).resolves.toBe(0);

    const after = tab(rig, 'Customers');
    expect(after.rows.length).toBe(before.rows.length + names.length);
    const written = after.rows.slice(before.rows.length).map((r) => r[after.header.indexOf('Customer name')]);
    expect(written.sort()).toEqual([...names].sort());
    expect(rowWhere(after, 'Customer name', 'Import Beta Ltd')).toMatchObject({
      Email: 'buyer1@import-test.example',
      'Company size': '20-99',
      Owner: DEV_USER,
    });
    const commits = importCalls(await scriptCalls(sb)).filter((o) => o.mode === 'commit');
    expect(commits).toEqual([expect.objectContaining({ mode: 'commit', jobId: null, format: 'csv' })]);
    await sb.getByRole('button', { name: 'Import another file' }).click();
    await expect(sb.getByLabel('Or paste CSV text').inputValue()).resolves.toBe('');
  });

  it('reads an XLSX file as base64 for the preview', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['客户名称', '邮箱']);
    ws.addRow(['表格导入一号', 'one@xlsx-test.example']);
    ws.addRow(['表格导入二号', 'two@xlsx-test.example']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await openImport(sb, 'customers');
    await sb
      .getByLabel('File (CSV or XLSX)')
      .setInputFiles({ name: 'customers.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await sb.getByText('Chosen: customers.xlsx').waitFor();
    await sb.getByRole('button', { name: 'Preview' }).click();
    await settles(() => count(sb, 'New'), '2');
    const last = (await scriptCalls(sb)).filter((c) => c.fn === 'importRecords').at(-1);
    expect(last?.args[2]).toMatchObject({ mode: 'preview', format: 'xlsx' });
    expect(last?.args[1]).toBe(buffer.toString('base64'));
  });

  it('shows no Import entry to a sales rep, who may still convert leads', async () => {
    const rep = 'li.na@example.com';
    expect(rig.server.session.api.saveRecord('leads', { company: 'Rep Lead Studio', owner: rep })).toMatchObject({ ok: true });
    rig.server.session.rt.setUser(rep);
    try {
      await rig.page.reload();
      const frame = await openSidebar(rig.page);
      await frame.getByRole('button', { name: 'New customer' }).waitFor();
      expect((await scriptCalls(frame)).map((c) => c.fn)).toContain('getSidebarContext');
      await expect(frame.getByRole('button', { name: 'Import', exact: true }).count()).resolves.toBe(0);
      await frame.getByLabel('Search in').selectOption('leads');
      await frame.getByRole('searchbox').fill('Rep Lead Studio');
      await frame.getByRole('button', { name: /Rep Lead Studio/ }).click();
      await frame.getByRole('button', { name: 'Convert to customer' }).waitFor();
    } finally {
      rig.server.session.rt.setUser(DEV_USER);
    }
  });
});
