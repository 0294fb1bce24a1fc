import type { SummaryReport } from '../../../src/core/summaries';
import { a1, layoutReport, sheetValue } from '../../../src/server/summaries/layout';

const report: SummaryReport = {
  key: 'value',
  lang: 'zh',
  title: '客户价值',
  builtAt: '2024-03-15 10:00',
  filterEcho: '统计期间：全部',
  sections: [
    {
      title: '概览',
      table: {
        columns: [
          { label: '指标', format: 'text' },
          { label: '数值', format: 'text' },
        ],
        rows: [
          ['订单数', 3],
          ['复购率', 0.5],
        ],
        rowFormats: ['count', 'percent'],
      },
    },
    {
      title: 'TOP',
      note: '说明',
      table: {
        columns: [
          { label: '客户', format: 'text' },
          { label: '月份', format: 'text' },
          { label: '销售额', format: 'currency' },
        ],
        rows: [
          ['=HYPERLINK("x")', '2024-03', 100],
          ['@a', null, Infinity],
        ],
      },
      charts: [{ type: 'bar', title: 'TOP', labelColumn: 0, valueColumns: [2], rowCount: 2 }],
    },
  ],
};

describe('summary layout', () => {
  const block = layoutReport(report, { builtAt: '生成时间', filters: '筛选' });

  it('escapes formula-like and number-like text, pads rows, shows non-finite numbers as —', () => {
    expect(['=x', '+1', '-1', '@a', '2024-03', 'abc', 12].map((v) => sheetValue(v))).toEqual([
      "'=x",
      "'+1",
      "'-1",
      "'@a",
      "'2024-03",
      'abc',
      12,
    ]);
    expect(block.row).toBe(4);
    expect(block.width).toBe(3);
    expect(block.values.every((r) => r.length === 3)).toBe(true);
    expect(block.values.slice(0, 2).map((r) => r[0])).toEqual(['生成时间：2024-03-15 10:00', '筛选：统计期间：全部']);
    expect(block.values.slice(11, 13)).toEqual([
      ['\'=HYPERLINK("x")', "'2024-03", 100],
      ["'@a", '', '—'],
    ]);
  });

  it('collects number formats, headings and chart ranges as A1 lists (one call each, whatever the rows)', () => {
    // Rows: 4 built-at, 5 filters, 6 blank, 7 title, 8 header, 9-10 KPIs, 11 blank, 12 title, 13 note, 14 header, 15-16 rows.
    expect(Object.fromEntries(block.numberFormats)).toEqual({ '#,##0': ['B9'], '0.0%': ['B10'], '¥#,##0.00': ['C15:C16'] });
    expect(block.titles).toEqual(['A7', 'A12']);
    expect(block.headers).toEqual(['A8:B8', 'A14:C14']);
    expect(block.notes).toEqual(['A13']);
    expect(block.charts).toEqual([
      {
        type: 'bar',
        title: 'TOP',
        row: 4,
        column: 5,
        ranges: [
          { row: 14, column: 1, numRows: 3, numColumns: 1 },
          { row: 14, column: 3, numRows: 3, numColumns: 1 },
        ],
      },
    ]);
    expect(a1({ row: 1, column: 27, numRows: 2, numColumns: 2 })).toBe('AA1:AB2');
  });
});
