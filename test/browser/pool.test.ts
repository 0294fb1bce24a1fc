/** Claiming from the shared pool (公海) in the sidebar: the claim lands, a colleague's earlier claim is named. */
import { describeBrowser, openSidebar, scriptCalls, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

describeBrowser('the pool view (dev server, chromium)', () => {
  let rig: Rig;
  afterAll(async () => {
    await rig?.close();
  });

  it('lists pool customers, claims one, and says who got the other first', async () => {
    rig = await startRig();
    const { rt, api } = rig.server.session;
    const sheet = rt.workbook.getSheet('Customers');
    if (!sheet) throw new Error('no Customers tab');
    const grid = sheet.getValuesRaw() as string[][];
    const header = grid[0];
    const col = (h: string) => header.indexOf(h) + 1;
    // Two customers returned to the pool (as the daily job leaves them): owner Pool, who had them, since when.
    const picked = [2, 3].map((row) => ({ row, id: grid[row - 1][col('ID') - 1], name: grid[row - 1][col('Customer name') - 1] }));
    for (const p of picked) {
      sheet.setValuesRaw(p.row, col('Owner'), [['Pool']]);
      sheet.setValuesRaw(p.row, col('Previous owner'), [['wang.fang@example.com']]);
      sheet.setValuesRaw(p.row, col('In pool since'), [['2026-01-05']]);
    }
    // Cells written behind the CRM's back: the key index learns them as the daily job's repair would.
    api.rebuildIndex({ all: true });
    const sb = await openSidebar(rig.page);
    await sb.getByRole('button', { name: 'Pool' }).click();
    const list = sb.getByRole('region', { name: 'Pool' });
    for (const p of picked) await list.getByText(p.name, { exact: true }).waitFor({ timeout: 10_000 });
    await list.getByText('was wang.fang@example.com', { exact: false }).first().waitFor();
    await sidebarShot(rig.page, 'sidebar-pool');

    // Claim the first: it is mine now, in the sheet and in the answer.
    const items = list.getByRole('listitem');
    await items.filter({ hasText: picked[0].name }).getByRole('button', { name: 'Claim' }).click();
    await sb
      .getByRole('status')
      .filter({ hasText: `Claimed "${picked[0].name}": it is yours now` })
      .waitFor({ timeout: 10_000 });
    expect(sheet.getValuesRaw()[picked[0].row - 1][col('Owner') - 1]).toBe('zhang.wei@example.com');
    await list.getByText(picked[0].name, { exact: true }).waitFor({ state: 'detached' });

    // The second is taken before I click (another execution: here a manager's assignment to li.na;
    // my list still shows it): I am told who has it.
    const theirs = (api.assignFromPool as (t: string, id: string, owner: string) => { ok: boolean })(
      'customers',
      picked[1].id,
      'li.na@example.com',
    );
    expect(theirs).toMatchObject({ ok: true });
    await items.filter({ hasText: picked[1].name }).getByRole('button', { name: 'Claim' }).click();
    await sb
      .getByRole('alert')
      .filter({ hasText: `has just been taken from the pool: its owner is now li.na@example.com` })
      .waitFor({ timeout: 10_000 });
    expect(sheet.getValuesRaw()[picked[1].row - 1][col('Owner') - 1]).toBe('li.na@example.com');
    await sidebarShot(rig.page, 'sidebar-pool-taken');
    const claims = (await scriptCalls(sb)).filter((c) => c.fn === 'claimFromPool');
    expect(claims.map((c) => c.args)).toEqual([
      ['customers', picked[0].id],
      ['customers', picked[1].id],
    ]);
  });
});
