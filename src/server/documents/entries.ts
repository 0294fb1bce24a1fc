/**
 * Entry points of quotes as documents and files per customer (docs/WORKSPACE.md):
 * makeDocumentPdf, emailDocument and uploadFile. Drive and Docs work comes first, outside the
 * lock; the sheet writes (the files row, the quote's status, the customer's folder ID) follow in
 * one locked step, and a failure there trashes the file just made: a failed call leaves nothing.
 */
import * as z from 'zod/mini';
import { CrmError, fieldError, type Values } from '../../core';
import { QUOTE_STATUSES, hasFlag, type DataTableKey } from '../../schema';
import { documentEmail, type DocumentTable } from '../../core/workflows';
import { idArg, maybeText, optionsArg, signature, text } from '../args';
import { openContext, type Context } from '../context';
import { enveloped, type Envelope } from '../entry';
import { WritePlan } from '../workflows/batch';
import { savePlan } from '../operations/save';
import { prepareNew, requireLive } from '../workflows/records';
import { customerFolder, detailOf, trashAll } from './drive';
import { ownerName, printDocument, type PrintedDocument } from './render';

/** What the sidebar shows of a file (a files row). */
export interface FileInfo {
  id: string;
  name: string;
  url: string;
  fileId: string;
  mimeType: string;
  size: number;
  recordId: string;
}

/** Uploads above this are refused (Apps Script takes 50 MB per call; a sidebar upload of 10 MB is already slow). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_BASE64_CHARS = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;

const SENT = QUOTE_STATUSES.find((o) => o.en === 'Sent')!.value;

const documentTableArg = z.enum(['quotes', 'orders', 'contracts']);
const fileTableArg = z.enum(['customers', 'quotes', 'orders', 'contracts']);

function infoOf(row: Values): FileInfo {
  return {
    id: String(row.id),
    name: String(row.name),
    url: String(row.url),
    fileId: String(row.fileId),
    mimeType: String(row.mimeType ?? ''),
    size: Number(row.size) || 0,
    recordId: String(row.recordId),
  };
}

function fileInput(file: GoogleAppsScript.Drive.File, folder: GoogleAppsScript.Drive.Folder, customerId: string, recordId: string): Values {
  return {
    folderId: folder.getId(),
    name: file.getName(),
    customerId,
    recordId,
    url: file.getUrl(),
    fileId: file.getId(),
    mimeType: file.getMimeType(),
    size: file.getSize(),
  };
}

/** Records a file made in Drive: its files row and `extra` writes, in one locked step. A failure trashes the file and is rethrown. */
function recordFile(
  ctx: Context,
  note: string,
  file: GoogleAppsScript.Drive.File,
  input: Values,
  extra: (writes: WritePlan) => void = () => undefined,
  keepOnFailure = false,
  also: [DataTableKey, string][] = [],
): FileInfo {
  try {
    return ctx.store.withLock(() => {
      // What the step reads, in two batched reads: as a save of the row, and the records `extra` updates.
      const plan = savePlan(ctx, 'files', input, null);
      ctx.store.lookups.prefetch({ ...plan, ids: [...(plan.ids ?? []), ...also] });
      requireLive(ctx, 'customers', String(input.customerId), 'customerId');
      const [row] = prepareNew(ctx, 'files', [input], 'file');
      const writes = new WritePlan(ctx, note);
      writes.append('files', [row]);
      extra(writes);
      writes.commit();
      return infoOf(row);
    });
  } catch (e) {
    if (!keepOnFailure) trashAll([file]);
    throw e;
  }
}

/** The role checks of the writes a call will make, before it makes anything in Drive or sends anything. */
function mayRecord(ctx: Context, customerId: string, recordId: string, also: [DataTableKey, Values, Values][] = []): void {
  ctx.store.authorize('files', null, { customerId, recordId });
  for (const [key, before, after] of also) ctx.store.authorize(key, before, after);
}

const PDF_ARGS = signature(['table', 'id'], documentTableArg, idArg);

/**
 * makeDocumentPdf(table, id): a quote, order or contract printed from the document template into
 * a PDF in its customer's Drive folder, listed in the files table on the record.
 */
export const makeDocumentPdf = enveloped(
  PDF_ARGS,
  (table, id): Envelope<{ file: FileInfo }> => {
    const ctx = openContext();
    const record = requireLive(ctx, table, id);
    mayRecord(ctx, String(record.customerId ?? ''), id);
    const printed = printDocument(ctx, table, id, null);
    const file = recordFile(
      ctx,
      `makeDocumentPdf ${id}`,
      printed.pdf,
      fileInput(printed.pdf, printed.folder, String(printed.customer.id), id),
    );
    return { ok: true, file };
  },
  'write',
);

const EMAIL_ARGS = signature(
  ['table', 'id', 'contactId', 'options'],
  documentTableArg,
  idArg,
  idArg,
  z.optional(optionsArg({ message: maybeText(2000), draft: z.optional(z.boolean()) })),
);

function contactFor(ctx: Context, contactId: string, customerId: string): Values {
  const contact = requireLive(ctx, 'contacts', contactId, 'contactId');
  if (String(contact.customerId) !== customerId)
    throw new CrmError([fieldError('contactId', 'contact_not_customer', ctx.lang, { id: contactId, customerId })]);
  if (!String(contact.email ?? '').trim())
    throw new CrmError([fieldError('contactId', 'contact_no_email', ctx.lang, { id: contactId, name: String(contact.name ?? '') })]);
  return contact;
}

/**
 * emailDocument(table, id, contactId, { message?, draft? }): the document printed for that
 * contact and sent to them as the user, the PDF attached (MailApp); the PDF is kept in the
 * customer's folder and listed on the record, and a quote still pending (审批中) moves to
 * 已发送/Sent. `draft: true` leaves the email as a draft in the user's Gmail instead (GmailApp),
 * to read over and send from Gmail: nothing is sent, so the quote's status stays and the quota is
 * not asked. Checked before anything is made: the contact is the customer's and has an email, the
 * daily quota has room.
 * If the email fails, the PDF is trashed and nothing is written; if the sheet write after the
 * send fails, the answer says the email went out unrecorded (email_unrecorded) and the PDF is kept.
 */
export const emailDocument = enveloped(
  EMAIL_ARGS,
  (table, id, contactId, o = {}): Envelope<{ file: FileInfo; to: string; status: string | null; draftId: string | null }> => {
    const ctx = openContext();
    const record = requireLive(ctx, table, id);
    const contact = contactFor(ctx, contactId, String(record.customerId ?? ''));
    const draft = o.draft === true;
    const moves = !draft && table === 'quotes' && (!record.status || hasFlag(QUOTE_STATUSES, record.status, 'initial'));
    mayRecord(ctx, String(record.customerId ?? ''), id, moves ? [['quotes', record, { ...record, status: SENT }]] : []);
    if (!draft && MailApp.getRemainingDailyQuota() < 1) throw CrmError.of('email_quota', ctx.lang);
    const printed: PrintedDocument = printDocument(ctx, table as DocumentTable, id, contact);
    const to = String(contact.email).trim();
    const sender = ownerName(ctx, ctx.user);
    const mail = documentEmail(table, printed.record, printed.customer, contact, sender, ctx.lang, o.message ?? '');
    let draftId: string | null = null;
    try {
      const options = { attachments: [printed.blob], name: sender };
      if (draft) draftId = GmailApp.createDraft(to, mail.subject, mail.body, options).getId();
      else MailApp.sendEmail(to, mail.subject, mail.body, options);
    } catch (e) {
      trashAll([printed.pdf]);
      throw CrmError.of('email_failed', ctx.lang, { detail: detailOf(e) });
    }
    let file: FileInfo;
    let status = (record.status as string | null) ?? null;
    try {
      file = recordFile(
        ctx,
        `emailDocument ${id} ${to}${draft ? ' (draft)' : ''}`,
        printed.pdf,
        fileInput(printed.pdf, printed.folder, String(printed.customer.id), id),
        (writes) => {
          // Decided again on the quote as it is now: someone may have accepted it meanwhile.
          const now = ctx.store.record('quotes', id);
          status = now ? ((now.status as string | null) ?? null) : status;
          if (moves && now && !now.deleted && (!now.status || hasFlag(QUOTE_STATUSES, now.status, 'initial'))) {
            writes.update('quotes', id, { status: SENT });
            status = SENT;
          }
        },
        true,
        [[table, id]],
      );
    } catch (e) {
      // The email is out (or the draft made) and cannot be called back: say so, and keep the PDF it carried.
      throw CrmError.of('email_unrecorded', ctx.lang, { to, url: printed.pdf.getUrl(), detail: detailOf(e) });
    }
    return { ok: true, file, to, status, draftId };
  },
  'write',
);

const UPLOAD_ARGS = signature(
  ['table', 'recordId', 'file'],
  fileTableArg,
  idArg,
  z.strictObject({
    name: text(200),
    mimeType: maybeText(100),
    base64: z.string().check(
      z.refine((c) => c.length <= MAX_BASE64_CHARS, { message: 'arg_file_size', params: { mb: MAX_UPLOAD_BYTES / 1024 / 1024 } }),
      z.refine((c) => /^[A-Za-z0-9+/]*={0,2}$/.test(c), { message: 'arg_invalid' }),
    ),
  }),
);

/**
 * uploadFile(table, recordId, { name, mimeType, base64 }): a file (at most 10 MB) from the
 * sidebar, stored in the customer's Drive folder and listed on the customer, quote, order or
 * contract it was uploaded onto.
 */
export const uploadFile = enveloped(
  UPLOAD_ARGS,
  (table, recordId, f): Envelope<{ file: FileInfo }> => {
    const ctx = openContext();
    const record = requireLive(ctx, table, recordId, 'recordId');
    const customerId = table === 'customers' ? recordId : String(record.customerId ?? '');
    ctx.store.lookups.prefetch({ ids: [['customers', customerId]], keyed: [['files', 'customerId', customerId]] });
    const customer = table === 'customers' ? record : requireLive(ctx, 'customers', String(record.customerId ?? ''), 'customerId');
    mayRecord(ctx, customerId, recordId);
    let made: GoogleAppsScript.Drive.File | null = null;
    let folder: GoogleAppsScript.Drive.Folder;
    try {
      folder = customerFolder(ctx, customer);
      const blob = Utilities.newBlob(Utilities.base64Decode(f.base64), f.mimeType || 'application/octet-stream', f.name);
      made = folder.createFile(blob);
    } catch (e) {
      trashAll([made]);
      if (e instanceof CrmError) throw e;
      throw CrmError.of('file_failed', ctx.lang, { detail: detailOf(e) });
    }
    const file = recordFile(ctx, `uploadFile ${recordId}`, made, fileInput(made, folder, String(customer.id), recordId));
    return { ok: true, file };
  },
  'write',
);
