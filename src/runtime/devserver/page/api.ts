/** The page's calls to the dev server. */
import type { ChartView, DevState, EditRequest, Outcome, RowsPage } from '../protocol';

async function json<T>(url: string, body?: unknown): Promise<T> {
  const r = await fetch(
    url,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
  return r.json() as Promise<T>;
}

export const api = {
  state: () => json<DevState>('/api/state'),
  rows: (sheet: string, from: number, count: number) =>
    json<RowsPage>(`/api/rows?sheet=${encodeURIComponent(sheet)}&from=${from}&count=${count}`),
  charts: (sheet: string) => json<ChartView[]>(`/api/charts?sheet=${encodeURIComponent(sheet)}`),
  edit: (req: EditRequest) => json<Outcome>('/api/edit', req),
  menu: (fn: string) => json<Outcome>('/api/menu', { fn }),
  runTriggers: () => json<{ ran: string[]; errors: string[] }>('/api/triggers/run', {}),
  advanceClock: (ms: number) => json<Outcome>('/api/clock', { ms }),
  closeSidebar: () => json<Outcome>('/api/sidebar/close', {}),
  save: () => json<Outcome>('/api/save', {}),
};

/** Column letters as Sheets shows them: 1 -> A, 27 -> AA. */
export function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
