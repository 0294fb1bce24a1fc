/**
 * Email logging from the sidebar: the dev user turns it on under My email, the dev server's
 * "Run time triggers now" runs the logging trigger as them on their demo mailbox, and the customer's
 * 360 view lists the email (subject, direction, Open in Gmail).
 */
import type { FrameLocator } from 'playwright-core';
import { DEV_USER } from '../../src/runtime/devserver/server';
import { describeBrowser, openSidebar, scriptCalls, settles, shot, sidebarShot, startRig, type Rig, tabRecords } from './harness';

jest.setTimeout(240_000);

describeBrowser('email logging (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  beforeAll(async () => {
    rig = await startRig();
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const followUps = () => tabRecords(rig, 'Follow-ups');

  it('turns logging on from the sidebar, runs the trigger, and shows the email in the 360 view', async () => {
    await sb.getByRole('button', { name: 'Reminders' }).click();
    const panel = sb.getByRole('region', { name: 'My email' });
    const toggle = panel.getByRole('checkbox', { name: 'Log my emails with customers as follow-ups' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await panel.getByText(/0 logged · last run —/).waitFor();
    await panel.getByText(/threads labelled CRM-no-log are not/).waitFor();
    expect((await scriptCalls(sb)).filter((c) => c.fn === 'setEmailLogging').map((c) => c.args)).toEqual([[true]]);
    expect(rig.server.session.rt.triggers().filter((t) => t.handler === 'logEmails')).toHaveLength(1);
    await sidebarShot(rig.page, 'sidebar-email-logging-on');

    await rig.page.getByRole('button', { name: /Run time triggers now/ }).click();
    await settles(() => followUps().some((r) => r['Email message ID']), true, 20_000);
    const logged = followUps().filter((r) => r['Email message ID']);
    expect(logged.every((r) => r.Owner === DEV_USER && r.Method === 'Email')).toBe(true);
    const expected = rig.server.session.mailView(DEV_USER).logged;
    expect(new Set(logged.map((r) => String(r['Email message ID'])))).toEqual(expected);

    // The state line follows (reopen the tab).
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByRole('button', { name: 'Reminders' }).click();
    await panel.getByText(new RegExp(`^${logged.length} logged · last run \\d{4}-`)).waitFor();

    // The customer's 360 view lists the email: subject, direction, a link to the thread.
    const mail = logged[0];
    const customer = tabRecords(rig, 'Customers').find((row) => row.ID === mail['Customer ID']);
    const name = String(customer?.['Customer name'] ?? '');
    expect(name).not.toBe('');
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByLabel('Search in').selectOption('customers');
    await sb.getByRole('searchbox').fill(name);
    await sb
      .getByRole('button', { name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    const section = sb.getByRole('region', { name: /^Follow-ups/ });
    const subject = String(mail.Content).split('\n')[0];
    await section.getByText(`✉ ${subject}`).first().waitFor();
    await section
      .getByText(/^(Sent|Received) · /)
      .first()
      .waitFor();
    const link = section.getByRole('link', { name: 'Open in Gmail' }).first();
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/mail\.google\.com\/mail\/u\/0\/#all\/[0-9a-f]{16}$/);
    await section.scrollIntoViewIfNeeded();
    await sidebarShot(rig.page, 'sidebar-360-logged-email');

    // The dev server's mail page marks what the CRM logged.
    const mailPage = await rig.context.newPage();
    await mailPage.goto(new URL('/mail', rig.server.url).toString());
    await mailPage.getByText(`Gmail: ${DEV_USER}`).waitFor();
    expect(await mailPage.getByText('CRM ✓').count()).toBe(expected.size);
    await shot(mailPage, 'devserver-mail-page');
    await mailPage.close();
  });
});
