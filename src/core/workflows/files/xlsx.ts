import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * A small XLSX reader and writer (fflate for the zip container, XML by hand). Reads the first
 * worksheet's cell values (shared strings, inline strings, numbers, booleans); writes one sheet
 * of text and numbers. Formats, formulas and styles are not the point: data in, data out.
 */
export type XlsxCell = string | number | boolean;

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
function escapeXml(s: string): string {
  // Characters XML 1.0 forbids are dropped rather than producing a file Excel refuses.
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
/** The text of <t> runs inside an element (rich text has several). */
function textOf(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) out += unescapeXml(m[1] ?? '');
  return out;
}
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The path of the first worksheet, following workbook.xml and its relationships. */
function firstSheetPath(files: Record<string, Uint8Array>): string {
  const wb = files['xl/workbook.xml'] ? strFromU8(files['xl/workbook.xml']) : '';
  const rels = files['xl/_rels/workbook.xml.rels'] ? strFromU8(files['xl/_rels/workbook.xml.rels']) : '';
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(wb)?.[1];
  const target = rid
    ? (new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1])
    : undefined;
  if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  return 'xl/worksheets/sheet1.xml';
}

/** The largest grid a workbook can have (Excel's and Sheets' limits): a cell past it is no real cell. */
const MAX_XLSX_COLUMNS = 16_384;
const MAX_XLSX_ROWS = 1_048_576;
/**
 * Uncompressed bytes the reader inflates at most (the sheet, its strings and two small index
 * parts): a zip bomb, a few MB that inflate to gigabytes, is refused before it is inflated.
 */
const MAX_XLSX_INFLATED = 100 * 1024 * 1024;

/** Only the named parts of the zip, each and all together within the inflate budget. */
function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  let total = 0;
  const files = unzipSync(bytes, {
    filter: (f) => {
      if (!wanted(f.name)) return false;
      total += f.originalSize;
      if (f.originalSize > MAX_XLSX_INFLATED || total > MAX_XLSX_INFLATED)
        throw new Error(`the file inflates to more than ${MAX_XLSX_INFLATED / 1024 / 1024} MB (too large to read)`);
      return true;
    },
  });
  // Sizes the zip declares could lie: what was inflated is checked too.
  if (Object.values(files).reduce((n, f) => n + f.length, 0) > MAX_XLSX_INFLATED)
    throw new Error('the file inflates to too much data (too large to read)');
  return files;
}

/** The first worksheet as rows of cells; throws on a file that is not an XLSX workbook. */
export function readXlsx(bytes: Uint8Array): XlsxCell[][] {
  const index = unzipParts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels');
  const sheetPath = firstSheetPath(index);
  const files = unzipParts(bytes, (n) => n === sheetPath || n === 'xl/sharedStrings.xml');
  const sheet = files[sheetPath];
  if (!sheet) throw new Error('no worksheet in the file');
  const shared: string[] = [];
  if (files['xl/sharedStrings.xml']) {
    for (const m of strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(textOf(m[1] ?? ''));
  }
  const rows: XlsxCell[][] = [];
  for (const r of strFromU8(sheet).matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNo = Number(/\br="(\d+)"/.exec(r[1])?.[1] ?? rows.length + 1);
    if (rowNo > MAX_XLSX_ROWS) throw new Error(`a row (${rowNo}) lies beyond the last row a workbook can have`);
    const row: XlsxCell[] = [];
    let next = 0;
    for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /\br="([A-Z]+\d*)"/.exec(c[1])?.[1];
      const col = ref ? columnIndex(ref) : next;
      if (col >= MAX_XLSX_COLUMNS) throw new Error(`a cell (${ref ?? columnName(col)}) lies beyond the last column a workbook can have`);
      next = col + 1;
      const type = /\bt="(\w+)"/.exec(c[1])?.[1] ?? 'n';
      const inner = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value: XlsxCell = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = textOf(inner);
      else if (type === 'b') value = v === '1';
      else if (type === 'str' || type === 'e') value = unescapeXml(v ?? '');
      else if (v !== undefined && v !== '') value = Number(v);
      while (row.length < col) row.push('');
      row[col] = value;
    }
    while (rows.length < rowNo - 1) rows.push([]);
    rows.push(row);
  }
  return rows;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WB_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/** One worksheet named `sheetName`: strings inline (no shared-string table needed), numbers as numbers. */
export function writeXlsx(sheetName: string, rows: readonly (readonly XlsxCell[])[]): Uint8Array {
  const name = escapeXml(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet1');
  const body = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map((v, c) => {
            const ref = `${columnName(c)}${r + 1}`;
            if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"><v>${v}</v></c>`;
            if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
            const s = String(v ?? '');
            return s === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(s)}</t></is></c>`;
          })
          .join('')}</row>`,
    )
    .join('');
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(ROOT_RELS),
      'xl/workbook.xml': strToU8(workbook),
      'xl/_rels/workbook.xml.rels': strToU8(WB_RELS),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    },
    { level: 6 },
  );
}
