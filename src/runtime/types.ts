/** Public, host-facing types of the local Apps Script runtime. */
import type { TriggerSchedule } from './emulator/model/specs';
import type { Workbook } from './emulator/model/workbook';

export interface RuntimeOptions {
  /** Spreadsheet locale, default 'zh_CN'. */
  locale?: string;
  /** Spreadsheet time zone, default 'Asia/Shanghai'. */
  timeZone?: string;
  /** Session.getScriptTimeZone(), default 'Asia/Shanghai'. */
  scriptTimeZone?: string;
  /** Session.getActiveUserLocale() (e.g. 'en', 'zh-CN'); default follows the spreadsheet locale. */
  userLocale?: string;
  /** Active user email, default 'owner@example.com'. */
  user?: string;
  /** Spreadsheet owner email, default 'owner@example.com'. */
  owner?: string;
  /** Virtual clock start (default: real now). The clock only moves via advanceClock or Utilities.sleep. */
  now?: Date;
  spreadsheetName?: string;
  /** name (without .html) -> content, for HtmlService.createHtmlOutputFromFile / createTemplateFromFile. */
  htmlFiles?: Record<string, string>;
  /** Start from an existing (e.g. loaded) workbook instead of a fresh one. */
  workbook?: Workbook;
  /**
   * The appsscript.json whose enabledAdvancedServices become globals (e.g. `Sheets`): a path, the parsed
   * object, or null for none. Default: the repository's appsscript.json.
   */
  manifest?:
    string | { dependencies?: { enabledAdvancedServices?: { userSymbol?: string; serviceId?: string; version?: string }[] } } | null;
  /** Echo Logger.log / console.* to the host console (default false; always kept in runtime.logs). */
  echoLogs?: boolean;
}

export interface CallStats {
  calls: number;
  roundTrips: number;
  cellsRead: number;
  cellsWritten: number;
  /** key like 'Range.getValues' */
  byMethod: Record<string, number>;
}

export interface SentMail {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  cc?: string;
  bcc?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: { name: string; contentType: string; size: number; data: Buffer }[];
  sentAt: Date;
}

/** One UrlFetchApp request as the emulator saw it, with what it answered. */
export interface FetchRecord {
  url: string;
  host: string;
  method: string;
  headers: Record<string, string>;
  contentType: string | null;
  /** The body as sent (an object payload form-encoded). */
  payload: string;
  /** Virtual time of the request. */
  at: Date;
  /** The status code answered (absent when the request failed on the network). */
  code?: number;
  body?: string;
  /** 'timeout' or 'unreachable' when no answer came. */
  error?: 'timeout' | 'unreachable';
}

/** What a scripted host answers one request: a status and body, a timeout, or an unreachable host. */
export type FetchAnswer = { code: number; body?: string; headers?: Record<string, string> } | { timeout: true } | { unreachable: true };

export interface TriggerInfo {
  uid: string;
  handler: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  source: 'CLOCK' | 'SPREADSHEETS' | 'FORMS';
  sourceId: string | null;
  schedule: TriggerSchedule | null;
}

export type MenuItemInfo =
  { type: 'item'; caption: string; functionName: string } | { type: 'separator' } | { type: 'submenu'; menu: MenuInfo };

export interface MenuInfo {
  name: string;
  addon: boolean;
  items: MenuItemInfo[];
}

export interface UiRecord {
  menus: MenuInfo[];
  sidebar: { title: string; html: string } | null;
  /** Last modal/modeless dialog shown. */
  dialog: { title: string; html: string; modal: boolean } | null;
  alerts: string[];
  toasts: string[];
}

export interface DriveFileInfo {
  id: string;
  name: string;
  mimeType: string;
  trashed: boolean;
  createdAt: Date;
  folderIds: string[];
}

/** What an installable onEdit handler receives. source/range are counted service proxies. */
export interface EditEvent {
  source: GoogleAppsScript.Spreadsheet.Spreadsheet;
  range: GoogleAppsScript.Spreadsheet.Range;
  value?: string;
  oldValue?: string;
  user: GoogleAppsScript.Base.User;
  authMode: string;
  triggerUid: string;
}

/** One event of a user's calendar, as the host sees it (runtime.calendar.events). */
export interface CalendarEventInfo {
  id: string;
  title: string;
  start: Date;
  end: Date;
  description: string;
  location: string;
  tags: Record<string, string>;
  popupReminders: number[];
}

export type LockKind = 'script' | 'document' | 'user';

/** runtime.globals with Apps Script's types, for host-side tests: `const { SpreadsheetApp } = appsScript(rt)`. */
export interface AppsScriptGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  Charts: GoogleAppsScript.Charts.Charts;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  MailApp: GoogleAppsScript.Mail.MailApp;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  DocumentApp: GoogleAppsScript.Document.DocumentApp;
  FormApp: GoogleAppsScript.Forms.FormApp;
  CalendarApp: GoogleAppsScript.Calendar.CalendarApp;
  GmailApp: GoogleAppsScript.Gmail.GmailApp;
  Logger: GoogleAppsScript.Base.Logger;
  /** Present only when appsscript.json enables the Sheets advanced service. */
  Sheets?: GoogleAppsScript.Sheets;
}
