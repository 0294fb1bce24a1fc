/**
 * Follow-ups on the calendar in the sidebar (docs/WORKSPACE.md): the person turns it on under
 * Reminders, logs a follow-up with a next time and finds the event in their calendar (the dev
 * server's /calendar page and the emulator's state); a new time moves it; deleting the follow-up
 * and running the time triggers (their hourly sync) removes it.
 */
import type { FrameLocator } from 'playwright-core';
import { describeBrowser, openSidebar, settles, shot, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

describeBrowser('follow-ups on the calendar (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  let user = '';
  beforeAll(async () => {
    rig = await startRig();
    sb = await openSidebar(rig.page);
    user = rig.server.session.state().user;
  });
  afterAll(async () => {
    await rig?.close();
  });

  const eventsOf = (title: string) =>
    rig.server.session.rt.calendar
      .events(user)
      .filter((e) => e.title === title)
      .map((e) => ({ id: e.id, title: e.title, start: e.start.toISOString(), reminders: e.popupReminders }));
  const local = (iso: string) => new Date(`${iso}:00+08:00`).toISOString();

  it('opt in, log a follow-up with a next time, see its event, move it, delete it', async () => {
    // A name of its own (a retry starts from the page the first attempt left, its customer saved).
    const name = `Calendar Test ${Date.now() % 100_000} Co`;
    const title = `Follow up: ${name} · Send samples`;
    await sb.getByRole('button', { name: 'Reminders' }).click();
    const toggle = sb.getByRole('checkbox', { name: 'Put my next follow-ups on my Google Calendar' });
    await toggle.waitFor();
    await settles(() => toggle.isEnabled(), true);
    await toggle.check();
    await settles(() => rig.server.session.state().triggers.filter((t) => t.handler === 'syncCalendar').length, 1);
    await sidebarShot(rig.page, 'sidebar-calendar-toggle');

    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByRole('button', { name: 'New customer' }).click();
    await sb.getByLabel('Customer name').fill(name);
    await sb.getByRole('button', { name: 'Save' }).click();
    await sb.getByRole('heading', { name }).waitFor();
    await sb.getByRole('button', { name: 'Log follow-up' }).click();
    const form = sb.getByRole('form', { name: 'Log follow-up' });
    await form.getByLabel('Content').fill('Demo of the new line');
    await form.getByLabel('Next follow-up at').fill('2026-12-20T10:00');
    await form.getByLabel('Next plan').fill('Send samples');
    await form.getByRole('button', { name: 'Save' }).click();
    // The save, then the sidebar's own sync: the event is in the person's calendar.
    const events = () => eventsOf(title).map(({ id: _id, ...e }) => e);
    await settles(events, [{ title, start: local('2026-12-20T10:00'), reminders: [15] }]);
    const [event] = eventsOf(title);
    expect(rig.server.session.rt.calendar.events(user).find((e) => e.id === event.id)?.description).toContain('Open in the CRM: ');

    // Its form says so (the customer opened again, so the 360 view reads the synced row).
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByRole('searchbox').fill(name);
    await sb
      .getByRole('button', { name: new RegExp(name) })
      .first()
      .click();
    await sb.getByRole('button', { name: /Demo of the new line/ }).click();
    await sb.getByRole('status').filter({ hasText: 'In your calendar' }).waitFor();
    await sidebarShot(rig.page, 'sidebar-followup-in-calendar');

    // A new time moves the same event.
    await sb.getByLabel('Next follow-up at').fill('2026-12-21T15:30');
    await sb.getByRole('button', { name: 'Save' }).click();
    await settles(events, [{ title, start: local('2026-12-21T15:30'), reminders: [15] }]);
    expect(eventsOf(title).map((e) => e.id)).toEqual([event.id]);

    await rig.page.goto(new URL(`/calendar?user=${encodeURIComponent(user)}`, rig.server.url).href);
    await rig.page.getByText(title).waitFor();
    await shot(rig.page, 'devserver-calendar');
    await rig.page.goto(rig.server.url);

    // Deleted (as deleteRecord does it), then the time triggers run (the person's hourly sync): gone.
    const id = String(
      (
        rig.server.session.run('searchRecords', ['followUps', '', { where: { content: 'Demo of the new line' } }]) as {
          value: { items: { id: string }[] };
        }
      ).value.items[0].id,
    );
    expect(rig.server.session.run('deleteRecord', ['followUps', id, {}])).toMatchObject({ ok: true, value: { ok: true } });
    await rig.page.getByRole('button', { name: /Run time triggers now/ }).click();
    await settles(events, []);
  });
});
