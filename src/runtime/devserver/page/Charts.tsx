/** The sheet's native charts, drawn as SVG in a panel over the grid (Sheets floats them there too). */
import { useEffect, useState } from 'preact/hooks';
import type { ChartView } from '../protocol';
import { api } from './api';

const W = 360;
const H = 220;
const PALETTE = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72', '#fcd04f', '#71c287'];
const colour = (i: number) => PALETTE[i % PALETTE.length];
const short = (s: string, n = 10) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** Axis numbers stay short: 18046.2 → 18k, 2300000 → 2.3M. */
const compact = (v: number) => (v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e4 ? `${Math.round(v / 1e3)}k` : `${+v.toFixed(2)}`);

function Pie({ chart }: { chart: ChartView }) {
  const values = chart.series[0]?.values ?? [];
  const total = values.reduce((a, b) => a + Math.max(0, b), 0);
  if (!total) return <p class="chart-empty">—</p>;
  let angle = -Math.PI / 2;
  const r = 80;
  const slices = values.map((v, i) => {
    const a = (Math.max(0, v) / total) * Math.PI * 2;
    const [x1, y1] = [100 + r * Math.cos(angle), 110 + r * Math.sin(angle)];
    angle += a;
    const [x2, y2] = [100 + r * Math.cos(angle), 110 + r * Math.sin(angle)];
    const d =
      a >= Math.PI * 2 - 1e-9
        ? `M100 ${110 - r}A${r} ${r} 0 1 1 99.99 ${110 - r}Z`
        : `M100 110L${x1} ${y1}A${r} ${r} 0 ${a > Math.PI ? 1 : 0} 1 ${x2} ${y2}Z`;
    return (
      <path key={i} d={d} fill={colour(i)}>
        <title>{`${chart.labels[i]}: ${v}`}</title>
      </path>
    );
  });
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={chart.title}>
      {slices}
      {chart.labels.slice(0, 10).map((l, i) => (
        <g key={l + i}>
          <rect x={200} y={20 + i * 18} width={10} height={10} fill={colour(i)} />
          <text x={215} y={29 + i * 18} font-size="11">{`${short(l, 14)} ${Math.round((values[i] / total) * 100)}%`}</text>
        </g>
      ))}
    </svg>
  );
}

/** Column, bar, line and area charts share one frame: labels along x, values up y. */
function Axes({ chart }: { chart: ChartView }) {
  const n = chart.labels.length;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values));
  const [left, top, width, height] = [44, 10, W - 54, H - 60];
  const x = (i: number) => left + (n <= 1 ? width / 2 : (i * width) / (n - 1));
  const y = (v: number) => top + height - (Math.max(0, v) / max) * height;
  const band = width / Math.max(1, n);
  const line = chart.type === 'LINE' || chart.type === 'AREA';
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={chart.title}>
      <line x1={left} y1={top + height} x2={left + width} y2={top + height} stroke="#9aa0a6" />
      <text x={left - 4} y={top + 8} font-size="10" text-anchor="end">
        {compact(max)}
      </text>
      <text x={left - 4} y={top + height} font-size="10" text-anchor="end">
        0
      </text>
      {chart.series.map((s, k) =>
        line ? (
          <polyline key={k} fill="none" stroke={colour(k)} stroke-width="2" points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
        ) : (
          s.values.map((v, i) => {
            const w = (band * 0.8) / chart.series.length;
            return (
              <rect
                key={`${k}-${i}`}
                x={left + i * band + band * 0.1 + k * w}
                y={y(v)}
                width={w}
                height={top + height - y(v)}
                fill={colour(k)}
              >
                <title>{`${chart.labels[i]}: ${v}`}</title>
              </rect>
            );
          })
        ),
      )}
      {chart.labels.map(
        (l, i) =>
          i % Math.ceil((n * 64) / width) === 0 && (
            <text key={i} x={line ? x(i) : left + i * band + band / 2} y={top + height + 14} font-size="10" text-anchor="middle">
              {short(l, 6)}
            </text>
          ),
      )}
      {chart.series.map((s, k) => (
        <text key={k} x={left + k * 110} y={H - 8} font-size="11" fill={colour(k)}>{`■ ${short(s.name, 14)}`}</text>
      ))}
    </svg>
  );
}

export function Charts({ sheet, revision }: { sheet: string; revision: number }) {
  const [charts, setCharts] = useState<ChartView[]>([]);
  const [open, setOpen] = useState(true);
  useEffect(() => {
    api.charts(sheet).then(setCharts, () => setCharts([]));
  }, [sheet, revision]);
  if (!charts.length) return null;
  return (
    <section class="charts" aria-label="Charts">
      <button type="button" class="charts-toggle" onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} Charts ({charts.length})
      </button>
      {open &&
        charts.map((c) => (
          <figure key={c.id} class="chart">
            <figcaption>{c.title}</figcaption>
            {c.type === 'PIE' ? <Pie chart={c} /> : <Axes chart={c} />}
          </figure>
        ))}
    </section>
  );
}
