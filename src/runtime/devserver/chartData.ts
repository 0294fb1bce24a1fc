/**
 * The charts of a sheet as the page draws them: each chart spec's ranges resolved to labels and
 * series from the host-side model (like Sheets, the first column is the labels, the rest series,
 * the first `numHeaders` rows the series names).
 */
import type { CellValue } from '../emulator/model/cellValue';
import type { Workbook } from '../emulator/model/workbook';
import type { ChartView } from './protocol';

const MAX_POINTS = 200;

function columns(wb: Workbook, range: { sheetId: number; row: number; col: number; numRows: number; numCols: number }): CellValue[][] {
  const s = wb.getSheetById(range.sheetId);
  if (!s) return [];
  const block = s.readBlock({ row: range.row, col: range.col, numRows: Math.min(range.numRows, MAX_POINTS + 1), numCols: range.numCols });
  return Array.from({ length: range.numCols }, (_, c) => block.map((r) => r[c]));
}

const asNumber = (v: CellValue) => (typeof v === 'number' ? v : Number(String(v).replace(/[,¥%\s]/g, '')) || 0);

export function chartViews(wb: Workbook, sheet: string): ChartView[] {
  const s = wb.getSheet(sheet);
  if (!s) throw new Error(`No sheet named "${sheet}"`);
  return s.charts.map((spec) => {
    const cols = spec.ranges.flatMap((r) => columns(wb, r));
    const headers = spec.numHeaders > 0 ? spec.numHeaders : 1;
    const [labelCol = [], ...seriesCols] = cols;
    const labels = labelCol.slice(headers).map((v) => String(v));
    const series = seriesCols.map((col) => ({ name: String(col[0] ?? ''), values: col.slice(headers).map(asNumber) }));
    const keep = labels.map((l, i) => l !== '' || series.some((x) => x.values[i] !== 0));
    return {
      id: spec.id,
      type: spec.chartType,
      title: typeof spec.options.title === 'string' ? spec.options.title : '',
      labels: labels.filter((_, i) => keep[i]),
      series: series.map((x) => ({ name: x.name, values: x.values.filter((_, i) => keep[i]) })),
    };
  });
}
