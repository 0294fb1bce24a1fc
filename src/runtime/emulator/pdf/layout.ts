/**
 * Lays a document's paragraphs and tables out on A4 pages as PDF content-stream operators:
 * wrapped text lines, and tables with ruled cells (the first row shaded as a header).
 */
import { fontRuns, latinString, textWidth, ucs2Hex } from './fonts';

export type PdfBlock = { kind: 'paragraph'; text: string; heading?: 'title' | 'heading' | null } | { kind: 'table'; rows: string[][] };

export const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const BODY_SIZE = 10.5;
const TABLE_SIZE = 9.5;
const CELL_PAD = 4;
const SIZES = { title: 18, heading: 13.5 } as const;

const num = (n: number) => (Math.round(n * 100) / 100).toString();

/** Breaks text into lines no wider than `width` (at spaces for Latin words, anywhere between CJK characters). */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    // Tokens: a Latin word with its trailing spaces, or a single other character.
    const tokens = para.match(/[\x21-\x7e\u00a0-\u00ff]+ *| +|[^]/gu) ?? [];
    for (const token of tokens) {
      if (line && textWidth((line + token).trimEnd(), size) > width) {
        lines.push(line.trimEnd());
        line = '';
        if (!token.trim()) continue;
      }
      // A single token wider than the line is cut by characters.
      if (!line && textWidth(token.trimEnd(), size) > width) {
        let part = '';
        for (const ch of token) {
          if (part && textWidth(part + ch, size) > width) {
            lines.push(part);
            part = '';
          }
          part += ch;
        }
        line = part;
        continue;
      }
      line += token;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Text drawn with its baseline's left end at (x, y). */
function showText(text: string, x: number, y: number, size: number): string {
  const ops = [`BT ${num(x)} ${num(y)} Td`];
  for (const run of fontRuns(text)) {
    ops.push(run.font === 'latin' ? `/F1 ${num(size)} Tf ${latinString(run.text)} Tj` : `/F2 ${num(size)} Tf ${ucs2Hex(run.text)} Tj`);
  }
  ops.push('ET');
  return ops.join(' ');
}

class Pages {
  readonly pages: string[][] = [[]];
  y = PAGE.height - PAGE.margin;

  get ops(): string[] {
    return this.pages[this.pages.length - 1];
  }
  /** Room for `height` points below y, on a new page when this one is full (a new page always takes it). */
  need(height: number): void {
    if (this.y - height < PAGE.margin && this.y < PAGE.height - PAGE.margin) {
      this.pages.push([]);
      this.y = PAGE.height - PAGE.margin;
    }
  }
}

const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

function paragraph(p: Pages, text: string, heading: 'title' | 'heading' | null | undefined): void {
  const size = heading ? SIZES[heading] : BODY_SIZE;
  const lead = size * 1.45;
  if (heading && p.y < PAGE.height - PAGE.margin) p.y -= size * 0.5;
  for (const line of wrapText(text, size, CONTENT_WIDTH)) {
    p.need(lead);
    p.y -= lead;
    if (line) p.ops.push(showText(line, PAGE.margin, p.y + size * 0.3, size));
  }
}

/** Column widths proportional to each column's widest text, each at least 40 points, filling the line. */
function columnWidths(rows: string[][]): number[] {
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const natural = Array.from({ length: cols }, (_, c) =>
    Math.max(40, ...rows.map((r) => textWidth(r[c] ?? '', TABLE_SIZE) + 2 * CELL_PAD + 1)),
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= CONTENT_WIDTH) return natural.map((w) => w + (CONTENT_WIDTH - total) / cols);
  return natural.map((w) => (w / total) * CONTENT_WIDTH);
}

function table(p: Pages, rows: string[][]): void {
  if (!rows.length) return;
  const widths = columnWidths(rows);
  const lead = TABLE_SIZE * 1.35;
  p.y -= 4;
  rows.forEach((row, r) => {
    const cells = widths.map((w, c) => wrapText(row[c] ?? '', TABLE_SIZE, w - 2 * CELL_PAD));
    const height = Math.max(...cells.map((lines) => lines.length)) * lead + 2 * CELL_PAD;
    p.need(height);
    const top = p.y;
    let x = PAGE.margin;
    cells.forEach((lines, c) => {
      const w = widths[c];
      if (r === 0) p.ops.push(`0.92 g ${num(x)} ${num(top - height)} ${num(w)} ${num(height)} re f 0 g`);
      p.ops.push(`0.5 w ${num(x)} ${num(top - height)} ${num(w)} ${num(height)} re S`);
      lines.forEach((line, i) => {
        if (line) p.ops.push(showText(line, x + CELL_PAD, top - CELL_PAD - (i + 1) * lead + TABLE_SIZE * 0.3, TABLE_SIZE));
      });
      x += w;
    });
    p.y = top - height;
  });
  p.y -= 6;
}

/** The content stream of each page (at least one page). */
export function layOut(blocks: readonly PdfBlock[]): string[] {
  const p = new Pages();
  for (const b of blocks) {
    if (b.kind === 'paragraph') paragraph(p, b.text, b.heading);
    else table(p, b.rows);
  }
  return p.pages.map((ops) => ops.join('\n'));
}
