import { decodeBase64 } from './base64';
import { parseCsv } from './csv';
import { readXlsx, type XlsxCell } from './xlsx';

export type FileFormat = 'csv' | 'xlsx';

/** A base64 zip (every XLSX) starts with "UEsD" ("PK\x03\x04"). */
export function guessFormat(content: string): FileFormat {
  return /^\s*(data:[^,]*,)?UEsD/.test(content) ? 'xlsx' : 'csv';
}

/** File content (CSV text or base64 XLSX) as rows of cells; errors say what is wrong with the file. */
export function decodeTable(content: string, format: FileFormat): { rows: XlsxCell[][]; errors: string[] } {
  const decoded = decodeRows(content, format);
  // A table no one maps by hand: far more columns than any table has is a wrong or hostile file.
  const widest = decoded.rows.reduce((n, r) => Math.max(n, r.length), 0);
  if (widest > MAX_IMPORT_COLUMNS)
    return { rows: [], errors: [`the file has ${widest} columns; at most ${MAX_IMPORT_COLUMNS} can be imported`] };
  return decoded;
}

/** Columns a file may have: every table's fields with room for columns people add. */
const MAX_IMPORT_COLUMNS = 500;

function decodeRows(content: string, format: FileFormat): { rows: XlsxCell[][]; errors: string[] } {
  if (format === 'csv') return parseCsv(content);
  const bytes = decodeBase64(content);
  if (!bytes) return { rows: [], errors: ['the XLSX content is not valid base64'] };
  try {
    return { rows: readXlsx(bytes), errors: [] };
  } catch (e) {
    return { rows: [], errors: [`not a readable XLSX workbook (${e instanceof Error ? e.message : String(e)})`] };
  }
}

/** Header row (the first non-empty row) and the data rows after it. */
export function splitHeader(rows: readonly XlsxCell[][]): { header: string[]; body: XlsxCell[][]; firstLine: number } {
  const at = rows.findIndex((r) => r.some((c) => String(c ?? '').trim() !== ''));
  if (at < 0) return { header: [], body: [], firstLine: 2 };
  return { header: rows[at].map((c) => String(c ?? '').trim()), body: rows.slice(at + 1), firstLine: at + 2 };
}

/** FNV-1a over the text: tells a resumed import that it got the same file back. */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16)}-${text.length}`;
}
