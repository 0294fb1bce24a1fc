/**
 * Values.batchGetByDataFilter (the POST read) against batchGet (the GET read): same answers and cost,
 * and batchGet refuses a URL too long for Google's front ends.
 */
import { batchGetUrl, MAX_URL_CHARS } from '../../src/runtime/emulator/services/sheetsApi';
import { setup } from './helpers';

const SHEETS_MANIFEST = { dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] } };
const READ = { valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER', majorDimension: 'ROWS' } as const;
const TAB = '跟进记录表';

function sheetsSetup() {
  const s = setup({ locale: 'en_US', timeZone: 'Asia/Shanghai', manifest: SHEETS_MANIFEST });
  const tab = s.ss.insertSheet(TAB);
  tab.getRange('A1:D3').setValues([
    ['名称', '2024-03-15 18:00', 12.5, true],
    ['', '', 'x', ''],
    ['C001', '06:00', '', ''],
  ]);
  const id = s.ss.getId();
  s.rt.resetStats();
  return { ...s, Values: s.Sheets!.Spreadsheets!.Values!, id };
}

/** One row of A:J per range, the way the store reads scattered rows. */
const rowRanges = (n: number): string[] => Array.from({ length: n }, (_, i) => `'${TAB}'!A${i + 1}:J${i + 1}`);

describe('Values.batchGetByDataFilter', () => {
  it('answers what batchGet answers for the same ranges, each with the filter it matched', () => {
    const { Values, id } = sheetsSetup();
    const ranges = [`'${TAB}'!A1:D3`, `'${TAB}'!A2:J2`, `'${TAB}'!C1:C`, `'${TAB}'!B3`, `'${TAB}'!F1:G2`];
    const got = Values.batchGet(id, { ranges, ...READ });
    const byFilter = Values.batchGetByDataFilter({ dataFilters: ranges.map((a1Range) => ({ a1Range })), ...READ }, id);
    expect(byFilter.spreadsheetId).toBe(id);
    expect(byFilter.valueRanges!.map((m) => m.valueRange)).toEqual(got.valueRanges);
    expect(byFilter.valueRanges!.map((m) => m.dataFilters)).toEqual(ranges.map((a1Range) => [{ a1Range }]));
    // Unformatted values, dates and times as serial numbers in the spreadsheet's zone, trailing blanks dropped.
    expect(byFilter.valueRanges![0].valueRange!.values).toEqual([
      ['名称', 45366.75, 12.5, true],
      ['', '', 'x'],
      ['C001', 0.25],
    ]);
    expect(byFilter.valueRanges![4].valueRange).toEqual({ range: `'${TAB}'!F1:G2`, majorDimension: 'ROWS' });
  });

  it('counts one round trip plus the cells of every range, like batchGet', () => {
    const { Values, id, rt } = sheetsSetup();
    const ranges = [`'${TAB}'!A1:B2`, `'${TAB}'!C5`, `'${TAB}'!A:A`, `'${TAB}'!3:3`];
    Values.batchGetByDataFilter({ dataFilters: ranges.map((a1Range) => ({ a1Range })), ...READ }, id);
    expect(rt.stats()).toMatchObject({
      calls: 1,
      roundTrips: 1,
      cellsRead: 4 + 1 + 1000 + 26,
      cellsWritten: 0,
      byMethod: { 'Sheets.Spreadsheets.Values.batchGetByDataFilter': 1 },
    });
  });

  it('throws like batchGet on bad ranges, and says what it does not model', () => {
    const { Values, id, rt } = sheetsSetup();
    const call =
      (dataFilters: unknown, extra: object = {}) =>
      () =>
        Values.batchGetByDataFilter({ dataFilters, ...extra } as object, id);
    expect(call([{ a1Range: 'Nope!A1' }])).toThrow(
      'API call to sheets.spreadsheets.values.batchGetByDataFilter failed with error: Unable to parse range: Nope!A1',
    );
    expect(call([{ a1Range: `'${TAB}'!A1` }, { a1Range: `'${TAB}'!A2000` }])).toThrow(`Range ('${TAB}'!A2000) exceeds grid limits`);
    expect(call([{ gridRange: { sheetId: 0 } }])).toThrow(
      'dataFilters[0]: gridRange is not supported by the local runtime (supported: a1Range)',
    );
    expect(call([{ a1Range: 'Sheet1!A1' }, { developerMetadataLookup: { metadataKey: 'k' } }])).toThrow(
      /dataFilters\[1\]: developerMetadataLookup is not supported/,
    );
    expect(call([{}])).toThrow(/dataFilters\[0\]: a DataFilter needs one of/);
    expect(call([{ a1Range: 'Sheet1!A1', gridRange: { sheetId: 0 } }])).toThrow(/sets only one of/);
    expect(call([{ a1range: 'Sheet1!A1' }])).toThrow(`Unknown name "a1range" at 'data_filters[0]': Cannot find field.`);
    expect(call([{ a1Range: 'Sheet1!A1' }], { ranges: ['Sheet1!A1'] })).toThrow('Unknown name "ranges": Cannot find field.');
    expect(call([{ a1Range: 'Sheet1!A1' }], { valueRenderOption: 'PRETTY' })).toThrow(/value_render_option/);
    expect(() => Values.batchGetByDataFilter({ dataFilters: [{ a1Range: 'Sheet1!A1' }] }, 'someone-elses-file')).toThrow(
      'Requested entity was not found.',
    );
    expect(Values.batchGetByDataFilter({ dataFilters: [] }, id)).toEqual({ spreadsheetId: id });
    expect(rt.stats().cellsRead).toBe(0); // refused calls read nothing
  });
});

describe('batchGet URL length', () => {
  it('computes the URL Apps Script sends: every argument a query parameter, ranges repeated and encoded', () => {
    expect(batchGetUrl('abc', { ranges: ["'客户'!A1:B2", 'Sheet1!C3'], valueRenderOption: 'UNFORMATTED_VALUE' })).toBe(
      "https://sheets.googleapis.com/v4/spreadsheets/abc/values:batchGet?ranges='%E5%AE%A2%E6%88%B7'!A1%3AB2&ranges=Sheet1!C3&valueRenderOption=UNFORMATTED_VALUE",
    );
  });

  it('a batchGet of a thousand scattered rows on a Chinese tab is refused before reading; batchGetByDataFilter reads them', () => {
    const { Values, id, rt } = sheetsSetup();
    const ranges = rowRanges(1000);
    expect(batchGetUrl(id, { ranges, ...READ }).length).toBeGreaterThan(MAX_URL_CHARS);
    let err: Error | undefined;
    try {
      Values.batchGet(id, { ranges, ...READ });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).toBe('GoogleJsonResponseException');
    expect(err?.message).toMatch(
      /^API call to sheets\.spreadsheets\.values\.batchGet failed with error: Request URL too long: \d+ characters/,
    );
    expect(err?.message).toMatch(/batchGetByDataFilter/);
    expect(rt.stats()).toMatchObject({ roundTrips: 1, cellsRead: 0 });

    const res = Values.batchGetByDataFilter({ dataFilters: ranges.map((a1Range) => ({ a1Range })), ...READ }, id);
    expect(res.valueRanges).toHaveLength(1000);
    expect(res.valueRanges![0].valueRange!.values).toEqual([['名称', 45366.75, 12.5, true]]);
    expect(res.valueRanges![2].dataFilters).toEqual([{ a1Range: `'${TAB}'!A3:J3` }]);
    expect(res.valueRanges![999].valueRange).toEqual({ range: `'${TAB}'!A1000:J1000`, majorDimension: 'ROWS' });
    expect(rt.stats()).toMatchObject({ roundTrips: 2, cellsRead: 10_000 });
  });

  it('a batchGet just under the limit still works', () => {
    const { Values, id } = sheetsSetup();
    const ranges = rowRanges(200);
    expect(batchGetUrl(id, { ranges, ...READ }).length).toBeLessThan(MAX_URL_CHARS);
    expect(Values.batchGet(id, { ranges, ...READ }).valueRanges).toHaveLength(200);
  });
});
