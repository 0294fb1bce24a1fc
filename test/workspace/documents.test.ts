/**
 * Quotes as documents and files per customer, through the built bundle: a quote printed from the
 * Docs template into a real PDF in the customer's Drive folder, emailed to a contact with the PDF
 * attached (the quote moves to 已发送), files uploaded onto records and listed in the 360 view,
 * and every bad input or Drive failure leaving nothing behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Crm } from '../integration/harness';
import { addUser, freshCrm, rows, save, setParam, type Rec } from '../workflows/helpers';
import { checkPdf, pdfText } from './pdfText';

type Err = { field: string; code: string; message: string };
type FileInfo = { id: string; name: string; url: string; fileId: string; mimeType: string; size: number; recordId: string };
type Answer<T> = ({ ok: true } & T) | { ok: false; errors: Err[] };

function world(crm: Crm) {
  const customer = save(crm, 'customers', {
    name: '上海星辰科技有限公司',
    owner: 'owner@example.com',
    address: '上海市浦东新区世纪大道100号',
  });
  const other = save(crm, 'customers', { name: 'Acme Robotics Ltd', owner: 'owner@example.com' });
  const contact = save(crm, 'contacts', { customerId: customer.id, name: '李明', email: 'li.ming@xingchen.example.com' });
  const noEmail = save(crm, 'contacts', { customerId: customer.id, name: '王五' });
  const otherContact = save(crm, 'contacts', { customerId: other.id, name: 'Jane Roe', email: 'jane@acme.example.com' });
  const quote = save(crm, 'quotes', {
    customerId: customer.id,
    owner: 'owner@example.com',
    validUntil: '2026-12-31',
    terms: '预付30%，发货前付清',
  });
  const line = (product: string, quantity: number, unitPrice: number, discount?: number) =>
    save(crm, 'lineItems', { docType: '报价单', docId: quote.id, customerId: customer.id, product, quantity, unitPrice, discount });
  line('工业网关 G200', 3, 12500);
  line('云客CRM 专业版 (annual licence)', 10, 980, 10);
  return { customer, other, contact, noEmail, otherContact, quote };
}

/** A call under an injected fault: its answer, or a thrown Google error as a failed answer (code 'thrown'). */
function attempt(crm: Crm, call: () => Answer<object>): Answer<object> {
  try {
    return call();
  } catch (e) {
    return { ok: false, errors: [{ field: '', code: 'thrown', message: (e as Error).message }] };
  } finally {
    crm.rt.faults.clear();
  }
}

const TOTAL = '¥46,320.00'; // 3 × 12,500 + 10 × 980 × 0.9

function drive(crm: Crm) {
  return { files: crm.rt.drive.files(), folders: crm.rt.drive.folders() };
}
const live = <T extends { trashed: boolean }>(xs: T[]) => xs.filter((x) => !x.trashed);

/** poppler's pdftotext (poppler-utils, installed by .ci/run): a reader that is not ours. */
function pdftotext(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'crm-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('quotes as documents', () => {
  it('prints a quote into a real PDF in the customer’s folder, listing its lines and total', () => {
    const crm = freshCrm();
    const w = world(crm);
    const r = crm.call<Answer<{ file: FileInfo }>>('makeDocumentPdf', 'quotes', w.quote.id);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.file.name).toBe(`报价单 Quotation ${w.quote.id}.pdf`);
    expect(r.file.mimeType).toBe('application/pdf');

    const { files, folders } = drive(crm);
    const pdfEntry = files.find((f) => f.id === r.file.fileId)!;
    const folder = folders.find((f) => f.id === pdfEntry.folderIds[0])!;
    expect(folder.name).toBe(`${w.customer.id} 上海星辰科技有限公司`);
    expect(folders.find((f) => f.id === folder.folderIds[0])!.name).toBe('CRM 客户文件 Customer files');
    // The working copy is trashed; the template and the PDF stay.
    expect(
      live(files)
        .filter((f) => f.mimeType === 'application/vnd.google-apps.document')
        .map((f) => f.name),
    ).toEqual(['CRM 单据模板 Document template']);

    const pdf = crm.rt.drive.content(r.file.fileId)!;
    expect(r.file.size).toBe(pdf.length);
    expect(checkPdf(pdf)).toEqual({ pages: 1, problems: [] });
    const text = pdfText(pdf);
    for (const s of [
      '报价单 Quotation',
      w.quote.id,
      '上海星辰科技有限公司',
      '工业网关 G200',
      '¥12,500.00',
      '¥37,500.00',
      '云客CRM 专业版 (annual licence)',
      '10%',
      '¥8,820.00',
      `合计 Total: ${TOTAL}`,
      '有效期至 Valid until: 2026-12-31',
      '预付30%，发货前付清',
    ])
      expect(text).toContain(s);
    expect(text).not.toMatch(/\{\{/);
    // An independent reader (poppler) finds the same text in the file.
    const poppler = pdftotext(pdf);
    for (const s of ['工业网关 G200', TOTAL, w.quote.id, '上海星辰科技有限公司']) expect(poppler).toContain(s);

    // Listed on the quote and in the 360 view; a second print reuses the folder and the template.
    const listed = rows(crm, 'files', { customerId: w.customer.id });
    expect(listed.map((f) => [f.id, f.recordId, f.fileId, f.folderId])).toEqual([[r.file.id, w.quote.id, r.file.fileId, folder.id]]);
    const again = crm.call<Answer<{ file: FileInfo }>>('makeDocumentPdf', 'quotes', w.quote.id);
    expect(again.ok).toBe(true);
    expect(drive(crm).folders.length).toBe(folders.length);
    const view = crm.call<{ files: Rec[] }>('getCustomer360', w.customer.id);
    expect(view.files.map((f) => f.recordId)).toEqual([w.quote.id, w.quote.id]);
  });

  it('emails the PDF to a contact as an attachment and moves the quote to 已发送', () => {
    const crm = freshCrm();
    const w = world(crm);
    const r = crm.call<Answer<{ file: FileInfo; to: string; status: string }>>('emailDocument', 'quotes', w.quote.id, w.contact.id, {
      message: '请于月底前确认。',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.to).toBe('li.ming@xingchen.example.com');
    expect(r.status).toBe('已发送');
    expect(crm.rt.mail).toHaveLength(1);
    const mail = crm.rt.mail[0];
    expect(mail).toMatchObject({ to: 'li.ming@xingchen.example.com', subject: `报价单 ${w.quote.id}（上海星辰科技有限公司）` });
    expect(mail.body).toContain('李明');
    expect(mail.body).toContain('请于月底前确认。');
    expect(mail.attachments!.map((a) => [a.name, a.contentType])).toEqual([[`报价单 Quotation ${w.quote.id}.pdf`, 'application/pdf']]);
    const attached = mail.attachments![0].data;
    expect(checkPdf(attached).problems).toEqual([]);
    expect(pdfText(attached)).toContain('联系人 Contact: 李明');
    expect(pdfText(attached)).toContain(TOTAL);
    // The attachment is the PDF kept in the customer's folder.
    expect(crm.rt.drive.content(r.file.fileId)!.equals(attached)).toBe(true);
    expect(crm.call<Rec>('getRecord', 'quotes', w.quote.id).status).toBe('已发送');
    // An accepted quote sent again keeps its status.
    save(crm, 'quotes', { id: w.quote.id, version: crm.call<Rec>('getRecord', 'quotes', w.quote.id).version, status: '客户同意' });
    const again = crm.call<Answer<{ status: string }>>('emailDocument', 'quotes', w.quote.id, w.contact.id);
    expect(again).toMatchObject({ ok: true, status: '客户同意' });
  });

  it('leaves the email as a Gmail draft with the PDF attached when asked: nothing sent, the quote still pending', () => {
    const crm = freshCrm();
    const w = world(crm);
    const before = crm.call<Rec>('getRecord', 'quotes', w.quote.id).status;
    const r = crm.call<Answer<{ file: FileInfo; to: string; status: string; draftId: string }>>(
      'emailDocument',
      'quotes',
      w.quote.id,
      w.contact.id,
      { draft: true },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(crm.rt.mail).toHaveLength(0);
    expect(r.status).toBe(before);
    expect(crm.call<Rec>('getRecord', 'quotes', w.quote.id).status).toBe(before);
    const box = crm.rt.gmail.mailbox('owner@example.com');
    const messageId = box.drafts.get(r.draftId);
    const draft = messageId ? box.messages.get(messageId) : undefined;
    expect(draft).toMatchObject({
      to: 'li.ming@xingchen.example.com',
      subject: `报价单 ${w.quote.id}（上海星辰科技有限公司）`,
      draft: true,
    });
    expect(draft!.attachments.map((a) => a.name)).toEqual([`报价单 Quotation ${w.quote.id}.pdf`]);
    expect(pdfText(draft!.attachments[0].bytes)).toContain(TOTAL);
    // The PDF it carries is the one kept in the customer's folder and listed on the quote.
    expect(crm.rt.drive.content(r.file.fileId)!.equals(draft!.attachments[0].bytes)).toBe(true);
    expect(rows(crm, 'files', { customerId: w.customer.id }).map((f) => f.recordId)).toEqual([w.quote.id]);
  });

  it('prints orders and contracts the same way, under their own title', () => {
    const crm = freshCrm();
    const w = world(crm);
    const contract = save(crm, 'contracts', {
      customerId: w.customer.id,
      contractNo: 'HT-2026-001',
      signDate: '2026-11-01',
      amount: 88000,
      owner: 'owner@example.com',
    });
    const c = crm.call<Answer<{ file: FileInfo }>>('makeDocumentPdf', 'contracts', contract.id);
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    const text = pdfText(crm.rt.drive.content(c.file.fileId)!);
    expect(text).toContain('合同 Contract');
    expect(text).toContain('HT-2026-001');
    expect(text).toContain('¥88,000.00');
  });
});

describe('quotes as documents: bad input and faults leave nothing behind', () => {
  function snapshot(crm: Crm, quoteId: string) {
    return {
      mail: crm.rt.mail.length,
      status: crm.call<Rec>('getRecord', 'quotes', quoteId).status,
      files: rows(crm, 'files').length,
      drive: live(crm.rt.drive.files()).filter((f) => !f.name.startsWith('CRM 单据模板')).length,
    };
  }

  it('refuses a contact without email, or of another customer, before making anything', () => {
    const crm = freshCrm();
    const w = world(crm);
    const before = snapshot(crm, w.quote.id);
    const a = crm.call<Answer<object>>('emailDocument', 'quotes', w.quote.id, w.noEmail.id);
    expect(a).toMatchObject({ ok: false, errors: [{ field: 'contactId', code: 'contact_no_email' }] });
    expect((a as { errors: Err[] }).errors[0].message).toContain('王五');
    const b = crm.call<Answer<object>>('emailDocument', 'quotes', w.quote.id, w.otherContact.id);
    expect(b).toMatchObject({ ok: false, errors: [{ field: 'contactId', code: 'contact_not_customer' }] });
    expect(snapshot(crm, w.quote.id)).toEqual(before);
  });

  it('refuses a sales rep another rep’s quote before making or sending anything, and lets them print their own', () => {
    const crm = freshCrm();
    addUser(crm, 'rep@example.com', '销售');
    crm.call('setupWorkbook'); // protections follow the users
    const w = world(crm);
    const before = snapshot(crm, w.quote.id);
    crm.rt.setUser('rep@example.com');
    const a = crm.call<Answer<object>>('emailDocument', 'quotes', w.quote.id, w.contact.id);
    expect(a).toMatchObject({ ok: false, errors: [{ code: 'forbidden_record' }] });
    const b = crm.call<Answer<object>>('makeDocumentPdf', 'quotes', w.quote.id);
    expect(b).toMatchObject({ ok: false, errors: [{ code: 'forbidden_record' }] });
    const c = crm.call<Answer<object>>('uploadFile', 'customers', w.customer.id, { name: 'x.txt', base64: 'eA==' });
    expect(c).toMatchObject({ ok: false, errors: [{ code: 'forbidden_record' }] });
    crm.rt.setUser('owner@example.com');
    expect(snapshot(crm, w.quote.id)).toEqual(before);
    const own = save(crm, 'customers', { name: '销售自己的客户', owner: 'rep@example.com' });
    const quote = save(crm, 'quotes', { customerId: own.id, owner: 'rep@example.com' });
    crm.rt.setUser('rep@example.com');
    const mine = crm.call<Answer<object>>('makeDocumentPdf', 'quotes', quote.id);
    expect(mine.ok ? [] : mine.errors).toEqual([]);
  });

  it('explains a template it cannot use: not a Doc, a placeholder naming no field, no number, no line table', () => {
    const crm = freshCrm();
    const w = world(crm);
    const sheetId = crm.rt.drive.files().find((f) => f.mimeType === 'application/vnd.google-apps.spreadsheet')!.id;
    setParam(crm, 'documentTemplateId', sheetId);
    const a = crm.call<Answer<object>>('makeDocumentPdf', 'quotes', w.quote.id);
    expect(a).toMatchObject({ ok: false, errors: [{ code: 'doc_template_unreadable' }] });
    expect((a as { errors: Err[] }).errors[0].message).toContain(sheetId);

    const bad = (body: (string | string[][])[]) => {
      const id = crm.rt.documents.create('My template', body);
      setParam(crm, 'documentTemplateId', id);
      return crm.call<Answer<object>>('makeDocumentPdf', 'quotes', w.quote.id);
    };
    const header = [['Product', 'Qty', 'Price', 'Discount', 'Amount']];
    expect(bad(['No. {{单号}} for {{客户}}', header, 'Total {{total}}'])).toMatchObject({
      ok: false,
      errors: [{ code: 'doc_template_unknown', message: expect.stringContaining('{{客户}}') }],
    });
    expect(bad(['Quote for {{customer name}}', header, 'Total {{total}}'])).toMatchObject({
      ok: false,
      errors: [{ code: 'doc_template_missing', message: expect.stringContaining('{{单号}}') }],
    });
    expect(bad(['No. {{number}}', 'Total {{合计}}'])).toMatchObject({ ok: false, errors: [{ code: 'doc_template_table' }] });
    expect(rows(crm, 'files')).toEqual([]);

    // The admin's own template, in English placeholders, is used as written.
    const own = crm.rt.documents.create('Own template', ['QUOTE {{Number}} / {{Customer Name}}', header, 'TOTAL {{TOTAL}}']);
    setParam(crm, 'documentTemplateId', own);
    const ok = crm.call<Answer<{ file: FileInfo }>>('makeDocumentPdf', 'quotes', w.quote.id);
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    const text = pdfText(crm.rt.drive.content(ok.file.fileId)!);
    expect(text).toContain(`QUOTE ${w.quote.id} / 上海星辰科技有限公司`);
    expect(text).toContain(`TOTAL ${TOTAL}`);
    expect(text).toContain('工业网关 G200');
  });

  it('a Google failure at any step of an email either completes or leaves no status change, no email, no file, no working copy', () => {
    const crm = freshCrm();
    const w = world(crm);
    // Warm: the template and the folder exist, as after a first print.
    expect(crm.call<Answer<object>>('makeDocumentPdf', 'quotes', w.quote.id).ok).toBe(true);
    crm.rt.resetStats();
    const probe = crm.call<Answer<object>>('emailDocument', 'quotes', w.quote.id, w.contact.id);
    expect(probe.ok).toBe(true);
    const trips = crm.rt.stats().roundTrips;
    expect(trips).toBeGreaterThan(10);
    const codes = new Set<string>();
    for (let n = 1; n <= trips; n++) {
      save(crm, 'quotes', { id: w.quote.id, version: crm.call<Rec>('getRecord', 'quotes', w.quote.id).version, status: '审批中' });
      const before = snapshot(crm, w.quote.id);
      crm.rt.faults.failAfter(n, "We're sorry, a server error occurred. Please wait a bit and try again.");
      const answer = attempt(crm, () => crm.call<Answer<object>>('emailDocument', 'quotes', w.quote.id, w.contact.id));
      const after = snapshot(crm, w.quote.id);
      if (answer.ok) {
        expect(after).toEqual({ mail: before.mail + 1, status: '已发送', files: before.files + 1, drive: before.drive + 1 });
        continue;
      }
      codes.add(answer.errors[0].code);
      if (answer.errors[0].code === 'email_unrecorded') {
        // Sent, then the sheet write failed: said so, the PDF kept, nothing else changed.
        expect(after).toEqual({ ...before, mail: before.mail + 1, drive: before.drive + 1 });
        continue;
      }
      expect({ n, ...after }).toEqual({ n, ...before });
    }
    expect(codes.has('doc_failed')).toBe(true);
  });
});

describe('files per customer', () => {
  it('stores uploads in the customer’s folder, linked on the customer or its order, listed in the 360 view', () => {
    const crm = freshCrm();
    const w = world(crm);
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10, 0x80, 0x7f]);
    const a = crm.call<Answer<{ file: FileInfo }>>('uploadFile', 'customers', w.customer.id, {
      name: '营业执照.pdf',
      mimeType: 'application/pdf',
      base64: bytes.toString('base64'),
    });
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    expect(crm.rt.drive.content(a.file.fileId)!.equals(bytes)).toBe(true);
    expect(a.file).toMatchObject({ name: '营业执照.pdf', mimeType: 'application/pdf', size: bytes.length, recordId: w.customer.id });

    const order = save(crm, 'orders', { customerId: w.customer.id, owner: 'owner@example.com' });
    const b = crm.call<Answer<{ file: FileInfo }>>('uploadFile', 'orders', order.id, {
      name: 'signed.txt',
      base64: Buffer.from('签字版').toString('base64'),
    });
    if (!b.ok) throw new Error(JSON.stringify(b.errors));
    const files = crm.rt.drive.files();
    const folderOf = (id: string) => files.find((f) => f.id === id)!.folderIds[0];
    expect(folderOf(b.file.fileId)).toBe(folderOf(a.file.fileId));
    expect(crm.rt.drive.folders().filter((f) => f.name.startsWith(w.customer.id))).toHaveLength(1);

    const view = crm.call<{ files: Rec[] }>('getCustomer360', w.customer.id);
    expect(view.files.map((f) => [f.name, f.recordId]).sort()).toEqual([
      ['signed.txt', order.id],
      ['营业执照.pdf', w.customer.id],
    ]);
  });

  it('refuses a file over 10 MB, bad base64, a record of another kind, and a Drive failure, changing nothing', () => {
    const crm = freshCrm();
    const w = world(crm);
    const count = () => [rows(crm, 'files').length, live(crm.rt.drive.files()).length, crm.rt.drive.folders().length];
    const before = count();
    const big = crm.call<Answer<object>>('uploadFile', 'customers', w.customer.id, {
      name: 'big.bin',
      base64: 'A'.repeat(14 * 1024 * 1024),
    });
    expect(big).toMatchObject({
      ok: false,
      errors: [{ field: 'file.base64', code: 'bad_argument', message: expect.stringContaining('10 MB') }],
    });
    const junk = crm.call<Answer<object>>('uploadFile', 'customers', w.customer.id, { name: 'x', base64: '@@not base64@@' });
    expect(junk).toMatchObject({ ok: false, errors: [{ field: 'file.base64', code: 'bad_argument' }] });
    const wrong = crm.call<Answer<object>>('uploadFile', 'followUps', w.customer.id, { name: 'x', base64: '' });
    expect(wrong).toMatchObject({ ok: false, errors: [{ field: 'table', code: 'bad_argument' }] });
    expect(count()).toEqual(before);

    for (let n = 1; n <= 12; n++) {
      const start = count();
      crm.rt.faults.failAfter(n, "We're sorry, a server error occurred. Please wait a bit and try again.");
      const r = attempt(crm, () =>
        crm.call<Answer<object>>('uploadFile', 'quotes', w.quote.id, {
          name: `f${n}.txt`,
          base64: Buffer.from(`n=${n}`).toString('base64'),
        }),
      );
      const end = count();
      if (r.ok) expect([end[0], end[1]]).toEqual([start[0] + 1, start[1] + 1]);
      else expect([n, end[0], end[1]]).toEqual([n, start[0], start[1]]);
    }
  });
});
