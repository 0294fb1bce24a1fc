import { foldKey, type Lang, type TableDef } from '../../../schema';
import { CrmError } from '../../errors';
import { isWritable } from '../../records';

/** How one file column is used: the field it fills, or null (ignored). */
export interface ColumnMapping {
  header: string;
  field: string | null;
  /** Why a column is ignored: no field has that name, or the field is system/derived. */
  ignored?: 'unknown' | 'read_only' | 'duplicate';
}

export interface HeaderMapping {
  columns: ColumnMapping[];
  /** Required fields no column fills (every row will fail on them). */
  missingRequired: string[];
}

/** Every name a field answers to in an import header: key, zh and en labels, aliases. */
function namesOf(table: TableDef): Map<string, string> {
  const map = new Map<string, string>();
  for (const pass of [0, 1]) {
    for (const col of table.columns) {
      const names = pass === 0 ? [col.key, col.label.zh, col.label.en] : col.aliases;
      for (const n of names) if (!map.has(foldKey(n))) map.set(foldKey(n), col.key);
    }
  }
  return map;
}

/**
 * Maps file headers to fields by label (zh or en), key or alias; `overrides` (header → field key,
 * or '' / null to ignore the column) lets the person correct what the guess got wrong.
 */
export function mapHeaders(table: TableDef, headers: readonly string[], overrides: Record<string, unknown>, lang: Lang): HeaderMapping {
  const names = namesOf(table);
  const byKey = new Map(table.columns.map((c) => [c.key, c]));
  const folded = new Map(headers.map((h) => [foldKey(h), h]));
  for (const [header, field] of Object.entries(overrides)) {
    if (!folded.has(foldKey(header))) throw CrmError.badArgument('options.mapping', 'arg_mapping_column', lang, { header });
    if (field !== null && field !== '' && (typeof field !== 'string' || !byKey.has(field))) {
      throw CrmError.badArgument('options.mapping', 'arg_mapping_field', lang, { header, table: table.key, field: String(field) });
    }
  }
  const override = new Map(Object.entries(overrides).map(([h, f]) => [foldKey(h), typeof f === 'string' && f ? f : null]));
  const used = new Set<string>();
  const columns = headers.map((header): ColumnMapping => {
    const key = foldKey(header);
    const field = override.has(key) ? (override.get(key) ?? null) : (names.get(key) ?? null);
    if (!field) return { header, field: null, ignored: 'unknown' };
    const col = byKey.get(field);
    if (!col || !isWritable(col)) return { header, field: null, ignored: 'read_only' };
    if (used.has(field)) return { header, field: null, ignored: 'duplicate' };
    used.add(field);
    return { header, field };
  });
  // owner is required but defaults to the person importing, like a save from the sidebar.
  const missingRequired = table.columns
    .filter((c) => c.required && isWritable(c) && !used.has(c.key) && c.key !== 'owner')
    .map((c) => c.key);
  return { columns, missingRequired };
}

/** One input object per data row (empty cells left out so defaults apply); blank rows skipped. */
export function rowsToInputs(
  mapping: HeaderMapping,
  rows: readonly (readonly unknown[])[],
  firstLine = 2,
): { line: number; input: Record<string, unknown> }[] {
  const out: { line: number; input: Record<string, unknown> }[] = [];
  rows.forEach((row, i) => {
    const input: Record<string, unknown> = {};
    mapping.columns.forEach((c, j) => {
      const v = row[j];
      if (!c.field || v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return;
      // An apostrophe before = + - @ is the formula guard exports and spreadsheets add: not part of the text.
      input[c.field] = typeof v === 'number' || typeof v === 'boolean' ? v : String(v).replace(/^'(?=[=+\-@])/, '');
    });
    // Line numbers are the file's, so people find the row they must fix.
    if (Object.keys(input).length) out.push({ line: i + firstLine, input });
  });
  return out;
}
