/** Public API of the local Apps Script runtime (never bundled into dist/Code.js). */
export { appsScript, createRuntime } from './createRuntime';
export type { Runtime, RuntimeFaults } from './createRuntime';
export { loadBundle } from './loader';
export type { BundleContext } from './loader';
export { saveWorkbookXlsx, loadWorkbookXlsx } from './xlsx';
export { Workbook } from './emulator/model/workbook';
export type { WorkbookOptions } from './emulator/model/workbook';
export { SheetModel } from './emulator/model/sheetModel';
export type { CellValue } from './emulator/model/cellValue';
export type {
  AppsScriptGlobals,
  CallStats,
  DriveFileInfo,
  EditEvent,
  FetchAnswer,
  FetchRecord,
  LockKind,
  MenuInfo,
  MenuItemInfo,
  RuntimeOptions,
  SentMail,
  TriggerInfo,
  UiRecord,
} from './types';
export { addForm, fireSubmit, formModel, formModels, submitForm } from './forms';
export type { FiredTrigger, FormAnswer, FormModel, SubmitOptions, Submitted } from './forms';
export { Mailbox, DAILY_GMAIL_READS, addressesOf } from './emulator/services/gmail/mailbox';
export type { NewMail, MailModel } from './emulator/services/gmail/mailbox';
