/**
 * Printing one quote, order or contract: copy the template into the customer's folder, fill its
 * placeholders and line table, save, convert to PDF, keep the PDF in that folder and trash the
 * working copy. Anything that fails on the way trashes what was made, so a failed print leaves
 * no file behind.
 */
import { CrmError, findMember, isCrmError, type Values } from '../../core';
import { documentFileName, documentLines, lineRows, placeholderPattern, placeholderValues, type DocumentTable } from '../../core/workflows';
import type { Context } from '../context';
import { requireLive } from '../workflows/records';
import { customerFolder, detailOf, trashAll } from './drive';
import { documentTemplate } from './template';

export interface PrintedDocument {
  table: DocumentTable;
  record: Values;
  customer: Values;
  pdf: GoogleAppsScript.Drive.File;
  blob: GoogleAppsScript.Base.Blob;
  folder: GoogleAppsScript.Drive.Folder;
}

/** The record, its customer and (quotes, orders) its lines, read by key. */
export function readDocument(ctx: Context, table: DocumentTable, id: string): { record: Values; customer: Values; lines: Values[] } {
  const record = requireLive(ctx, table, id);
  const customerId = String(record.customerId ?? '');
  // Everything else this print reads, in two batched reads: the customer, its lines and its files (the folder).
  ctx.store.lookups.prefetch({
    ids: [['customers', customerId]],
    keyed: [
      ['lineItems', 'customerId', customerId],
      ['files', 'customerId', customerId],
    ],
  });
  const customer = requireLive(ctx, 'customers', customerId, 'customerId');
  const lines = table === 'contracts' ? [] : documentLines(table, id, ctx.store.lookups.withKey('lineItems', 'customerId', customerId));
  return { record, customer, lines };
}

/** How the settings' user list names an owner cell's person (the cell as it is when unlisted). */
export function ownerName(ctx: Context, email: unknown): string {
  const e = String(email ?? '');
  return findMember(ctx.settings.users, e)?.name || e;
}

/** Prints the document to a PDF in the customer's folder (no sheet writes: the caller records it). */
export function printDocument(ctx: Context, table: DocumentTable, id: string, contact: Values | null): PrintedDocument {
  const { record, customer, lines } = readDocument(ctx, table, id);
  const template = documentTemplate(ctx);
  const values = placeholderValues({ table, record, customer, lines, contact, ownerName: ownerName(ctx, record.owner) });
  const name = documentFileName(table, record);
  let copy: GoogleAppsScript.Drive.File | null = null;
  let pdf: GoogleAppsScript.Drive.File | null = null;
  try {
    const folder = customerFolder(ctx, customer);
    copy = DriveApp.getFileById(template.id).makeCopy(`${name.replace(/\.pdf$/, '')} (working copy)`, folder);
    const doc = DocumentApp.openById(copy.getId());
    const body = doc.getBody();
    for (const [written, key] of template.placeholders) body.replaceText(placeholderPattern(written), values[key]);
    const table0 = body.getTables()[template.lineTable];
    for (const cells of lineRows(lines)) {
      const row = table0.appendTableRow();
      for (const text of cells) row.appendTableCell(text);
    }
    doc.saveAndClose();
    const blob = copy.getAs('application/pdf').setName(name);
    pdf = folder.createFile(blob);
    copy.setTrashed(true);
    copy = null;
    return { table, record, customer, pdf, blob, folder };
  } catch (e) {
    trashAll([copy, pdf]);
    if (isCrmError(e)) throw e;
    throw CrmError.of('doc_failed', ctx.lang, { detail: detailOf(e) });
  }
}
