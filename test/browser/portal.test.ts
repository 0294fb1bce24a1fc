/**
 * The customer's ticket page (self-service portal) through the dev server: a contact's private
 * link opens its tickets, a new one is raised and listed with its status, the service team's
 * answer shows after a reload, and a forged link shows only "not valid".
 */
import { describeBrowser, openSidebar, settles, shot, sidebarShot, startRig, type Rig, tabRecords } from './harness';

jest.setTimeout(180_000);

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

describeBrowser('self-service portal (dev server, chromium)', () => {
  let rig: Rig;
  let link = '';
  let contactId = '';
  let contactName = '';
  let customerName = '';
  beforeAll(async () => {
    rig = await startRig();
    const contacts = rig.server.session.rt.workbook.getSheet('Contacts')?.getValuesRaw() ?? [];
    const header = contacts[0] as string[];
    const row = contacts.slice(1).find((r) => r[header.indexOf('ID')] && r[header.indexOf('Deleted')] !== true) ?? [];
    contactId = String(row[header.indexOf('ID')]);
    contactName = String(row[header.indexOf('Name')]);
    const customer = rig.server.session.run('getRecord', ['customers', String(row[header.indexOf('Customer ID')])]) as Reply;
    customerName = customer.ok ? String((customer.value as { name: string }).name) : '';
  });
  afterAll(async () => {
    await rig?.close();
  });

  const tickets = () => tabRecords(rig, 'Tickets');

  it('an admin gives the contact a private link from its form in the sidebar (shown once)', async () => {
    const sb = await openSidebar(rig.page);
    await sb.getByRole('searchbox').fill(customerName);
    await sb
      .getByRole('button', { name: new RegExp(customerName) })
      .first()
      .click();
    const contacts = sb.getByRole('region', { name: /^Contacts/ });
    // The section shows the newest five: all of them, whichever the contact is.
    await contacts.getByRole('heading').waitFor();
    const all = contacts.getByRole('button', { name: /^Show all/ });
    if (await all.isVisible()) await all.click();
    await contacts.getByText(contactName).first().click();
    const panel = sb.getByRole('region', { name: 'Self-service portal' });
    await panel.getByText('Self-service portal: off').waitFor();
    await panel.getByRole('button', { name: 'Give a private link' }).click();
    const box = panel.getByLabel('Private link (shown only now: copy it)');
    await box.waitFor();
    link = await box.inputValue();
    await panel.getByText('Self-service portal: on').waitFor();
    await sidebarShot(rig.page, 'sidebar-contact-portal-link');
    await rig.page.setViewportSize({ width: 390, height: 844 });
  });

  it('raises a ticket and lists it with its status, then shows the answer', async () => {
    expect(link).toMatch(/\/portal\?portal=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[0-9a-f]{64}$/);
    const { page } = rig;
    await page.goto(`${link}&lang=en`);
    await page.getByRole('heading', { name: 'Raise a new request' }).waitFor();
    await page.getByLabel('Subject').fill('The scanner does not start');
    await page.getByLabel('Type').selectOption({ label: 'Repair' });
    await page.getByLabel('Description').fill('Since Monday the scanner shows error E42.');
    await shot(page, 'portal-form');
    const before = tickets().length;
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByText(/^Sent: your ticket is T\d{11}$/).waitFor();
    const id = /T\d{11}/.exec((await page.getByRole('status').textContent()) ?? '')?.[0] ?? '';
    const card = page.getByRole('article', { name: `Ticket ${id}` });
    await card.getByText('The scanner does not start').waitFor();
    await card.getByTitle('Status').getByText('New').waitFor();
    await shot(page, 'portal-raised');
    await settles(() => tickets().length, before + 1);
    const row = tickets().find((r) => r.ID === id);
    expect(row).toMatchObject({ 'Contact ID': contactId, Channel: 'Portal', Type: 'Repair', Status: 'New' });
    // The service team answers in the CRM; the customer sees it on the next visit.
    const rec = rig.server.session.run('getRecord', ['tickets', id]) as Reply;
    const version = rec.ok ? (rec.value as { version: number }).version : 0;
    const saved = rig.server.session.run('saveRecord', [
      'tickets',
      { id, version, status: '已解决', resolution: 'Replaced the lamp; please try again.' },
    ]) as Reply;
    expect(saved.ok && (saved.value as { ok: boolean }).ok).toBe(true);
    await page.reload();
    const again = page.getByRole('article', { name: `Ticket ${id}` });
    await again.getByTitle('Status').getByText('Resolved').waitFor();
    await again.getByText('Replaced the lamp; please try again.').waitFor();
    await shot(page, 'portal-answered');
    // The same page in Chinese: labels from the schema, the status as stored.
    await page.goto(`${link}&lang=zh`);
    await page.getByRole('heading', { name: '提交新的服务请求' }).waitFor();
    await page
      .getByRole('article', { name: `工单编号 ${id}` })
      .getByTitle('状态')
      .getByText('已解决')
      .waitFor();
    await page.getByLabel('问题摘要').waitFor();
    await shot(page, 'portal-zh');
  });

  it('a forged link shows only that the link is not valid', async () => {
    const { page } = rig;
    // The contact's and customer's IDs kept, the random part forged.
    await page.goto(link.replace(/[0-9a-f]{64}$/, '0'.repeat(64)) + '&lang=en');
    await page.getByText('This link is not valid (or no longer valid). Please ask our service team for a new one.').waitFor();
    expect(await page.getByRole('heading', { name: 'Raise a new request' }).isVisible()).toBe(false);
    await shot(page, 'portal-invalid');
  });
});
