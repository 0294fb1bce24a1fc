/**
 * A virtualised grid: only the rows in view (plus a margin) are in the DOM, fetched from the
 * server a page at a time, so a 100k-row tab scrolls as fast as a 100-row one. Frozen rows and
 * the column letters stay on top. Double-click, Enter or typing edits a cell; Enter commits.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { GridCell, SheetInfo } from '../protocol';
import { api, columnName } from './api';

export const ROW_H = 24;
const PAGE = 100;
const OVERSCAN = 10;
const COL_W = 128;
const NUM_W = 52;

interface Props {
  sheet: SheetInfo;
  revision: number;
  onEdit: (row: number, column: number, value: string) => Promise<void>;
}
type Pos = { row: number; col: number };
/** What is being typed, and where: in the cell itself or in the formula bar. */
type Editing = { pos: Pos; text: string; inBar?: boolean };

export function Grid({ sheet, revision, onEdit }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const pages = useRef(new Map<number, GridCell[][] | 'loading'>());
  const [, setLoaded] = useState(0);
  const [view, setView] = useState({ top: 0, height: 600 });
  const [sel, setSel] = useState<Pos>({ row: sheet.frozenRows + 1, col: 1 });
  const [editing, setEditingState] = useState<Editing | null>(null);
  // The latest edit, read synchronously: Enter and the blur that follows must commit only once.
  const live = useRef<Editing | null>(null);
  const setEditing = (e: Editing | null) => {
    live.current = e;
    setEditingState(e);
  };
  const columns = Math.max(sheet.lastColumn, 8);
  const hidden = new Set(sheet.hidden ?? []);
  const colWidth = (col: number) => Math.min(Math.max(sheet.widths[col] ?? COL_W, 40), 400);
  const rowCount = Math.max(sheet.lastRow + 100, 200);
  const frozen = Math.min(sheet.frozenRows, 5);

  useEffect(() => {
    pages.current.clear();
    setLoaded((n) => n + 1);
  }, [sheet.name, revision]);
  useEffect(() => {
    setSel({ row: frozen + 1, col: 1 });
    setEditing(null);
    box.current?.scrollTo(0, 0);
  }, [sheet.name]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const firstBody = Math.max(frozen + 1, Math.floor(view.top / ROW_H) + 1 - OVERSCAN);
  const lastBody = Math.min(rowCount, Math.floor((view.top + view.height) / ROW_H) + 1 + OVERSCAN);
  const cellAt = (row: number, col: number): GridCell | undefined => {
    const page = pages.current.get(Math.floor((row - 1) / PAGE));
    return page && page !== 'loading' ? page[(row - 1) % PAGE]?.[col - 1] : undefined;
  };

  // Fetch the pages the visible rows (and the frozen header) fall in.
  useEffect(() => {
    const want = new Set<number>([0]);
    for (let r = firstBody; r <= lastBody; r += PAGE) want.add(Math.floor((r - 1) / PAGE));
    want.add(Math.floor((lastBody - 1) / PAGE));
    const stamp = `${sheet.name}@${revision}`;
    for (const p of want) {
      if (pages.current.has(p) || p * PAGE + 1 > sheet.lastRow) continue;
      pages.current.set(p, 'loading');
      api.rows(sheet.name, p * PAGE + 1, PAGE).then(
        (res) => {
          if (`${sheet.name}@${revision}` !== stamp) return;
          pages.current.set(p, res.rows);
          setLoaded((n) => n + 1);
        },
        () => pages.current.delete(p),
      );
    }
  });

  // Keep the selected cell in view when the keyboard moves it.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const top = sel.row * ROW_H;
    const hidden = (frozen + 1) * ROW_H;
    if (top < el.scrollTop + hidden) el.scrollTop = Math.max(0, top - hidden);
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight + ROW_H;
  }, [sel.row]);

  const commit = async (pos: Pos, text: string, move: boolean) => {
    if (!live.current) return;
    setEditing(null);
    await onEdit(pos.row, pos.col, text);
    if (move) setSel({ row: pos.row + 1, col: pos.col });
    box.current?.focus();
  };

  const onKey = (e: KeyboardEvent) => {
    // Keys typed into an editor are the editor's (the ref, not state: Enter has just ended the edit).
    if (live.current || e.target !== e.currentTarget) return;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      Tab: [0, 1],
    };
    const m = moves[e.key];
    if ((e.ctrlKey || e.metaKey) && (e.key === 'ArrowDown' || e.key === 'End')) {
      // As in Sheets: jump to the last row holding data.
      e.preventDefault();
      setSel((s) => ({ row: Math.max(frozen + 1, sheet.lastRow), col: s.col }));
    } else if ((e.ctrlKey || e.metaKey) && (e.key === 'ArrowUp' || e.key === 'Home')) {
      e.preventDefault();
      setSel((s) => ({ row: frozen + 1, col: s.col }));
    } else if (m) {
      e.preventDefault();
      setSel((s) => ({ row: Math.min(rowCount, Math.max(1, s.row + m[0])), col: Math.min(columns, Math.max(1, s.col + m[1])) }));
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      setEditing({ pos: sel, text: cellAt(sel.row, sel.col)?.v ?? '' });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      void onEdit(sel.row, sel.col, '');
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setEditing({ pos: sel, text: e.key });
    }
  };

  const renderRow = (row: number, sticky: boolean) => (
    <div
      key={row}
      role="row"
      aria-rowindex={row}
      class={sticky ? 'grow frozen' : 'grow'}
      style={sticky ? { top: `${ROW_H * row}px` } : { transform: `translateY(${(row - frozen - 1) * ROW_H}px)` }}
    >
      <div class="num" role="rowheader">
        {row}
      </div>
      {Array.from({ length: columns }, (_, i) => {
        const col = i + 1;
        if (hidden.has(col)) return null;
        const c = cellAt(row, col);
        const selected = sel.row === row && sel.col === col;
        const isEditing = editing && !editing.inBar && editing.pos.row === row && editing.pos.col === col;
        return (
          <div
            key={col}
            role="gridcell"
            aria-colindex={col}
            aria-selected={selected}
            title={c?.note}
            class={`cell${selected ? ' sel' : ''}${c?.note ? ' noted' : ''}${c?.invalid ? ' invalid' : ''}${c?.bold ? ' b' : ''}`}
            style={{ width: `${colWidth(col)}px`, ...(c?.bg ? { background: c.bg } : {}) }}
            onMouseDown={() => setSel({ row, col })}
            onDblClick={() => setEditing({ pos: { row, col }, text: c?.v ?? '' })}
          >
            {isEditing ? (
              <input
                class="editor"
                autoFocus
                aria-label={`${columnName(col)}${row}`}
                value={editing.text}
                onInput={(e) => setEditing({ pos: { row, col }, text: e.currentTarget.value })}
                onKeyDown={(e) => {
                  e.stopPropagation();
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void commit({ row, col }, e.currentTarget.value, true);
                  }
                  if (e.key === 'Escape') {
                    setEditing(null);
                    box.current?.focus();
                  }
                }}
                onBlur={(e) => {
                  void commit({ row, col }, e.currentTarget.value, false);
                }}
              />
            ) : (
              c?.v
            )}
          </div>
        );
      })}
    </div>
  );

  const body: number[] = [];
  for (let r = firstBody; r <= lastBody; r++) body.push(r);
  let width = NUM_W;
  for (let c = 1; c <= columns; c++) if (!hidden.has(c)) width += colWidth(c);
  return (
    <div class="gridbox">
      <div class="formula">
        <span class="ref">
          {columnName(sel.col)}
          {sel.row}
        </span>
        <input
          aria-label="Cell value"
          value={editing ? editing.text : (cellAt(sel.row, sel.col)?.v ?? '')}
          onFocus={() => !editing && setEditing({ pos: sel, text: cellAt(sel.row, sel.col)?.v ?? '', inBar: true })}
          onInput={(e) => setEditing({ pos: sel, text: e.currentTarget.value, inBar: true })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && live.current) {
              e.preventDefault();
              void commit(live.current.pos, e.currentTarget.value, false);
            }
            if (e.key === 'Escape') setEditing(null);
          }}
          onBlur={() => {
            if (live.current?.inBar) setEditing(null);
          }}
        />
      </div>
      <div
        ref={box}
        class="grid"
        role="grid"
        aria-label={sheet.name}
        aria-rowcount={rowCount}
        aria-colcount={columns}
        tabIndex={0}
        onScroll={(e) => setView((v) => ({ ...v, top: e.currentTarget.scrollTop }))}
        onKeyDown={onKey}
      >
        <div style={{ width: `${width}px` }}>
          <div class="grow letters" role="row">
            <div class="num" />
            {Array.from({ length: columns }, (_, i) =>
              hidden.has(i + 1) ? null : (
                <div key={i} class="cell head" role="columnheader" style={{ width: `${colWidth(i + 1)}px` }}>
                  {columnName(i + 1)}
                </div>
              ),
            )}
          </div>
          {Array.from({ length: frozen }, (_, i) => renderRow(i + 1, true))}
          <div class="gbody" style={{ height: `${(rowCount - frozen) * ROW_H}px` }}>
            {body.map((r) => renderRow(r, false))}
          </div>
        </div>
      </div>
    </div>
  );
}
