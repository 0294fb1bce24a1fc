/**
 * DocumentApp: Google Docs held in Env.documents (a body of paragraphs and tables of plain-text
 * cells), files of Env.drive like any other. The part of the service a template fill needs:
 * create/open, the body's paragraphs and tables, replaceText, saveAndClose. A Doc's PDF
 * (getAs('application/pdf') here or on its Drive file) is rendered by ../pdf.
 */
import { Env } from '../env';
import { enumOf } from '../enums';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { newFileId } from '../model/workbook';
import { renderPdf, type PdfBlock } from '../pdf/writer';
import { EmuBlob } from './blob';

export const DOCUMENT_MIME = 'application/vnd.google-apps.document';
const PDF_MIME = 'application/pdf';

export interface DocParagraph {
  type: 'paragraph';
  text: string;
  heading: string;
}
export interface DocTable {
  type: 'table';
  rows: { cells: { text: string }[] }[];
}
export type DocElement = DocParagraph | DocTable;
export interface DocModel {
  body: DocElement[];
}

const ParagraphHeading = enumOf('NORMAL HEADING1 HEADING2 HEADING3 HEADING4 HEADING5 HEADING6 TITLE SUBTITLE');
const ElementType = enumOf('BODY_SECTION PARAGRAPH TABLE TABLE_ROW TABLE_CELL TEXT');

export function urlOfDocument(id: string): string {
  return `https://docs.google.com/document/d/${id}/edit`;
}

export function cloneDocument(doc: DocModel): DocModel {
  return structuredClone(doc);
}

/** The document's PDF: paragraphs (titles and headings larger) and tables as laid out by ../pdf. */
export function documentPdf(doc: DocModel, title: string, createdMs: number): Buffer {
  const blocks: PdfBlock[] = doc.body.map((e) =>
    e.type === 'paragraph'
      ? {
          kind: 'paragraph',
          text: e.text,
          heading: e.heading === 'TITLE' ? 'title' : e.heading.startsWith('HEADING') ? 'heading' : null,
        }
      : { kind: 'table', rows: e.rows.map((r) => r.cells.map((c) => c.text)) },
  );
  return renderPdf(blocks, { title, createdMs });
}

/** Apps Script's replaceText: a regular expression, each match replaced by the replacement as written. */
function replaceIn(text: string, pattern: RegExp, replacement: string): string {
  return text.replace(pattern, () => replacement);
}

function patternOf(searchPattern: unknown, method: string, replacement: unknown): RegExp {
  if (typeof searchPattern !== 'string' || typeof replacement !== 'string') throw signatureError(method, [searchPattern, replacement]);
  try {
    return new RegExp(searchPattern, 'gu');
  } catch {
    throw gasError(`Invalid regular expression pattern ${searchPattern}`);
  }
}

function elementText(e: DocElement): string {
  return e.type === 'paragraph' ? e.text : e.rows.map((r) => r.cells.map((c) => c.text).join('\t')).join('\n');
}

function replaceInElement(e: DocElement, pattern: RegExp, replacement: string): void {
  if (e.type === 'paragraph') e.text = replaceIn(e.text, pattern, replacement);
  else for (const r of e.rows) for (const c of r.cells) c.text = replaceIn(c.text, pattern, replacement);
}

function index(i: unknown, size: number, what: string): number {
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= size)
    throw gasError(`${what} index (${String(i)}) must be less than the ${what.toLowerCase()} count (${size}).`);
  return i;
}

export class EmuParagraph extends Service {
  constructor(private readonly p: DocParagraph) {
    super();
  }
  getText(): string {
    return this.p.text;
  }
  setText(text: string): void {
    this.p.text = String(text);
  }
  appendText(text: string): EmuParagraph {
    this.p.text += String(text);
    return this;
  }
  setHeading(heading: string): EmuParagraph {
    if (!(String(heading) in ParagraphHeading)) throw signatureError('DocumentApp.Paragraph.setHeading', [heading]);
    this.p.heading = String(heading);
    return this;
  }
  getHeading(): string {
    return this.p.heading;
  }
  getType(): string {
    return ElementType.PARAGRAPH;
  }
  replaceText(searchPattern: string, replacement: string): EmuParagraph {
    replaceInElement(this.p, patternOf(searchPattern, 'DocumentApp.Paragraph.replaceText', replacement), replacement);
    return this;
  }
}

export class EmuTableCell extends Service {
  constructor(private readonly c: { text: string }) {
    super();
  }
  getText(): string {
    return this.c.text;
  }
  setText(text: string): EmuTableCell {
    this.c.text = String(text);
    return this;
  }
  getType(): string {
    return ElementType.TABLE_CELL;
  }
}

export class EmuTableRow extends Service {
  constructor(private readonly r: DocTable['rows'][number]) {
    super();
  }
  getNumCells(): number {
    return this.r.cells.length;
  }
  getCell(cellIndex: number): EmuTableCell {
    return new EmuTableCell(this.r.cells[index(cellIndex, this.r.cells.length, 'Cell')]);
  }
  appendTableCell(textContents?: string | null): EmuTableCell {
    if (textContents !== undefined && textContents !== null && typeof textContents !== 'string')
      throw signatureError('DocumentApp.TableRow.appendTableCell', [textContents]);
    const cell = { text: textContents ?? '' };
    this.r.cells.push(cell);
    return new EmuTableCell(cell);
  }
  getText(): string {
    return this.r.cells.map((c) => c.text).join('\t');
  }
  getType(): string {
    return ElementType.TABLE_ROW;
  }
}

export class EmuTable extends Service {
  constructor(private readonly t: DocTable) {
    super();
  }
  getNumRows(): number {
    return this.t.rows.length;
  }
  getRow(rowIndex: number): EmuTableRow {
    return new EmuTableRow(this.t.rows[index(rowIndex, this.t.rows.length, 'Row')]);
  }
  getCell(rowIndex: number, cellIndex: number): EmuTableCell {
    return this.getRow(rowIndex).getCell(cellIndex);
  }
  /** appendTableRow(): an empty row (Apps Script's cannot take another row's cells either without copy). */
  appendTableRow(): EmuTableRow {
    const row = { cells: [] as { text: string }[] };
    this.t.rows.push(row);
    return new EmuTableRow(row);
  }
  removeRow(rowIndex: number): EmuTableRow {
    const [row] = this.t.rows.splice(index(rowIndex, this.t.rows.length, 'Row'), 1);
    return new EmuTableRow(row);
  }
  getText(): string {
    return elementText(this.t);
  }
  getType(): string {
    return ElementType.TABLE;
  }
  replaceText(searchPattern: string, replacement: string): EmuTable {
    replaceInElement(this.t, patternOf(searchPattern, 'DocumentApp.Table.replaceText', replacement), replacement);
    return this;
  }
}

export class EmuBody extends Service {
  constructor(private readonly doc: DocModel) {
    super();
  }
  appendParagraph(text: string): EmuParagraph {
    if (typeof text !== 'string') throw signatureError('DocumentApp.Body.appendParagraph', [text]);
    const p: DocParagraph = { type: 'paragraph', text, heading: ParagraphHeading.NORMAL };
    this.doc.body.push(p);
    return new EmuParagraph(p);
  }
  /** appendTable() or appendTable(cells: string[][]). */
  appendTable(cells?: string[][]): EmuTable {
    if (cells !== undefined && (!Array.isArray(cells) || !cells.every((r) => Array.isArray(r))))
      throw signatureError('DocumentApp.Body.appendTable', [cells]);
    const t: DocTable = { type: 'table', rows: (cells ?? []).map((r) => ({ cells: r.map((c) => ({ text: String(c) })) })) };
    this.doc.body.push(t);
    return new EmuTable(t);
  }
  getParagraphs(): EmuParagraph[] {
    return this.doc.body.filter((e): e is DocParagraph => e.type === 'paragraph').map((p) => new EmuParagraph(p));
  }
  getTables(): EmuTable[] {
    return this.doc.body.filter((e): e is DocTable => e.type === 'table').map((t) => new EmuTable(t));
  }
  getNumChildren(): number {
    return this.doc.body.length;
  }
  getText(): string {
    return this.doc.body.map(elementText).join('\n');
  }
  clear(): EmuBody {
    this.doc.body.length = 0;
    return this;
  }
  getType(): string {
    return ElementType.BODY_SECTION;
  }
  replaceText(searchPattern: string, replacement: string): EmuBody {
    const pattern = patternOf(searchPattern, 'DocumentApp.Body.replaceText', replacement);
    for (const e of this.doc.body) replaceInElement(e, pattern, replacement);
    return this;
  }
}

export class EmuDocument extends Service {
  constructor(
    private readonly env: Env,
    private readonly id: string,
  ) {
    super();
  }
  private _model(): DocModel {
    const doc = this.env.documents.get(this.id);
    const e = this.env.drive.get(this.id);
    if (!doc || !e || e.trashed) throw gasError("Document is missing (perhaps it was deleted, or you don't have read access?)");
    return doc;
  }
  getId(): string {
    return this.id;
  }
  getUrl(): string {
    return urlOfDocument(this.id);
  }
  getName(): string {
    this._model();
    return this.env.drive.get(this.id)?.name ?? '';
  }
  setName(name: string): EmuDocument {
    this._model();
    const e = this.env.drive.get(this.id);
    if (e) e.name = String(name);
    return this;
  }
  getBody(): EmuBody {
    return new EmuBody(this._model());
  }
  /** Apps Script applies pending edits here; the emulator's edits are applied as they are made. */
  saveAndClose(): void {
    this._model();
  }
  getBlob(): EmuBlob {
    return this.getAs(PDF_MIME);
  }
  getAs(contentType: string): EmuBlob {
    if (contentType !== PDF_MIME) throw gasError(`Converting from ${DOCUMENT_MIME} to ${String(contentType)} is not supported.`);
    const name = this.getName();
    return new EmuBlob(documentPdf(this._model(), name, this.env.nowMs), PDF_MIME, `${name}.pdf`);
  }
}

export class EmuDocumentApp extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  get ParagraphHeading(): Record<string, string> {
    return ParagraphHeading;
  }
  get ElementType(): Record<string, string> {
    return ElementType;
  }
  create(name: string): EmuDocument {
    if (typeof name !== 'string') throw signatureError('DocumentApp.create', [name]);
    const id = newFileId();
    this.env.documents.set(id, { body: [] });
    this.env.drive.set(id, {
      id,
      name,
      mimeType: DOCUMENT_MIME,
      trashed: false,
      createdAt: new Date(this.env.nowMs),
      folderIds: [this.env.rootFolderId],
      kind: 'document',
    });
    return new EmuDocument(this.env, id);
  }
  openById(id: string): EmuDocument {
    if (typeof id !== 'string') throw signatureError('DocumentApp.openById', [id]);
    const doc = new EmuDocument(this.env, id);
    doc.getName(); // throws for an ID that is no Doc (a spreadsheet, a PDF, nothing)
    return doc;
  }
  openByUrl(url: string): EmuDocument {
    const id = /\/document\/d\/([\w-]+)/.exec(String(url))?.[1];
    if (!id) throw gasError('Invalid argument: url');
    return this.openById(id);
  }
}

const LOCAL = ['getId', 'getUrl', 'getText', 'getType', 'getNumCells', 'getNumRows', 'getNumChildren', 'getHeading'];
registerService(EmuParagraph, 'Paragraph', { local: LOCAL });
registerService(EmuTableCell, 'TableCell', { local: LOCAL });
registerService(EmuTableRow, 'TableRow', { local: LOCAL });
registerService(EmuTable, 'Table', { local: LOCAL });
registerService(EmuBody, 'Body', { local: LOCAL });
registerService(EmuDocument, 'Document', { local: ['getId', 'getUrl'] });
registerService(EmuDocumentApp, 'DocumentApp');
conforms<EmuParagraph, GoogleAppsScript.Document.Paragraph>(true);
conforms<EmuTableCell, GoogleAppsScript.Document.TableCell>(true);
conforms<EmuTableRow, GoogleAppsScript.Document.TableRow>(true);
conforms<EmuTable, GoogleAppsScript.Document.Table>(true);
conforms<EmuBody, GoogleAppsScript.Document.Body>(true);
conforms<EmuDocument, GoogleAppsScript.Document.Document>(true);
conforms<EmuDocumentApp, GoogleAppsScript.Document.DocumentApp>(true);
