import { DEFAULT_OPTION_LISTS, OPTION_LIST_LABELS, type Lang, type OptionListKey } from '../schema';
import { filterChoices } from './summaries/filters';
import type { Settings } from './settings';

/**
 * The hidden lists tab: one column per editable list, header = the list's name, its values below.
 * Sheets' requireValueInRange needs one contiguous range per list, while an admin's rows of one
 * list on the settings tab need not be contiguous; the CRM keeps this tab equal to the settings
 * (setup, addOption, the simple onEdit trigger on the settings tab, the summary rebuild), and every
 * dropdown of an editable list points at its whole column below the header, so a new option is
 * offered at once with no validation rewritten.
 */
export const LISTS_TAB = '_crm_lists';

/** Grid rows of the lists tab: the header and room for 499 options per list (dropdown ranges cover them all). */
export const LISTS_TAB_ROWS = 500;
export const MAX_LIST_OPTIONS = LISTS_TAB_ROWS - 1;

/** Excel and WPS report a file as damaged when an inline dropdown list is longer than this (commas included). */
export const MAX_INLINE_LIST = 255;

/** Lists kept on the tab: the settings' option lists, then the summary tabs' owner filter (全部 + users). */
export type ListKey = OptionListKey | 'owner';
export const LIST_KEYS: readonly ListKey[] = [...(Object.keys(DEFAULT_OPTION_LISTS) as OptionListKey[]), 'owner'];

const OWNER_LABEL = { zh: '负责人', en: 'Owner' } as const;

/** 1-based column of a list on the lists tab. */
export function listColumn(list: ListKey): number {
  return LIST_KEYS.indexOf(list) + 1;
}

/** The values a list's dropdown offers: option lists in their stored (canonical) form; owners as the summary filter reads them. */
function listValues(list: ListKey, settings: Settings, lang: Lang): string[] {
  if (list === 'owner') {
    const choices = filterChoices(
      'owner',
      lang,
      settings.users.map((u) => u.email),
    );
    return choices === 'date' ? [] : choices;
  }
  return settings.lists[list].map((o) => o.value);
}

/**
 * The whole tab as one block (LISTS_TAB_ROWS × LIST_KEYS.length), blanks padding each column so a
 * removed option is cleared by the same write. Lists longer than the grid keep their first options.
 */
export function listsGrid(settings: Settings, lang: Lang): string[][] {
  const columns = LIST_KEYS.map((k) => [k === 'owner' ? OWNER_LABEL[lang] : OPTION_LIST_LABELS[k][lang], ...listValues(k, settings, lang)]);
  return Array.from({ length: LISTS_TAB_ROWS }, (_, r) => columns.map((c) => c[r] ?? ''));
}
