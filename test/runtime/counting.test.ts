import { setup } from './helpers';

describe('counting', () => {
  it('getDataRange().getValues() is 2 calls and 2 round trips (getDataRange asks the server for the extent)', () => {
    const { sheet, rt } = setup();
    rt.workbook.sheets[0].setValuesRaw(1, 1, [
      ['a', 'b'],
      [1, 2],
      [3, 4],
    ]);
    rt.resetStats();
    sheet.getDataRange().getValues();
    expect(rt.stats()).toEqual({
      calls: 2,
      roundTrips: 2,
      cellsRead: 6,
      cellsWritten: 0,
      byMethod: { 'Sheet.getDataRange': 1, 'Range.getValues': 1 },
    });
  });

  it('handles and local range arithmetic are calls but not round trips', () => {
    const { SpreadsheetApp, rt } = setup();
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const s = ss.getSheetByName('工作表1')!;
    const r = s.getRange('A1:C3').offset(1, 1, 1, 1);
    r.getRow();
    r.getColumn();
    r.getNumRows();
    r.getNumColumns();
    r.getLastRow();
    r.getA1Notation();
    ss.getSheets();
    SpreadsheetApp.newDataValidation().requireValueInList(['a']).setAllowInvalid(false).build();
    const stats = rt.stats();
    expect(stats.roundTrips).toBe(0);
    expect(stats.calls).toBe(15);
  });

  it('SpreadsheetApp.flush is a round trip', () => {
    const { SpreadsheetApp, rt } = setup();
    SpreadsheetApp.flush();
    expect(rt.stats()).toMatchObject({ calls: 1, roundTrips: 1, byMethod: { 'SpreadsheetApp.flush': 1 } });
  });

  it('sheet metadata reads and writes are round trips; cells are counted', () => {
    const { sheet, rt } = setup();
    sheet.getLastRow();
    sheet.getMaxRows();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    sheet.appendRow([5, 6, 7]);
    sheet.getRange('A1:B1').getNotes();
    expect(rt.stats()).toMatchObject({ roundTrips: 5, cellsWritten: 7, cellsRead: 2 });
  });

  it('properties, cache, locks and triggers are round trips; their handles are not', () => {
    const { PropertiesService, CacheService, LockService, ScriptApp, rt } = setup();
    const p = PropertiesService.getScriptProperties();
    const c = CacheService.getScriptCache();
    const l = LockService.getScriptLock();
    expect(rt.stats().roundTrips).toBe(0);
    p.getProperty('x');
    c.get('x');
    l.waitLock(10);
    l.releaseLock();
    ScriptApp.newTrigger('f').timeBased().everyHours(1).create();
    expect(rt.stats().roundTrips).toBe(4);
    expect(rt.stats().byMethod['ClockTriggerBuilder.create']).toBe(1);
  });

  it('Utilities and Logger are not counted', () => {
    const { Utilities, Logger, rt } = setup();
    Utilities.formatDate(new Date(), 'GMT', 'yyyy');
    Utilities.getUuid();
    Logger.log('hello %s', 'world');
    expect(rt.stats().calls).toBe(0);
    expect(rt.logs).toEqual(['hello world']);
  });
});

describe('strictness', () => {
  it('methods Apps Script lacks are undefined (calling them is a TypeError)', () => {
    const { sheet, SpreadsheetApp } = setup();
    const loose = sheet as unknown as Record<string, unknown>;
    expect(loose.getValues).toBeUndefined();
    expect(loose.model).toBeUndefined();
    expect(loose._live).toBeUndefined();
    expect(() => (loose.findRow as () => void)()).toThrow(TypeError);
    const range = sheet.getRange('A1') as unknown as Record<string, unknown>;
    expect(range.getValuesRaw).toBeUndefined();
    expect(range.env).toBeUndefined();
    expect(range.ref).toBeUndefined();
    expect(Object.keys(range)).toEqual([]);
    expect(JSON.stringify(range)).toBe('{}');
    expect(String(sheet)).toBe('Sheet');
    expect(SpreadsheetApp.ProtectionType.SHEET).toBe('SHEET');
    expect((SpreadsheetApp as unknown as Record<string, unknown>).Foo).toBeUndefined();
  });

  it('objects returned twice are the same proxy; arguments are unwrapped', () => {
    const { sheet, ss } = setup();
    const r = sheet.getRange('A1');
    expect(r.setValue(1)).toBe(r);
    expect(ss.setActiveSheet(sheet).getName()).toBe('工作表1');
  });
});
