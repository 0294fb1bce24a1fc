import { tableDef, type Lang } from '../../schema';
import * as z from 'zod/mini';
import { CrmError, MAX_PAGE, searchRows, type Values } from '../../core';
import { encodeBase64, toCsv, writeXlsx, type XlsxCell } from '../../core/workflows';
import { loadColumns } from '../../store';
import { optionsArg, signature, tableArg, userLang, whereArg } from '../args';
import { openContext } from '../context';
import { throwing } from '../entry';
import { WORKFLOW_PERMISSIONS } from './permissions';

export interface ExportResult {
  format: 'csv' | 'xlsx';
  filename: string;
  mimeType: string;
  /** CSV text, or the XLSX file as base64. */
  content: string;
  rows: number;
}

const MIME = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** One cell as people read it: labels in their language, lists comma-joined, numbers as numbers. */
function exportCell(kind: string, options: readonly { value: string; en: string }[] | undefined, v: unknown, lang: Lang): XlsxCell {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return kind === 'bool' ? (lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no') : v;
  if (typeof v === 'number') return v;
  if (options && lang === 'en') return options.find((o) => o.value === v)?.en ?? String(v);
  return String(v);
}

/**
 * exportRecords(table, options): a table, or the view a search gives (query, where,
 * includeDeleted), as CSV text or base64 XLSX with headers in the user's language. Admins and
 * managers only. options.fields picks and orders the columns.
 */
const EXPORT_ARGS = signature(
  ['table', 'options'],
  tableArg,
  z.optional(
    optionsArg({
      format: z.optional(z.enum(['csv', 'xlsx'])),
      query: z.optional(z.string()),
      where: z.optional(whereArg),
      includeDeleted: z.optional(z.unknown()),
      fields: z.optional(z.array(z.string()).check(z.minLength(1))),
    }),
  ),
);

export const exportRecords = throwing(
  EXPORT_ARGS,
  (key, o = {}): ExportResult => {
    const format = o.format ?? 'csv';
    const where = o.where;
    const def = tableDef(key);
    const fields = o.fields ?? def.columns.map((c) => c.key);
    if (!fields.every((f) => def.columns.some((c) => c.key === f)))
      throw CrmError.badArgument('options.fields', 'arg_fields', userLang(), { table: def.tab });
    const ctx = openContext();
    // The exported columns and those the filter compares; a search scores every column, so reads them all.
    const read = o.query ? def.columns.map((c) => c.key) : [...(fields as string[]), ...Object.keys(where ?? {})];
    const all = loadColumns(ctx.store, key, read).records;
    const w = Object.entries((where ?? {}) as Record<string, string>);
    const filtered: Values[] = o.query
      ? collect(def, all, String(o.query), where as Record<string, string> | undefined, o.includeDeleted === true)
      : all.filter((r) => (o.includeDeleted === true || !r.deleted) && w.every(([k, v]) => r[k] === v));
    const cols = (fields as string[]).map((f) => def.columns.find((c) => c.key === f)!);
    const header = cols.map((c) => c.label[ctx.lang]);
    const rows = filtered.map((r) => cols.map((c) => exportCell(c.kind, c.options, r[c.key], ctx.lang)));
    const stamp = ctx.now.replace(/[-: ]/g, '').slice(0, 12);
    const base = `${def.tab[ctx.lang]}-${stamp}`;
    const content = format === 'csv' ? toCsv([header, ...rows]) : encodeBase64(writeXlsx(def.tab[ctx.lang], [header, ...rows]));
    return { format, filename: `${base}.${format}`, mimeType: MIME[format], content, rows: rows.length };
  },
  WORKFLOW_PERMISSIONS.exportRecords,
);

/** Every match of a search (page by page, as searchRows pages), best first. */
function collect(
  def: ReturnType<typeof tableDef>,
  rows: readonly Values[],
  query: string,
  where: Record<string, string> | undefined,
  includeDeleted: boolean,
): Values[] {
  const out: Values[] = [];
  for (let offset = 0; ; offset += MAX_PAGE) {
    const page = searchRows(def, rows, query, { limit: MAX_PAGE, offset, where, includeDeleted });
    out.push(...page.items);
    if (offset + MAX_PAGE >= page.total) return out;
  }
}
