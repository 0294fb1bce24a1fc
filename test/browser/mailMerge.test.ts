/**
 * The campaign mail merge in the sidebar (docs/WORKSPACE.md, "Mail merge"): from a campaign's
 * form, filter the recipients (with their count and who is skipped), write the template with a
 * placeholder, preview it for a recipient, send a test to oneself, then send; the run's progress
 * shows per recipient.
 */
import type { FrameLocator } from 'playwright-core';
import { describeBrowser, openSidebar, settles, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

type Envelope = { ok: boolean; record?: Record<string, unknown>; errors?: unknown[] };

describeBrowser('campaign mail merge (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  beforeAll(async () => {
    rig = await startRig();
    const api = rig.server.session.api as Record<string, (...args: unknown[]) => unknown>;
    const save = (table: string, values: Record<string, unknown>) => {
      const r = api.saveRecord(table, values) as Envelope;
      if (!r.ok || !r.record) throw new Error(`saveRecord ${table}: ${JSON.stringify(r.errors)}`);
      return r.record;
    };
    save('campaigns', { name: 'Atlantis Spring Mailing' });
    const c = save('customers', { name: 'Atlantis Pumps', region: 'Atlantis', tags: ['Key account'] });
    save('contacts', { customerId: c.id, name: 'Ann Reader', email: 'ann@atlantis.example' });
    save('contacts', { customerId: c.id, name: 'Bob Gone', email: 'bob@atlantis.example', unsubscribed: true });
    save('contacts', { customerId: c.id, name: 'Cy Nomail' });
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('filters, previews, sends a test to oneself, then sends', async () => {
    await sb.getByRole('combobox', { name: 'Search in' }).selectOption('campaigns');
    await sb.getByRole('searchbox').pressSequentially('Atlantis Spring', { delay: 20 });
    await sb.getByRole('button', { name: /Atlantis Spring Mailing/ }).click();
    const panel = sb.getByRole('region', { name: 'Mail merge' });
    await panel.waitFor();
    await panel.getByLabel('Tag', { exact: true }).fill('Key account');
    await panel.getByLabel('Region', { exact: true }).fill('Atlantis');
    await panel.getByLabel('Subject', { exact: true }).fill('{{Customer name}}: spring offer');
    await panel.getByLabel(/^Body/).fill('Dear {{Name}},\nour spring offer for {{customer name}}.');
    await panel.getByRole('button', { name: 'Preview' }).click();
    await rig.page.waitForTimeout(3000);
    await panel.getByText(/3 recipients, 1 to send; skipped: 1 without email, 1 unsubscribed/).waitFor();
    await panel.getByText(/Subject: Atlantis Pumps: spring offer/).waitFor();
    await panel.getByText(/Dear Ann Reader,/).waitFor();
    await panel.getByText(/Dear Ann Reader,/).scrollIntoViewIfNeeded();
    await sidebarShot(rig.page, 'sidebar-mail-merge-preview');

    const mail = rig.server.session.rt.mail;
    const before = mail.length;
    await panel.getByRole('button', { name: 'Test to me' }).click();
    await panel.getByText(/Test sent to/).waitFor();
    expect(mail.slice(before).map((m) => m.subject)).toEqual(['[Test] Atlantis Pumps: spring offer']);

    await panel.getByRole('button', { name: 'Send (1)' }).click();
    await settles(() => mail.filter((m) => m.to === 'ann@atlantis.example').length, 1);
    await panel.getByText(/1 sent, 0 failed, 2 skipped of 3/).waitFor();
    await panel.getByRole('cell', { name: 'Unsubscribed' }).waitFor();
    expect(mail.some((m) => m.to === 'bob@atlantis.example')).toBe(false);
    await panel.getByText('1 sent: all done').waitFor();
    await panel.getByRole('table').scrollIntoViewIfNeeded();
    await sidebarShot(rig.page, 'sidebar-mail-merge-sent');
  });
});
