/**
 * Modelled seconds against rows, one small panel per target operation (the 30 saves folded into
 * the slowest create and the slowest update), ours and, where it ran the same step, SheetQuery's,
 * with the issue's target as a red line: a self-contained SVG (no plotting library: a few lines of
 * arithmetic on log scales).
 */
import { TARGETS } from './checks';
import type { OpResult } from './measure';

export interface PlotSize {
  totalRows: number;
  freshSetup?: OpResult;
  ops: OpResult[];
}

const PANEL_W = 230;
const PANEL_H = 150;
const COLUMNS = 4;
const PAD = { left: 44, right: 10, top: 22, bottom: 30 };
const COLORS: Record<OpResult['impl'], string> = { crm: '#1f6feb', sheetquery: '#d9480f' };
const LABELS: Record<OpResult['impl'], string> = { crm: 'sheets-crm', sheetquery: 'SheetQuery' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const log10 = (v: number) => Math.log10(Math.max(v, 1));
/** Seconds axis: from Y_MIN (log). */
const Y_MIN = 0.01;
const ylog = (v: number) => Math.log10(Math.max(v, Y_MIN) / Y_MIN);
const fmt = (v: number) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(v));

function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(log10(lo)); e <= Math.ceil(log10(hi)); e++) out.push(10 ** e);
  return out;
}

function panel(
  op: string,
  target: number | undefined,
  sizes: readonly PlotSize[],
  x0: number,
  y0: number,
  xRange: [number, number],
  yMax: number,
): string {
  const w = PANEL_W - PAD.left - PAD.right;
  const h = PANEL_H - PAD.top - PAD.bottom;
  const [xLo, xHi] = xRange;
  const sx = (v: number) => x0 + PAD.left + ((log10(v) - log10(xLo)) / Math.max(1e-9, log10(xHi) - log10(xLo))) * w;
  const sy = (v: number) => y0 + PAD.top + h - (ylog(v) / ylog(yMax)) * h;
  const parts: string[] = [`<text x="${x0 + PAD.left}" y="${y0 + 14}" font-size="11" font-weight="bold">${esc(op)}</text>`];
  parts.push(`<rect x="${x0 + PAD.left}" y="${y0 + PAD.top}" width="${w}" height="${h}" fill="none" stroke="#ccc"/>`);
  for (const t of [0.01, 0.1, 1, 10, 100, 1000].filter((v) => v <= yMax)) {
    parts.push(`<line x1="${x0 + PAD.left}" x2="${x0 + PAD.left + w}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`);
    parts.push(`<text x="${x0 + PAD.left - 4}" y="${sy(t) + 3}" font-size="9" text-anchor="end">${t} s</text>`);
  }
  if (target !== undefined)
    parts.push(
      `<line x1="${x0 + PAD.left}" x2="${x0 + PAD.left + w}" y1="${sy(target)}" y2="${sy(target)}" stroke="#d00" stroke-width="1" stroke-dasharray="2 2"><title>target ${target} s</title></line>`,
    );
  for (const t of decades(xLo, xHi).filter((v) => v >= xLo && v <= xHi)) {
    parts.push(`<text x="${sx(t)}" y="${y0 + PAD.top + h + 12}" font-size="9" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const impl of ['crm', 'sheetquery'] as const) {
    const points = sizes.flatMap((s) => pointOf(s, op, impl));
    if (!points.length) continue;
    const dash = impl === 'sheetquery' ? ' stroke-dasharray="4 3"' : '';
    parts.push(
      `<polyline fill="none" stroke="${COLORS[impl]}" stroke-width="1.6"${dash} points="${points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}"/>`,
    );
    for (const p of points)
      parts.push(
        `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2.5" fill="${p.ok ? COLORS[impl] : '#fff'}" stroke="${COLORS[impl]}"><title>${LABELS[impl]}: ${p.y.toFixed(2)} s at ${p.x} rows</title></circle>`,
      );
  }
  return parts.join('\n');
}

const SAVE_CREATE = 'saveRecord create (slowest table)';
const SAVE_UPDATE = 'saveRecord update (slowest table)';
/** SheetQuery's save steps are the customers table's. */
const SQ_NAME: Record<string, string> = { [SAVE_CREATE]: 'saveRecord create', [SAVE_UPDATE]: 'saveRecord update' };

function pointOf(s: PlotSize, op: string, impl: OpResult['impl']): { x: number; y: number; ok: boolean }[] {
  const ops = [...(s.freshSetup ? [s.freshSetup] : []), ...s.ops].filter((o) => o.impl === impl);
  const prefix = op === SAVE_CREATE ? 'saveRecord create ' : op === SAVE_UPDATE ? 'saveRecord update ' : null;
  const matching =
    impl === 'crm' && prefix
      ? ops.filter((o) => o.op.startsWith(prefix))
      : ops.filter((o) => o.op === (impl === 'sheetquery' ? (SQ_NAME[op] ?? op) : op));
  if (!matching.length) return [];
  const worst = matching.reduce((a, b) => (b.modelledS > a.modelledS ? b : a));
  return [{ x: s.totalRows, y: worst.modelledS, ok: matching.every((o) => o.ok) }];
}

/** One panel per target operation, x: data rows (log), y: modelled seconds (log), red: the target. */
export function callsPlot(sizes: readonly PlotSize[], title: string): string {
  const panels0 = TARGETS.filter((t) => !t.op.startsWith('saveRecord ')).map((t) => ({ op: t.op, target: t.seconds ?? undefined }));
  const ops = [panels0[0], panels0[1], { op: SAVE_CREATE, target: 1.5 }, { op: SAVE_UPDATE, target: 1.5 }, ...panels0.slice(2)];
  const rows = sizes.map((s) => s.totalRows);
  const xRange: [number, number] = [Math.min(...rows) * 0.8, Math.max(...rows) * 1.25];
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(10, ...sizes.flatMap((s) => s.ops.map((o) => o.modelledS))) * 1.2));
  const width = COLUMNS * PANEL_W;
  const height = 50 + Math.ceil(ops.length / COLUMNS) * PANEL_H + 20;
  const panels = ops.map((p, i) =>
    panel(p.op, p.target, sizes, (i % COLUMNS) * PANEL_W, 50 + Math.floor(i / COLUMNS) * PANEL_H, xRange, yMax),
  );
  const legend = (['crm', 'sheetquery'] as const)
    .map(
      (impl, i) =>
        `<line x1="${10 + i * 150}" x2="${34 + i * 150}" y1="38" y2="38" stroke="${COLORS[impl]}" stroke-width="2"${impl === 'sheetquery' ? ' stroke-dasharray="4 3"' : ''}/><text x="${40 + i * 150}" y="41" font-size="11">${LABELS[impl]}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`,
    legend,
    `<text x="${width - 10}" y="41" font-size="10" text-anchor="end">x: data rows (log) · y: modelled s (log) · red: target · hollow: failed</text>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
