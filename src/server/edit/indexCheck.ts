import type { DataTableKey } from '../../schema';
import { directoryKey, keyColumn, type KeyColumn, type SheetStore } from '../../store';
import { tableDef } from '../../schema';

/** More edited rows than this are not checked one by one: the table's index is distrusted. */
const MAX_CHECKED_ROWS = 20;

/**
 * Whether the key index already says what the edited rows hold, so the simple onEdit has nothing
 * to distrust: rows below what the index covers are read there anyway when they hold new IDs (the
 * sentinel's tail), and rows above it must be listed under their current keys (handleEdit, which
 * Sheets may run before onEdit, indexes what it writes). A few index cells read by plain
 * SpreadsheetApp; false whenever the index cannot say (then onEdit distrusts, as before).
 */
export function indexHoldsEdit(store: SheetStore, key: DataTableKey, keyed: readonly KeyColumn[], top: number, count: number): boolean {
  if (count > MAX_CHECKED_ROWS) return false;
  const keys = store.keys;
  const sentinel = keyColumn(key, 'id');
  if (!sentinel) return false;
  const heads = [...new Map([sentinel, ...keyed].flatMap((c) => keys.headBlocks(c)).map((b) => [`${b.column}`, b])).values()];
  store.prepare([key], heads, (b, v) => keys.accept(b, v));
  const end = keys.indexedEnd(sentinel);
  if (end === null) return false;
  const rows = Array.from({ length: count }, (_, i) => top + i).filter((r) => r >= 2 && r <= end);
  if (!rows.length) return true;
  if (!keyed.every((c) => keys.trusted(c))) return false;
  store.readRows(new Map([[key, rows]]));
  const prefix = tableDef(key).prefix ?? '';
  const checks: { column: KeyColumn; row: number; key: string; seq: number | null }[] = [];
  for (const row of rows) {
    const v = store.readRow(key, row);
    const id = String(v?.id ?? '').trim();
    // A row without an ID is no record: nothing of it is indexed (a cleared ID moves the sentinel).
    if (!v || !id) continue;
    for (const column of keyed) {
      if (column.kind === 'directory') {
        const d = directoryKey(prefix, id.toUpperCase());
        checks.push({ column, row, key: d.key, seq: d.seq });
      } else {
        const k = column.keyOf(v[column.field]);
        if (k) checks.push({ column, row, key: k, seq: null });
      }
    }
  }
  const cells = checks.flatMap((c) => keys.blocksFor(c.column, [c.key]));
  if (cells.length > MAX_CHECKED_ROWS) return false;
  if (cells.length) store.prepare([], cells, (b, v) => keys.accept(b, v));
  return checks.every((c) => {
    const hint = c.seq === null ? keys.rows(c.column, c.key) : keys.directory(c.column, c.key, c.seq);
    return hint !== 'unknown' && hint.rows.includes(c.row);
  });
}
