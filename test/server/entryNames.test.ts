import type { EntryName } from '../../src/server/entryNames';
import { MENU_ITEMS } from '../../src/server/menu';
import { WANTED_TRIGGERS } from '../../src/server/triggers';
import * as entries from '../../src/server';

// Compile-time (typecheck covers test/): a name that is not an export does not compile.
// @ts-expect-error rebuildEverything is not an entry point
const notAnEntry: EntryName = 'rebuildEverything';
const anEntry: EntryName = 'rebuildSummaries';

describe('menu items and trigger handlers name exported entry points', () => {
  it('keeps the compile-time check above honest', () => {
    expect([notAnEntry, anEntry]).toEqual(['rebuildEverything', 'rebuildSummaries']);
  });

  it('every menu item and wanted trigger names an exported function', () => {
    const names = [...MENU_ITEMS.map((m) => m.fn), ...WANTED_TRIGGERS.map((t) => t.handler)];
    for (const name of names) expect(typeof (entries as Record<string, unknown>)[name]).toBe('function');
  });
});
