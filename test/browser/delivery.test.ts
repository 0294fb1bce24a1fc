/**
 * Delivery notes in the sidebar: from a customer's 360 view, the order's form offers New delivery
 * note (order and customer filled in), the line is picked among that customer's lines, and the
 * save sets the order's delivery status (the tab's cell and the 360 view's order line).
 */
import type { FrameLocator } from 'playwright-core';
import { describeBrowser, openSidebar, settles, sidebarShot, startRig, type Rig, tabRecords } from './harness';

jest.setTimeout(180_000);

type Envelope = { ok: boolean; record?: Record<string, unknown>; errors?: unknown[] };

describeBrowser('delivery notes (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  let orderId = '';
  beforeAll(async () => {
    rig = await startRig();
    // The customer's order and its two lines, saved as the sidebar would (not what is tested here).
    const api = rig.server.session.api as Record<string, (...args: unknown[]) => unknown>;
    const save = (table: string, values: Record<string, unknown>) => {
      const r = api.saveRecord(table, values) as Envelope;
      if (!r.ok || !r.record) throw new Error(`saveRecord ${table}: ${JSON.stringify(r.errors)}`);
      return r.record;
    };
    const c = save('customers', { name: 'Shipping Test Works' });
    const order = save('orders', { customerId: c.id, orderDate: '2026-11-02' });
    orderId = String(order.id);
    save('lineItems', { docType: '订单', docId: order.id, customerId: c.id, product: 'Pallet rack', quantity: 10, unitPrice: 80 });
    save('lineItems', { docType: '订单', docId: order.id, customerId: c.id, product: 'Forklift battery', quantity: 2, unitPrice: 900 });
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const rowsOf = (tab: string) => tabRecords(rig, tab);

  it('enters a delivery note against an order from the sidebar and the order becomes partly shipped', async () => {
    await sb.getByRole('searchbox').pressSequentially('Shipping Test', { delay: 20 });
    await sb.getByRole('button', { name: /Shipping Test Works/ }).click();
    await sb.getByRole('heading', { name: 'Shipping Test Works' }).waitFor();
    const orders = sb.getByRole('region', { name: /^Orders/ });
    await orders.getByText(/To ship/).waitFor();
    await orders.getByRole('button', { name: new RegExp(orderId) }).click();
    await sb.getByRole('button', { name: 'New delivery note' }).click();
    await sb.getByLabel('Note number').fill('FH-2026-001');
    await sb.getByRole('combobox', { name: 'Line ID' }).pressSequentially('Pallet', { delay: 20 });
    await sb.getByRole('option', { name: /Pallet rack/ }).click();
    await sb.getByLabel('Quantity shipped').fill('4');
    await sb.getByLabel('Ship date').fill('2026-11-20');
    await sb.getByLabel('Carrier').fill('SF Express');
    await sidebarShot(rig.page, 'sidebar-delivery-note-form');
    await sb.getByRole('button', { name: 'Save' }).click();
    await settles(() => rowsOf('Delivery notes').filter((r) => r['Note number'] === 'FH-2026-001').length, 1);
    const [note] = rowsOf('Delivery notes').filter((r) => r['Note number'] === 'FH-2026-001');
    expect(note).toMatchObject({ 'Order ID': orderId, 'Quantity shipped': 4 });
    await settles(() => rowsOf('Orders').find((r) => r.ID === orderId)?.['Delivery status'], 'Partly shipped');
  });

  it('the 360 view shows the note and the order’s new status', async () => {
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByRole('searchbox').fill('');
    await sb.getByRole('searchbox').pressSequentially('Shipping Test', { delay: 20 });
    await sb.getByRole('button', { name: /Shipping Test Works/ }).click();
    const orders = sb.getByRole('region', { name: /^Orders/ });
    await orders.getByText(/Partly shipped/).waitFor();
    const notes = sb.getByRole('region', { name: /^Delivery notes/ });
    await notes.getByText('FH-2026-001').waitFor();
    await sidebarShot(rig.page, 'sidebar-360-delivery');
  });
});
