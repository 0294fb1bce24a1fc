/**
 * The Google Docs template quotes, orders and contracts are printed from: the settings'
 * documentTemplateId, else the built-in bilingual one, made on first use (DocumentApp.create) and
 * remembered in the document properties. A template is checked each time it is used: it opens,
 * every {{placeholder}} names a field, the required ones are there, and it has a line table.
 */
import { CrmError } from '../../core';
import { LINE_HEADER, PLACEHOLDERS, placeholderOf, templateProblems, type PlaceholderKey } from '../../core/workflows';
import type { Context } from '../context';
import { crmFolder, detailOf } from './drive';

const TEMPLATE_PROPERTY = 'crm.documents.template';
const TEMPLATE_NAME = 'CRM 单据模板 Document template';

const p = (k: PlaceholderKey) => `{{${PLACEHOLDERS[k].zh}}}`;

/** The built-in template's paragraphs before and after its line table. */
const HEAD = [
  `单号 No.: ${p('number')}    日期 Date: ${p('date')}`,
  `客户 Customer: ${p('customerName')}（${p('customerId')}）`,
  `地址 Address: ${p('address')}`,
  `联系人 Contact: ${p('contact')}    负责人 Sales rep: ${p('owner')}`,
];
const TAIL = [`合计 Total: ${p('total')}`, `有效期至 Valid until: ${p('validUntil')}`, `条款 Terms: ${p('terms')}`];

function createDefault(ctx: Context): GoogleAppsScript.Document.Document {
  const doc = DocumentApp.create(TEMPLATE_NAME);
  const body = doc.getBody();
  body.appendParagraph(p('title')).setHeading(DocumentApp.ParagraphHeading.TITLE);
  for (const line of HEAD) body.appendParagraph(line);
  body.appendTable([LINE_HEADER.map((h) => `${h.zh} ${h.en}`)]);
  for (const line of TAIL) body.appendParagraph(line);
  doc.saveAndClose();
  DriveApp.getFileById(doc.getId()).moveTo(crmFolder(ctx));
  PropertiesService.getDocumentProperties().setProperty(TEMPLATE_PROPERTY, doc.getId());
  return doc;
}

export interface Template {
  id: string;
  /** The {{names}} it holds, as written, with the field each means. */
  placeholders: [string, PlaceholderKey][];
  /** Which of the body's tables is the line table. */
  lineTable: number;
}

/** The line table: the first table whose first row has 5 cells. */
function lineTableOf(doc: GoogleAppsScript.Document.Document): number {
  return doc
    .getBody()
    .getTables()
    .findIndex((t) => t.getNumRows() > 0 && t.getRow(0).getNumCells() === LINE_HEADER.length);
}

/** Checks a template; a CrmError says what is wrong with it. */
function inspect(ctx: Context, doc: GoogleAppsScript.Document.Document): Template {
  const text = doc.getBody().getText();
  const problems = templateProblems(text);
  if (problems.unknown.length) {
    const known = (Object.keys(PLACEHOLDERS) as PlaceholderKey[]).map((k) => `{{${PLACEHOLDERS[k][ctx.lang]}}}`).join(' ');
    throw CrmError.of('doc_template_unknown', ctx.lang, { placeholder: `{{${problems.unknown[0]}}}`, known });
  }
  if (problems.missing.length) throw CrmError.of('doc_template_missing', ctx.lang, { placeholder: p(problems.missing[0]) });
  const lineTable = lineTableOf(doc);
  if (lineTable < 0) throw CrmError.of('doc_template_table', ctx.lang);
  const names = [...new Set([...text.matchAll(/\{\{([^{}]{1,60})\}\}/g)].map((m) => m[1]))];
  return { id: doc.getId(), placeholders: names.map((n) => [n, placeholderOf(n)!] as [string, PlaceholderKey]), lineTable };
}

/** The template to print from, checked (made first when the CRM has none yet). */
export function documentTemplate(ctx: Context): Template {
  const set = String(ctx.settings.params.documentTemplateId ?? '').trim();
  if (set) {
    let doc: GoogleAppsScript.Document.Document;
    try {
      doc = DocumentApp.openById(set);
    } catch (e) {
      throw CrmError.of('doc_template_unreadable', ctx.lang, { id: set, detail: detailOf(e) });
    }
    return inspect(ctx, doc);
  }
  const kept = PropertiesService.getDocumentProperties().getProperty(TEMPLATE_PROPERTY);
  if (kept) {
    let doc: GoogleAppsScript.Document.Document | null = null;
    try {
      doc = DriveApp.getFileById(kept).isTrashed() ? null : DocumentApp.openById(kept);
    } catch {
      doc = null; // deleted: made again
    }
    if (doc) return inspect(ctx, doc);
  }
  return inspect(ctx, createDefault(ctx));
}
