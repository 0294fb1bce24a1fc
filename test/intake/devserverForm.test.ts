/** The dev server's lead-form page: fill in the form, see the lead appear (HTTP, no browser). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../src/runtime/devserver/server';

jest.setTimeout(120_000);

it('shows the lead form and a submission becomes a lead', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-form-'));
  const root = join(__dirname, '../..');
  const server = await startDevServer({
    port: 0,
    workbookPath: join(dir, 'wb.xlsx'),
    bundlePath: join(root, 'dist/Code.js'),
    sidebarPath: join(root, 'dist/Sidebar.html'),
    demoCustomers: 5,
    locale: 'en_US',
    saveDelayMs: 3_600_000,
    log: () => undefined,
  });
  try {
    expect(await (await fetch(`${server.url}form`)).text()).toContain('CRM → Create lead form');
    const made = (await (
      await fetch(`${server.url}api/run`, { method: 'POST', body: JSON.stringify({ fn: 'createLeadForm', args: [] }) })
    ).json()) as { ok: boolean; value: { formId: string } };
    expect(made.ok).toBe(true);
    const page = await (await fetch(`${server.url}form`)).text();
    expect(page).toContain('<label for="f');
    expect(page).toContain('Company *');
    const reply = await (
      await fetch(`${server.url}form`, {
        method: 'POST',
        body: JSON.stringify({ formId: made.value.formId, answers: { Company: 'Dev Server Form Ltd', Phone: '13811112222' } }),
      })
    ).json();
    expect(reply).toMatchObject({ ok: true });
    const leads = server.session.rt.workbook.getSheet('Leads')?.getValuesRaw() as unknown[][];
    expect(leads.some((r) => r.includes('Dev Server Form Ltd'))).toBe(true);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
