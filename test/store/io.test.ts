/**
 * CellIO.read: short reads go by batchGet; reads whose ranges would make a long URL go by
 * batchGetByDataFilter, matched back to their blocks by filter whatever the answers' order.
 */
import { appsScript, createRuntime } from '../../src/runtime';
import { CellIO, LONG_READ_URL_CHARS, MAX_FILTERS_PER_READ, rangesQueryLength, type Block } from '../../src/store/io';

type Values = GoogleAppsScript.Sheets.Collection.Spreadsheets.ValuesCollection;
const TAB = '跟进记录表';
const global = globalThis as { Sheets?: unknown };

/** An emulated spreadsheet with row i of TAB holding [`r${i}`, i]; `Sheets` is the global CellIO sees. */
function io(answer: (values: Values) => Partial<Values>) {
  const rt = createRuntime({
    manifest: { dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] } },
  });
  const g = appsScript(rt);
  const ss = g.SpreadsheetApp.getActive();
  ss.insertSheet(TAB)
    .getRange(1, 1, 1000, 2)
    .setValues(Array.from({ length: 1000 }, (_, i) => [`r${i + 1}`, i + 1]));
  global.Sheets = { Spreadsheets: { Values: answer(g.Sheets!.Spreadsheets!.Values!) } };
  rt.resetStats();
  return { rt, cells: new CellIO(ss, true) };
}

const rows = (n: number, step = 1): Block[] =>
  Array.from({ length: n }, (_, i) => ({ sheet: TAB, row: 1 + i * step, column: 1, numRows: 1, numColumns: 10 }));

afterEach(() => {
  delete global.Sheets;
});

describe('CellIO.read', () => {
  it('a few ranges: one batchGet', () => {
    const { rt, cells } = io((v) => v);
    expect(cells.read(rows(3, 7))).toEqual([[['r1', 1]], [['r8', 8]], [['r15', 15]]]);
    expect(rt.stats()).toMatchObject({ roundTrips: 1, cellsRead: 30, byMethod: { 'Sheets.Spreadsheets.Values.batchGet': 1 } });
  });

  it('many ranges: one batchGetByDataFilter, each answer matched to its block even in reverse order', () => {
    const blocks = [...rows(600).reverse(), { sheet: TAB, row: 5, column: 1, numRows: 1, numColumns: 10 }];
    expect(rangesQueryLength(blocks.map((b) => `'${b.sheet}'!A${b.row}:J${b.row}`))).toBeGreaterThan(LONG_READ_URL_CHARS);
    const { rt, cells } = io((v) => ({
      batchGet: v.batchGet,
      batchGetByDataFilter: (resource, id) => {
        const res = v.batchGetByDataFilter(resource, id);
        return { ...res, valueRanges: [...(res.valueRanges ?? [])].reverse() };
      },
    }));
    const got = cells.read(blocks);
    expect(got).toHaveLength(601);
    expect(got[0]).toEqual([['r600', 600]]);
    expect(got[599]).toEqual([['r1', 1]]);
    expect(got[600]).toEqual([['r5', 5]]); // the same range twice
    expect(rt.stats()).toMatchObject({
      roundTrips: 1,
      cellsRead: 6010,
      byMethod: { 'Sheets.Spreadsheets.Values.batchGetByDataFilter': 1 },
    });
  });

  it('a read of more ranges than one request carries goes as several, in order', () => {
    const { rt, cells } = io((v) => v);
    const n = MAX_FILTERS_PER_READ * 2 + 10;
    const row = (i: number) => 1 + ((i * 7) % 1000);
    const blocks: Block[] = Array.from({ length: n }, (_, i) => ({ sheet: TAB, row: row(i), column: 1, numRows: 1, numColumns: 10 }));
    const got = cells.read(blocks);
    expect(got).toHaveLength(n);
    for (const i of [0, MAX_FILTERS_PER_READ - 1, MAX_FILTERS_PER_READ, n - 1]) expect(got[i]).toEqual([[`r${row(i)}`, row(i)]]);
    expect(rt.stats()).toMatchObject({ roundTrips: 3, byMethod: { 'Sheets.Spreadsheets.Values.batchGetByDataFilter': 3 } });
  });

  it('a range the answer leaves out is an error, not an empty read', () => {
    const { cells } = io((v) => ({
      batchGetByDataFilter: (resource, id) => {
        const res = v.batchGetByDataFilter(resource, id);
        return { ...res, valueRanges: (res.valueRanges ?? []).slice(1) };
      },
    }));
    expect(() => cells.read(rows(600))).toThrow(`values.batchGetByDataFilter returned nothing for '${TAB}'!A1:J1`);
  });
});
