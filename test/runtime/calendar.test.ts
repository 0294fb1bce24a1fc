import { DAILY_EVENT_QUOTA } from '../../src/runtime/emulator/services/calendar';
import { setup, T0 } from './helpers';

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('CalendarApp', () => {
  it("creates, finds, changes and deletes events in the running user's default calendar", () => {
    const { CalendarApp, rt } = setup({ user: 'rep@example.com' });
    const cal = CalendarApp.getDefaultCalendar();
    expect(cal.getId()).toBe('rep@example.com');
    expect(cal.isOwnedByMe()).toBe(true);
    const e = cal.createEvent('Call ACME', at(60), at(90), { description: 'link', location: 'Shanghai' });
    e.setTag('crmFollowUp', 'F20240315001').addPopupReminder(10);
    expect(e.getId()).toMatch(/^[0-9a-f]+@google\.com$/);
    expect(e.getTag('crmFollowUp')).toBe('F20240315001');
    expect(e.getTag('other')).toBeNull();
    expect(e.getAllTagKeys()).toEqual(['crmFollowUp']);
    expect(e.getPopupReminders()).toEqual([10]);
    expect(e.getDescription()).toBe('link');
    // CalendarApp acts on the default calendar too; getEventById finds it by its iCal ID.
    const again = CalendarApp.getEventById(e.getId());
    expect(again?.getTitle()).toBe('Call ACME');
    again?.setTitle('Call ACME again').setTime(at(120), at(150)).setDescription('new link');
    expect(rt.calendar.events('rep@example.com')).toEqual([
      expect.objectContaining({ title: 'Call ACME again', start: at(120), end: at(150), description: 'new link', popupReminders: [10] }),
    ]);
    // getEvents: the events overlapping the range, soonest first.
    CalendarApp.createEvent('Earlier', at(0), at(30));
    expect(CalendarApp.getEvents(at(0), at(200)).map((x) => x.getTitle())).toEqual(['Earlier', 'Call ACME again']);
    expect(CalendarApp.getEvents(at(30), at(120)).map((x) => x.getTitle())).toEqual([]);
    expect(cal.getEvents(at(100), at(130)).map((x) => x.getTitle())).toEqual(['Call ACME again']);
    e.deleteEvent();
    expect(CalendarApp.getEventById(e.getId())).toBeNull();
    expect(() => e.setTitle('gone')).toThrow(/does not exist or it has already been deleted/);
    expect(rt.calendar.events('rep@example.com').map((x) => x.title)).toEqual(['Earlier']);
  });

  it("reaches only the running user's calendars: each user has their own", () => {
    const { CalendarApp, rt } = setup({ user: 'rep@example.com' });
    const repEvent = CalendarApp.createEvent('Rep call', at(60), at(90));
    rt.setUser('boss@example.com');
    expect(CalendarApp.getDefaultCalendar().getId()).toBe('boss@example.com');
    expect(CalendarApp.getEventById(repEvent.getId())).toBeNull();
    expect(CalendarApp.getCalendarById('rep@example.com')).toBeNull();
    CalendarApp.createEvent('Boss call', at(60), at(90));
    expect(rt.calendar.events('rep@example.com').map((x) => x.title)).toEqual(['Rep call']);
    expect(rt.calendar.events('boss@example.com').map((x) => x.title)).toEqual(['Boss call']);
    // A time-driven trigger installed by the rep runs as the rep (the effective user).
    rt.setUser('');
    rt.setEffectiveUser('rep@example.com');
    expect(CalendarApp.getEvents(at(0), at(200)).map((x) => x.getTitle())).toEqual(['Rep call']);
  });

  it('refuses what Apps Script refuses, with its messages', () => {
    const { CalendarApp } = setup();
    const api = CalendarApp as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(() => api.createEvent('x', '2024-03-15', at(30))).toThrow(
      /don't match the method signature for CalendarApp.Calendar.createEvent/,
    );
    expect(() => CalendarApp.createEvent('x', at(30), at(0))).toThrow(/start date must be before event end date/);
    const e = CalendarApp.createEvent('x', at(0), at(30));
    expect(() => e.addPopupReminder(-5)).toThrow(/Invalid argument/);
    // Methods Apps Script lacks do not exist.
    expect((CalendarApp as unknown as Record<string, unknown>).deleteEventById).toBeUndefined();
    expect((e as unknown as Record<string, unknown>).moveTo).toBeUndefined();
  });

  it('counts calls: fetches and changes are round trips, an event read is not', () => {
    const { CalendarApp, rt } = setup();
    const e = CalendarApp.createEvent('x', at(0), at(30));
    e.getTitle();
    e.getStartTime();
    e.setTag('k', 'v');
    CalendarApp.getEvents(at(0), at(30));
    const s = rt.stats();
    expect(s.byMethod).toEqual({
      'CalendarApp.createEvent': 1,
      'CalendarEvent.getTitle': 1,
      'CalendarEvent.getStartTime': 1,
      'CalendarEvent.setTag': 1,
      'CalendarApp.getEvents': 1,
    });
    expect(s.roundTrips).toBe(3);
    // A fault at the next round trip fails the Calendar call like any service.
    rt.faults.failAfter(1, 'Service Calendar failed');
    expect(() => CalendarApp.createEvent('y', at(0), at(30))).toThrow(/Service Calendar failed/);
    expect(rt.calendar.events('owner@example.com').map((x) => x.title)).toEqual(['x']);
  });

  it('enforces the daily quota of events created, per user, by the virtual clock', () => {
    const { CalendarApp, rt } = setup();
    const state = rt.workbook.state.calendars?.['owner@example.com'];
    expect(state).toBeUndefined();
    CalendarApp.createEvent('first', at(0), at(30));
    const cal = rt.workbook.state.calendars?.['owner@example.com'];
    if (!cal?.created) throw new Error('no quota record');
    cal.created.count = DAILY_EVENT_QUOTA;
    expect(() => CalendarApp.createEvent('over', at(0), at(30))).toThrow(/too many times for one day: calendar/);
    rt.advanceClock(24 * 3600_000);
    expect(CalendarApp.createEvent('next day', at(0), at(30)).getTitle()).toBe('next day');
  });
});
