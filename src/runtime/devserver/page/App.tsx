/** The dev server page: menu bar, formula bar + grid, sheet tabs, and the 300-px sidebar panel. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { DevState } from '../protocol';
import { api } from './api';
import { Charts } from './Charts';
import { Grid } from './Grid';
import { Toolbar } from './Toolbar';

const POLL_MS = 1500;

export function App() {
  const [state, setState] = useState<DevState | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [banner, setBanner] = useState<{ text: string; bad: boolean } | null>(null);
  const refresh = useCallback(() => api.state().then(setState, (e: Error) => setBanner({ text: e.message, bad: true })), []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    const onMessage = (e: MessageEvent) => {
      const type = (e.data as { type?: string } | null)?.type;
      if (type === 'crm-changed') void refresh();
      if (type === 'crm-sidebar-close') void api.closeSidebar().then(refresh);
    };
    window.addEventListener('message', onMessage);
    return () => {
      clearInterval(timer);
      window.removeEventListener('message', onMessage);
    };
  }, [refresh]);

  useEffect(() => {
    if (!banner) return;
    const timer = setTimeout(() => setBanner(null), 6000);
    return () => clearTimeout(timer);
  }, [banner]);

  if (!state) return <div class="boot">Loading workbook…</div>;
  const sheet = state.sheets.find((s) => s.name === active) ?? state.sheets[0];
  const tell = (text: string, bad = false) => setBanner({ text, bad });

  return (
    <div class="app">
      <Toolbar
        state={state}
        onMenuItem={(fn) =>
          api.menu(fn).then((r) => {
            if (!r.ok) tell(r.error, true);
            return refresh();
          })
        }
        onRunTriggers={() =>
          api.runTriggers().then((r) => {
            tell(
              r.errors.length
                ? r.errors.join('; ')
                : r.ran.length
                  ? `Ran ${r.ran.join(', ')}`
                  : 'No time-driven triggers installed (CRM → Install triggers)',
              r.errors.length > 0,
            );
            return refresh();
          })
        }
        onAdvance={(ms) => api.advanceClock(ms).then(refresh)}
      />
      {banner && (
        <div class={banner.bad ? 'banner bad' : 'banner'} role="status">
          {banner.text}
        </div>
      )}
      {state.messages.length > 0 && (
        <div class="messages" aria-label="Messages">
          {state.messages[state.messages.length - 1]}
        </div>
      )}
      <div class="main">
        <section class="sheet" aria-label="Workbook">
          {sheet && (
            <Grid
              sheet={sheet}
              revision={state.revision}
              onEdit={async (row, column, value) => {
                const r = await api.edit({ sheet: sheet.name, row, column, value });
                if (!r.ok) tell(r.error, true);
                else if (r.note) tell(r.note, true);
                await refresh();
              }}
            />
          )}
          {sheet && <Charts sheet={sheet.name} revision={state.revision} />}
          <div class="tabs" role="tablist" aria-label="Sheets">
            {state.sheets.map((s) => (
              <button key={s.name} type="button" role="tab" aria-selected={s.name === sheet?.name} onClick={() => setActive(s.name)}>
                {s.name}
              </button>
            ))}
          </div>
        </section>
        {state.sidebar && (
          <aside class="sidebar" aria-label="Sidebar">
            <div class="sidebar-head">
              <span>{state.sidebar.title}</span>
              <button type="button" aria-label="Close sidebar" onClick={() => api.closeSidebar().then(refresh)}>
                ×
              </button>
            </div>
            <iframe key={state.sidebar.opened} name="sidebar" title={state.sidebar.title} src={`/sidebar?open=${state.sidebar.opened}`} />
          </aside>
        )}
      </div>
    </div>
  );
}
