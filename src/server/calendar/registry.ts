/**
 * Who wants their follow-ups on their calendar: one document property every execution can read
 * (a manager's save must know whether the rep opted in, and cannot read the rep's user
 * properties). Read at most once per execution, and only by a write that touches a follow-up's
 * next time, plan, customer, owner or event.
 */
import { calendarMayChange, calendarOutOfDate, parseRegistry, type CalendarRegistry } from '../../core/calendar';
import type { Values } from '../../core';
import type { Context } from '../context';

export const CALENDAR_PROPERTY = 'crm.calendar';

export function readRegistry(): CalendarRegistry {
  return parseRegistry(PropertiesService.getDocumentProperties().getProperty(CALENDAR_PROPERTY));
}

export function writeRegistry(registry: CalendarRegistry): void {
  PropertiesService.getDocumentProperties().setProperty(CALENDAR_PROPERTY, JSON.stringify({ users: registry.users }));
}

const read = new WeakMap<Context, CalendarRegistry>();

/** The registry as this execution read it (once). */
export function registryOf(ctx: Context): CalendarRegistry {
  let r = read.get(ctx);
  if (!r) {
    r = readRegistry();
    read.set(ctx, r);
  }
  return r;
}

/** Forget what this execution read (the opt-in entry point changed it). */
export function forgetRegistry(ctx: Context): void {
  read.delete(ctx);
}

/**
 * Whether a write of `after` over `before` (null: new) puts the follow-up's event out of date, so
 * the row is marked (calendarSync) in the same write. The registry is read only when it could.
 */
export function calendarMark(ctx: Context, before: Values | null, after: Values): boolean {
  if (!calendarMayChange(before, after)) return false;
  const registry = registryOf(ctx);
  return calendarOutOfDate(before, after, (u) => registry.users.includes(u));
}
