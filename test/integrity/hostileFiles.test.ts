/**
 * Hostile import files (issue #18): what people and other systems really upload. Each is refused
 * with a clear zh/en message and changes nothing, or imported with every value stored as inert
 * text. Through the built bundle; the workbook is compared before and after every refusal.
 */
import { strToU8, zipSync } from 'fflate';
import { ADMIN, audit, fork, rowsOf, workbook, type Row } from './helpers';
import { checkJournal } from './journal';

const base = workbook({ userLocale: 'en' });
const snapshot = (crm: ReturnType<typeof fork>) =>
  JSON.stringify(crm.rt.workbook.sheets.filter((s) => !s.name.startsWith('_')).map((s) => s.getValuesRaw()));

type Reply = {
  ok: boolean;
  errors?: { message: string; messages?: { zh: string; en: string } }[];
  counts?: Record<string, number>;
  written?: { created: number };
};

function importing(
  content: string,
  options: Record<string, unknown> = {},
  crm = fork(base, ADMIN),
): { reply: Reply; crm: typeof crm; before: string; ms: number } {
  const before = snapshot(crm);
  const t0 = Date.now();
  let reply: Reply;
  try {
    reply = crm.call<Reply>('importRecords', 'customers', content, { mode: 'commit', ...options });
  } catch (e) {
    reply = { ok: false, errors: [{ message: (e as Error).message }] };
  }
  return { reply, crm, before, ms: Date.now() - t0 };
}

/** A refusal: a clear message in both languages (or the user's), nothing changed. */
function refused(r: ReturnType<typeof importing>, pattern: RegExp): void {
  expect(r.reply.ok).toBe(false);
  const text = JSON.stringify(r.reply.errors);
  expect(text).toMatch(pattern);
  expect(text).not.toMatch(/is not a function|Cannot read prop|undefined|Maximum call stack|Invalid array length/);
  expect(snapshot(r.crm)).toBe(r.before);
  expect(audit(r.crm).problems).toEqual([]);
  expect(checkJournal(r.crm).problems).toEqual([]);
}

function xlsx(sheetXml: string, extra: Record<string, Uint8Array> = {}): string {
  const files = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(sheetXml),
    ...extra,
  };
  return Buffer.from(zipSync(files, { level: 9 })).toString('base64');
}

describe('hostile import files (built bundle)', () => {
  it('a CSV with a BOM, formula prefixes, control characters and lone surrogates: imported as inert text', () => {
    const names = [
      '=HYPERLINK("http://evil.example","x")',
      '+cmd|calc',
      '@SUM(A1)',
      'Tab\tCo',
      'Null\u0000Co',
      'Half \uD83D pair',
      '-dash co',
    ];
    const csv = `\uFEFFCustomer name,Phone\r\n${names.map((n, i) => `"${n.replace(/"/g, '""')}",1380013${String(8000 + i)}`).join('\r\n')}\r\n`;
    const r = importing(csv);
    expect(r.reply.ok).toBe(true);
    const cells = rowsOf(r.crm, 'customers').map((x) => x.cells.name);
    // Nothing became a formula: every stored value reads back as text.
    for (const sheet of r.crm.rt.workbook.sheets)
      expect([...sheet.formulas.entries()].filter(([, , f]) => /HYPERLINK|SUM|cmd/.test(f))).toEqual([]);
    expect(cells.some((c) => String(c).includes('HYPERLINK'))).toBe(true);
    expect(audit(r.crm).problems).toEqual([]);
    // The log replays to what was imported (issue #18's journal invariant).
    expect(checkJournal(r.crm).problems).toEqual([]);
  });

  it('a file over 40 MB is refused before it is read', () => {
    refused(importing(`Customer name\r\n${'x'.repeat(41 * 1024 * 1024)}`), /larger than|超过|MB/);
  });

  it('a CSV with 100,000 columns is refused', () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    refused(importing(`${header}\r\n${'1,'.repeat(99_999)}1\r\n`), /columns|列/);
  });

  it('prototype keys as headers and mapping keys pollute nothing', () => {
    const csv = 'Customer name,__proto__,constructor,prototype\r\nProto Co,{"admin":true},x,y\r\n';
    const r = importing(csv, { mapping: { __proto__: 'name', constructor: 'notes' } });
    expect(({} as Row).admin).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'admin')).toBe(false);
    if (!r.reply.ok) expect(snapshot(r.crm)).toBe(r.before);
    expect(checkJournal(r.crm).problems).toEqual([]);
  });

  it('a zip bomb XLSX (a worksheet that inflates to over 100 MB) is refused before it is inflated, nothing changed', () => {
    // 110 MB of spaces inside the worksheet compresses to about 100 KB.
    const pad = new Uint8Array(110 * 1024 * 1024).fill(32);
    const head = strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Customer name');
    const tail = strToU8('</t></is></c></row></sheetData></worksheet>');
    const sheet = new Uint8Array(head.length + pad.length + tail.length);
    sheet.set(head, 0);
    sheet.set(pad, head.length);
    sheet.set(tail, head.length + pad.length);
    const content = Buffer.from(
      zipSync(
        {
          'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
          'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
          'xl/worksheets/sheet1.xml': sheet,
        },
        { level: 1 },
      ),
    ).toString('base64');
    expect(content.length).toBeLessThan(2 * 1024 * 1024);
    const r = importing(content, { format: 'xlsx' });
    refused(r, /too large|MB/);
  });

  it('an XLSX cell at an absurd column is refused, not expanded', () => {
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Customer name</t></is></c><c r="ZZZZZZZ1" t="inlineStr"><is><t>far</t></is></c></row></sheetData></worksheet>';
    refused(importing(xlsx(sheet), { format: 'xlsx' }), /column|列/);
  });

  it('a truncated or non-zip "XLSX" is refused with a clear message', () => {
    refused(importing('UEsDBBQAAAAIAAAAIQ==', { format: 'xlsx' }), /XLSX|workbook|工作簿/);
    refused(importing('not base64 at all !!!', { format: 'xlsx' }), /base64|XLSX/);
  });
});
