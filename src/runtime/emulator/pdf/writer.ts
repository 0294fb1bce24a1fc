/**
 * A small PDF 1.4 writer: the pages layOut makes, with Helvetica and the non-embedded CID font
 * STSong-Light (Type0, UniGB-UCS2-H, with a ToUnicode CMap so text can be extracted). Streams are
 * left uncompressed; every object's offset in the cross-reference table and every stream's
 * /Length are the exact byte counts of what is written.
 */
import { identityToUnicode, ucs2Hex } from './fonts';
import { layOut, PAGE, type PdfBlock } from './layout';

export type { PdfBlock } from './layout';

/** A PDF date string, D:YYYYMMDDHHmmSSZ. */
function pdfDate(ms: number): string {
  return `D:${new Date(ms)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, '')}Z`;
}

function stream(dict: string, body: string): string {
  return `<< ${dict} /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`;
}

/** Renders paragraphs and tables into the bytes of a PDF file. */
export function renderPdf(blocks: readonly PdfBlock[], options: { title: string; createdMs: number }): Buffer {
  const pages = layOut(blocks);
  // Objects 1..7 are fixed; each page adds a page object and its content stream.
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 8 + 2 * i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] =
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>';
  objects[5] =
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light' +
    ' /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 6 0 R /DW 1000 >>';
  objects[6] =
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]' +
    ' /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
  objects[7] = stream('', identityToUnicode());
  pages.forEach((content, i) => {
    const id = pageIds[i];
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}]` +
      ` /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = stream('', content);
  });
  const infoId = objects.length;
  const title = ucs2Hex(`\ufeff${options.title}`);
  objects[infoId] = `<< /Title ${title} /Producer (sheets-crm local runtime) /CreationDate (${pdfDate(options.createdMs)}) >>`;

  // Everything above is ASCII, so string lengths are byte counts; the header's comment is binary.
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0].length;
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = offset;
    const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1');
    chunks.push(chunk);
    offset += chunk.length;
  }
  const xref = [`xref\n0 ${objects.length}\n`, '0000000000 65535 f \n'];
  for (let id = 1; id < objects.length; id++) xref.push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${offset}\n%%EOF\n`);
  chunks.push(Buffer.from(xref.join(''), 'latin1'));
  return Buffer.concat(chunks);
}
