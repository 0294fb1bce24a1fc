import { langOfLocale } from '../../schema';

/** The sidebar's title in the spreadsheet's language (the UI inside follows the settings locale). */
const TITLE = { zh: 'CRM 客户管理', en: 'CRM' } as const;

/** Opens dist/Sidebar.html (the Preact sidebar, JS and CSS inlined) in the spreadsheet's sidebar. */
export function showSidebar(): void {
  const lang = langOfLocale(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetLocale());
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(TITLE[lang]);
  SpreadsheetApp.getUi().showSidebar(html);
}
