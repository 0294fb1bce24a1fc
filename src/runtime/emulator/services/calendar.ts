/**
 * CalendarApp: each user's default calendar (its ID is the user's email), events with tags and
 * popup reminders, kept in the workbook's runtime state so the dev server's calendars survive a
 * restart. CalendarApp reaches only the calendars of whoever the script runs as (Env.runAs): a
 * manager's execution cannot open a rep's calendar (getCalendarById answers null, as for a
 * calendar not shared with you). Creating events counts against Apps Script's daily quota
 * (consumer accounts: 5,000 a day, per user, on the virtual clock).
 *
 * Round trips: fetching a calendar or events, and every change, asks Calendar's servers; an
 * event's getters read what the fetch brought (local).
 */
import { randomBytes } from 'node:crypto';
import { Env } from '../env';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { isDateValue, toHostDate } from '../model/cellValue';
import { CalendarData, CalendarEventData } from '../model/specs';
import { wallClock } from '../model/timeZone';

/** Calendar events created per user per day (Apps Script quotas, consumer accounts). */
export const DAILY_EVENT_QUOTA = 5000;
const MAX_TITLE = 1024;
const MAX_DESCRIPTION = 8192;
const NOT_FOUND = 'The event does not exist or it has already been deleted.';

function calendars(env: Env): Record<string, CalendarData> {
  return (env.workbook.state.calendars ??= {});
}

/** The user's default calendar, made on first use (every Google account has one). */
export function calendarOf(env: Env, user: string): CalendarData {
  const all = calendars(env);
  return (all[user] ??= { id: user, owner: user, name: user, timeZone: env.scriptTimeZone, events: [], created: null });
}

function hostDate(v: unknown, method: string, args: unknown[]): Date {
  if (!isDateValue(v)) throw signatureError(method, args);
  const d = toHostDate(v);
  if (Number.isNaN(d.getTime())) throw gasError('Invalid argument: date');
  return d;
}

function dayOf(env: Env, ms: number): string {
  const w = wallClock(ms, env.scriptTimeZone);
  return `${w.year}-${w.month}-${w.day}`;
}

interface EventOptions {
  description?: unknown;
  location?: unknown;
  guests?: unknown;
  sendInvites?: unknown;
}

export class EmuCalendarEvent extends Service {
  constructor(
    private readonly env: Env,
    private readonly cal: CalendarData,
    private readonly e: CalendarEventData,
  ) {
    super();
  }
  private _live(): CalendarEventData {
    if (!this.cal.events.includes(this.e)) throw gasError(NOT_FOUND);
    return this.e;
  }
  private _touch(): this {
    this.e.updated = new Date(this.env.nowMs);
    return this;
  }
  getId(): string {
    return this.e.id;
  }
  getOriginalCalendarId(): string {
    return this.cal.id;
  }
  getTitle(): string {
    return this.e.title;
  }
  setTitle(title: string): this {
    if (typeof title !== 'string') throw signatureError('CalendarApp.CalendarEvent.setTitle', [title]);
    this._live().title = title.slice(0, MAX_TITLE);
    return this._touch();
  }
  getDescription(): string {
    return this.e.description;
  }
  setDescription(description: string): this {
    if (typeof description !== 'string') throw signatureError('CalendarApp.CalendarEvent.setDescription', [description]);
    this._live().description = description.slice(0, MAX_DESCRIPTION);
    return this._touch();
  }
  getLocation(): string {
    return this.e.location;
  }
  setLocation(location: string): this {
    if (typeof location !== 'string') throw signatureError('CalendarApp.CalendarEvent.setLocation', [location]);
    this._live().location = location;
    return this._touch();
  }
  getStartTime(): Date {
    return this.env.date(this.e.start.getTime());
  }
  getEndTime(): Date {
    return this.env.date(this.e.end.getTime());
  }
  setTime(startTime: Date, endTime: Date): this {
    const start = hostDate(startTime, 'CalendarApp.CalendarEvent.setTime', [startTime, endTime]);
    const end = hostDate(endTime, 'CalendarApp.CalendarEvent.setTime', [startTime, endTime]);
    if (end.getTime() < start.getTime()) throw gasError('Event start date must be before event end date.');
    const e = this._live();
    e.start = start;
    e.end = end;
    return this._touch();
  }
  getTag(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.e.tags, String(key)) ? this.e.tags[String(key)] : null;
  }
  setTag(key: string, value: string): this {
    if (typeof key !== 'string' || typeof value !== 'string') throw signatureError('CalendarApp.CalendarEvent.setTag', [key, value]);
    this._live().tags[key] = value;
    return this._touch();
  }
  deleteTag(key: string): this {
    delete this._live().tags[String(key)];
    return this._touch();
  }
  getAllTagKeys(): string[] {
    return Object.keys(this.e.tags);
  }
  addPopupReminder(minutesBefore: number): this {
    if (typeof minutesBefore !== 'number' || !Number.isInteger(minutesBefore) || minutesBefore < 0 || minutesBefore > 40320) {
      throw gasError('Invalid argument: minutesBefore');
    }
    const e = this._live();
    if (e.popupReminders.length >= 5) throw gasError('Too many reminders: an event has at most 5.');
    e.popupReminders.push(minutesBefore);
    return this._touch();
  }
  getPopupReminders(): number[] {
    return [...this.e.popupReminders];
  }
  removeAllReminders(): this {
    this._live().popupReminders = [];
    return this._touch();
  }
  getGuestList(): never[] {
    return [];
  }
  getDateCreated(): Date {
    return this.env.date(this.e.created.getTime());
  }
  getLastUpdated(): Date {
    return this.env.date(this.e.updated.getTime());
  }
  isOwnedByMe(): boolean {
    return this.cal.owner === this.env.runAs;
  }
  deleteEvent(): void {
    this._live();
    this.cal.events = this.cal.events.filter((x) => x !== this.e);
  }
}

export class EmuCalendar extends Service {
  constructor(
    protected readonly env: Env,
    private readonly userOrNull: string | null = null,
  ) {
    super();
  }
  /** The calendar this object stands for (CalendarApp's own calls act on the runner's default one). */
  protected _cal(): CalendarData {
    return calendarOf(this.env, this.userOrNull ?? this.env.runAs);
  }
  getId(): string {
    return this._cal().id;
  }
  getName(): string {
    return this._cal().name;
  }
  getDescription(): string {
    return '';
  }
  getTimeZone(): string {
    return this._cal().timeZone;
  }
  isOwnedByMe(): boolean {
    return this._cal().owner === this.env.runAs;
  }
  isMyPrimaryCalendar(): boolean {
    return this._cal().id === this.env.runAs;
  }
  createEvent(title: string, startTime: Date, endTime: Date, options?: EventOptions): EmuCalendarEvent {
    const args = [title, startTime, endTime, options];
    if (typeof title !== 'string') throw signatureError('CalendarApp.Calendar.createEvent', args);
    const start = hostDate(startTime, 'CalendarApp.Calendar.createEvent', args);
    const end = hostDate(endTime, 'CalendarApp.Calendar.createEvent', args);
    if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options)))
      throw signatureError('CalendarApp.Calendar.createEvent', args);
    if (end.getTime() < start.getTime()) throw gasError('Event start date must be before event end date.');
    const cal = this._cal();
    if (cal.owner !== this.env.runAs) throw gasError('Action not allowed');
    const today = dayOf(this.env, this.env.nowMs);
    const used = cal.created && cal.created.day === today ? cal.created.count : 0;
    if (used >= DAILY_EVENT_QUOTA) throw gasError('Service invoked too many times for one day: calendar.');
    const now = new Date(this.env.nowMs);
    const e: CalendarEventData = {
      id: `${randomBytes(13).toString('hex')}@google.com`,
      title: title.slice(0, MAX_TITLE),
      start,
      end,
      description: options?.description === undefined ? '' : String(options.description).slice(0, MAX_DESCRIPTION),
      location: options?.location === undefined ? '' : String(options.location),
      guests:
        options?.guests === undefined
          ? []
          : String(options.guests)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
      tags: {},
      popupReminders: [],
      created: now,
      updated: now,
    };
    cal.events.push(e);
    cal.created = { day: today, count: used + 1 };
    return new EmuCalendarEvent(this.env, cal, e);
  }
  /** Events overlapping [startTime, endTime), soonest first. `options` (search, max...) beyond `max` are not emulated. */
  getEvents(startTime: Date, endTime: Date, options?: { max?: unknown; [key: string]: unknown }): EmuCalendarEvent[] {
    const args = [startTime, endTime, options];
    const start = hostDate(startTime, 'CalendarApp.Calendar.getEvents', args);
    const end = hostDate(endTime, 'CalendarApp.Calendar.getEvents', args);
    if (options !== undefined) {
      const unknown = Object.keys(options ?? {}).filter((k) => k !== 'max');
      if (unknown.length) throw gasError(`The local runtime does not emulate getEvents options ${unknown.join(', ')}`);
    }
    const cal = this._cal();
    const found = cal.events
      .filter((e) => e.start.getTime() < end.getTime() && (e.end.getTime() > start.getTime() || e.start.getTime() >= start.getTime()))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    const max = typeof options?.max === 'number' ? options.max : found.length;
    return found.slice(0, max).map((e) => new EmuCalendarEvent(this.env, cal, e));
  }
  getEventById(iCalId: string): EmuCalendarEvent | null {
    if (typeof iCalId !== 'string') throw signatureError('CalendarApp.Calendar.getEventById', [iCalId]);
    const cal = this._cal();
    const e = cal.events.find((x) => x.id === iCalId);
    return e ? new EmuCalendarEvent(this.env, cal, e) : null;
  }
}

/** CalendarApp: also the runner's default calendar (Apps Script's CalendarApp acts as it). */
export class EmuCalendarApp extends EmuCalendar {
  constructor(env: Env) {
    super(env);
  }
  getDefaultCalendar(): EmuCalendar {
    return new EmuCalendar(this.env, this.env.runAs);
  }
  /** Only the runner's own calendar is reachable (no sharing is emulated): another's answers null. */
  getCalendarById(id: string): EmuCalendar | null {
    if (typeof id !== 'string') throw signatureError('CalendarApp.getCalendarById', [id]);
    return id === this.env.runAs ? new EmuCalendar(this.env, id) : null;
  }
  getOwnedCalendarById(id: string): EmuCalendar | null {
    return this.getCalendarById(id);
  }
}

/** Getters read the fetched event; getting calendars and events and every change are round trips. */
const EVENT_LOCAL = [
  'getId',
  'getOriginalCalendarId',
  'getTitle',
  'getDescription',
  'getLocation',
  'getStartTime',
  'getEndTime',
  'getTag',
  'getAllTagKeys',
  'getPopupReminders',
  'getGuestList',
  'getDateCreated',
  'getLastUpdated',
  'isOwnedByMe',
];
const CALENDAR_LOCAL = ['getId', 'getName', 'getDescription', 'getTimeZone', 'isOwnedByMe', 'isMyPrimaryCalendar'];
registerService(EmuCalendarEvent, 'CalendarEvent', { local: EVENT_LOCAL });
registerService(EmuCalendar, 'Calendar', { local: CALENDAR_LOCAL });
registerService(EmuCalendarApp, 'CalendarApp', { local: CALENDAR_LOCAL });
conforms<EmuCalendarEvent, GoogleAppsScript.Calendar.CalendarEvent>(true);
conforms<EmuCalendar, GoogleAppsScript.Calendar.Calendar>(true);
conforms<EmuCalendarApp, GoogleAppsScript.Calendar.CalendarApp>(true);
