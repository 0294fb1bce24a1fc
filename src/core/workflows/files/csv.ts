import Papa from 'papaparse';

/**
 * CSV through papaparse: quoted fields with commas and newlines, a UTF-8 byte-order mark (Excel's
 * "CSV UTF-8"), and the delimiter guessed among comma, tab and semicolon.
 */
export function parseCsv(text: string): { rows: string[][]; errors: string[] } {
  const body = text.replace(/^\uFEFF/, '');
  const result = Papa.parse<string[]>(body, { delimitersToGuess: [',', '\t', ';'], skipEmptyLines: false });
  const errors = result.errors
    // A single-column file has nothing to guess from; that is not an error.
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .map((e) => (e.row === undefined ? e.message : `row ${e.row + 1}: ${e.message}`));
  return { rows: result.data.map((r) => r.map((c) => (typeof c === 'string' ? c : String(c ?? '')))), errors };
}

/** Values that start like a formula are prefixed with an apostrophe so spreadsheet programs keep them as text. */
function safeCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  return /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d/.test(s) ? `'${s}` : s;
}

/** RFC 4180 CSV with a byte-order mark, so Excel opens Chinese text as UTF-8. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${Papa.unparse(
    rows.map((r) => r.map(safeCell)),
    { newline: '\r\n' },
  )}`;
}
