import { langOfLocale, SEARCH_KEY, type DataTableKey } from '../../schema';
import { searchKeyOf } from '../../core';
import { keyColumn, keyColumnsOf, searchKeyChanges, SheetStore, type KeyColumn } from '../../store';
import { readEvent, tableOfTab } from './event';
import { indexHoldsEdit } from './indexCheck';
import { isSettingsTab, refreshListsAfterSettingsEdit } from '../lists/settingsEdit';

/**
 * onEdit(e): the simple trigger, which Sheets runs on every edit a person makes whether or not the
 * CRM's triggers are installed. It keeps what reads by key rely on: the search keys of the edited
 * rows, and the key index, which it marks untrusted for the edited table when a key cell (an ID,
 * a customer ID, a unique value) was typed over (the next locked step rebuilds it), and, for an edit
 * of the settings tab, the lists tab the dropdowns read (so a typed option is offered at once). Validation is
 * handleEdit's (installable) job. A simple trigger may not use advanced services: plain
 * SpreadsheetApp reads and writes, a few per edit. A key typed in a row the index already lists
 * under that key (handleEdit ran first), or in a new row below the indexed rows, distrusts nothing.
 */
export function onEdit(e?: unknown): void {
  const event = readEvent(e);
  if (!event) return;
  const tab = event.range.getSheet().getName();
  const key = tableOfTab(tab);
  const settingsEdit = isSettingsTab(tab);
  if (!key && !settingsEdit) return;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const store = new SheetStore({
    spreadsheet: ss,
    lock: LockService.getScriptLock(),
    lang: langOfLocale(ss.getSpreadsheetLocale()),
    timeZone: ss.getSpreadsheetTimeZone(),
    formatDate: (d, tz, p) => Utilities.formatDate(d, tz, p),
    flush: () => SpreadsheetApp.flush(),
    useApi: false,
  });
  if (!key) {
    refreshListsAfterSettingsEdit(store);
    return;
  }
  const t = store.header(key);
  const left = event.range.getColumn();
  const edited: string[] = [];
  for (const [field, at] of t.layout.index) if (at >= left - 1 && at < left - 1 + event.range.getNumColumns()) edited.push(field);
  const keyed = keyColumnsOf(key).filter((c) => edited.includes(c.field));
  const searched = t.def.searchable && t.layout.index.has(SEARCH_KEY) && edited.some((f) => searchKeyChanges(t.def, f));
  if (!keyed.length && !searched) return;
  store.withLock(() => {
    // Distrust only what the index does not already show (handleEdit may have run first; new rows
    // below the indexed ones are found there by the sentinel's tail).
    if (keyed.length && !indexHoldsEdit(store, key, keyed, event.range.getRow(), event.range.getNumRows()))
      store.untrust(indexColumnsTouched(key, keyed));
    if (searched) refreshSearchKeys(store, key, event.range.getRow(), event.range.getNumRows());
  });
}

/** A typed key changes the table's index; a typed customer ID also moves change-log rows between customers. */
function indexColumnsTouched(key: DataTableKey, keyed: readonly KeyColumn[]): KeyColumn[] {
  const log = keyColumn('history', 'customer');
  return [...keyColumnsOf(key), ...(keyed.some((c) => c.field === 'customerId') && log ? [log] : [])];
}

function refreshSearchKeys(store: SheetStore, key: DataTableKey, top: number, count: number): void {
  const first = Math.max(top, 2);
  const rows = Array.from({ length: Math.max(0, top + count - first) }, (_, i) => first + i);
  store.readRows(new Map([[key, rows]]));
  const t = store.header(key);
  const at = t.layout.index.get(SEARCH_KEY) as number;
  const values = rows.map((r) => {
    const v = store.readRow(key, r);
    return [v && String(v.id ?? '').trim() ? searchKeyOf(t.def, v) : ''];
  });
  if (values.length) store.queueWrite({ sheet: t.name, row: first, column: at + 1, numRows: values.length, numColumns: 1 }, values);
}
