import type { ChartType } from '../../core/summaries';
import type { ChartPlacement, SheetBlock } from './layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HEADER_BG = '#e8f0fe';
export const TITLE_COLOR = '#1a73e8';
export const NOTE_COLOR = '#80868b';
export const CHART_SIZE = { width: 520, height: 320 };

/**
 * Writes a laid-out report from BLOCK_ROW down with a fixed number of calls, whatever its size:
 * grow the grid if needed, clear the old block (values and formats), one setValues, one call per
 * number format and style, then the charts. Everything is computed before the first write.
 */
export function writeBlock(sheet: Sheet, block: SheetBlock, grid?: { rows: number; columns: number }): void {
  const height = block.values.length;
  const needRows = block.row + height - 1;
  const needCols = block.width + 2;
  // The grid's size as just read for every tab at once (spreadsheets.get), else asked now.
  const maxRows = grid ? grid.rows : sheet.getMaxRows();
  const maxCols = grid ? grid.columns : sheet.getMaxColumns();
  if (maxRows < needRows) sheet.insertRowsAfter(maxRows, needRows - maxRows);
  if (maxCols < needCols) sheet.insertColumnsAfter(maxCols, needCols - maxCols);
  sheet.getRange(block.row, 1, Math.max(maxRows, needRows) - block.row + 1, Math.max(maxCols, needCols)).clear();
  sheet.getRange(block.row, 1, height, block.width).setValues(block.values);
  for (const [pattern, ranges] of block.numberFormats) sheet.getRangeList(ranges).setNumberFormat(pattern);
  if (block.bold.length) sheet.getRangeList(block.bold).setFontWeight('bold');
  if (block.headers.length) sheet.getRangeList(block.headers).setBackground(HEADER_BG);
  if (block.titles.length) sheet.getRangeList(block.titles).setFontColor(TITLE_COLOR);
  if (block.notes.length) sheet.getRangeList(block.notes).setFontColor(NOTE_COLOR);
  syncCharts(sheet, block.charts);
}

/**
 * What syncCharts makes of a tab's placements (types, titles, ranges, positions, and the size and
 * legend it sets), as a short hash: a tab whose print and chart count are unchanged keeps its charts.
 */
export function chartsPrint(placements: readonly ChartPlacement[], hash: (text: string) => string): string {
  return hash(JSON.stringify(['charts-v1', CHART_SIZE, placements]));
}

function chartType(type: ChartType): GoogleAppsScript.Charts.ChartType {
  switch (type) {
    case 'pie':
      return Charts.ChartType.PIE;
    case 'bar':
      return Charts.ChartType.BAR;
    case 'line':
      return Charts.ChartType.LINE;
    default:
      return Charts.ChartType.COLUMN;
  }
}

/**
 * A summary tab's charts are ours. Each wanted chart reuses an existing one, matched by title
 * (else the next unclaimed one in order): it is modified in place (same chart, new ranges, title,
 * position); missing ones are inserted and surplus ones removed, so a rebuild never duplicates.
 */
export function syncCharts(sheet: Sheet, placements: readonly ChartPlacement[], knownNone = false): void {
  // A tab the metadata call found without charts needs no getCharts round trip.
  const existing = knownNone ? [] : sheet.getCharts();
  const titles = existing.map((c) => String(c.getOptions().get('title') ?? ''));
  const claimed = new Set<number>();
  const byTitle = placements.map((p) => {
    const i = titles.findIndex((t, j) => t === p.title && !claimed.has(j));
    if (i >= 0) claimed.add(i);
    return i;
  });
  placements.forEach((p, n) => {
    let i = byTitle[n];
    if (i < 0) {
      i = existing.findIndex((_, j) => !claimed.has(j));
      if (i >= 0) claimed.add(i);
    }
    const old = i >= 0 ? existing[i] : null;
    let builder = old ? old.modify().clearRanges() : sheet.newChart();
    builder = builder.setChartType(chartType(p.type));
    for (const r of p.ranges) builder = builder.addRange(sheet.getRange(r.row, r.column, r.numRows, r.numColumns));
    const chart = builder
      .setNumHeaders(1)
      .setPosition(p.row, p.column, 0, 0)
      .setOption('title', p.title)
      .setOption('width', CHART_SIZE.width)
      .setOption('height', CHART_SIZE.height)
      .setOption('legend', { position: p.type === 'pie' ? 'right' : 'bottom' })
      .build();
    if (old) sheet.updateChart(chart);
    else sheet.insertChart(chart);
  });
  existing.forEach((c, j) => {
    if (!claimed.has(j)) sheet.removeChart(c);
  });
}
