/**
 * Follow-ups on the calendar (docs/WORKSPACE.md): each person turns it on for themselves; their
 * follow-ups' next times then become events in their own default calendar.
 */
import * as z from 'zod/mini';
import { idArg, NO_ARGS, signature } from '../args';
import { openContext } from '../context';
import { enveloped, throwing } from '../entry';
import { ownTriggers, setOwnTrigger, type TriggerSpec } from '../triggers';
import { forgetRegistry, readRegistry, writeRegistry } from './registry';
import { syncCalendar as syncRun, type SyncReport } from './sync';

/** The per-person trigger (it runs as whoever turned the calendar on). */
/** Each person's hourly sync: it runs as them, the only way to reach their calendar. */
const SYNC_TRIGGER: TriggerSpec = { handler: 'syncCalendar', kind: 'hourly', everyHours: 1 };

export interface CalendarSetting {
  /** The running user's choice. */
  on: boolean;
  /** Their hourly sync trigger is installed (it is while on). */
  trigger: boolean;
}

/**
 * setCalendarSync(on): turns "follow-ups on my calendar" on or off for the running user. On: they
 * join the registry and their hourly sync trigger is installed (exactly one; it runs as them, the
 * only way to reach their calendar when someone else changes their follow-ups); off: both undone,
 * and the events already made stay in the calendar as they are.
 */
export const setCalendarSync = enveloped(
  signature(['on'], z.boolean()),
  (on): { ok: true } & CalendarSetting => {
    const ctx = openContext();
    const user = ctx.user.toLowerCase();
    ctx.store.withLock(() => {
      const registry = readRegistry();
      const users = registry.users.filter((u) => u !== user);
      if (on) users.push(user);
      if (users.length !== registry.users.length || on !== registry.users.includes(user)) writeRegistry({ users });
      forgetRegistry(ctx);
      setOwnTrigger(SYNC_TRIGGER, on);
    });
    return { ok: true, on, trigger: on };
  },
  'write',
);

/** getCalendarSync(): whether the running user has the calendar on, and their trigger. */
export const getCalendarSync = throwing(
  NO_ARGS,
  (): CalendarSetting => {
    const user = openContext().user.toLowerCase();
    return { on: readRegistry().users.includes(user), trigger: ownTriggers(SYNC_TRIGGER.handler).length > 0 };
  },
  'read',
);

/**
 * syncMyCalendar(ids): the running user's calendar follows these follow-ups now (the sidebar calls
 * it right after saving or deleting one of theirs); others' follow-ups among them are left to
 * their owners' syncs. → `{ ok: true, ...SyncReport }`.
 */
export const syncMyCalendar = enveloped(
  signature(['ids'], z.array(idArg).check(z.minLength(1), z.maxLength(50))),
  (ids): { ok: true } & SyncReport => ({ ok: true, ...syncRun(openContext(), ids) }),
  'write',
);

/** syncCalendar(e): the hourly trigger of each person who turned the calendar on; runs as them. */
export const syncCalendar = throwing(NO_ARGS, (): SyncReport => syncRun(openContext(), null), 'write');
