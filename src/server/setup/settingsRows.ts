import {
  DEFAULT_OPTION_LISTS,
  OPTION_LIST_LABELS,
  PARAMS,
  type Lang,
  type OptionListKey,
  type ParamKey,
  type SettingsRow,
} from '../../schema';
import { roleLabel } from '../../core';

/**
 * Rows setup adds to the settings tab: parameters it lacks, the first admin when there are no
 * users, and the default values of any list with no rows. Existing rows are never changed.
 */
export function missingSettingsRows(existing: readonly SettingsRow[], admin: string, lang: Lang): SettingsRow[] {
  const rows: SettingsRow[] = [];
  const has = (type: SettingsRow['type'], key: string) => existing.some((r) => r.type === type && r.key === key);
  for (const key of Object.keys(PARAMS) as ParamKey[]) {
    if (!has('参数', key))
      rows.push({ type: '参数', key, value: PARAMS[key].default || null, en: null, role: null, team: null, note: PARAMS[key].label[lang] });
  }
  if (!existing.some((r) => r.type === '用户')) {
    rows.push({
      type: '用户',
      key: admin,
      value: admin.split('@')[0],
      en: null,
      role: roleLabel('admin')[lang],
      team: null,
      note: lang === 'zh' ? '首次初始化的用户' : 'Ran setup first',
    });
  }
  for (const list of Object.keys(DEFAULT_OPTION_LISTS) as OptionListKey[]) {
    if (existing.some((r) => r.type === '选项' && r.key === list)) continue;
    for (const o of DEFAULT_OPTION_LISTS[list])
      rows.push({ type: '选项', key: list, value: o.value, en: o.en, role: null, team: null, note: OPTION_LIST_LABELS[list][lang] });
  }
  return rows;
}
