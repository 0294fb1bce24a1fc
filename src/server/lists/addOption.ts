import { DEFAULT_OPTION_LISTS, foldKey, OPTION_LIST_LABELS, type EnumOption, type OptionListKey, type SettingsRow } from '../../schema';
import { CrmError, LIST_KEYS, LISTS_TAB, LISTS_TAB_ROWS, MAX_LIST_OPTIONS, parseSettings } from '../../core';
import { maybeText, signature, text, userLang } from '../args';
import { openContext } from '../context';
import { enveloped } from '../entry';
import { ensureListsTab, listsCells } from './listsTab';

export interface AddOptionResult {
  ok: true;
  list: OptionListKey;
  /** The list as it now stands (the settings tab's order). */
  options: EnumOption[];
}

const LIST_NAMES = Object.keys(DEFAULT_OPTION_LISTS) as OptionListKey[];

/** A list by its key or either language's name (行业 / Industry / industry). */
function listOf(name: string): OptionListKey | null {
  const k = foldKey(name);
  return (
    LIST_NAMES.find((l) => foldKey(l) === k || foldKey(OPTION_LIST_LABELS[l].zh) === k || foldKey(OPTION_LIST_LABELS[l].en) === k) ?? null
  );
}

/**
 * addOption(list, value, en?): adds an option to an editable list (admins): one row on the settings
 * tab, and the lists tab rewritten in the same locked write, so every dropdown of the list offers
 * it at once (and saves accept it). A duplicate (same value or English label, case- and
 * width-insensitive) or a full list is refused and nothing changes.
 */
export const addOption = enveloped(
  signature(['list', 'value', 'en'], text(60), text(200), maybeText(200)),
  (list, value, en): AddOptionResult => {
    const key = listOf(list);
    if (!key) throw CrmError.of('unknown_list', userLang(), { list, lists: LIST_NAMES.join(', ') }, 'list');
    const english = en || null;
    const ctx = openContext();
    const { store } = ctx;
    const label = `${OPTION_LIST_LABELS[key].zh} / ${OPTION_LIST_LABELS[key].en}`;
    return store.withLock(() => {
      // Read again under the lock: another admin may have just added the same option.
      const rows = [...store.load('settings').records];
      const current = parseSettings(rows).lists[key];
      const taken = new Set(current.flatMap((o) => [foldKey(o.value), foldKey(o.en)]));
      const clash = [value, english].find((v) => v !== null && taken.has(foldKey(v)));
      if (clash) throw CrmError.of('option_exists', ctx.lang, { value: clash, list: label }, 'value');
      if (current.length >= MAX_LIST_OPTIONS) throw CrmError.of('list_full', ctx.lang, { list: label, max: MAX_LIST_OPTIONS });
      // A list still on its defaults has no rows: its defaults are written with the new option, so the
      // tab keeps offering them (a list with rows replaces the defaults).
      const onTab = rows.some((r) => r.type === '选项' && r.key !== null && listOf(r.key) === key);
      const wanted = [...(onTab ? [] : current), { value, en: english ?? value }];
      const added = wanted.map((o): SettingsRow => ({
        type: '选项',
        key,
        value: o.value,
        en: o === wanted[wanted.length - 1] ? english : o.en,
        role: null,
        team: null,
        note: OPTION_LIST_LABELS[key][ctx.lang],
      }));
      store.append('settings', added);
      const settings = parseSettings([...rows, ...added]);
      ensureListsTab(store.env.spreadsheet, (t, r, c, h) => store.io.addSheet(t, r, c, h));
      store.queueWrite(
        { sheet: LISTS_TAB, row: 1, column: 1, numRows: LISTS_TAB_ROWS, numColumns: LIST_KEYS.length },
        listsCells(settings, ctx.lang),
      );
      return { ok: true as const, list: key, options: settings.lists[key] };
    });
  },
  'admin',
);
