/** The Apps Script globals handed to the bundle: one proxied service object per name. */
import { Env } from './env';
import { EmuCharts } from './spreadsheet/charts';
import { EmuSpreadsheetApp } from './spreadsheet/spreadsheetApp';
import { EmuCacheService } from './services/cache';
import { EmuDriveApp } from './services/drive';
import { EmuHtmlService } from './services/html';
import { EmuLockService } from './services/lock';
import { EmuLogger, makeConsole } from './services/logger';
import { EmuMailApp } from './services/mail';
import { EmuPropertiesService } from './services/properties';
import { EmuScriptApp } from './services/scriptApp';
import { EmuSession } from './services/session';
import { EmuUtilities } from './services/utilities';

/** Base.MimeType values the bundle may use with Drive/Blob. */
const MIME_TYPES = Object.freeze({
  CSV: 'text/csv', PLAIN_TEXT: 'text/plain', HTML: 'text/html', JAVASCRIPT: 'application/javascript', PDF: 'application/pdf',
  ZIP: 'application/zip', PNG: 'image/png', JPEG: 'image/jpeg', FOLDER: 'application/vnd.google-apps.folder',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', MICROSOFT_EXCEL_LEGACY: 'application/vnd.ms-excel',
});

export function createGlobals(env: Env): Record<string, unknown> {
  const x = <T>(s: Parameters<Env['expose']>[0]): T => env.expose<T>(s);
  return {
    SpreadsheetApp: x(new EmuSpreadsheetApp(env)),
    Charts: x(new EmuCharts()),
    PropertiesService: x(new EmuPropertiesService(env)),
    CacheService: x(new EmuCacheService(env)),
    LockService: x(new EmuLockService(env)),
    ScriptApp: x(new EmuScriptApp(env)),
    Session: x(new EmuSession(env)),
    Utilities: x(new EmuUtilities(env)),
    HtmlService: x(new EmuHtmlService(env)),
    MailApp: x(new EmuMailApp(env)),
    DriveApp: x(new EmuDriveApp(env)),
    Logger: x(new EmuLogger(env)),
    MimeType: MIME_TYPES,
    console: makeConsole(env),
  };
}
