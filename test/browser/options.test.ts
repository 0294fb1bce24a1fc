/**
 * Issue #20 through the sidebar: an admin adds an option on the Lists view; the lists tab the
 * dropdowns read has it at once, a cell of the matching column accepts it and a value outside the
 * list is still flagged; the sidebar's own forms offer it too.
 */
import type { FrameLocator } from 'playwright-core';
import { describeBrowser, openSidebar, settles, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

describeBrowser('option lists in the sidebar (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  beforeAll(async () => {
    rig = await startRig();
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => rig?.close());

  it('adds an industry that the dropdowns offer at once, and refuses a duplicate with a clear message', async () => {
    const rt = rig.server.session.rt;
    const listsColumn = (label: string) => {
      const values = rt.workbook.getSheet('_crm_lists')?.getValuesRaw() ?? [];
      const at = (values[0] ?? []).indexOf(label);
      return values
        .slice(1)
        .map((r) => r[at])
        .filter((v) => v !== '');
    };
    await sb.getByRole('button', { name: 'Lists', exact: true }).click();
    await sb.getByLabel('List', { exact: true }).selectOption('industry');
    await sb.getByLabel('New option').fill('Aerospace');
    await sb.getByRole('button', { name: 'Add option' }).click();
    await sb.getByRole('status').filter({ hasText: 'Added' }).waitFor();
    await settles(() => listsColumn('Industry').includes('Aerospace'), true);
    await sb.getByRole('listitem').filter({ hasText: 'Aerospace' }).waitFor();
    await sidebarShot(rig.page, 'options-added');

    const header = rt.workbook.getSheet('Customers')?.getValuesRaw()[0] ?? [];
    const industry = header.indexOf('Industry') + 1;
    rt.userEdit('Customers', 2, industry, [['Aerospace']]);
    expect(rt.validationStatus('Customers', 2, industry)).toBe('valid');
    rt.userEdit('Customers', 3, industry, [['Not an industry']]);
    expect(rt.validationStatus('Customers', 3, industry)).toBe('invalid');

    await sb.getByLabel('New option').fill('aerospace');
    await sb.getByRole('button', { name: 'Add option' }).click();
    await sb.getByRole('alert').filter({ hasText: 'already on the list' }).waitFor();
    expect(listsColumn('Industry').filter((v) => v === 'Aerospace')).toHaveLength(1);

    // The sidebar's own form offers it without reloading.
    await sb.getByRole('button', { name: 'Back' }).click();
    await sb.getByRole('button', { name: 'New customer' }).click();
    await settles(
      async () =>
        (await sb.getByLabel('Industry', { exact: true }).locator('option').allTextContents()).some((o) => o.includes('Aerospace')),
      true,
    );
  });
});
