/** Sheets.Spreadsheets.batchUpdate / get in the emulator: request kinds, atomicity, counting, manifest gate. */
import { createRuntime } from '../../src/runtime';
import { setup } from './helpers';

const SHEETS_MANIFEST = { dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] } };
type Req = GoogleAppsScript.Sheets.Schema.Request;

function api(options: Parameters<typeof setup>[0] = {}) {
  const s = setup({ locale: 'en_US', manifest: SHEETS_MANIFEST, user: 'owner@example.com', owner: 'owner@example.com', ...options });
  const Sheets = s.Sheets!;
  const id = s.ss.getId();
  const batch = (requests: Req[]) => Sheets.Spreadsheets.batchUpdate({ requests }, id);
  return { ...s, Sheets, id, batch, wb: s.rt.workbook };
}

const blue = { red: 232 / 255, green: 240 / 255, blue: 254 / 255 };

describe('Spreadsheets.batchUpdate', () => {
  it('addSheet with a chosen id, size, frozen rows and index; SpreadsheetApp sees the tab', () => {
    const { batch, ss, wb } = api();
    const res = batch([
      {
        addSheet: {
          properties: { sheetId: 123, title: '客户信息', index: 0, gridProperties: { rowCount: 100, columnCount: 5, frozenRowCount: 1 } },
        },
      },
    ]);
    expect(res.replies).toEqual([
      {
        addSheet: {
          properties: {
            sheetId: 123,
            title: '客户信息',
            index: 0,
            sheetType: 'GRID',
            gridProperties: { rowCount: 100, columnCount: 5, frozenRowCount: 1 },
          },
        },
      },
    ]);
    const sheet = ss.getSheetByName('客户信息')!;
    expect([sheet.getSheetId(), sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getFrozenRows(), sheet.getIndex()]).toEqual([
      123, 100, 5, 1, 1,
    ]);
    // Defaults: 1000 x 26, a free id, at the end.
    const def = batch([{ addSheet: { properties: { title: 'X' } } }]).replies![0].addSheet!.properties!;
    expect(def).toMatchObject({ title: 'X', index: 2, gridProperties: { rowCount: 1000, columnCount: 26 } });
    expect(wb.getSheetById(def.sheetId!)?.name).toBe('X');
  });

  it('updateSheetProperties, insert/deleteDimension, updateDimensionProperties, deleteSheet', () => {
    const { batch, ss, wb } = api();
    batch([
      { addSheet: { properties: { sheetId: 7, title: 'T', gridProperties: { rowCount: 10, columnCount: 4 } } } },
      {
        updateSheetProperties: {
          properties: { sheetId: 7, title: 'T2', gridProperties: { rowCount: 20, frozenRowCount: 2 } },
          fields: 'title,gridProperties(rowCount,frozenRowCount)',
        },
      },
      { insertDimension: { range: { sheetId: 7, dimension: 'COLUMNS', startIndex: 4, endIndex: 6 } } },
      { deleteDimension: { range: { sheetId: 7, dimension: 'ROWS', startIndex: 15, endIndex: 20 } } },
      {
        updateDimensionProperties: {
          range: { sheetId: 7, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 },
          properties: { pixelSize: 240 },
          fields: 'pixelSize',
        },
      },
    ]);
    const t = ss.getSheetByName('T2')!;
    expect([t.getMaxRows(), t.getMaxColumns(), t.getFrozenRows(), t.getColumnWidth(1), t.getColumnWidth(2), t.getColumnWidth(3)]).toEqual([
      15, 6, 2, 240, 240, 100,
    ]);
    batch([{ deleteSheet: { sheetId: 7 } }]);
    expect(wb.getSheet('T2')).toBeUndefined();
  });

  it('updateCells writes raw values (no parsing) and formats; repeatCell formats a range; both read back through SpreadsheetApp', () => {
    const { batch, sheet, wb } = api();
    const sid = sheet.getSheetId();
    batch([
      {
        updateCells: {
          start: { sheetId: sid, rowIndex: 0, columnIndex: 0 },
          fields: 'userEnteredValue,userEnteredFormat(textFormat.bold,backgroundColor)',
          rows: [
            {
              values: [
                {
                  userEnteredValue: { stringValue: '2024-01-01' },
                  userEnteredFormat: { textFormat: { bold: true }, backgroundColor: blue },
                },
                { userEnteredValue: { numberValue: 5 } },
                { userEnteredValue: { formulaValue: '=A1' } },
              ],
            },
          ],
        },
      },
      {
        repeatCell: {
          range: { sheetId: sid, startRowIndex: 1, endRowIndex: 10, startColumnIndex: 1, endColumnIndex: 3 },
          cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      },
    ]);
    expect(sheet.getRange('A1:C1').getValues()[0].slice(0, 2)).toEqual(['2024-01-01', 5]);
    expect(sheet.getRange('C1').getFormula()).toBe('=A1');
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('A1').getBackground()).toBe('#e8f0fe');
    expect(sheet.getRange('B1').getFontWeight()).toBe('normal'); // not in the mask's cells: cleared to the default
    expect(
      sheet
        .getRange('B2:C10')
        .getNumberFormats()
        .flat()
        .every((f) => f === 'yyyy-mm-dd'),
    ).toBe(true);
    expect(sheet.getRange('D2').getNumberFormat()).toBe('0.###############');
    // A masked field absent from the cell resets it.
    batch([
      {
        repeatCell: {
          range: { sheetId: sid, startRowIndex: 1, endRowIndex: 2, startColumnIndex: 1, endColumnIndex: 2 },
          cell: {},
          fields: 'userEnteredFormat.numberFormat',
        },
      },
    ]);
    expect(sheet.getRange('B2').getNumberFormat()).toBe('0.###############');
    expect(wb.getSheet('Sheet1')?.numberFormats.get(3, 2)).toBe('yyyy-mm-dd');
  });

  it('setDataValidation stores the same rules SpreadsheetApp builds (and a missing rule clears)', () => {
    const { batch, sheet, SpreadsheetApp } = api();
    const sid = sheet.getSheetId();
    const col = (c: number) => ({ sheetId: sid, startRowIndex: 1, endRowIndex: 100, startColumnIndex: c, endColumnIndex: c + 1 });
    batch([
      {
        setDataValidation: {
          range: col(0),
          rule: {
            condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'a' }, { userEnteredValue: 'b' }] },
            showCustomUi: true,
            inputMessage: 'pick',
          },
        },
      },
      { setDataValidation: { range: col(1), rule: { condition: { type: 'BOOLEAN' } } } },
      { setDataValidation: { range: col(2), rule: { condition: { type: 'DATE_IS_VALID' }, strict: true } } },
      {
        setDataValidation: {
          range: col(3),
          rule: { condition: { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '1' }, { userEnteredValue: '5' }] } },
        },
      },
      {
        setDataValidation: { range: col(4), rule: { condition: { type: 'NUMBER_GREATER_THAN_EQ', values: [{ userEnteredValue: '0' }] } } },
      },
      { setDataValidation: { range: col(5), rule: { condition: { type: 'TEXT_IS_EMAIL' } } } },
      {
        setDataValidation: {
          range: col(6),
          rule: { condition: { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: '=Sheet1!Z1:Z3' }] }, showCustomUi: true },
        },
      },
    ]);
    const got = sheet.getRange('A2:G2').getDataValidations()[0];
    const same = (i: number, b: GoogleAppsScript.Spreadsheet.DataValidation) => {
      const a = got[i]!;
      expect([String(a.getCriteriaType()), a.getAllowInvalid(), a.getHelpText()]).toEqual([
        String(b.getCriteriaType()),
        b.getAllowInvalid(),
        b.getHelpText(),
      ]);
      expect(JSON.stringify(a.getCriteriaValues())).toEqual(JSON.stringify(b.getCriteriaValues()));
    };
    const dv = () => SpreadsheetApp.newDataValidation();
    same(0, dv().setAllowInvalid(true).setHelpText('pick').requireValueInList(['a', 'b'], true).build());
    same(1, dv().requireCheckbox().build());
    same(2, dv().setAllowInvalid(false).requireDate().build());
    same(3, dv().requireNumberBetween(1, 5).build());
    same(4, dv().requireNumberGreaterThanOrEqualTo(0).build());
    same(5, dv().requireTextIsEmail().build());
    expect(String(got[6]!.getCriteriaType())).toBe('VALUE_IN_RANGE');
    expect((got[6]!.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range).getA1Notation()).toBe('Z1:Z3');
    expect(sheet.getRange('A100').getDataValidation()).not.toBeNull();
    batch([{ setDataValidation: { range: col(0) } }]);
    expect(sheet.getRange('A2').getDataValidation()).toBeNull();
  });

  it('add / update / delete protected ranges, seen by getProtections; warning-only ignores editors', () => {
    const { batch, sheet, ss, SpreadsheetApp, Sheets, id } = api();
    const sid = sheet.getSheetId();
    const res = batch([
      {
        addProtectedRange: {
          protectedRange: {
            range: { sheetId: sid },
            description: 'tab',
            editors: { users: ['a@example.com'] },
            unprotectedRanges: [{ sheetId: sid, startRowIndex: 2, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 4 }],
          },
        },
      },
      {
        addProtectedRange: {
          protectedRange: {
            range: { sheetId: sid, startColumnIndex: 2, endColumnIndex: 4 },
            description: 'cols',
            warningOnly: true,
            editors: { users: ['x@example.com'] },
          },
        },
      },
    ]);
    const tabId = res.replies![0].addProtectedRange!.protectedRange!.protectedRangeId!;
    const colsId = res.replies![1].addProtectedRange!.protectedRange!.protectedRangeId!;
    const [whole] = ss.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    expect(whole.getDescription()).toBe('tab');
    expect(
      whole
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['a@example.com', 'owner@example.com']);
    expect(whole.getUnprotectedRanges()[0].getA1Notation()).toBe('A3:D3');
    const [cols] = ss.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    expect([cols.getRange().getA1Notation(), cols.isWarningOnly()]).toEqual(['C1:D1000', true]);
    expect(cols.getEditors().map((u) => u.getEmail())).toEqual(['owner@example.com']);
    batch([
      {
        updateProtectedRange: {
          protectedRange: { protectedRangeId: tabId, description: 'tab2', editors: { users: ['b@example.com'] } },
          fields: 'description,editors.users',
        },
      },
      {
        updateProtectedRange: {
          protectedRange: { protectedRangeId: colsId, range: { sheetId: sid, startColumnIndex: 1, endColumnIndex: 2 } },
          fields: 'range',
        },
      },
    ]);
    expect(whole.getDescription()).toBe('tab2');
    expect(
      whole
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['b@example.com', 'owner@example.com']);
    expect(cols.getRange().getA1Notation()).toBe('B1:B1000');
    const got = Sheets.Spreadsheets.get(id, {
      fields: 'sheets(properties(sheetId,title),protectedRanges(protectedRangeId,description,warningOnly,editors))',
    });
    expect(got).toEqual({
      sheets: [
        {
          properties: { sheetId: sid, title: 'Sheet1' },
          protectedRanges: [
            { protectedRangeId: tabId, description: 'tab2', editors: { users: ['owner@example.com', 'b@example.com'] } },
            { protectedRangeId: colsId, description: 'cols', warningOnly: true, editors: { users: ['owner@example.com'] } },
          ],
        },
      ],
    });
    batch([{ deleteProtectedRange: { protectedRangeId: colsId } }]);
    expect(ss.getProtections(SpreadsheetApp.ProtectionType.RANGE)).toHaveLength(0);
  });

  it('a protection the requesting user may not change fails the batch', () => {
    const { batch, sheet, rt } = api();
    const sid = sheet.getSheetId();
    const pid = batch([{ addProtectedRange: { protectedRange: { range: { sheetId: sid }, description: 'mine' } } }]).replies![0]
      .addProtectedRange!.protectedRange!.protectedRangeId!;
    rt.setUser('other@example.com');
    expect(() => batch([{ deleteProtectedRange: { protectedRangeId: pid } }])).toThrow(/permission/);
    expect(() => batch([{ repeatCell: { range: { sheetId: sid, startRowIndex: 0, endRowIndex: 1 }, cell: {}, fields: 'note' } }])).toThrow(
      /protected cell/,
    );
  });

  it('atomic: a bad request anywhere changes nothing, and says which request failed', () => {
    const { batch, wb, sheet, rt } = api();
    const sid = sheet.getSheetId();
    const before = JSON.stringify(
      wb.sheets.map((s) => [s.id, s.name, s.maxRows, s.maxColumns, s.frozenRows, [...s.numberFormats.entries()], s.protections]),
    );
    rt.resetStats();
    expect(() =>
      batch([
        { addSheet: { properties: { sheetId: 9, title: 'New' } } },
        {
          repeatCell: {
            range: { sheetId: sid },
            cell: { userEnteredFormat: { numberFormat: { type: 'NUMBER', pattern: '0' } } },
            fields: 'userEnteredFormat.numberFormat',
          },
        },
        {
          updateSheetProperties: {
            properties: { sheetId: sid, gridProperties: { frozenRowCount: 3 } },
            fields: 'gridProperties.frozenRowCount',
          },
        },
        { addProtectedRange: { protectedRange: { range: { sheetId: 9 }, description: 'p' } } },
        { addSheet: { properties: { title: 'new' } } },
      ]),
    ).toThrow(
      'API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[4].addSheet: A sheet with the name "new" already exists. Please enter another name.',
    );
    expect(
      JSON.stringify(
        wb.sheets.map((s) => [s.id, s.name, s.maxRows, s.maxColumns, s.frozenRows, [...s.numberFormats.entries()], s.protections]),
      ),
    ).toBe(before);
    expect(rt.stats()).toMatchObject({ roundTrips: 1, cellsWritten: 0 });
    // The next batch can reuse the id and the name.
    batch([{ addSheet: { properties: { sheetId: 9, title: 'New' } } }]);
    expect(wb.getSheetById(9)?.name).toBe('New');
  });

  it('unknown request kinds, unmodelled fields and bad shapes are clear errors', () => {
    const { batch, sheet } = api();
    const sid = sheet.getSheetId();
    expect(() => batch([{ mergeCells: { range: { sheetId: sid }, mergeType: 'MERGE_ALL' } }])).toThrow(
      /requests\[0\]\.mergeCells: request kind 'mergeCells' is not supported by the local runtime/,
    );
    expect(() => batch([{ repeatCell: { range: { sheetId: sid }, cell: {}, fields: 'userEnteredFormat.borders' } }])).toThrow(
      /field 'userEnteredFormat.borders' is not supported/,
    );
    expect(() =>
      batch([
        {
          setDataValidation: {
            range: { sheetId: sid },
            rule: { condition: { type: 'NUMBER_BETWEEN', values: [{ userEnteredValue: '1' }] } },
          },
        },
      ]),
    ).toThrow(/takes 2 values/);
    expect(() => batch([{ repeatCell: { range: { sheetId: 999 }, cell: {}, fields: 'note' } }])).toThrow(/No grid with id: 999/);
    expect(() => batch([{ repeatCell: { range: { sheetId: sid, endRowIndex: 5000 }, cell: {}, fields: 'note' } }])).toThrow(
      /exceeds grid limits/,
    );
    expect(() => batch([{ addSheet: {}, deleteSheet: { sheetId: sid } } as Req])).toThrow(/exactly one kind/);
  });

  it('counts one round trip per call and the cells of the ranges formatted, validated or written', () => {
    const { batch, sheet, rt, Sheets, id } = api();
    const sid = sheet.getSheetId();
    rt.resetStats();
    batch([
      { addSheet: { properties: { title: 'N', gridProperties: { rowCount: 10, columnCount: 3 } } } },
      {
        repeatCell: {
          range: { sheetId: sid, startRowIndex: 1, endRowIndex: 11, startColumnIndex: 0, endColumnIndex: 2 },
          cell: {},
          fields: 'userEnteredFormat.numberFormat',
        },
      },
      {
        setDataValidation: {
          range: { sheetId: sid, startRowIndex: 1, endRowIndex: 6, startColumnIndex: 0, endColumnIndex: 1 },
          rule: { condition: { type: 'BOOLEAN' } },
        },
      },
      {
        updateCells: {
          start: { sheetId: sid },
          rows: [{ values: [{ userEnteredValue: { stringValue: 'h' } }, {}] }],
          fields: 'userEnteredValue',
        },
      },
    ]);
    expect(rt.stats()).toMatchObject({
      calls: 1,
      roundTrips: 1,
      cellsRead: 0,
      cellsWritten: 20 + 5 + 2,
      byMethod: { 'Sheets.Spreadsheets.batchUpdate': 1 },
    });
    Sheets.Spreadsheets.get(id, { fields: 'sheets.properties.title' });
    expect(rt.stats()).toMatchObject({ calls: 2, roundTrips: 2, cellsRead: 0 });
  });
});

describe('Spreadsheets.batchUpdate: text colour and whole formats', () => {
  it('repeatCell sets the text colour (foregroundColorStyle over foregroundColor); black is the default', () => {
    const { batch, sheet, wb } = api();
    const sid = sheet.getSheetId();
    // The emulator has no Range.getFontColorObject: the colour is read from the model.
    const color = (r: number, c: number) => wb.getSheet('Sheet1')?.style('fontColor').get(r, c) ?? '#000000';
    const range = (r: number) => ({ sheetId: sid, startRowIndex: r, endRowIndex: r + 1, startColumnIndex: 0, endColumnIndex: 2 });
    batch([
      {
        repeatCell: {
          range: range(0),
          cell: { userEnteredFormat: { textFormat: { foregroundColor: { red: 26 / 255, green: 115 / 255, blue: 232 / 255 } } } },
          fields: 'userEnteredFormat.textFormat.foregroundColor',
        },
      },
      {
        repeatCell: {
          range: range(1),
          cell: {
            userEnteredFormat: { textFormat: { foregroundColor: blue, foregroundColorStyle: { rgbColor: { red: 1, green: 0, blue: 0 } } } },
          },
          fields: 'userEnteredFormat.textFormat.foregroundColorStyle',
        },
      },
    ]);
    expect([color(1, 1), color(1, 2)]).toEqual(['#1a73e8', '#1a73e8']);
    expect(color(2, 1)).toBe('#ff0000');
    // A colour absent under the mask resets it to black.
    batch([{ repeatCell: { range: range(0), cell: {}, fields: 'userEnteredFormat.textFormat.foregroundColor' } }]);
    expect(color(1, 1)).toBe('#000000');
  });

  it('updateCells over a range with userEnteredValue,userEnteredFormat clears values and every format, as Range.clear()', () => {
    const { batch, sheet, wb } = api();
    const sid = sheet.getSheetId();
    const color = (row: number, c: number) => wb.getSheet('Sheet1')?.style('fontColor').get(row, c) ?? '#000000';
    const r = sheet.getRange('A1:B2');
    r.setValues([
      ['a', 1],
      ['b', 2],
    ])
      .setNumberFormat('0.0%')
      .setFontWeight('bold')
      .setFontColor('#1a73e8')
      .setBackground('#e8f0fe')
      .setVerticalAlignment('top');
    sheet.getRange('C1').setValue('kept').setFontColor('#ff0000');
    const res = batch([
      {
        updateCells: {
          range: { sheetId: sid, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 },
          fields: 'userEnteredValue,userEnteredFormat',
        },
      },
    ]);
    expect(res.replies).toEqual([{}]);
    expect(r.getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect([r.getNumberFormat(), r.getFontWeight(), color(2, 2), r.getBackground(), r.getVerticalAlignment()]).toEqual([
      '0.###############',
      'normal',
      '#000000',
      '#ffffff',
      'bottom',
    ]);
    expect([sheet.getRange('C1').getValue(), color(1, 3)]).toEqual(['kept', '#ff0000']);
  });
});

describe('Spreadsheets.batchUpdate addChart', () => {
  it("adds the chart SpreadsheetApp's builder would: ranges, type, title, size, legend, anchor; one round trip, no cells", () => {
    const { batch, ss, Charts, rt } = api();
    const a = ss.insertSheet('A');
    const b = ss.insertSheet('B');
    for (const s of [a, b])
      s.getRange('A1:C4').setValues([
        ['k', 'v', 'w'],
        ['x', 1, 2],
        ['y', 3, 4],
        ['z', 5, 6],
      ]);
    a.insertChart(
      a
        .newChart()
        .setChartType(Charts.ChartType.COLUMN)
        .addRange(a.getRange('A1:C4'))
        .setNumHeaders(1)
        .setPosition(2, 5, 0, 0)
        .setOption('title', 'T')
        .setOption('width', 520)
        .setOption('height', 320)
        .setOption('legend', { position: 'bottom' })
        .build(),
    );
    const bid = b.getSheetId();
    const col = (c: number) => ({
      sourceRange: { sources: [{ sheetId: bid, startRowIndex: 0, endRowIndex: 4, startColumnIndex: c, endColumnIndex: c + 1 }] },
    });
    const position = {
      overlayPosition: { anchorCell: { sheetId: bid, rowIndex: 1, columnIndex: 4 }, widthPixels: 520, heightPixels: 320 },
    };
    rt.resetStats();
    const res = batch([
      {
        addChart: {
          chart: {
            spec: {
              title: 'T',
              basicChart: {
                chartType: 'COLUMN',
                legendPosition: 'BOTTOM_LEGEND',
                headerCount: 1,
                domains: [{ domain: col(0) }],
                series: [{ series: col(1) }, { series: col(2) }],
              },
            },
            position,
          },
        },
      },
      {
        addChart: {
          chart: { spec: { title: 'P', pieChart: { legendPosition: 'RIGHT_LEGEND', domain: col(0), series: col(1) } }, position },
        },
      },
    ]);
    expect([rt.stats().roundTrips, rt.stats().cellsWritten]).toEqual([1, 0]);
    const [made, pie] = rt.workbook.getSheet('B')?.charts ?? [];
    const [built] = rt.workbook.getSheet('A')?.charts ?? [];
    const plain = (c: typeof built) => ({ ...c, id: 0, ranges: c.ranges.map((r) => ({ ...r, sheetId: 0 })) });
    expect(plain(made)).toEqual(plain(built));
    expect(res.replies?.[0].addChart?.chart?.chartId).toBe(made.id);
    expect(b.getCharts().map((c) => c.getChartId())).toEqual([made.id, pie.id]);
    // A pie's header row is Sheets' guess (the API has no header count): -1, as a builder that never set it.
    expect([pie.chartType, pie.numHeaders, pie.ranges.map((r) => [r.col, r.numCols]), pie.options]).toEqual([
      'PIE',
      -1,
      [[1, 2]],
      { title: 'P', width: 520, height: 320, legend: { position: 'right' } },
    ]);
    expect(() => batch([{ addChart: { chart: { spec: { basicChart: { chartType: 'COMBO' } }, position } } }])).toThrow(/COMBO/);
    expect(() =>
      batch([
        {
          addChart: {
            chart: {
              spec: { pieChart: { domain: col(0), series: col(1) } },
              position: { overlayPosition: { anchorCell: { sheetId: bid, rowIndex: 5000, columnIndex: 0 } } },
            },
          },
        },
      ]),
    ).toThrow(/outside the grid/);
    expect(b.getCharts()).toHaveLength(2);
  });
});

describe('Spreadsheets.get', () => {
  it("lists each sheet's embedded charts: ID, title, type and overlay position", () => {
    const { Sheets, id, sheet, Charts } = api();
    sheet.getRange('A1:B3').setValues([
      ['k', 'v'],
      ['a', 1],
      ['b', 2],
    ]);
    const build = (type: GoogleAppsScript.Charts.ChartType, title: string, row: number) =>
      sheet
        .newChart()
        .setChartType(type)
        .addRange(sheet.getRange('A1:B3'))
        .setPosition(row, 4, 0, 0)
        .setOption('title', title)
        .setOption('width', 520)
        .setOption('height', 320)
        .build();
    sheet.insertChart(build(Charts.ChartType.PIE, 'Share', 1));
    sheet.insertChart(build(Charts.ChartType.BAR, 'Bars', 19));
    const [pie, bar] = sheet.getCharts().map((c) => c.getChartId());
    const res = Sheets.Spreadsheets.get(id, {
      fields: 'sheets(properties.title,charts(chartId,spec(title,basicChart.chartType,pieChart),position))',
    });
    expect(res).toEqual({
      sheets: [
        {
          properties: { title: 'Sheet1' },
          charts: [
            {
              chartId: pie,
              spec: { title: 'Share', pieChart: {} },
              position: {
                overlayPosition: {
                  anchorCell: { sheetId: sheet.getSheetId(), rowIndex: 0, columnIndex: 3 },
                  widthPixels: 520,
                  heightPixels: 320,
                },
              },
            },
            {
              chartId: bar,
              spec: { title: 'Bars', basicChart: { chartType: 'BAR' } },
              position: {
                overlayPosition: {
                  anchorCell: { sheetId: sheet.getSheetId(), rowIndex: 18, columnIndex: 3 },
                  widthPixels: 520,
                  heightPixels: 320,
                },
              },
            },
          ],
        },
      ],
    });
    // A sheet without charts lists none.
    sheet.removeChart(sheet.getCharts()[0]);
    sheet.removeChart(sheet.getCharts()[0]);
    expect(Sheets.Spreadsheets.get(id, { fields: 'sheets(properties.title,charts.chartId)' })).toEqual({
      sheets: [{ properties: { title: 'Sheet1' } }],
    });
  });

  it('returns metadata filtered by fields; grid data is refused', () => {
    const { Sheets, id, sheet } = api();
    sheet.setFrozenRows(1);
    expect(Sheets.Spreadsheets.get(id, { fields: 'sheets.properties(title,gridProperties)' })).toEqual({
      sheets: [{ properties: { title: 'Sheet1', gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 1 } } }],
    });
    expect(Sheets.Spreadsheets.get(id)).toMatchObject({ spreadsheetId: id, properties: { locale: 'en_US' } });
    expect(() => Sheets.Spreadsheets.get(id, { includeGridData: true })).toThrow(/not supported/);
    expect(() => Sheets.Spreadsheets.get('nope')).toThrow(
      'API call to sheets.spreadsheets.get failed with error: Requested entity was not found.',
    );
  });

  it('exists only when the manifest enables the advanced service', () => {
    const rt = createRuntime({ manifest: { dependencies: {} } });
    expect('Sheets' in rt.globals).toBe(false);
  });
});
