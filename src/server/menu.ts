import { langOfLocale, type Label } from '../schema';
import type { EntryName } from './entryNames';

/** CRM menu items: only functions this bundle really has. */
export const MENU_ITEMS: readonly { fn: EntryName; label: Label }[] = [
  { fn: 'showSidebar', label: { zh: '打开侧边栏', en: 'Open sidebar' } },
  { fn: 'setupWorkbook', label: { zh: '初始化表格', en: 'Set up workbook' } },
  { fn: 'rebuildSummaries', label: { zh: '重建汇总', en: 'Rebuild summaries' } },
  { fn: 'installTriggers', label: { zh: '安装触发器', en: 'Install triggers' } },
  { fn: 'backupNow', label: { zh: '立即备份', en: 'Back up now' } },
  { fn: 'rebuildIndex', label: { zh: '重建索引', en: 'Rebuild index' } },
  { fn: 'createLeadForm', label: { zh: '创建潜在客户表单', en: 'Create lead form' } },
  { fn: 'showAppLink', label: { zh: '手机版链接', en: 'Phone app link' } },
  { fn: 'toggleEmailLogging', label: { zh: '邮件记录开/关', en: 'Email logging on/off' } },
];

/** Simple-trigger safe: builds the menu in the spreadsheet's language; reads no data. */
export function onOpen(_e?: unknown): void {
  const lang = langOfLocale(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
  const menu = SpreadsheetApp.getUi().createMenu('CRM');
  for (const item of MENU_ITEMS) menu.addItem(item.label[lang], item.fn);
  menu.addToUi();
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}
