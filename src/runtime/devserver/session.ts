/**
 * One dev-server session: the emulated spreadsheet, the bundle loaded into it, and everything a
 * person can do to it from the page (type into cells, use the CRM menu, call google.script.run
 * from the sidebar, fire time-driven triggers). Every change bumps `revision` and schedules a save.
 */
import { readFileSync } from 'node:fs';
import type { BundleContext, Runtime } from '..';
import { copyResult } from './gasRules';
import { formModels, submitForm, type FormAnswer, type FormModel } from '../forms';
import type { DevState, EditRequest, Outcome, RunReply } from './protocol';
import type { MailPageInput } from './mailPage';
import { tableDef } from '../../schema';
import { sheetInfos } from './sheetData';
import { openWorkbook, saveWorkbook, type WorkbookSource } from './workbookFile';

export interface DevSessionOptions extends WorkbookSource {
  /** Quiet time after a change before the workbook is saved (ExcelJS takes seconds on big books). */
  saveDelayMs: number;
  log: (line: string) => void;
}

/** An error's message, also for errors thrown inside the bundle's own realm (not host Errors). */
const message = (e: unknown) =>
  typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
    ? (e as { message: string }).message
    : String(e);

export class DevSession {
  revision = 0;
  private dirty = false;
  private sidebarOpened = 0;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Time the person moved the clock forward, on top of real time. */
  private clockOffsetMs = 0;
  readonly functions: readonly string[];

  private constructor(
    readonly rt: Runtime,
    readonly api: BundleContext,
    private readonly o: DevSessionOptions,
  ) {
    // The top-level functions of dist/Code.js; names ending in _ are private, as on Apps Script.
    const code = readFileSync(o.bundlePath, 'utf8');
    this.functions = [...code.matchAll(/^function ([A-Za-z$][\w$]*)\(/gm)]
      .map((m) => m[1])
      .filter((n) => !n.endsWith('_') && typeof api[n] === 'function');
  }

  static async open(o: DevSessionOptions): Promise<DevSession> {
    const { rt, api, created } = await openWorkbook(o);
    const session = new DevSession(rt, api, o);
    session.execute(() => api.onOpen?.({ authMode: 'LIMITED', source: null }));
    if (created) {
      o.log(`Created a demo workbook (${o.demoCustomers} customers); saving it to ${o.workbookPath}`);
      session.markChanged();
    }
    return session;
  }

  /** Runs bundle code at the current time (real time plus what the clock was moved by). */
  private execute<T>(fn: () => T): T {
    const target = Date.now() + this.clockOffsetMs;
    const behind = target - this.rt.now().getTime();
    if (behind > 0) this.rt.advanceClock(behind);
    const sidebar = this.rt.ui.sidebar;
    try {
      return fn();
    } finally {
      if (this.rt.ui.sidebar !== sidebar && this.rt.ui.sidebar) this.sidebarOpened++;
    }
  }

  /** The workbook's Google Forms (lead forms made by the CRM). */
  forms(): FormModel[] {
    return formModels(this.rt);
  }

  /** A person answering a form: stored, then the form-submit triggers run through the bundle. */
  submitForm(formId: string, answers: Record<string, FormAnswer>): RunReply {
    try {
      const s = this.execute(() => submitForm(this.rt, this.api, formId, answers));
      const failed = s.fired.find((f) => !f.ok);
      return failed ? { ok: false, error: failed.error ?? 'trigger failed' } : { ok: true, value: { responseId: s.responseId } };
    } catch (e) {
      return { ok: false, error: message(e) };
    } finally {
      this.markChanged();
    }
  }

  /** google.script.run: the result crosses as Apps Script sends it (JSON copy, no Dates). */
  run(fn: string, args: unknown[]): RunReply {
    if (!this.functions.includes(fn)) return { ok: false, error: `Script function not found: ${fn}` };
    try {
      const value = this.execute(() => this.api[fn](...args));
      const copy = copyResult(value);
      return copy.ok ? { ok: true, value: JSON.parse(copy.json) as unknown } : copy;
    } catch (e) {
      return { ok: false, error: message(e) };
    } finally {
      this.markChanged();
    }
  }

  /**
   * The web app (doGet) as a visitor of the owner-run deployment opens it: no active user, the
   * script running as the spreadsheet's owner (the self-service portal's deployment). Answers the
   * page's HTML, or null when doGet answers no HtmlOutput.
   */
  webPage(params: Record<string, string>): string | null {
    const query = new URLSearchParams(params).toString();
    const event = {
      parameter: params,
      parameters: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [v]])),
      queryString: query,
      contextPath: '',
      contentLength: -1,
      pathInfo: '',
    };
    const out = this.asVisitor(() => this.execute(() => this.api.doGet?.(event))) as { getContent?: () => string } | undefined;
    return out && typeof out.getContent === 'function' ? out.getContent() : null;
  }

  /** google.script.run from a web-app page: any function, run as that page's visitor (see webPage). */
  runAsVisitor(fn: string, args: unknown[]): RunReply {
    return this.asVisitor(() => this.run(fn, args));
  }

  private asVisitor<T>(fn: () => T): T {
    const user = this.o.user;
    this.rt.setUser('');
    this.rt.setEffectiveUser(this.rt.workbook.owner);
    try {
      return fn();
    } finally {
      this.rt.setUser(user);
      this.rt.setEffectiveUser(null);
    }
  }

  /**
   * The web app (doGet) as `user` opens it (default: the session's user), with the query's
   * parameters as Apps Script passes them: the page's HTML.
   */
  webApp(params: Record<string, string>, user?: string): string {
    if (typeof this.api.doGet !== 'function') throw new Error('dist/Code.js has no doGet');
    const parameters = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [v]]));
    if (user) this.rt.setUser(user);
    try {
      const out = this.execute(() =>
        this.api.doGet({ parameter: params, parameters, queryString: new URLSearchParams(params).toString() }),
      ) as {
        getContent(): string;
      };
      return out.getContent();
    } finally {
      if (user) this.rt.setUser(this.o.user);
    }
  }

  /** A CRM menu item: only functions the menu really lists. */
  runMenuItem(fn: string): Outcome {
    const listed = this.rt.ui.menus.some((m) => JSON.stringify(m.items).includes(`"functionName":${JSON.stringify(fn)}`));
    if (!listed || typeof this.api[fn] !== 'function') return { ok: false, error: `No menu item runs ${fn}` };
    try {
      this.execute(() => this.api[fn]());
      return { ok: true };
    } catch (e) {
      return { ok: false, error: message(e) };
    } finally {
      this.markChanged();
    }
  }

  /** A person typing into a cell, then the edit triggers: simple onEdit and installable handleEdit. */
  edit(req: EditRequest): Outcome {
    let event;
    try {
      event = this.execute(() => this.rt.userEdit(req.sheet, req.row, req.column, [[req.value]]));
    } catch (e) {
      return { ok: false, error: message(e) };
    }
    this.markChanged();
    const problems: string[] = [];
    for (const handler of ['onEdit', 'handleEdit']) {
      if (typeof this.api[handler] !== 'function') continue;
      try {
        this.execute(() => this.api[handler](event));
      } catch (e) {
        problems.push(`${handler}: ${message(e)}`);
      }
    }
    return problems.length ? { ok: true, note: problems.join('; ') } : { ok: true };
  }

  /** The mail page's data: `user`'s mailbox (default: the dev user), the outbox, what the CRM logged. */
  mailView(user: string | null): MailPageInput {
    const who = (user ?? this.o.user).toLowerCase();
    const users = [...new Set([this.o.user.toLowerCase(), ...this.rt.gmail.users()])].sort();
    const def = tableDef('followUps');
    const sheet = this.rt.workbook.getSheet(def.tab.zh) ?? this.rt.workbook.getSheet(def.tab.en);
    const [header = [], ...rows] = sheet?.getValuesRaw() ?? [];
    const label = def.columns.find((c) => c.key === 'emailId')?.label;
    const at = header.findIndex((h) => h === label?.zh || h === label?.en);
    const logged = new Set(at < 0 ? [] : rows.map((r) => String(r[at] ?? '')).filter(Boolean));
    return {
      user: who,
      users,
      mailbox: users.includes(who) ? this.rt.gmail.mailbox(who) : null,
      outbox: this.rt.mail,
      logged,
      timeZone: this.rt.workbook.timeZone,
    };
  }

  /**
   * Fires every time-driven trigger now, with the event object Apps Script passes, each as the
   * person who installed it (a user's email-logging trigger reads that user's mailbox).
   */
  runTimeTriggers(): { ran: string[]; errors: string[] } {
    const ran: string[] = [];
    const errors: string[] = [];
    for (const t of this.rt.triggers().filter((x) => x.eventType === 'CLOCK')) {
      const fn = this.api[t.handler];
      if (typeof fn !== 'function') {
        errors.push(`${t.handler}: no such function`);
        continue;
      }
      // A time-driven trigger runs as whoever installed it, with no active user (a rep's calendar
      // sync reaches their calendar, their email logging their mailbox).
      const owner = this.rt.triggerOwner(t.uid);
      if (owner && owner !== this.o.user) {
        this.rt.setUser('');
        this.rt.setEffectiveUser(owner);
      }
      try {
        this.execute(() => {
          const now = this.rt.now();
          fn({
            authMode: 'FULL',
            triggerUid: t.uid,
            year: now.getUTCFullYear(),
            month: now.getUTCMonth() + 1,
            'day-of-month': now.getUTCDate(),
            hour: now.getUTCHours(),
            minute: now.getUTCMinutes(),
            second: now.getUTCSeconds(),
            timezone: 'UTC',
          });
        });
        ran.push(t.handler);
      } catch (e) {
        errors.push(`${t.handler}: ${message(e)}`);
      } finally {
        this.rt.setUser(this.o.user);
        this.rt.setEffectiveUser(null);
      }
    }
    this.markChanged();
    return { ran, errors };
  }

  advanceClock(ms: number): void {
    if (!(ms > 0) || ms > 366 * 86400000) throw new Error('advance the clock by 1 ms to 1 year');
    this.clockOffsetMs += ms;
    this.execute(() => undefined);
    this.revision++;
  }

  state(): DevState {
    const { rt } = this;
    return {
      revision: this.revision,
      title: rt.workbook.name,
      locale: rt.workbook.locale,
      user: this.o.user,
      now: new Date(Date.now() + this.clockOffsetMs).toISOString(),
      sheets: sheetInfos(rt.workbook),
      menus: rt.ui.menus,
      sidebar: rt.ui.sidebar ? { title: rt.ui.sidebar.title, opened: this.sidebarOpened } : null,
      triggers: rt.triggers(),
      messages: [...rt.ui.alerts, ...rt.ui.toasts].slice(-5),
      file: this.o.workbookPath,
      dirty: this.dirty,
    };
  }

  closeSidebar(): void {
    this.rt.ui.sidebar = null;
    this.revision++;
  }

  private markChanged(): void {
    this.revision++;
    this.dirty = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      void this.save();
    }, this.o.saveDelayMs);
  }

  /** Saves once at a time; a change during a save is picked up by the next one. */
  save(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await saveWorkbook(this.rt, this.o.workbookPath);
      } catch (e) {
        this.dirty = true;
        this.o.log(`Could not save ${this.o.workbookPath}: ${message(e)}`);
      }
    });
    return this.saving;
  }
}
