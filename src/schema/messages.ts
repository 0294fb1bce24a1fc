import type { Label, Lang } from './i18n';

/** Every validation and API message, in both languages. `{x}` placeholders are filled by `format`. */
export const MESSAGES = {
  required: { zh: '必填', en: 'Required' },
  invalid_type: { zh: '类型不正确', en: 'Wrong type of value' },
  too_long: { zh: '内容过长', en: 'Too long' },
  too_large: { zh: '数值过大', en: 'Number too large' },
  email: { zh: '邮箱格式不正确', en: 'Not a valid email address' },
  phone: { zh: '电话格式不正确（手机号或带区号的座机）', en: 'Not a valid phone number (mobile, or landline with area code)' },
  url: { zh: '链接需以 http:// 或 https:// 开头', en: 'A link must start with http:// or https://' },
  date: { zh: '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  datetime: { zh: '时间格式应为 YYYY-MM-DD HH:mm', en: 'Time must be YYYY-MM-DD HH:mm' },
  number: { zh: '应为数字', en: 'Must be a number' },
  non_negative: { zh: '不能为负数', en: 'Must not be negative' },
  integer: { zh: '应为整数', en: 'Must be a whole number' },
  percent_range: { zh: '应在 0 到 100 之间', en: 'Must be between 0 and 100' },
  score_range: { zh: '应为 1 到 5 的整数', en: 'Must be a whole number from 1 to 5' },
  boolean: { zh: '应为 是/否', en: 'Must be yes or no' },
  enum: { zh: '不是可选值：{options}', en: 'Not one of: {options}' },
  option: { zh: '“{value}”不在选项列表中（管理员可在设置中添加）', en: '"{value}" is not in the list (an admin can add it in Settings)' },
  ref_format: { zh: '编号格式不正确', en: 'Not a valid ID' },
  ref_missing: { zh: '找不到{table}“{id}”', en: 'No {table} with ID "{id}"' },
  ref_deleted: { zh: '{table}“{id}”已删除', en: '{table} "{id}" has been deleted' },
  duplicate: { zh: '已存在同名记录 {id}', en: 'Already exists as {id}' },
  unknown_field: { zh: '未知字段', en: 'Unknown field' },
  read_only: { zh: '该字段由系统维护，不能修改', en: 'This field is maintained by the system and cannot be changed' },
  unknown_table: { zh: '未知的表：{table}', en: 'Unknown table: {table}' },
  bad_argument: { zh: '参数不正确：{detail}', en: 'Bad argument: {detail}' },
  not_found: { zh: '找不到记录 {id}', en: 'No record with ID {id}' },
  stale: { zh: '该记录已被 {by} 于 {at} 修改，请重新加载后再保存', en: 'This record was changed by {by} at {at}; reload it and save again' },
  version_required: { zh: '更新时需要提供版本号', en: 'An update must include the version it was read at' },
  busy: { zh: '系统繁忙（其他人正在保存），请稍后重试', en: 'Busy: someone else is saving; please retry in a moment' },
  missing_column: { zh: '表“{tab}”缺少列“{column}”，请运行“初始化表格”', en: 'Tab "{tab}" has no column "{column}"; run Set up workbook' },
  missing_tab: { zh: '找不到表“{tab}”，请运行“初始化表格”', en: 'Tab "{tab}" is missing; run Set up workbook' },
  bad_header: { zh: '表“{tab}”有重复的列“{column}”', en: 'Tab "{tab}" has the column "{column}" twice' },
  deleted_record: { zh: '记录 {id} 已删除', en: 'Record {id} has been deleted' },
} as const satisfies Record<string, Label>;

export type MessageKey = keyof typeof MESSAGES;

export function isMessageKey(s: string): s is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, s);
}

export function format(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
