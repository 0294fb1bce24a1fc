/** createRuntime: one emulated Apps Script environment around a workbook. */
import { Env } from './emulator/env';
import { DOCUMENT_MIME, documentPdf } from './emulator/services/document';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppsScriptManifest, createGlobals } from './emulator/globals';
import { newFileId, Workbook } from './emulator/model/workbook';
import { applyUserEdit } from './emulator/userEdit';
import { mailboxOf } from './emulator/services/gmail/gmailApp';
import type { Mailbox, NewMail } from './emulator/services/gmail/mailbox';
import { satisfiesRule } from './emulator/spreadsheet/validationRules';
import {
  AppsScriptGlobals,
  CalendarEventInfo,
  CallStats,
  DriveFileInfo,
  EditEvent,
  FetchAnswer,
  FetchRecord,
  LockKind,
  MenuInfo,
  RuntimeOptions,
  SentMail,
  TriggerInfo,
} from './types';

export interface RuntimeFaults {
  /**
   * Another "process" holds this lock: waitLock throws, tryLock returns false (after waiting out
   * its timeout on the virtual clock). With `forMs`, the other execution releases it that long from
   * now: a wait at least that long gets the lock (the clock moves to the release), a shorter one
   * times out.
   */
  holdLock(kind: LockKind, forMs?: number): void;
  releaseHeldLock(kind: LockKind): void;
  /** The n-th next round trip throws `Exception: message`. */
  failAfter(n: number, message?: string): void;
  /**
   * The execution is cut off at its time limit at the n-th next round trip: that round trip and
   * every later one throw "Exceeded maximum execution time", so nothing after it lands (no
   * cleanup, no error mark). Cleared by clear(), as a new execution would start.
   */
  cutOffAfter(n: number): void;
  /** The n-th next MailApp.sendEmail throws (nothing sent); `sticky`: every later one too, until clear(). */
  failMailAfter(n: number, message?: string, sticky?: boolean): void;
  clear(): void;
}

export interface Runtime {
  /** SpreadsheetApp, Charts, PropertiesService, CacheService, LockService, ScriptApp, Session, Utilities, HtmlService, MailApp, UrlFetchApp, DriveApp, Logger, MimeType, console */
  globals: Record<string, unknown>;
  /** Host-side model, not counted: tests read/write cells through it. */
  workbook: Workbook;
  stats(): CallStats;
  resetStats(): void;
  setUser(email: string): void;
  /**
   * The user the script runs as when it is not the active user (null: the same), as in a web app
   * deployed to execute as its owner: `setUser('')` + `setEffectiveUser(owner)` is an anonymous visitor.
   */
  setEffectiveUser(email: string | null): void;
  /** What ScriptApp.getService().getUrl() answers (null: a default /exec address). */
  setWebAppUrl(url: string | null): void;
  setLocale(locale: string): void;
  now(): Date;
  advanceClock(ms: number): void;
  /** MailApp outbox. */
  mail: SentMail[];
  /**
   * UrlFetchApp without a network: the requests made, and answers scripted per host name (used in
   * order, one per request, before the host's default: the chat robots' success replies for the
   * known webhook hosts, "DNS error" for others). An answer may be a function of the request.
   */
  urlFetch: {
    requests: FetchRecord[];
    answer(host: string, ...answers: (FetchAnswer | ((request: FetchRecord) => FetchAnswer))[]): void;
    /** Forgets the scripted answers not used yet. */
    clearAnswers(): void;
  };
  triggers(): TriggerInfo[];
  /** Who installed a trigger (it runs as them), or null when there is no such trigger. */
  triggerOwner(uid: string): string | null;
  /**
   * Gmail without a network: each person's mailbox, which GmailApp reads as the user the script
   * runs as. Mail GmailApp sends also goes to `mail` (the outbox MailApp shares).
   */
  gmail: {
    /** `user`'s mailbox (made empty on first use). */
    mailbox(user: string): Mailbox;
    /** Whose mailboxes exist. */
    users(): string[];
    /** A message arrives in (or was sent from) `user`'s mailbox: its ID and its thread's. */
    deliver(user: string, mail: NewMail): { id: string; threadId: string };
    /** The n-th next Gmail round trip on `user`'s mailbox throws `Exception: message`. */
    failAfter(user: string, n: number, message?: string): void;
  };
  ui: {
    menus: MenuInfo[];
    sidebar: { title: string; html: string } | null;
    dialog: { title: string; html: string; modal: boolean } | null;
    alerts: string[];
    toasts: string[];
  };
  faults: RuntimeFaults;
  /** A person typing/pasting at (row, column); returns the installable onEdit event object. */
  userEdit(sheetName: string, row: number, column: number, values: unknown[][]): EditEvent;
  /**
   * What Sheets shows for a cell's data validation: 'invalid' is the red corner of a value its rule
   * (allowInvalid) does not accept, judged against the rule's source as it stands now.
   */
  validationStatus(sheetName: string, row: number, column: number): 'none' | 'valid' | 'invalid';
  /** CalendarApp's calendars: each user's default calendar's events (soonest first), and who has one. */
  calendar: { events(user: string): CalendarEventInfo[]; users(): string[] };
  drive: {
    files(): DriveFileInfo[];
    /** Folders (My Drive's root included), as files() lists files. */
    folders(): DriveFileInfo[];
    workbook(id: string): Workbook | undefined;
    /** A file's bytes: an uploaded or created file's, a Google Doc's PDF; null for folders, spreadsheets and unknown IDs. */
    content(id: string): Buffer | null;
  };
  /** Google Docs as a person makes them in Docs (a template of their own): paragraphs and tables of text. */
  documents: { create(name: string, body: readonly (string | string[][])[]): string };
  /** Logger.log / console.* lines. */
  logs: string[];
}

const envs = new WeakMap<Runtime, Env>();

/** Drive's files or its folders, as the host sees them (copies: the caller cannot change Drive). */
function driveEntries(env: Env, folders: boolean): DriveFileInfo[] {
  return [...env.drive.values()]
    .filter((e) => (e.kind === 'folder') === folders)
    .map(({ id, name, mimeType, trashed, createdAt, folderIds }) => ({
      id,
      name,
      mimeType,
      trashed,
      createdAt: new Date(createdAt),
      folderIds: [...folderIds],
    }));
}

/** The project's manifest (repo root), which decides the advanced services the bundle sees. */
export const DEFAULT_MANIFEST_PATH = resolve(__dirname, '../../appsscript.json');

function loadManifest(option: RuntimeOptions['manifest']): AppsScriptManifest | null {
  if (option === null) return null;
  if (typeof option === 'object') return option;
  return JSON.parse(readFileSync(option ?? DEFAULT_MANIFEST_PATH, 'utf8')) as AppsScriptManifest;
}

/** Internal: the Env behind a runtime (loader sets the bundle's realm on it). */
export function envOf(runtime: Runtime): Env {
  const env = envs.get(runtime);
  if (!env) throw new Error('not a runtime created by createRuntime');
  return env;
}

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const workbook =
    options.workbook ??
    new Workbook({
      name: options.spreadsheetName ?? 'sheets-crm',
      locale: options.locale ?? 'zh_CN',
      timeZone: options.timeZone ?? 'Asia/Shanghai',
      owner: options.owner ?? 'owner@example.com',
    });
  if (options.workbook) {
    if (options.locale) workbook.locale = options.locale;
    if (options.timeZone) workbook.timeZone = options.timeZone;
    if (options.owner) workbook.owner = options.owner;
    if (options.spreadsheetName) workbook.name = options.spreadsheetName;
  }
  const env = new Env({
    workbook,
    user: options.user ?? 'owner@example.com',
    userLocale: options.userLocale ?? null,
    scriptTimeZone: options.scriptTimeZone ?? 'Asia/Shanghai',
    nowMs: (options.now ?? new Date()).getTime(),
    htmlFiles: { ...(options.htmlFiles ?? {}) },
    echoLogs: options.echoLogs === true,
  });
  const runtime: Runtime = {
    globals: createGlobals(env, loadManifest(options.manifest)),
    workbook,
    stats: () => structuredClone(env.instrument.stats),
    resetStats: () => env.instrument.resetStats(),
    setUser: (email) => {
      env.user = email;
    },
    setEffectiveUser: (email) => {
      env.effectiveUser = email;
    },
    setWebAppUrl: (url) => {
      env.webAppUrl = url;
    },
    setLocale: (locale) => {
      workbook.locale = locale;
    },
    now: () => new Date(env.nowMs),
    advanceClock: (ms) => {
      env.nowMs += ms;
    },
    mail: env.mail,
    urlFetch: {
      requests: env.fetches,
      answer: (host, ...answers) => {
        const list = env.fetchScript.get(host) ?? [];
        list.push(...answers);
        env.fetchScript.set(host, list);
      },
      clearAnswers: () => env.fetchScript.clear(),
    },
    triggers: () => workbook.state.triggers.map(({ owner: _owner, ...t }) => structuredClone(t)),
    triggerOwner: (uid) => workbook.state.triggers.find((t) => t.uid === uid)?.owner ?? null,
    gmail: {
      mailbox: (user) => mailboxOf(env, user),
      users: () => [...env.gmail.keys()],
      deliver: (user, mail) => {
        const m = mailboxOf(env, user).add(mail);
        return { id: m.id, threadId: m.threadId };
      },
      failAfter: (user, n, message) => {
        mailboxOf(env, user).failure = { remaining: Math.max(1, n), message: message ?? 'Gmail operation not allowed. : Backend Error' };
      },
    },
    ui: env.ui,
    faults: {
      holdLock: (kind, forMs) => {
        env.heldLocks.set(kind, forMs === undefined ? Infinity : env.nowMs + Math.max(0, forMs));
      },
      releaseHeldLock: (kind) => {
        env.heldLocks.delete(kind);
      },
      failAfter: (n, message) =>
        env.instrument.failAfter(n, message ?? `Service Spreadsheets failed while accessing document with id ${workbook.id}.`),
      cutOffAfter: (n) => env.instrument.failAfter(n, 'Exceeded maximum execution time', true),
      failMailAfter: (n, message, sticky) => {
        env.mailFailure = { remaining: Math.max(1, n), message: message ?? 'Service error: Mail', sticky: sticky === true };
      },
      clear: () => {
        env.mailFailure = null;
        env.heldLocks.clear();
        env.instrument.clearFailure();
      },
    },
    userEdit: (sheetName, row, column, values) => applyUserEdit(env, sheetName, row, column, values),
    validationStatus: (sheetName, row, column) => {
      const sheet = workbook.getSheet(sheetName);
      if (!sheet) throw new Error(`No sheet named "${sheetName}"`);
      const rule = sheet.validations.get(row, column);
      if (!rule) return 'none';
      return satisfiesRule(sheet.getCell(row, column), rule, workbook) ? 'valid' : 'invalid';
    },
    documents: {
      create: (name, body) => {
        const id = newFileId();
        env.documents.set(id, {
          body: body.map((b) =>
            typeof b === 'string'
              ? { type: 'paragraph', text: b, heading: 'NORMAL' }
              : { type: 'table', rows: b.map((r) => ({ cells: r.map((text) => ({ text })) })) },
          ),
        });
        env.drive.set(id, {
          id,
          name,
          mimeType: DOCUMENT_MIME,
          trashed: false,
          createdAt: new Date(env.nowMs),
          folderIds: [env.rootFolderId],
          kind: 'document',
        });
        return id;
      },
    },
    drive: {
      files: () => driveEntries(env, false),
      folders: () => driveEntries(env, true),
      content: (id) => {
        const e = env.drive.get(id);
        const doc = env.documents.get(id);
        if (e && doc) return documentPdf(doc, e.name, env.nowMs);
        return e?.content ? Buffer.from(e.content) : null;
      },
      workbook: (id) => env.workbooks.get(id),
    },
    calendar: {
      events: (user) =>
        (workbook.state.calendars?.[user]?.events ?? [])
          .map((e) => ({
            id: e.id,
            title: e.title,
            start: new Date(e.start),
            end: new Date(e.end),
            description: e.description,
            location: e.location,
            tags: { ...e.tags },
            popupReminders: [...e.popupReminders],
          }))
          .sort((a, b) => a.start.getTime() - b.start.getTime()),
      users: () => Object.keys(workbook.state.calendars ?? {}),
    },
    logs: env.logs,
  };
  envs.set(runtime, env);
  return runtime;
}

/** runtime.globals typed as Apps Script's services (host-side convenience; still counted proxies). */
export function appsScript(runtime: Runtime): AppsScriptGlobals {
  return runtime.globals as unknown as AppsScriptGlobals;
}
