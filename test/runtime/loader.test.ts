import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { types } from 'node:util';
import { createRuntime, loadBundle } from '../../src/runtime';

function bundle(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bundle-'));
  const file = join(dir, 'Code.js');
  writeFileSync(file, code);
  writeFileSync(join(dir, 'Other.js'), 'var shouldNotLoad = true;');
  return file;
}

describe('loadBundle', () => {
  const code = `
    var VERSION = 'v1';
    function f() { return SpreadsheetApp.getActive().getName(); }
    function writeDate() {
      var s = SpreadsheetApp.getActiveSheet();
      s.getRange('A1:B1').setValues([[new Date(Date.UTC(2024, 0, 2, 3)), '2024-05-06']]);
      var v = s.getRange('A1:B1').getValues()[0];
      return { a: v[0] instanceof Date, b: v[1] instanceof Date, iso: v[0].toISOString() };
    }
    function caught() {
      try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (e) { return [e instanceof Error, e.message]; }
    }
    function missing() { return typeof SpreadsheetApp.getActiveSheet().findRow; }
  `;

  it("the bundle's clock is the runtime's: set by now, moved by advanceClock, still ticking inside an execution", () => {
    const rt = createRuntime({ now: new Date('2020-02-29T23:59:00Z') });
    const ctx = loadBundle(
      rt,
      bundle(`
      function clock() { return [new Date().toISOString(), Date.now(), typeof Date(), new Date() instanceof Date, new Date(0).getTime(), new Date(2024, 0, 2).getFullYear()]; }
      function elapsed() { var t = Date.now(); var x = 0; while (Date.now() - t < 5) x++; return Date.now() - t; }
    `),
    );
    const [iso, ms, str, isDate, epoch, year] = ctx.clock() as [string, number, string, boolean, number, number];
    expect(Date.parse(iso) - Date.parse('2020-02-29T23:59:00Z')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(iso) - Date.parse('2020-02-29T23:59:00Z')).toBeLessThan(60_000);
    expect(Math.abs(ms - Date.parse(iso))).toBeLessThan(60_000);
    expect([str, isDate, epoch, year]).toEqual(['string', true, 0, 2024]);
    rt.advanceClock(86_400_000);
    expect((ctx.clock() as string[])[0].slice(0, 10)).toBe('2020-03-01');
    expect(ctx.elapsed()).toBeGreaterThanOrEqual(5);
  });

  it('loads exactly that file with the runtime globals; top-level functions and vars are exposed', () => {
    const rt = createRuntime({ spreadsheetName: 'CRM test' });
    const ctx = loadBundle(rt, bundle(code));
    expect(ctx.f()).toBe('CRM test');
    expect((ctx as Record<string, unknown>).VERSION).toBe('v1');
    expect((ctx as Record<string, unknown>).shouldNotLoad).toBeUndefined();
    expect(rt.stats().byMethod['Spreadsheet.getName']).toBe(1);
  });

  it('Dates cross realms: written from the vm, stored as Dates, read back as vm Dates', () => {
    const rt = createRuntime();
    const ctx = loadBundle(rt, bundle(code));
    expect(ctx.writeDate()).toEqual({ a: true, b: true, iso: '2024-01-02T03:00:00.000Z' });
    const stored = rt.workbook.sheets[0].getCell(1, 1);
    expect(types.isDate(stored)).toBe(true);
    expect(stored).toBeInstanceOf(Date); // host model keeps host Dates
  });

  it('service errors are Errors of the bundle realm with the Exception prefix; strictness holds', () => {
    const rt = createRuntime();
    const ctx = loadBundle(rt, bundle(code));
    expect(ctx.caught()).toEqual([true, 'Exception: The starting row of the range is too small.']);
    expect(ctx.missing()).toBe('undefined');
  });
});
