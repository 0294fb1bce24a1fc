/**
 * The sidebar's own words (field labels, table names and option labels come from src/schema).
 * The language follows the spreadsheet (settings `locale`) and can be switched in the header.
 */
import { fill, optionText, tableDef, type DataTableKey, type EnumOption, type Label, type Lang } from '../../src/schema';

const UI = {
  search: { zh: '搜索', en: 'Search' },
  lists: { zh: '选项', en: 'Lists' },
  optionLists: { zh: '选项列表', en: 'Option lists' },
  optionList: { zh: '列表', en: 'List' },
  optionValue: { zh: '新选项', en: 'New option' },
  optionEnglish: { zh: '英文名称（可选）', en: 'English label (optional)' },
  optionRequired: { zh: '请输入新选项', en: 'Enter the new option' },
  addOption: { zh: '添加选项', en: 'Add option' },
  optionAdded: { zh: '已添加，下拉列表中可直接选择', en: 'Added: it is in the dropdowns now' },
  board: { zh: '商机看板', en: 'Pipeline' },
  reminders: { zh: '我的提醒', en: 'Reminders' },
  targets: { zh: '我的目标', en: 'Targets' },
  targetsTitle: { zh: '目标达成', en: 'Targets and results' },
  targetsAsOf: { zh: '数据截至 {at}（汇总表每小时更新）', en: 'As of {at} (the summary is rebuilt hourly)' },
  targetsNotBuilt: {
    zh: '“业绩目标达成”汇总表还没有生成。它每小时自动更新，管理员也可在菜单中立即更新汇总。',
    en: 'The Target attainment summary has not been built yet. It is rebuilt every hour; an admin can also rebuild it from the menu.',
  },
  targetsNone: { zh: '这些期间没有为你设定目标，也还没有业绩。', en: 'No targets set for you in these periods, and no results yet.' },
  periodmonth: { zh: '本月', en: 'This month' },
  periodquarter: { zh: '本季度', en: 'This quarter' },
  periodyear: { zh: '本年', en: 'This year' },
  metricwonAmount: { zh: '赢单金额', en: 'Won amount' },
  metriccollectedAmount: { zh: '回款金额', en: 'Collected' },
  metricnewCustomers: { zh: '新增客户', en: 'New customers' },
  metricfollowUps: { zh: '跟进次数', en: 'Follow-ups' },
  target: { zh: '目标', en: 'Target' },
  actual: { zh: '实际', en: 'Actual' },
  attainmentShort: { zh: '达成率', en: 'Attained' },
  teamOf: { zh: '团队：{team}', en: 'Team: {team}' },
  membersThisMonth: { zh: '成员本月达成率', en: 'Members this month' },
  language: { zh: '语言', en: 'Language' },
  searchPlaceholder: { zh: '名称、编号、电话、邮箱或标签', en: 'Name, ID, phone, email or tag' },
  searchIn: { zh: '搜索范围', en: 'Search in' },
  capacityWarning: {
    zh: '工作簿已用 {pct} 的单元格上限（1000 万）。请归档旧记录（导出后删除），或删除多余的空行空列，否则将无法继续添加数据。',
    en: 'The workbook uses {pct} of its 10 million cells. Archive old records (export, then delete them) or trim blank rows and columns before it fills up.',
  },
  capacityFull: {
    zh: '工作簿已达单元格上限（1000 万），无法再添加数据。请先归档旧记录或删除多余的空行空列。',
    en: 'The workbook has reached its 10 million cells: nothing more can be added. Archive old records or trim blank rows and columns first.',
  },
  results: { zh: '共 {n} 条', en: '{n} found' },
  noResults: { zh: '没有匹配的记录', en: 'No matching records' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Retry' },
  failureOffline: {
    zh: '无法连接到服务器（网络已断开或请求未送达）。已填写的内容都还在，请检查网络后重试。',
    en: 'Could not reach the server (offline, or the request did not get through). Everything you entered is still here; check your connection and retry.',
  },
  failureTimeout: {
    zh: '服务器处理超时，这次操作可能没有完成。已填写的内容都还在，请稍后重试。',
    en: 'The server took too long; this action may not have finished. Everything you entered is still here; retry in a moment.',
  },
  failureServer: {
    zh: 'Google 服务器暂时出错。已填写的内容都还在，请稍后重试。',
    en: "Google's server had a temporary problem. Everything you entered is still here; retry in a moment.",
  },
  failureAuth: {
    zh: '需要重新授权：请从"CRM"菜单重新打开侧边栏并按提示授权，然后重试。',
    en: 'Authorization is needed: reopen the sidebar from the CRM menu, allow access when asked, then retry.',
  },
  failureBusy: { zh: '刚才的请求太多，请稍等片刻再重试。', en: 'Too many requests just now; wait a moment, then retry.' },
  failureUnavailable: {
    zh: '侧边栏未连接到 CRM：请从"CRM"菜单重新打开侧边栏。',
    en: 'The sidebar is not connected to the CRM: reopen it from the CRM menu.',
  },
  back: { zh: '返回', en: 'Back' },
  // The shared pool (公海)
  pool: { zh: '公海', en: 'Pool' },
  poolEmpty: { zh: '公海中暂无记录', en: 'Nothing in the pool' },
  poolClaim: { zh: '领取', en: 'Claim' },
  poolClaiming: { zh: '正在领取…', en: 'Claiming…' },
  poolAssign: { zh: '分配', en: 'Assign' },
  poolAssignTo: { zh: '分配给…', en: 'Assign to…' },
  poolClaimed: { zh: '已领取“{title}”，现在由你负责', en: 'Claimed "{title}": it is yours now' },
  poolAssignedTo: { zh: '已将“{title}”分配给 {owner}', en: '"{title}" assigned to {owner}' },
  poolFrom: { zh: '原负责人 {owner}', en: 'was {owner}' },
  poolSince: { zh: '{date} 进入公海', en: 'in pool since {date}' },
  save: { zh: '保存', en: 'Save' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  cancel: { zh: '取消', en: 'Cancel' },
  edit: { zh: '编辑', en: 'Edit' },
  add: { zh: '添加', en: 'Add' },
  saved: { zh: '已保存', en: 'Saved' },
  fixErrors: { zh: '请更正标出的字段', en: 'Please correct the marked fields' },
  reload: { zh: '重新加载', en: 'Reload' },
  me: { zh: '（我）', en: '(me)' },
  none: { zh: '—', en: '—' },
  pickHint: { zh: '输入名称或编号查找', en: 'Type a name or ID to find' },
  clear: { zh: '清除', en: 'Clear' },
  logFollowUp: { zh: '记录跟进', en: 'Log follow-up' },
  alsoTodo: { zh: '同时创建待办（到下次跟进时间提醒我）', en: 'Also make it a to-do (remind me at the next follow-up)' },
  completeTodo: { zh: '完成', en: 'Done' },
  completeTodoOf: { zh: '完成：{title}', en: 'Mark done: {title}' },
  emailLogTitle: { zh: '我的邮件', en: 'My email' },
  emailLogOn: { zh: '把我与客户的往来邮件记为跟进', en: 'Log my emails with customers as follow-ups' },
  emailLogHint: {
    zh: '每 15 分钟从你的 Gmail 记录与客户、联系人的往来邮件；加标签 {label} 的邮件不记录。',
    en: 'Every 15 minutes, your Gmail messages with customers and contacts are logged; threads labelled {label} are not.',
  },
  emailLogState: { zh: '已记录 {n} 封 · 上次 {at}', en: '{n} logged · last run {at}' },
  emailLogNow: { zh: '立即记录', en: 'Log now' },
  emailLogDone: { zh: '本次记录 {n} 封', en: '{n} logged now' },
  emailLogOff: { zh: '管理员已关闭邮件记录', en: 'An admin has turned email logging off' },
  openInGmail: { zh: '在 Gmail 中打开', en: 'Open in Gmail' },
  todoDoneAt: { zh: '完成于 {at}', en: 'Done {at}' },
  todoOverdue: { zh: '已逾期', en: 'Overdue' },
  newTodo: { zh: '新建待办', en: 'New to-do' },
  portalTitle: { zh: '自助门户', en: 'Self-service portal' },
  portalOn: { zh: '已开通', en: 'on' },
  portalOff: { zh: '未开通', en: 'off' },
  portalGrant: { zh: '开通并生成链接', en: 'Give a private link' },
  portalNewLink: { zh: '生成新链接（旧链接失效）', en: 'New link (the old one stops working)' },
  portalRevoke: { zh: '撤销', en: 'Revoke' },
  portalLinkOnce: { zh: '专属链接（仅显示这一次，请复制）', en: 'Private link (shown only now: copy it)' },
  portalMailToo: { zh: '同时发送到联系人邮箱', en: "Also mail it to the contact's email" },
  portalMailed: { zh: '已发送到联系人邮箱', en: "Mailed to the contact's email" },
  portalRevoked: { zh: '已撤销，旧链接不再有效', en: 'Revoked: the old link no longer works' },
  newDeliveryNote: { zh: '新建发货单', en: 'New delivery note' },
  history: { zh: '变更历史', en: 'History' },
  showAll: { zh: '显示全部 {n} 条', en: 'Show all {n}' },
  notFound: { zh: '找不到该客户', en: 'Customer not found' },
  quickMethods: { zh: '一键选择', en: 'Quick pick' },
  notFoundHint: {
    zh: '链接中的客户编号可能有误，或该客户已被删除或合并。请用搜索查找。',
    en: 'The link may be wrong, or the customer was deleted or merged. Search for it instead.',
  },
  mine: { zh: '我的', en: 'Mine' },
  everyone: { zh: '全部', en: 'Everyone' },
  whose: { zh: '范围', en: 'Whose' },
  moveTo: { zh: '移到“{stage}”', en: 'Move to {stage}' },
  stage: { zh: '阶段', en: 'Stage' },
  nothingDue: { zh: '没有需要处理的提醒', en: 'Nothing due' },
  overdueDays: { zh: '逾期 {n} 天', en: '{n} days overdue' },
  dueToday: { zh: '今天到期', en: 'Due today' },
  daysLeft: { zh: '{n} 天后', en: 'In {n} days' },
  idleDays: { zh: '{n} 天无进展', en: '{n} days idle' },
  openDays: { zh: '已开 {n} 天', en: 'Open {n} days' },
  created: { zh: '创建', en: 'created' },
  newOf: { zh: '新建{what}', en: 'New {what}' },
  more: { zh: '还有 {n} 条', en: '{n} more' },
  // Lead conversion
  convertToCustomer: { zh: '转为客户', en: 'Convert to customer' },
  convertInto: { zh: '转为', en: 'Convert into' },
  existingCustomer: { zh: '已有客户', en: 'Existing customer' },
  alsoOpportunity: { zh: '同时创建销售机会', en: 'Also create an opportunity' },
  convert: { zh: '转换', en: 'Convert' },
  converting: { zh: '正在转换…', en: 'Converting…' },
  leadConverted: { zh: '潜在客户已转为客户', en: 'Lead converted to a customer' },
  convertedTo: { zh: '已转为客户', en: 'Converted to customer' },
  pickCustomer: { zh: '请选择一个已有客户', en: 'Pick an existing customer' },
  // Import
  import: { zh: '导入', en: 'Import' },
  importTitle: { zh: '导入数据', en: 'Import records' },
  importInto: { zh: '导入到', en: 'Import into' },
  importFile: { zh: '文件（CSV 或 XLSX）', en: 'File (CSV or XLSX)' },
  importPaste: { zh: '或粘贴 CSV 文本', en: 'Or paste CSV text' },
  fileChosen: { zh: '已选：{name}', en: 'Chosen: {name}' },
  csvOrXlsx: { zh: '请选择 .csv 或 .xlsx 文件', en: 'Choose a .csv or .xlsx file' },
  fileUnreadable: { zh: '无法读取文件：{detail}', en: 'Cannot read the file: {detail}' },
  preview: { zh: '预览', en: 'Preview' },
  previewing: { zh: '正在检查…', en: 'Checking…' },
  columns: { zh: '列对应', en: 'Columns' },
  fileColumn: { zh: '文件中的列', en: 'Column in file' },
  field: { zh: '字段', en: 'Field' },
  ignoreColumn: { zh: '（不导入）', en: '(ignore)' },
  fieldFor: { zh: '“{header}”对应的字段', en: 'Field for “{header}”' },
  readOnlyColumn: { zh: '系统字段，不导入', en: 'System field, not imported' },
  duplicateColumn: { zh: '与前面的列重复，不导入', en: 'Same field as an earlier column, not imported' },
  missingRequired: { zh: '没有列对应必填字段：{fields}', en: 'No column fills the required: {fields}' },
  duplicatePolicy: { zh: '遇到已存在的记录时', en: 'When a row already exists' },
  dupSkip: { zh: '跳过该行', en: 'Skip the row' },
  dupUpdate: { zh: '用该行更新已有记录', en: 'Update the existing record' },
  dupMerge: { zh: '合并（只补全空白字段）', en: 'Merge (fill blank fields only)' },
  summary: { zh: '汇总', en: 'Summary' },
  rowsInFile: { zh: '共 {n} 行', en: '{n} rows' },
  actCreate: { zh: '新建', en: 'New' },
  actUpdate: { zh: '更新', en: 'Update' },
  actMerge: { zh: '合并', en: 'Merge' },
  actSkip: { zh: '跳过', en: 'Skip' },
  actError: { zh: '错误', en: 'Errors' },
  rowErrors: { zh: '有错误的行', en: 'Rows with errors' },
  duplicateRows: { zh: '重复记录', en: 'Duplicates' },
  line: { zh: '第 {n} 行', en: 'Line {n}' },
  sameAs: { zh: '{field}与 {id} 相同', en: 'Same {field} as {id}' },
  fixFirst: { zh: '请先修正文件中的错误，再重新预览', en: 'Fix the errors in the file, then preview again' },
  nothingToImport: { zh: '没有可导入的行', en: 'Nothing to import' },
  importing: { zh: '正在导入…已写入 {done}/{total} 行', en: 'Importing… {done} of {total} rows written' },
  imported: { zh: '导入完成：新建 {created} 条，更新 {updated} 条', en: 'Imported: {created} created, {updated} updated' },
  cancelImport: { zh: '取消导入', en: 'Cancel import' },
  importCancelled: { zh: '已取消导入，撤回 {n} 行', en: 'Import cancelled; {n} rows taken back' },
  importAgain: { zh: '继续导入', en: 'Continue import' },
  importAnother: { zh: '导入另一个文件', en: 'Import another file' },
} satisfies Record<string, Label>;
export type UiKey = keyof typeof UI;

/** Singular names for "New customer" / "新建客户" and headings. */
/** One row of a table as people name it ("customer"), from the schema. */
export const recordName = (table: DataTableKey, lang: Lang): string => tableDef(table).record[lang];

export const REMINDER_HEADINGS = {
  followUp: { zh: '待跟进', en: 'Follow-ups due' },
  payment: { zh: '回款到期/逾期', en: 'Payments due' },
  contract: { zh: '即将到期的合同', en: 'Contracts expiring' },
  stalled: { zh: '停滞的销售机会', en: 'Stalled opportunities' },
  ticket: { zh: '超时未解决的工单', en: 'Tickets open too long' },
  todo: { zh: '到期的待办事项', en: 'To-dos due' },
} satisfies Record<string, Label>;

export type Translate = (key: UiKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params = {}) => fill(UI[key], lang, params);
}

/** A UI text in both languages, for messages kept in state that must follow a language switch. */
export function uiLabel(key: UiKey): Label {
  return UI[key];
}

export function newRecordLabel(table: DataTableKey, lang: Lang): string {
  return translator(lang)('newOf', { what: recordName(table, lang) });
}

/** An enum value as people read it: the stored zh value, or its English label. */
export function optionLabel(options: readonly EnumOption[] | undefined, value: unknown, lang: Lang): string {
  return optionText(options ?? [], value === null || value === undefined ? '' : String(value), lang);
}
