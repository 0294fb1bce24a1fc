/** ScriptApp: trigger builders and the installed-trigger list (persisted in the workbook state). */
import { randomInt } from 'node:crypto';
import { Env } from '../env';
import { Enums } from '../enums';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { isDateValue } from '../model/cellValue';
import { TriggerSchedule, TriggerSpec } from '../model/specs';
import { EmuSpreadsheet } from '../spreadsheet/spreadsheet';
import { EmuForm } from './forms';

export const MAX_TRIGGERS_PER_USER = 20;

function newTriggerUid(): string {
  return String(randomInt(1, 2 ** 47)) + String(randomInt(100000, 999999));
}

function install(env: Env, spec: Omit<TriggerSpec, 'uid' | 'owner'>): EmuTrigger {
  const triggers = env.workbook.state.triggers;
  if (triggers.filter((t) => t.owner === env.runAs).length >= MAX_TRIGGERS_PER_USER) {
    throw gasError('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
  }
  const full: TriggerSpec = { ...spec, uid: newTriggerUid(), owner: env.runAs };
  triggers.push(full);
  return new EmuTrigger(full);
}

export class EmuTrigger extends Service {
  constructor(private readonly spec: TriggerSpec) {
    super();
  }
  getHandlerFunction(): string {
    return this.spec.handler;
  }
  getEventType(): string {
    return this.spec.eventType;
  }
  getTriggerSource(): string {
    return this.spec.source;
  }
  getTriggerSourceId(): string | null {
    return this.spec.sourceId;
  }
  getUniqueId(): string {
    return this.spec.uid;
  }
}

export class EmuClockTriggerBuilder extends Service {
  private readonly schedule: TriggerSchedule = {};
  constructor(
    private readonly env: Env,
    private readonly handler: string,
  ) {
    super();
  }
  private _set(patch: TriggerSchedule): this {
    Object.assign(this.schedule, patch);
    return this;
  }
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) throw gasError('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    return this._set({ everyMinutes: n });
  }
  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw gasError('The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
    return this._set({ everyHours: n });
  }
  everyDays(n: number): this {
    return this._set({ everyDays: n });
  }
  everyWeeks(n: number): this {
    return this._set({ everyWeeks: n });
  }
  atHour(hour: number): this {
    if (!(hour >= 0 && hour <= 23)) throw gasError('Invalid argument: hour');
    return this._set({ atHour: hour });
  }
  nearMinute(minute: number): this {
    return this._set({ nearMinute: minute });
  }
  onWeekDay(day: string): this {
    return this._set({ onWeekDay: String(day) });
  }
  onMonthDay(day: number): this {
    return this._set({ onMonthDay: day });
  }
  inTimezone(timezone: string): this {
    return this._set({ timeZone: String(timezone) });
  }
  after(durationMilliseconds: number): this {
    return this._set({ after: durationMilliseconds });
  }
  at(date: Date): this {
    if (!isDateValue(date)) throw signatureError('ScriptApp.ClockTriggerBuilder.at', [date]);
    return this._set({ at: new Date(date.getTime()).toISOString() });
  }
  atDate(year: number, month: number, day: number): this {
    return this._set({ at: new Date(Date.UTC(year, month - 1, day)).toISOString() });
  }
  create(): EmuTrigger {
    const s = this.schedule;
    const recurring = s.everyMinutes || s.everyHours || s.everyDays || s.everyWeeks;
    if (!recurring && s.at === undefined && s.after === undefined)
      throw gasError('The trigger must be configured with a schedule (for example everyHours or at).');
    if ((s.atHour !== undefined || s.nearMinute !== undefined) && !(s.everyDays || s.everyWeeks)) {
      throw gasError('atHour and nearMinute can only be used with everyDays or everyWeeks.');
    }
    return install(this.env, { handler: this.handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, schedule: { ...s } });
  }
}

export class EmuSpreadsheetTriggerBuilder extends Service {
  private eventType: TriggerSpec['eventType'] | null = null;
  constructor(
    private readonly env: Env,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {
    super();
  }
  private _on(eventType: TriggerSpec['eventType']): this {
    this.eventType = eventType;
    return this;
  }
  onOpen(): this {
    return this._on('ON_OPEN');
  }
  onEdit(): this {
    return this._on('ON_EDIT');
  }
  onChange(): this {
    return this._on('ON_CHANGE');
  }
  onFormSubmit(): this {
    return this._on('ON_FORM_SUBMIT');
  }
  create(): EmuTrigger {
    if (!this.eventType) throw gasError('The trigger must be configured with an event type (onOpen, onEdit, onChange or onFormSubmit).');
    return install(this.env, {
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.sourceId,
      schedule: null,
    });
  }
}

export class EmuFormTriggerBuilder extends Service {
  private eventType: TriggerSpec['eventType'] | null = null;
  constructor(
    private readonly env: Env,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {
    super();
  }
  onFormSubmit(): this {
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }
  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }
  create(): EmuTrigger {
    if (!this.eventType) throw gasError('The trigger must be configured with an event type (onOpen or onFormSubmit).');
    if (!this.env.forms.has(this.sourceId))
      throw gasError('No item with the given ID could be found, or you do not have permission to access it.');
    return install(this.env, {
      handler: this.handler,
      eventType: this.eventType,
      source: 'FORMS',
      sourceId: this.sourceId,
      schedule: null,
    });
  }
}

export class EmuTriggerBuilder extends Service {
  constructor(
    private readonly env: Env,
    private readonly handler: string,
  ) {
    super();
  }
  timeBased(): EmuClockTriggerBuilder {
    return new EmuClockTriggerBuilder(this.env, this.handler);
  }
  forSpreadsheet(sheet: EmuSpreadsheet | string): EmuSpreadsheetTriggerBuilder {
    const id = sheet instanceof EmuSpreadsheet ? sheet.getId() : String(sheet);
    return new EmuSpreadsheetTriggerBuilder(this.env, this.handler, id);
  }
  forForm(form: EmuForm | string): EmuFormTriggerBuilder {
    const id = form instanceof EmuForm ? form.getId() : typeof form === 'string' ? form : null;
    if (id === null) throw signatureError('ScriptApp.TriggerBuilder.forForm', [form]);
    return new EmuFormTriggerBuilder(this.env, this.handler, id);
  }
}

/**
 * The script's publishing (ScriptApp.getService()): the web app's URL, as a deployment's /exec
 * address (the runtime's `webAppUrl`, the dev server's portal page when it runs one).
 */
export class EmuScriptService extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  getUrl(): string {
    return this.env.webAppUrl ?? `https://script.google.com/macros/s/script-${this.env.workbook.id}/exec`;
  }
  isEnabled(): boolean {
    return true;
  }
  disable(): void {
    this.env.webAppUrl = null;
  }
}

export class EmuScriptApp extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  get AuthMode(): Record<string, string> {
    return Enums.AuthMode;
  }
  get EventType(): Record<string, string> {
    return Enums.EventType;
  }
  get TriggerSource(): Record<string, string> {
    return Enums.TriggerSource;
  }
  get WeekDay(): Record<string, string> {
    return Enums.WeekDay;
  }
  newTrigger(functionName: string): EmuTriggerBuilder {
    if (typeof functionName !== 'string' || !functionName) throw signatureError('ScriptApp.newTrigger', [functionName]);
    return new EmuTriggerBuilder(this.env, functionName);
  }
  getProjectTriggers(): EmuTrigger[] {
    return this.env.workbook.state.triggers.filter((t) => t.owner === this.env.runAs).map((t) => new EmuTrigger(t));
  }
  getUserTriggers(spreadsheet: EmuSpreadsheet): EmuTrigger[] {
    return this.getProjectTriggers().filter((t) => t.getTriggerSourceId() === spreadsheet.getId());
  }
  deleteTrigger(trigger: EmuTrigger): void {
    if (!(trigger instanceof EmuTrigger)) throw signatureError('ScriptApp.deleteTrigger', [trigger]);
    const state = this.env.workbook.state;
    state.triggers = state.triggers.filter((t) => t.uid !== trigger.getUniqueId());
  }
  getScriptId(): string {
    return `script-${this.env.workbook.id}`;
  }
  getOAuthToken(): string {
    return 'local-oauth-token';
  }
  getService(): EmuScriptService {
    return new EmuScriptService(this.env);
  }
}

registerService(EmuTrigger, 'Trigger', { allLocal: true });
registerService(EmuClockTriggerBuilder, 'ClockTriggerBuilder', {
  local: [
    'everyMinutes',
    'everyHours',
    'everyDays',
    'everyWeeks',
    'atHour',
    'nearMinute',
    'onWeekDay',
    'onMonthDay',
    'inTimezone',
    'after',
    'at',
    'atDate',
  ],
});
registerService(EmuSpreadsheetTriggerBuilder, 'SpreadsheetTriggerBuilder', { local: ['onOpen', 'onEdit', 'onChange', 'onFormSubmit'] });
registerService(EmuFormTriggerBuilder, 'FormTriggerBuilder', { local: ['onFormSubmit', 'onOpen'] });
registerService(EmuTriggerBuilder, 'TriggerBuilder', { allLocal: true });
registerService(EmuScriptService, 'ScriptService', { allLocal: true });
registerService(EmuScriptApp, 'ScriptApp', { local: ['newTrigger', 'getScriptId', 'getOAuthToken', 'getService'] });
conforms<EmuScriptService, GoogleAppsScript.Script.Service>(true);
conforms<EmuTrigger, GoogleAppsScript.Script.Trigger>(true);
conforms<EmuClockTriggerBuilder, GoogleAppsScript.Script.ClockTriggerBuilder>(true);
conforms<EmuSpreadsheetTriggerBuilder, GoogleAppsScript.Script.SpreadsheetTriggerBuilder>(true);
conforms<EmuFormTriggerBuilder, GoogleAppsScript.Script.FormTriggerBuilder>(true);
conforms<EmuTriggerBuilder, GoogleAppsScript.Script.TriggerBuilder>(true);
conforms<EmuScriptApp, GoogleAppsScript.Script.ScriptApp>(true);
