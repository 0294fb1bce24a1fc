/**
 * The comparison workload written with SheetQuery (npm `sheetquery`, an ORM for Apps Script), the
 * way its README shows: from(tab).where(fn).getRows() / insertRows() / updateRows() / deleteRows().
 * Bundled by esbuild into an Apps Script-style script (IIFE, global SheetQueryBench) and run in the
 * same emulator as the CRM. Rows are objects keyed by header text; the host passes the headers.
 * It does what the CRM's operations do to the data (the record and its change-log rows); it does
 * no validation, locking or version checks, which only flatters its call counts.
 */
import { sheetQuery, type DictObject, type RowObject } from 'sheetquery';

export interface HistoryTarget {
  tab: string;
  rows: DictObject[];
}

/** Next id: SheetQuery has no ids, so the table is read to find the highest sequence number. */
export function createOne(tab: string, idHeader: string, prefix: string, row: DictObject, history: HistoryTarget): string {
  const existing = sheetQuery().from(tab).getRows();
  const id = `${prefix}${existing.length + 1}`;
  sheetQuery()
    .from(tab)
    .insertRows([{ ...row, [idHeader]: id }]);
  sheetQuery()
    .from(history.tab)
    .insertRows(history.rows.map((h) => withRecord(h, id)));
  return id;
}

/** History rows name the new record '$id' (its id is only known here). */
function withRecord(h: DictObject, id: string): DictObject {
  const out: DictObject = {};
  for (const k of Object.keys(h)) out[k] = h[k] === '$id' ? id : h[k];
  return out;
}

export function readById(tab: string, idHeader: string, id: string): DictObject | null {
  const rows = sheetQuery()
    .from(tab)
    .where((r: RowObject) => r[idHeader] === id)
    .getRows();
  return rows[0] ?? null;
}

export function search(tab: string, headers: string[], text: string, limit: number): number {
  const needle = text.toLowerCase();
  const rows = sheetQuery()
    .from(tab)
    .where(
      (r: RowObject) =>
        r.__meta.row > 1 &&
        headers.some((h) =>
          String(r[h] ?? '')
            .toLowerCase()
            .includes(needle),
        ),
    )
    .getRows();
  return rows.slice(0, limit).length;
}

export function updateOne(tab: string, idHeader: string, id: string, changes: DictObject, history: HistoryTarget): number {
  let updated = 0;
  sheetQuery()
    .from(tab)
    .where((r: RowObject) => r[idHeader] === id)
    .updateRows((r: RowObject) => {
      updated++;
      return Object.assign(r, changes);
    });
  sheetQuery().from(history.tab).insertRows(history.rows);
  return updated;
}

export function bulkCreate(tab: string, rows: DictObject[], history: HistoryTarget): number {
  sheetQuery().from(tab).insertRows(rows);
  sheetQuery().from(history.tab).insertRows(history.rows);
  return rows.length;
}

export function bulkUpdate(tab: string, idHeader: string, ids: string[], changes: DictObject, history: HistoryTarget): number {
  const wanted = new Set(ids);
  let updated = 0;
  sheetQuery()
    .from(tab)
    .where((r: RowObject) => wanted.has(String(r[idHeader])))
    .updateRows((r: RowObject) => {
      updated++;
      return Object.assign(r, changes);
    });
  sheetQuery().from(history.tab).insertRows(history.rows);
  return updated;
}

export interface SummarySpec {
  /** tab -> the header to group by and, optionally, the header to sum. */
  groups: { report: string; tab: string; by: string; sum?: string }[];
  out: string;
}

/** Summary-style aggregation: read each table once, group in JavaScript, replace the output rows. */
export function summary(spec: SummarySpec): number {
  const lines: DictObject[] = [];
  for (const g of spec.groups) {
    const totals = new Map<string, { count: number; amount: number }>();
    for (const r of sheetQuery()
      .from(g.tab)
      .where((x: RowObject) => x.__meta.row > 1)
      .getRows()) {
      const key = String(r[g.by] ?? '');
      const t = totals.get(key) ?? { count: 0, amount: 0 };
      t.count++;
      if (g.sum) t.amount += Number(r[g.sum]) || 0;
      totals.set(key, t);
    }
    for (const [key, t] of totals) lines.push({ report: g.report, group: key, count: t.count, amount: t.amount });
  }
  // SheetQuery's deleteRows() calls Range.deleteCells once per row, which the emulator does not
  // implement; one Sheet.deleteRows call clears the old output instead (fewer calls than SheetQuery's).
  const out = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(spec.out);
  const last = out ? out.getLastRow() : 0;
  if (out && last > 1) out.deleteRows(2, last - 1);
  sheetQuery().from(spec.out).insertRows(lines);
  return lines.length;
}
