/**
 * The two fonts the local PDF writer uses, neither embedded (every PDF reader has them):
 * Helvetica (WinAnsi) for Latin text and Adobe's STSong-Light (a CID font of the Adobe-GB1
 * collection, addressed by Unicode through the UniGB-UCS2-H CMap) for everything else.
 */

/** Helvetica's advance widths (1/1000 em) for ASCII 32..126, from its AFM. */
const HELVETICA_ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278,
  278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
  667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

export type FontKey = 'latin' | 'cjk';

/** Which font draws a character: WinAnsi's printable Latin-1 range goes to Helvetica. */
export function fontOf(ch: string): FontKey {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) ? 'latin' : 'cjk';
}

/** A character's advance width in 1/1000 em (the CID font's default width is 1000). */
export function widthOf(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x20 && c <= 0x7e) return HELVETICA_ASCII[c - 0x20];
  return fontOf(ch) === 'latin' ? 556 : 1000;
}

/** A text's width in points at `size`. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += widthOf(ch);
  return (w * size) / 1000;
}

/** Runs of one font each, in order. Characters outside the Basic Multilingual Plane become '?'. */
export function fontRuns(text: string): { font: FontKey; text: string }[] {
  const runs: { font: FontKey; text: string }[] = [];
  for (const raw of text) {
    const ch = (raw.codePointAt(0) ?? 0) > 0xffff ? '?' : raw;
    const font = fontOf(ch);
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}

/** A PDF literal string of WinAnsi bytes (Latin-1 here), every byte outside ASCII escaped. */
export function latinString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (c < 0x20 || c > 0x7e) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out})`;
}

/** A PDF hex string of UCS-2 code units (what UniGB-UCS2-H reads). */
export function ucs2Hex(text: string): string {
  let out = '<';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `${out}>`;
}

/** The ToUnicode CMap of the CID font: each UCS-2 code is its own Unicode value (surrogates excluded). */
export function identityToUnicode(): string {
  const ranges: string[] = [];
  for (let hi = 0; hi < 256; hi++) {
    if (hi >= 0xd8 && hi <= 0xdf) continue;
    const h = hi.toString(16).toUpperCase().padStart(2, '0');
    ranges.push(`<${h}00> <${h}FF> <${h}00>`);
  }
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const part = ranges.slice(i, i + 100);
    blocks.push(`${part.length} beginbfrange\n${part.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMapResource defineresource pop',
    'end',
    'end',
  ].join('\n');
}
