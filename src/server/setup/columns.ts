import type { Column, Lang } from '../../schema';
import { MAX_INLINE_LIST } from '../../core';
import type { ListSource } from '../lists/listsTab';

/** Number format per kind; text kinds keep the default so a leading apostrophe works as usual. */
export function numberFormatOf(col: Column): string | null {
  switch (col.kind) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return col.seconds ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd hh:mm';
    case 'money':
      return '#,##0.00';
    case 'integer':
    case 'score':
      return '0';
    case 'percent':
      return '0.##';
    default:
      return null;
  }
}

export function columnWidthOf(col: Column): number {
  if (col.kind === 'longText' || col.kind === 'tags') return 240;
  if (col.kind === 'bool' || col.kind === 'integer' || col.kind === 'score') return 80;
  if (col.kind === 'id' || col.kind === 'ref' || col.kind === 'date') return 120;
  return 150;
}

/**
 * Dropdowns and checks typed cells get in the sheet. Invalid input is allowed with a warning so
 * nothing typed is lost; the edit handler marks it with a note. A settings-backed list (industry,
 * source...) reads its options from the lists tab's column, so an option added on the settings tab
 * is offered at once; fixed option sets stay inline.
 */
export function validationOf(col: Column, lang: Lang, lists: ListSource): GoogleAppsScript.Spreadsheet.DataValidation | null {
  const dv = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
  const help = (zh: string, en: string) => dv.setHelpText(lang === 'zh' ? zh : en);
  if (col.system || col.derived) return null;
  if (col.kind === 'enum') {
    if (col.optionList)
      return help('请从列表中选择（列表在设置表中维护）', 'Choose from the list (kept on the settings tab)')
        .requireValueInRange(lists.range(col.optionList), true)
        .build();
    const values = (col.options ?? []).map((o) => (lang === 'en' ? o.en : o.value));
    if (!values.length || values.join(',').length > MAX_INLINE_LIST) return null;
    return help('请从列表中选择', 'Choose from the list').requireValueInList(values, true).build();
  }
  if (col.kind === 'bool') return SpreadsheetApp.newDataValidation().requireCheckbox().build();
  if (col.kind === 'date' || col.kind === 'datetime')
    return help('请输入日期，如 2024-03-15', 'Enter a date such as 2024-03-15').requireDate().build();
  if (col.kind === 'email') return help('请输入邮箱地址', 'Enter an email address').requireTextIsEmail().build();
  if (col.kind === 'score') return help('1 到 5 的整数', 'A whole number from 1 to 5').requireNumberBetween(1, 5).build();
  if (col.kind === 'percent') return help('0 到 100 之间的数字', 'A number from 0 to 100').requireNumberBetween(0, 100).build();
  if (col.kind === 'url')
    return help('以 http:// 或 https:// 开头的链接', 'A link starting with http:// or https://').requireTextIsUrl().build();
  if (col.kind === 'money' || col.kind === 'number' || col.kind === 'integer')
    return help('不能为负数', 'Must not be negative').requireNumberGreaterThanOrEqualTo(0).build();
  return null;
}
