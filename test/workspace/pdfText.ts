/**
 * A small reader of the PDFs the local runtime writes (uncompressed content streams): checks the
 * file's structure (every xref offset lands on its object, every stream's /Length is its byte
 * count, startxref points at the xref table) and extracts the text, one line per baseline, from
 * Tj operators: literal strings as WinAnsi (Latin-1) under /F1, hex strings as UCS-2 under /F2.
 */
export interface PdfCheck {
  pages: number;
  problems: string[];
}

export function checkPdf(pdf: Buffer): PdfCheck {
  const s = pdf.toString('latin1');
  const problems: string[] = [];
  if (!s.startsWith('%PDF-1.')) problems.push('no %PDF header');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(s)?.[1] ?? NaN);
  if (!s.startsWith('xref', startxref)) problems.push(`startxref ${startxref} is not the xref table`);
  const xref = /xref\s+0 (\d+)\s+([\d fn\s]+?)trailer/.exec(s.slice(startxref));
  const count = Number(xref?.[1] ?? 0);
  const entries = (xref?.[2] ?? '').trim().split(/\s*\n/);
  if (entries.length !== count) problems.push(`xref lists ${entries.length} entries, says ${count}`);
  entries.forEach((line, id) => {
    const [offset, , kind] = line.trim().split(/\s+/);
    if (id === 0 || kind !== 'n') return;
    if (!s.startsWith(`${id} 0 obj`, Number(offset))) problems.push(`object ${id} is not at offset ${offset}`);
  });
  for (const m of s.matchAll(/\/Length (\d+) >>\nstream\n/g)) {
    const start = m.index! + m[0].length;
    const end = s.indexOf('\nendstream', start);
    if (end - start !== Number(m[1])) problems.push(`stream at ${start}: /Length ${m[1]}, holds ${end - start} bytes`);
  }
  const pages = [...s.matchAll(/\/Type \/Page\b(?!s)/g)].length;
  return { pages, problems };
}

function literal(body: string): string {
  return body.replace(/\\([()\\]|[0-7]{3})/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(parseInt(e, 8)) : e));
}

function ucs2(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

/** The text of every page, lines top to bottom, pieces on one baseline left to right joined by a space. */
export function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of s.matchAll(/stream\n([^]*?)\nendstream/g)) {
    const content = m[1];
    if (!content.includes('BT ')) continue;
    const pieces: { x: number; y: number; text: string }[] = [];
    for (const bt of content.matchAll(/BT ([\d.-]+) ([\d.-]+) Td ([^]*?) ET/g)) {
      let text = '';
      for (const t of bt[3].matchAll(/\((?:[^()\\]|\\.)*\) Tj|<[0-9A-F]*> Tj/g)) {
        const tok = t[0].slice(0, -3);
        text += tok.startsWith('(') ? literal(tok.slice(1, -1)) : ucs2(tok.slice(1, -1));
      }
      pieces.push({ x: Number(bt[1]), y: Number(bt[2]), text });
    }
    const lines = new Map<number, { x: number; text: string }[]>();
    for (const p of pieces) {
      const y = Math.round(p.y);
      lines.set(y, [...(lines.get(y) ?? []), p]);
    }
    for (const y of [...lines.keys()].sort((a, b) => b - a)) {
      out.push(
        lines
          .get(y)!
          .sort((a, b) => a.x - b.x)
          .map((p) => p.text)
          .join(' '),
      );
    }
  }
  return out.join('\n');
}
