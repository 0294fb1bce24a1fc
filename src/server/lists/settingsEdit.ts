import { LIST_KEYS, LISTS_TAB, LISTS_TAB_ROWS, parseSettings } from '../../core';
import { tableDef } from '../../schema';
import type { SheetStore } from '../../store';
import { listsCells } from './listsTab';

/** Whether a tab is the settings tab (by its zh or en title). */
export function isSettingsTab(name: string): boolean {
  const tab = tableDef('settings').tab;
  return name === tab.zh || name === tab.en;
}

/**
 * After a person typed on the settings tab: the lists tab is rewritten from the whole settings tab
 * (one read, one write, under the script lock so two edits cannot leave an older list), so an
 * option typed there is offered by the dropdowns at once. A workbook whose setup has not made the
 * lists tab yet is left alone (setup makes it). Plain SpreadsheetApp: simple triggers may not use
 * advanced services.
 */
export function refreshListsAfterSettingsEdit(store: SheetStore): void {
  if (!store.env.spreadsheet.getSheetByName(LISTS_TAB)) return;
  store.withLock(() => {
    const settings = parseSettings(store.load('settings').records);
    store.queueWrite(
      { sheet: LISTS_TAB, row: 1, column: 1, numRows: LISTS_TAB_ROWS, numColumns: LIST_KEYS.length },
      listsCells(settings, store.env.lang),
    );
  });
}
