/** The spreadsheet's menu bar as the dev server shows it: the bundle's menus, the clock and triggers. */
import { useState } from 'preact/hooks';
import type { MenuInfo, MenuItemInfo } from '../../types';
import type { DevState } from '../protocol';

interface Props {
  state: DevState;
  onMenuItem: (fn: string) => void;
  onRunTriggers: () => void;
  onAdvance: (ms: number) => void;
}

const HOUR = 3600000;

function Items({ items, onPick }: { items: readonly MenuItemInfo[]; onPick: (fn: string) => void }) {
  return (
    <>
      {items.map((it, i) => {
        if (it.type === 'separator') return <hr key={i} role="separator" />;
        if (it.type === 'submenu') {
          return (
            <div key={i} class="submenu" role="group" aria-label={it.menu.name}>
              <div class="menu-label">{it.menu.name}</div>
              <Items items={it.menu.items} onPick={onPick} />
            </div>
          );
        }
        return (
          <button key={i} type="button" role="menuitem" onClick={() => onPick(it.functionName)}>
            {it.caption}
          </button>
        );
      })}
    </>
  );
}

function Menu({ menu, onPick }: { menu: MenuInfo; onPick: (fn: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="menu" onMouseLeave={() => setOpen(false)}>
      <button type="button" class="menu-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {menu.name}
      </button>
      {open && (
        <div class="menu-list" role="menu" aria-label={menu.name}>
          <Items
            items={menu.items}
            onPick={(fn) => {
              setOpen(false);
              onPick(fn);
            }}
          />
        </div>
      )}
    </div>
  );
}

export function Toolbar({ state, onMenuItem, onRunTriggers, onAdvance }: Props) {
  const clock = new Date(state.now);
  const timeTriggers = state.triggers.filter((t) => t.eventType === 'CLOCK');
  return (
    <header class="toolbar">
      <div class="doc">
        <span class="doc-title">{state.title}</span>
        <span class="doc-file" title={state.file}>
          {state.dirty ? `Unsaved changes (saved to ${state.file} shortly)` : `Saved to ${state.file}`}
        </span>
      </div>
      <nav class="menus" aria-label="Menus">
        {state.menus.map((m) => (
          <Menu key={`${m.name}-${m.addon}`} menu={m} onPick={onMenuItem} />
        ))}
      </nav>
      <div class="clock" aria-label="Clock">
        <span title={`Runtime clock (${state.locale}); time-driven triggers follow it`}>Clock: {clock.toLocaleString()}</span>
        <button type="button" onClick={() => onAdvance(HOUR)}>
          +1 h
        </button>
        <button type="button" onClick={() => onAdvance(24 * HOUR)}>
          +1 day
        </button>
        <button
          type="button"
          onClick={onRunTriggers}
          title={timeTriggers.map((t) => t.handler).join(', ') || 'No time-driven triggers installed'}
        >
          Run time triggers now ({timeTriggers.length})
        </button>
      </div>
      <span class="user" title="Session.getActiveUser()">
        {state.user}
      </span>
    </header>
  );
}
