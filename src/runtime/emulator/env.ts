/**
 * Shared state of one runtime: the open workbooks, virtual clock, user, counters and the records
 * the host inspects (UI, outbox, Drive). Every service object holds the Env it belongs to.
 */
import { DriveFileInfo, FetchAnswer, FetchRecord, LockKind, SentMail, UiRecord } from '../types';
import { Instrument, Service } from './instrument';
import { Workbook } from './model/workbook';
import type { DocModel } from './services/document';
import type { FormModel } from './services/forms';
import type { Mailbox } from './services/gmail/mailbox';

/** Constructors of the realm the bundle runs in (host ones until loadBundle creates a context). */
export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export interface DriveEntry extends DriveFileInfo {
  /** Spreadsheets have a workbook, Docs a model in Env.documents; folders have kind 'folder'. */
  kind: 'spreadsheet' | 'document' | 'folder' | 'file';
  /** The bytes of an uploaded or created file. */
  content?: Buffer;
}

export interface EnvInit {
  workbook: Workbook;
  user: string;
  userLocale: string | null;
  scriptTimeZone: string;
  nowMs: number;
  htmlFiles: Record<string, string>;
  echoLogs: boolean;
}

export class Env {
  realm: Realm = { Date, Error };
  readonly instrument = new Instrument((message) => new this.realm.Error(message));
  readonly workbooks = new Map<string, Workbook>();
  workbook: Workbook;
  user: string;
  /** null: follow the spreadsheet locale. */
  userLocale: string | null;
  scriptTimeZone: string;
  nowMs: number;
  readonly htmlFiles: Record<string, string>;
  readonly echoLogs: boolean;
  readonly ui: UiRecord = { menus: [], sidebar: null, dialog: null, alerts: [], toasts: [] };
  readonly mail: SentMail[] = [];
  /** A scripted MailApp failure: the n-th next sendEmail throws `message` (nothing sent); sticky: every later one too. */
  mailFailure: { remaining: number; message: string; sticky: boolean } | null = null;
  /** UrlFetchApp's requests, in order. */
  readonly fetches: FetchRecord[] = [];
  /** Answers scripted per host name, used first-in first-out before the host's default. */
  readonly fetchScript = new Map<string, (FetchAnswer | ((request: FetchRecord) => FetchAnswer))[]>();
  readonly logs: string[] = [];
  readonly drive = new Map<string, DriveEntry>();
  /** Google Docs made or copied through DocumentApp and DriveApp, by file ID (their Drive entries are in `drive`). */
  readonly documents = new Map<string, DocModel>();
  /** Gmail mailboxes by their owner's address (lower case): GmailApp reads the one of whom the script runs as. */
  readonly gmail = new Map<string, Mailbox>();
  /** Google Forms made or opened through FormApp (host-side: src/runtime/forms.ts answers them). */
  readonly forms = new Map<string, FormModel>();
  /** Locks another execution holds, with the virtual time it releases them at (Infinity: until released). */
  readonly heldLocks = new Map<LockKind, number>();
  readonly rootFolderId = 'root-folder';
  /**
   * The user the script runs as, when not the active user (null: the same): a web app deployed to
   * execute as its owner, opened by a visitor (the active user then '' for anyone outside the domain).
   */
  effectiveUser: string | null = null;
  /** Who the script runs as: protections, triggers, user properties and caches are this person's. */
  get runAs(): string {
    return this.effectiveUser ?? this.user;
  }
  /** What ScriptApp.getService().getUrl() answers (null: the default /exec address). */
  webAppUrl: string | null = null;

  constructor(init: EnvInit) {
    this.workbook = init.workbook;
    this.user = init.user;
    this.userLocale = init.userLocale;
    this.scriptTimeZone = init.scriptTimeZone;
    this.nowMs = init.nowMs;
    this.htmlFiles = init.htmlFiles;
    this.echoLogs = init.echoLogs;
    this.addWorkbook(init.workbook);
    this.drive.set(this.rootFolderId, {
      id: this.rootFolderId,
      name: 'My Drive',
      mimeType: 'application/vnd.google-apps.folder',
      trashed: false,
      createdAt: new Date(init.nowMs),
      folderIds: [],
      kind: 'folder',
    });
  }

  addWorkbook(wb: Workbook, folderIds: string[] = [this.rootFolderId]): void {
    this.workbooks.set(wb.id, wb);
    if (!this.drive.has(wb.id)) {
      this.drive.set(wb.id, {
        id: wb.id,
        name: wb.name,
        mimeType: 'application/vnd.google-apps.spreadsheet',
        trashed: false,
        createdAt: new Date(this.nowMs),
        folderIds,
        kind: 'spreadsheet',
      });
    }
  }

  /** A Date in the bundle's realm. */
  date(ms: number): Date {
    return new this.realm.Date(ms);
  }

  expose<T>(service: Service): T {
    return this.instrument.expose<T>(service);
  }

  log(line: string): void {
    this.logs.push(line);
    if (this.echoLogs) process.stdout.write(`${line}\n`);
  }
}
