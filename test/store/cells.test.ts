import { customers, type Column } from '../../src/schema';
import { cellReader, cellWriter, escapeText } from '../../src/store';
import { columnRuns, readLayout } from '../../src/store/layout';

const col = (key: string): Column => customers.columns.find((c) => c.key === key) as Column;
const fmt = (d: Date, _tz: string, pattern: string) => d.toISOString().slice(0, pattern.length).replace('T', ' ');

describe('escapeText', () => {
  it.each(['=1+1', '+86 138', '-5', '@home', "'quoted", '00123', '2024-01-01', 'TRUE', '12:30', '1,234', '$100.15', '¥ 99', '12%', '3/15'])(
    'keeps %s as text',
    (s) => {
      expect(escapeText(s)).toBe(`'${s}`);
    },
  );
  it.each(['Acme', '华为', 'a=b', 'C20240101001', 'x@y.com'])('leaves %s alone', (s) => expect(escapeText(s)).toBe(s));
});

describe('cell conversion', () => {
  it('writes enums in the workbook language and reads either language back', () => {
    expect(cellWriter(col('kind'), 'en')('代理商')).toBe('Reseller');
    expect(cellWriter(col('kind'), 'zh')('代理商')).toBe('代理商');
    expect(cellReader(col('kind'), 'UTC', fmt)('Reseller')).toBe('代理商');
  });
  it('keeps typed values it cannot convert, so nothing is lost', () => {
    expect(cellReader(col('lifetimeAmount'), 'UTC', fmt)('about 5k')).toBe('about 5k');
    expect(cellReader(col('phone'), 'UTC', fmt)(13800138000)).toBe('13800138000');
    expect(cellReader(col('firstDealDate'), 'UTC', fmt)(new Date('2024-03-05T00:00:00Z'))).toBe('2024-03-05');
  });
  it('writes tags comma-separated and reads them back as a list', () => {
    expect(cellWriter(col('tags'), 'zh')(['a', 'b'])).toBe('a, b');
    expect(cellReader(col('tags'), 'UTC', fmt)('a， b')).toEqual(['a', 'b']);
  });
});

describe('layout', () => {
  it('finds columns by any label, in any order, and splits writes at user columns', () => {
    const layout = readLayout(customers, ['Customer name', '编号', 'My notes', '负责人', 'owner']);
    expect(layout.index.get('name')).toBe(0);
    expect(layout.index.get('id')).toBe(1);
    expect(layout.index.get('owner')).toBe(3);
    expect(layout.duplicates).toEqual(['owner']);
    expect(columnRuns(layout, ['name', 'id', 'owner'])).toEqual([
      { start: 0, end: 1 },
      { start: 3, end: 3 },
    ]);
  });
});
