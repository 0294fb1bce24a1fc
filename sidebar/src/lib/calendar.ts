/** Follow-ups on the calendar (docs/WORKSPACE.md): the owner's sync right after their own save. */
import type { Values } from '../../../src/core';
import { serverFunctions } from '../rpc';

const mine = (record: Values, user: string) => String(record.owner ?? '').toLowerCase() === user.toLowerCase();

/**
 * A saved follow-up of the user's whose event is out of date: their calendar follows now (a second
 * call, so the save itself is not kept waiting; should it fail, their hourly trigger catches up).
 * Resolves to the follow-up's event ID in their calendar, null for none, undefined when not synced.
 */
export async function followCalendar(record: Values, user: string): Promise<string | null | undefined> {
  if (record.calendarSync !== true || !mine(record, user)) return undefined;
  try {
    const reply = await serverFunctions.syncMyCalendar([String(record.id)]);
    return reply.ok ? (reply.events[String(record.id)] ?? null) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the follow-up's event is in this user's calendar (its cell names them). */
export const inMyCalendar = (record: Values, user: string) =>
  String(record.calendarEvent ?? '')
    .toLowerCase()
    .startsWith(`${user.toLowerCase()} `);
