/** 查重 while typing in the sidebar's customer form: the match shows before saving, one call per pause. */
import { describeBrowser, openSidebar, scriptCalls, settles, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

describeBrowser('duplicate check while typing (dev server, chromium)', () => {
  let rig: Rig;
  afterAll(async () => {
    await rig?.close();
  });

  it('shows the existing customer and its owner before anything is saved', async () => {
    rig = await startRig();
    const sheet = rig.server.session.rt.workbook.getSheet('Customers');
    if (!sheet) throw new Error('no Customers tab');
    const [header, first] = sheet.getValuesRaw() as string[][];
    const existing = { name: first[header.indexOf('Customer name')], owner: first[header.indexOf('Owner')] };
    const rowsBefore = sheet.extent().lastRow;
    const sb = await openSidebar(rig.page);
    await sb.getByRole('button', { name: 'New customer' }).click();
    const name = sb.getByLabel('Customer name');
    await name.waitFor();
    // Typed key by key, differently cased and spaced: one check after the pause.
    await name.pressSequentially(` ${existing.name.toUpperCase()} `, { delay: 20 });
    const hints = sb.getByRole('status', { name: 'Possible duplicates' });
    await hints.waitFor({ timeout: 10_000 });
    await hints.getByText(existing.name, { exact: false }).waitFor();
    await hints.getByText(`Owner: ${existing.owner}`, { exact: false }).waitFor();
    await sidebarShot(rig.page, 'sidebar-duplicate-check');
    const checks = (await scriptCalls(sb)).filter((c) => c.fn === 'findDuplicates');
    expect(checks).toHaveLength(1);
    expect(checks[0].args).toEqual(['customers', { name: existing.name.toUpperCase() }]);
    expect((await scriptCalls(sb)).filter((c) => c.fn === 'saveRecord')).toHaveLength(0);
    expect(sheet.extent().lastRow).toBe(rowsBefore);
    // A name nobody has: the hint goes away.
    await name.fill('Zyxw Unmatched Holdings');
    await settles(async () => hints.count(), 0);
  });
});
