/** The Sheets advanced service (v4 values calls) in the emulator: manifest gate, REST shapes, strictness, counting. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, loadBundle } from '../../src/runtime';
import { setup } from './helpers';

const SHEETS_MANIFEST = { dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] } };

function bundle(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-sheets-'));
  const file = join(dir, 'Code.js');
  writeFileSync(file, code);
  return file;
}

/** A runtime with Sheets enabled, an English sheet "Sheet1" and a Chinese one "客户信息". */
function sheetsSetup(options: Parameters<typeof setup>[0] = {}) {
  const s = setup({ locale: 'en_US', manifest: SHEETS_MANIFEST, ...options });
  const Sheets = s.Sheets!;
  const id = s.ss.getId();
  s.rt.workbook.insertSheet('客户信息');
  s.rt.resetStats();
  return { ...s, Sheets, Values: Sheets.Spreadsheets!.Values!, id };
}

describe('manifest gate', () => {
  const probe =
    'function probe() { return [typeof Sheets, typeof Sheets === "undefined" ? null : typeof Sheets.Spreadsheets.Values.batchGet]; }';

  it('without the advanced service in appsscript.json, Sheets is undefined inside the bundle', () => {
    const rt = createRuntime({ manifest: { dependencies: {} } });
    expect(loadBundle(rt, bundle(probe)).probe()).toEqual(['undefined', null]);
    expect('Sheets' in createRuntime({ manifest: null }).globals).toBe(false);
  });

  it('with it, Sheets is a global of the bundle', () => {
    const rt = createRuntime({ manifest: SHEETS_MANIFEST });
    expect(loadBundle(rt, bundle(probe)).probe()).toEqual(['object', 'function']);
  });

  it("the repository's appsscript.json enables it, and is the default manifest", () => {
    expect(typeof createRuntime().globals.Sheets).toBe('object');
  });

  it('an advanced service the emulator does not implement is an error, not a silent gap', () => {
    expect(() =>
      createRuntime({
        manifest: { dependencies: { enabledAdvancedServices: [{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }] } },
      }),
    ).toThrow(/does not emulate/);
  });

  it('only the implemented members exist', () => {
    const { Sheets, Values } = sheetsSetup();
    const loose = Values as unknown as Record<string, unknown>;
    expect(typeof loose.append).toBe('undefined');
    expect(typeof loose.update).toBe('undefined');
    expect(typeof (Sheets.Spreadsheets as unknown as Record<string, unknown>).create).toBe('undefined');
    expect(typeof Sheets.Spreadsheets.batchUpdate).toBe('function');
    expect(Sheets.Spreadsheets.Values).toBe(Values);
  });
});

describe('Values.batchGet / get', () => {
  it('trims trailing empty rows and cells, keeps inner blanks as "", quotes sheet names when needed', () => {
    const { Values, id, rt } = sheetsSetup();
    rt.workbook.getSheet('Sheet1')!.setValuesRaw(1, 1, [
      ['a', '', 'c', ''],
      ['', '', '', ''],
      ['x', 1, true, ''],
      ['', '', '', ''],
    ]);
    rt.workbook.getSheet('客户信息')!.setValuesRaw(1, 1, [['名称', '电话']]);
    const res = Values.batchGet(id, { ranges: ['Sheet1!A1:D4', '客户信息!A1:Z1', 'Sheet1!F1:G2'], valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(res).toEqual({
      spreadsheetId: id,
      valueRanges: [
        { range: 'Sheet1!A1:D4', majorDimension: 'ROWS', values: [['a', '', 'c'], [], ['x', 1, true]] },
        { range: "'客户信息'!A1:Z1", majorDimension: 'ROWS', values: [['名称', '电话']] },
        { range: 'Sheet1!F1:G2', majorDimension: 'ROWS' },
      ],
    });
    expect(Values.get(id, "'客户信息'!A1:B1")).toEqual({ range: "'客户信息'!A1:B1", majorDimension: 'ROWS', values: [['名称', '电话']] });
  });

  it('open-ended ranges, whole columns/rows, bare sheet names and a single string range', () => {
    const { Values, id, rt } = sheetsSetup();
    rt.workbook.getSheet('Sheet1')!.setValuesRaw(1, 1, [['h1', 'h2'], ['r2', 'x'], ['r3']]);
    const res = Values.batchGet(id, { ranges: ['Sheet1!A2:A', 'Sheet1!A:A', 'Sheet1!2:2', 'Sheet1', 'Sheet1!B2', 'A1:B1'] });
    expect(res.valueRanges!.map((v) => [v.range, v.values])).toEqual([
      ['Sheet1!A2:A1000', [['r2'], ['r3']]],
      ['Sheet1!A1:A1000', [['h1'], ['r2'], ['r3']]],
      ['Sheet1!A2:Z2', [['r2', 'x']]],
      ['Sheet1!A1:Z1000', [['h1', 'h2'], ['r2', 'x'], ['r3']]],
      ['Sheet1!B2', [['x']]],
      ['Sheet1!A1:B1', [['h1', 'h2']]],
    ]);
    expect(Values.batchGet(id, { ranges: 'Sheet1!A1' }).valueRanges).toEqual([
      { range: 'Sheet1!A1', majorDimension: 'ROWS', values: [['h1']] },
    ]);
    expect(Values.batchGet(id, {})).toEqual({ spreadsheetId: id });
  });

  it('majorDimension COLUMNS transposes and trims by column', () => {
    const { Values, id, rt } = sheetsSetup();
    rt.workbook.getSheet('Sheet1')!.setValuesRaw(1, 1, [
      ['a', 'b'],
      ['c', ''],
    ]);
    expect(Values.get(id, 'Sheet1!A1:C3', { majorDimension: 'COLUMNS' })).toEqual({
      range: 'Sheet1!A1:C3',
      majorDimension: 'COLUMNS',
      values: [['a', 'c'], ['b']],
    });
  });

  it('render options: dates as serial numbers (spreadsheet zone) or formatted strings; formatted values are text; formulas', () => {
    const { Values, id, sheet } = sheetsSetup({ timeZone: 'Asia/Shanghai' });
    sheet.getRange('A1:E1').setValues([['2024-03-15 18:00', 1234.5, true, "'=x", '=SUM(B1)']]);
    sheet.getRange('B1').setNumberFormat('#,##0.00');
    const un = Values.get(id, 'Sheet1!A1:E1', { valueRenderOption: 'UNFORMATTED_VALUE' }).values![0];
    expect(un).toEqual([45366.75, 1234.5, true, '=x', '#ERROR!']);
    const str = Values.get(id, 'Sheet1!A1:E1', { valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' })
      .values![0];
    expect(str[0]).toBe('3/15/2024 18:00:00');
    expect(Values.get(id, 'Sheet1!A1:E1').values![0]).toEqual(['3/15/2024 18:00:00', '1,234.50', 'TRUE', '=x', '#ERROR!']);
    expect(Values.get(id, 'Sheet1!E1', { valueRenderOption: 'FORMULA' }).values).toEqual([['=SUM(B1)']]);
    // A time alone is day 0 with a fraction; the serial follows the spreadsheet's zone, not UTC.
    sheet.getRange('A2').setValue('06:00');
    expect(Values.get(id, 'Sheet1!A2', { valueRenderOption: 'UNFORMATTED_VALUE' }).values).toEqual([[0.25]]);
  });

  it('unknown sheets, unparsable ranges, ranges past the grid and other spreadsheets throw like the API', () => {
    const { Values, id, rt } = sheetsSetup();
    expect(() => Values.batchGet(id, { ranges: ['Nope!A1'] })).toThrow(
      'API call to sheets.spreadsheets.values.batchGet failed with error: Unable to parse range: Nope!A1',
    );
    expect(() => Values.batchGet(id, { ranges: ['Sheet1!A1:B2:C3'] })).toThrow('Unable to parse range: Sheet1!A1:B2:C3');
    expect(() => Values.batchGet(id, { ranges: ['Sheet1!A1', 'Sheet1!A2000'] })).toThrow(
      "Range ('Sheet1'!A2000) exceeds grid limits. Max rows: 1000, max columns: 26",
    );
    expect(() => Values.get(id, 'Sheet1!AA1')).toThrow(/exceeds grid limits/);
    expect(() => Values.batchGet('someone-elses-file', { ranges: ['Sheet1!A1'] })).toThrow('Requested entity was not found.');
    expect(() => Values.batchGet(id, { ranges: ['Sheet1!A1'], valueRenderOption: 'PRETTY' })).toThrow(/value_render_option/);
    try {
      Values.get(id, 'Nope!A1');
    } catch (e) {
      expect((e as Error).name).toBe('GoogleJsonResponseException');
      expect((e as Error).message.startsWith('Exception')).toBe(false);
    }
    expect(rt.stats().cellsRead).toBe(0);
  });

  it('counts one round trip per call and the cells of every range clipped to the grid', () => {
    const { Values, id, rt } = sheetsSetup();
    rt.workbook.getSheet('Sheet1')!.setValuesRaw(1, 1, [['a']]);
    rt.resetStats();
    Values.batchGet(id, { ranges: ['Sheet1!A1:B2', 'Sheet1!C5', 'Sheet1!A:A', 'Sheet1!3:3'] });
    expect(rt.stats()).toMatchObject({
      calls: 1,
      roundTrips: 1,
      cellsRead: 4 + 1 + 1000 + 26,
      cellsWritten: 0,
      byMethod: { 'Sheets.Spreadsheets.Values.batchGet': 1 },
    });
    Values.get(id, 'Sheet1');
    expect(rt.stats()).toMatchObject({
      calls: 2,
      roundTrips: 2,
      cellsRead: 1031 + 26000,
      byMethod: { 'Sheets.Spreadsheets.Values.get': 1 },
    });
  });
});

describe('Values.batchUpdate', () => {
  it('USER_ENTERED parses like typing (apostrophe keeps text, formulas, ISO dates, numbers); RAW stores text as is', () => {
    const { Values, id, sheet } = sheetsSetup();
    const res = Values.batchUpdate(
      {
        valueInputOption: 'USER_ENTERED',
        data: [{ range: 'Sheet1!A1:E1', values: [["'=x", '=SUM(1)', '2024-03-15', '42', 'plain']] }],
      },
      id,
    );
    expect(res).toEqual({
      spreadsheetId: id,
      totalUpdatedRows: 1,
      totalUpdatedColumns: 5,
      totalUpdatedCells: 5,
      totalUpdatedSheets: 1,
      responses: [{ spreadsheetId: id, updatedRange: 'Sheet1!A1:E1', updatedRows: 1, updatedColumns: 5, updatedCells: 5 }],
    });
    const row = sheet.getRange('A1:E1').getValues()[0];
    expect(row[0]).toBe('=x');
    expect(sheet.getRange('B1').getFormula()).toBe('=SUM(1)');
    expect(Object.prototype.toString.call(row[2])).toBe('[object Date]');
    expect(row[3]).toBe(42);
    Values.batchUpdate(
      { valueInputOption: 'RAW', data: [{ range: 'Sheet1!A2', values: [["'=x", '=SUM(1)', '2024-03-15', '42', 7, false]] }] },
      id,
    );
    expect(sheet.getRange('A2:F2').getValues()[0]).toEqual(["'=x", '=SUM(1)', '2024-03-15', '42', 7, false]);
    expect(sheet.getRange('B2').getFormula()).toBe('');
  });

  it('writes scattered ranges on several sheets in one call; a single cell anchors a block; null skips a cell', () => {
    const { Values, id, rt, sheet } = sheetsSetup();
    sheet.getRange('B5').setValue('keep');
    rt.resetStats();
    const res = Values.batchUpdate(
      {
        valueInputOption: 'RAW',
        data: [
          { range: 'Sheet1!A5:C5', values: [['x', null, 'z']] },
          {
            range: "'客户信息'!B2",
            values: [
              ['p', 'q'],
              ['r', 's'],
            ],
          },
          { range: 'Sheet1!D1:D3', majorDimension: 'COLUMNS', values: [[1, 2, 3]] },
        ],
      },
      id,
    ) as GoogleAppsScript.Sheets.Schema.BatchUpdateValuesResponse;
    expect(sheet.getRange('A5:C5').getValues()).toEqual([['x', 'keep', 'z']]);
    expect(rt.workbook.getSheet('客户信息')!.getValuesRaw()).toEqual([
      ['', '', ''],
      ['', 'p', 'q'],
      ['', 'r', 's'],
    ]);
    expect(sheet.getRange('D1:D3').getValues()).toEqual([[1], [2], [3]]);
    expect(res.responses!.map((r) => [r.updatedRange, r.updatedRows, r.updatedColumns, r.updatedCells])).toEqual([
      ['Sheet1!A5:C5', 1, 2, 2],
      ["'客户信息'!B2:C3", 2, 2, 4],
      ['Sheet1!D1:D3', 3, 1, 3],
    ]);
    expect(res.totalUpdatedSheets).toBe(2);
    expect(res.totalUpdatedCells).toBe(9);
  });

  it('all or nothing: a bad range, a block too large for its range, or a bad value writes nothing', () => {
    const { Values, id, sheet, rt } = sheetsSetup();
    const good = { range: 'Sheet1!A1', values: [['written?']] };
    rt.resetStats();
    expect(() =>
      Values.batchUpdate({ valueInputOption: 'RAW', data: [good, { range: 'Sheet1!A1000:A1001', values: [[1], [2]] }] }, id),
    ).toThrow("Invalid data[1]: Range ('Sheet1'!A1000:A1001) exceeds grid limits. Max rows: 1000, max columns: 26");
    expect(() =>
      Values.batchUpdate({ valueInputOption: 'RAW', data: [good, { range: 'Sheet1!A999', values: [[1], [2], [3]] }] }, id),
    ).toThrow(/Invalid data\[1\]: Range \('Sheet1'!A999:A1001\) exceeds grid limits/);
    expect(() => Values.batchUpdate({ valueInputOption: 'RAW', data: [good, { range: 'Nope!A1', values: [[1]] }] }, id)).toThrow(
      'Invalid data[1]: Unable to parse range: Nope!A1',
    );
    expect(() => Values.batchUpdate({ valueInputOption: 'RAW', data: [good, { range: 'Sheet1!A1:B1', values: [[1, 2, 3]] }] }, id)).toThrow(
      'Requested writing within range [Sheet1!A1:B1], but tried writing to column [C]',
    );
    expect(() => Values.batchUpdate({ valueInputOption: 'RAW', data: [good, { range: 'Sheet1!B1', values: [[{ a: 1 }]] }] }, id)).toThrow(
      'Invalid data[1]: Invalid values[0][0]: struct_value',
    );
    expect(() => Values.batchUpdate({ valueInputOption: 'RAW', data: [good, { range: 'Sheet1!B1', values: [[new Date()]] }] }, id)).toThrow(
      /Invalid values\[0\]\[0\]/,
    );
    expect(() =>
      Values.batchUpdate({ valueInputOption: 'RAW', data: [good, { range: 'Sheet1!B1', values: [['x'.repeat(50001)]] }] }, id),
    ).toThrow(/50000 characters/);
    expect(() => Values.batchUpdate({ data: [good] }, id)).toThrow(/valueInputOption/);
    expect(() => Values.batchUpdate({ valueInputOption: 'RAW', data: [good] }, 'other-id')).toThrow('Requested entity was not found.');
    expect(sheet.getRange('A1').getValue()).toBe('');
    expect(rt.stats()).toMatchObject({ roundTrips: 10, cellsWritten: 0 });
  });

  it('respects protections like Range.setValues (and writes nothing when one range is blocked)', () => {
    const { Values, id, sheet, rt } = sheetsSetup({ user: 'owner@example.com' });
    sheet.getRange('A1:Z1').protect().setDescription('header');
    rt.setUser('rep@example.com');
    expect(() =>
      Values.batchUpdate(
        {
          valueInputOption: 'RAW',
          data: [
            { range: 'Sheet1!A2', values: [['ok']] },
            { range: 'Sheet1!C1', values: [['no']] },
          ],
        },
        id,
      ),
    ).toThrow('Invalid data[1]: You are trying to edit a protected cell or object.');
    expect(sheet.getRange('A2').getValue()).toBe('');
    Values.batchUpdate({ valueInputOption: 'RAW', data: [{ range: 'Sheet1!A2', values: [['ok']] }] }, id);
    expect(sheet.getRange('A2').getValue()).toBe('ok');
  });

  it('counts one round trip and the cells of every block written; includeValuesInResponse reads them back', () => {
    const { Values, id, rt } = sheetsSetup();
    Values.batchUpdate(
      {
        valueInputOption: 'RAW',
        data: [
          {
            range: 'Sheet1!A1:B2',
            values: [
              [1, 2],
              [3, 4],
            ],
          },
          { range: 'Sheet1!Z1000', values: [['end']] },
        ],
      },
      id,
    );
    expect(rt.stats()).toMatchObject({
      calls: 1,
      roundTrips: 1,
      cellsRead: 0,
      cellsWritten: 5,
      byMethod: { 'Sheets.Spreadsheets.Values.batchUpdate': 1 },
    });
    const res = Values.batchUpdate(
      {
        valueInputOption: 'USER_ENTERED',
        includeValuesInResponse: true,
        responseValueRenderOption: 'UNFORMATTED_VALUE',
        data: [{ range: 'Sheet1!C1', values: [['5']] }],
      },
      id,
    ) as GoogleAppsScript.Sheets.Schema.BatchUpdateValuesResponse;
    expect(res.responses![0].updatedData).toEqual({ range: 'Sheet1!C1', majorDimension: 'ROWS', values: [[5]] });
    expect(rt.stats()).toMatchObject({ roundTrips: 2, cellsRead: 1, cellsWritten: 6 });
  });
});

describe('failure injection', () => {
  it('failAfter applies to Sheets calls: the call throws and writes nothing', () => {
    const { Values, id, rt, sheet } = sheetsSetup();
    rt.faults.failAfter(2, 'Service Spreadsheets timed out');
    Values.batchGet(id, { ranges: ['Sheet1!A1'] });
    expect(() => Values.batchUpdate({ valueInputOption: 'RAW', data: [{ range: 'Sheet1!A1', values: [['x']] }] }, id)).toThrow(
      'Exception: Service Spreadsheets timed out',
    );
    expect(sheet.getRange('A1').getValue()).toBe('');
    rt.faults.failAfter(1);
    expect(() => Values.get(id, 'Sheet1!A1')).toThrow(/Exception: Service Spreadsheets failed/);
    expect(Values.get(id, 'Sheet1!A1')).toEqual({ range: 'Sheet1!A1', majorDimension: 'ROWS' });
  });
});
