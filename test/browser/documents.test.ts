/**
 * Quotes as documents and files per customer in the sidebar: from a customer's 360 view, the
 * quote's form makes a PDF, emails it to a contact (picked among the customer's contacts with an
 * email), a file is uploaded onto the quote, and the customer's 360 view lists the files. The
 * dev server's Drive page lists the folder and serves the PDF.
 */
import type { FrameLocator } from 'playwright-core';
import { checkPdf, pdfText } from '../workspace/pdfText';
import { describeBrowser, openSidebar, settles, shot, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

type Envelope = { ok: boolean; record?: Record<string, unknown>; errors?: unknown[] };

describeBrowser('quotes as documents and files (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  let quoteId = '';
  let customerId = '';
  beforeAll(async () => {
    rig = await startRig();
    const api = rig.server.session.api as Record<string, (...args: unknown[]) => unknown>;
    const save = (table: string, values: Record<string, unknown>) => {
      const r = api.saveRecord(table, values) as Envelope;
      if (!r.ok || !r.record) throw new Error(`saveRecord ${table}: ${JSON.stringify(r.errors)}`);
      return r.record;
    };
    const c = save('customers', { name: 'Quote Print Works' });
    customerId = String(c.id);
    save('contacts', { customerId: c.id, name: 'Ada Buyer', email: 'ada@print.example.com' });
    save('contacts', { customerId: c.id, name: 'No Mail' });
    const q = save('quotes', { customerId: c.id, validUntil: '2026-12-31', terms: 'Net 30' });
    quoteId = String(q.id);
    save('lineItems', { docType: '报价单', docId: q.id, customerId: c.id, product: 'Label printer LP-9', quantity: 4, unitPrice: 1500 });
    save('lineItems', { docType: '报价单', docId: q.id, customerId: c.id, product: '标签纸 Label roll', quantity: 50, unitPrice: 12 });
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('makes the quote’s PDF, emails it to a contact, uploads a file and lists them in the 360 view', async () => {
    await sb.getByRole('searchbox').pressSequentially('Quote Print', { delay: 20 });
    await sb.getByRole('button', { name: /Quote Print Works/ }).click();
    await sb.getByRole('heading', { name: 'Quote Print Works' }).waitFor();
    await sb
      .getByRole('region', { name: /^Quotes/ })
      .getByRole('button', { name: new RegExp(quoteId) })
      .click();
    const files = sb.getByRole('region', { name: 'Files' });
    await files.getByRole('button', { name: 'Make PDF' }).click();
    await files.getByRole('status').getByText(`Made 报价单 Quotation ${quoteId}.pdf`).waitFor();
    await files.getByRole('link', { name: `报价单 Quotation ${quoteId}.pdf` }).waitFor();

    // Only contacts with an email are offered.
    const picker = files.getByRole('combobox', { name: 'Pick a contact' });
    expect(await picker.locator('option').allTextContents()).toEqual(['Ada Buyer <ada@print.example.com>']);
    await files.getByRole('button', { name: 'Email to contact' }).click();
    await files.getByRole('status').getByText('Sent to ada@print.example.com').waitFor();
    const mail = rig.server.session.rt.mail;
    expect(mail.map((m) => m.to)).toEqual(['ada@print.example.com']);
    const pdf = mail[0].attachments![0].data;
    expect(checkPdf(pdf).problems).toEqual([]);
    expect(pdfText(pdf)).toContain('Label printer LP-9');
    expect(pdfText(pdf)).toContain('¥6,600.00');

    await files
      .locator('input[type=file]')
      .setInputFiles({ name: 'signed-quote.txt', mimeType: 'text/plain', buffer: Buffer.from('signed by Ada') });
    await files.getByRole('status').getByText('Uploaded signed-quote.txt').waitFor();
    await settles(async () => (await files.getByRole('link').allTextContents()).length, 3);
    await sidebarShot(rig.page, 'sidebar-quote-files');

    // The quote is 已发送 now, and the 360 view lists the three files.
    await sb.getByRole('button', { name: 'Back' }).click();
    const section = sb.getByRole('region', { name: /^Files/ });
    await section.getByText('signed-quote.txt').waitFor();
    expect(await section.locator('.item-title').allTextContents()).toHaveLength(3);
    await sb
      .getByRole('region', { name: /^Quotes/ })
      .getByText(/Sent/)
      .waitFor();
    await section.scrollIntoViewIfNeeded();
    await sidebarShot(rig.page, 'sidebar-360-files');

    // The dev server's Drive: the customer's folder with the PDFs and the upload; the PDF is served.
    const drive = await rig.context.newPage();
    await drive.goto(new URL('drive', rig.server.url).href);
    await drive.getByText(`▸ ${customerId} Quote Print Works`).waitFor();
    await shot(drive, 'devserver-drive');
    const href = await drive
      .getByRole('link', { name: `报价单 Quotation ${quoteId}.pdf` })
      .first()
      .getAttribute('href');
    const served = await drive.request.get(new URL(href!, rig.server.url).href);
    expect(served.headers()['content-type']).toBe('application/pdf');
    const body = Buffer.from(await served.body());
    expect(checkPdf(body).problems).toEqual([]);
    expect(pdfText(body)).toContain(quoteId);
    await drive.close();
  });
});
