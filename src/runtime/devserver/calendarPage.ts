/**
 * Each user's calendar (GET /calendar): the events CalendarApp holds in the dev server's runtime,
 * per user, by day, with their reminders and descriptions (the CRM's follow-ups turned into events:
 * docs/WORKSPACE.md). `?user=<email>` shows one person's. Nothing leaves this machine.
 */
import type { CalendarEventInfo } from '../types';
import { escapeHtml as esc } from '../emulator/services/html';

export function calendarPage(calendars: readonly { user: string; events: readonly CalendarEventInfo[] }[], timeZone: string): string {
  const local = (d: Date) => d.toLocaleString('sv-SE', { timeZone }).slice(0, 16);
  const sections = calendars
    .map(({ user, events }) => {
      const days = new Map<string, CalendarEventInfo[]>();
      for (const e of events) days.set(local(e.start).slice(0, 10), [...(days.get(local(e.start).slice(0, 10)) ?? []), e]);
      const list = [...days]
        .map(
          ([day, list]) =>
            `<h3>${esc(day)}</h3><ul>${list
              .map(
                (e) =>
                  `<li class="event" data-id="${esc(e.id)}"><b>${esc(local(e.start).slice(11))}–${esc(local(e.end).slice(11))}</b> <span class="title">${esc(e.title)}</span>` +
                  `${e.popupReminders.length ? ` <span class="rem">reminder ${e.popupReminders.map((m) => `${m} min`).join(', ')}</span>` : ''}` +
                  `<pre>${esc(e.description)}</pre></li>`,
              )
              .join('')}</ul>`,
        )
        .join('\n');
      return `<section aria-label="${esc(user)}"><h2>${esc(user)} <small>(${events.length})</small></h2>${list || '<p>No events.</p>'}</section>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Calendars</title>
<style>body{font:14px sans-serif;margin:24px;max-width:900px}h3{margin:12px 0 4px;color:#1a73e8}ul{list-style:none;padding:0;margin:0}.event{border-left:4px solid #1a73e8;background:#e8f0fe;margin:4px 0;padding:6px 10px}pre{white-space:pre-wrap;margin:4px 0 0;font:12px sans-serif;color:#444}.rem{color:#666;font-size:12px}</style>
</head><body><h1>Calendars / 日历</h1>
<p>Each person's default calendar in the local runtime (CalendarApp). Follow-ups with a next time appear here for people who turned on "follow-ups on my calendar" in the sidebar.</p>
${sections || '<p>No calendar has been used yet.</p>'}
</body></html>`;
}
