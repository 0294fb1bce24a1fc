/**
 * 我的目标 / Targets in the sidebar (issue #14): after the hourly rebuild wrote the 业绩目标达成
 * tab, the demo's manager opens the Targets view with one server call and sees his own target,
 * actual and attainment for this month, quarter and year, his team's, and each member's month.
 */
import type { FrameLocator } from 'playwright-core';
import { describeBrowser, openSidebar, scriptCalls, settles, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

type Figure = { metric: string; target: number | null; actual: number; attainment: number | null };
type Progress = { name: string; periods: { period: string; figures: Figure[] }[] };
type Mine = { builtAt: string | null; me: Progress; team: Progress | null; members: Progress[] };

const pct = (a: number | null) => (a === null ? '—' : `${Math.round(a * 1000) / 10}%`);

describeBrowser('targets view in the sidebar (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  let mine: Mine;
  beforeAll(async () => {
    rig = await startRig();
    const built = rig.server.session.run('rebuildSummaries', []);
    if (!built.ok) throw new Error(built.error);
    const got = rig.server.session.run('getMyTargets', []);
    if (!got.ok) throw new Error(got.error);
    mine = got.value as Mine;
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => rig?.close());

  it('shows my month, quarter and year as the Target attainment tab has them, with one call', async () => {
    // The demo has targets for every member this year: the manager's own rows are there.
    expect(mine.builtAt).not.toBeNull();
    expect(mine.me.periods.map((p) => p.period)).toEqual(['month', 'quarter', 'year']);
    const before = (await scriptCalls(sb)).filter((c) => c.fn === 'getMyTargets').length;
    await sb.getByRole('button', { name: 'Targets', exact: true }).click();
    const month = sb.getByRole('region', { name: 'This month' }).first();
    await month.waitFor();
    const won = mine.me.periods[0].figures.find((f) => f.metric === 'wonAmount') as Figure;
    const row = month.getByRole('row', { name: /Won amount/ });
    await settles(async () => (await row.textContent())?.includes(pct(won.attainment)), true);
    expect(await row.textContent()).toContain(`¥${(won.target as number).toLocaleString('en-US')}`);
    await sb.getByText(`As of ${mine.builtAt}`).waitFor();
    expect(await sb.getByRole('region', { name: 'This quarter' }).count()).toBeGreaterThanOrEqual(1);
    expect(await sb.getByRole('region', { name: 'This year' }).count()).toBeGreaterThanOrEqual(1);
    expect((await scriptCalls(sb)).filter((c) => c.fn === 'getMyTargets').length).toBe(before + 1);
    await sidebarShot(rig.page, 'sidebar-targets');
  });

  it("shows a manager the team's progress and each member's month", async () => {
    expect(mine.team).not.toBeNull();
    const team = sb.getByRole('region', { name: `Team: ${mine.team?.name}` });
    await team.waitFor();
    const members = team.getByRole('region', { name: 'Members this month' });
    for (const m of mine.members) await members.getByRole('row', { name: new RegExp(m.name) }).waitFor();
    await team.scrollIntoViewIfNeeded();
    await sidebarShot(rig.page, 'sidebar-targets-team');
  });

  it('speaks Chinese after the language switch', async () => {
    await sb.getByLabel('Language').selectOption('zh');
    await sb.getByRole('region', { name: '本月' }).first().waitFor();
    await sb
      .getByRole('row', { name: /赢单金额/ })
      .first()
      .waitFor();
    await sidebarShot(rig.page, 'sidebar-targets-zh');
    await sb.getByLabel('语言').selectOption('en');
  });
});
