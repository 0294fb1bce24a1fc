/** The Apps Script globals handed to the bundle: one proxied service object per name. */
import { Env } from './env';
import { EmuCharts } from './spreadsheet/charts';
import { EmuSpreadsheetApp } from './spreadsheet/spreadsheetApp';
import { EmuCacheService } from './services/cache';
import { EmuCalendarApp } from './services/calendar';
import { EmuDocumentApp } from './services/document';
import { EmuDriveApp } from './services/drive';
import { EmuFormApp } from './services/forms';
import { EmuGmailApp } from './services/gmail/gmailApp';
import { EmuHtmlService } from './services/html';
import { EmuLockService } from './services/lock';
import { EmuLogger, makeConsole } from './services/logger';
import { EmuMailApp } from './services/mail';
import { EmuUrlFetchApp } from './services/urlFetch';
import { EmuPropertiesService } from './services/properties';
import { EmuScriptApp } from './services/scriptApp';
import { EmuSession } from './services/session';
import { EmuSheetsAdvanced } from './services/sheetsApi';
import { EmuUtilities } from './services/utilities';

/** Base.MimeType values the bundle may use with Drive/Blob. */
const MIME_TYPES = Object.freeze({
  CSV: 'text/csv',
  PLAIN_TEXT: 'text/plain',
  HTML: 'text/html',
  JAVASCRIPT: 'application/javascript',
  PDF: 'application/pdf',
  ZIP: 'application/zip',
  PNG: 'image/png',
  JPEG: 'image/jpeg',
  FOLDER: 'application/vnd.google-apps.folder',
  GOOGLE_SHEETS: 'application/vnd.google-apps.spreadsheet',
  GOOGLE_DOCS: 'application/vnd.google-apps.document',
  MICROSOFT_EXCEL: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  MICROSOFT_EXCEL_LEGACY: 'application/vnd.ms-excel',
});

/** The part of appsscript.json the runtime reads. */
export interface AppsScriptManifest {
  dependencies?: { enabledAdvancedServices?: { userSymbol?: string; serviceId?: string; version?: string }[] };
  [key: string]: unknown;
}

/** Advanced services the emulator implements, by serviceId and version. */
const ADVANCED: Record<string, { version: string; make: (env: Env) => Parameters<Env['expose']>[0] }> = {
  sheets: { version: 'v4', make: (env) => new EmuSheetsAdvanced(env) },
};

/** Globals for the advanced services the manifest enables (e.g. Sheets); an unknown one is an error, not a silent gap. */
export function advancedServiceGlobals(env: Env, manifest: AppsScriptManifest | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of manifest?.dependencies?.enabledAdvancedServices ?? []) {
    const impl = s.serviceId ? ADVANCED[s.serviceId] : undefined;
    if (!impl || impl.version !== s.version || !s.userSymbol) {
      throw new Error(`appsscript.json enables advanced service ${JSON.stringify(s)}, which the local runtime does not emulate`);
    }
    out[s.userSymbol] = env.expose(impl.make(env));
  }
  return out;
}

export function createGlobals(env: Env, manifest: AppsScriptManifest | null = null): Record<string, unknown> {
  const x = <T>(s: Parameters<Env['expose']>[0]): T => env.expose<T>(s);
  return {
    ...advancedServiceGlobals(env, manifest),
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
    GmailApp: x(new EmuGmailApp(env)),
    UrlFetchApp: x(new EmuUrlFetchApp(env)),
    DriveApp: x(new EmuDriveApp(env)),
    DocumentApp: x(new EmuDocumentApp(env)),
    FormApp: x(new EmuFormApp(env)),
    CalendarApp: x(new EmuCalendarApp(env)),
    Logger: x(new EmuLogger(env)),
    MimeType: MIME_TYPES,
    console: makeConsole(env),
  };
}
