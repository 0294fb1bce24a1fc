import { decodeBase64, encodeBase64, parseCsv, readXlsx, toCsv, writeXlsx } from '../../../src/core/workflows';

describe('files: CSV, XLSX, base64', () => {
  it('round-trips CSV with quotes, newlines, BOM, tabs and formula guards', () => {
    const csv = toCsv([
      ['名称', '备注'],
      ['a,b', 'line1\nline2'],
      ['=1+1', '"q"'],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(csv).rows).toEqual([
      ['名称', '备注'],
      ['a,b', 'line1\nline2'],
      ["'=1+1", '"q"'],
    ]);
    expect(parseCsv('a\tb\n1\t2').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('writes and reads XLSX (inline and shared strings, numbers, booleans, gaps)', () => {
    const bytes = writeXlsx('客户/信息', [
      ['名称', '金额', '是否'],
      ['华为 & <co>', 12.5, true],
      ['', 3],
    ]);
    expect(readXlsx(bytes)).toEqual([
      ['名称', '金额', '是否'],
      ['华为 & <co>', 12.5, true],
      ['', 3],
    ]);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    expect(decodeBase64('not base64!')).toBeNull();
    expect(encodeBase64(new TextEncoder().encode('ab'))).toBe('YWI=');
  });
});
