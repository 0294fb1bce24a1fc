/** DocumentApp and the Drive calls around it: real signatures, strictness, counting, the PDF. */
import { checkPdf, pdfText } from '../workspace/pdfText';
import { setup } from './helpers';

describe('DocumentApp', () => {
  it('builds, copies, fills and converts a Doc to a PDF, counting each call', () => {
    const { DocumentApp, DriveApp, rt } = setup();
    const doc = DocumentApp.create('模板');
    const body = doc.getBody();
    body.appendParagraph('{{标题}}').setHeading(DocumentApp.ParagraphHeading.TITLE);
    body.appendParagraph('No. {{n}} (a.b)');
    const table = body.appendTable([['产品', 'Qty']]);
    expect(table.getNumRows()).toBe(1);
    doc.saveAndClose();
    expect(rt.stats().byMethod['DocumentApp.create']).toBe(1);
    expect(rt.stats().byMethod['Body.appendParagraph']).toBe(2);

    const folder = DriveApp.createFolder('客户');
    const copy = DriveApp.getFileById(doc.getId()).makeCopy('副本', folder);
    expect(copy.getMimeType()).toBe('application/vnd.google-apps.document');
    expect(copy.getUrl()).toBe(`https://docs.google.com/document/d/${copy.getId()}/edit`);
    const filled = DocumentApp.openById(copy.getId());
    const b = filled.getBody();
    b.replaceText('\\{\\{标题\\}\\}', '报价单 Quote $1');
    b.replaceText('a.b', 'x'); // a regular expression: '.' matches any character
    const t = b.getTables()[0];
    const row = t.appendTableRow();
    row.appendTableCell('传感器 Sensor');
    row.appendTableCell('3');
    expect(t.getRow(1).getText()).toBe('传感器 Sensor\t3');
    expect(t.getCell(1, 0).getText()).toBe('传感器 Sensor');
    expect(b.getParagraphs().map((p) => p.getText())).toEqual(['报价单 Quote $1', 'No. {{n}} (x)']);
    // The template is untouched by the copy's edits.
    expect(DocumentApp.openById(doc.getId()).getBody().getText()).toContain('{{标题}}');

    const pdf = copy.getAs('application/pdf');
    expect(pdf.getContentType()).toBe('application/pdf');
    const bytes = Buffer.from(pdf.getBytes());
    expect(checkPdf(bytes).problems).toEqual([]);
    expect(pdfText(bytes)).toContain('传感器 Sensor 3');
    const saved = folder.createFile(pdf.setName('报价单.pdf'));
    expect(rt.drive.content(saved.getId())!.equals(bytes)).toBe(true);
    expect(saved.getSize()).toBe(bytes.length);
  });

  it('throws what Apps Script throws: unknown methods, a missing Doc, bad arguments, bad indexes', () => {
    const { DocumentApp, DriveApp } = setup();
    const doc = DocumentApp.create('d');
    const body = doc.getBody() as unknown as Record<string, unknown>;
    expect(body.insertImage).toBeUndefined();
    expect(() => (body.appendParagraph as (x: unknown) => unknown)(5)).toThrow(/don't match the method signature/);
    expect(() => DocumentApp.openById('nope')).toThrow(/Document is missing/);
    const sheetId = DriveApp.getFiles().next().getId();
    expect(() => DocumentApp.openById(sheetId)).toThrow(/Document is missing/);
    const t = doc.getBody().appendTable([['a']]);
    expect(() => t.getRow(3)).toThrow(/Row index/);
    expect(() => DriveApp.getFileById(doc.getId()).getAs('text/csv')).toThrow(/not supported/);
    DriveApp.getFileById(doc.getId()).setTrashed(true);
    expect(() => doc.getBody()).toThrow(/Document is missing/);
  });
});
