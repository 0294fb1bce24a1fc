import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_KEY, tableDef, type Lang, type TableKey } from '../../src/schema';
import { searchKeyOf, type Values } from '../../src/core';
import { cellWriter, readLayout, SheetStore } from '../../src/store';
import { appsScript, createRuntime, loadBundle, type Runtime } from '../../src/runtime';
import { generateDataset, type Dataset } from '../../src/runtime/demo/generate';
import { writeDataset } from '../../src/runtime/demo/write';

/** dist/Code.js as built: setupWorkbook() makes the tabs exactly as a deployed sheet has them. */
const BUNDLE = join(__dirname, '../../dist/Code.js');
/** Big enough that the follow-up tab outgrows the 1000 rows a new sheet has. */
const dataset = generateDataset({ customers: 120, seed: 11 });
const keys = Object.keys(dataset) as TableKey[];

function setUp(locale: string, timeZone: string): Runtime {
  if (!existsSync(BUNDLE)) throw new Error('dist/Code.js is missing: run `npm run build` first');
  const rt = createRuntime({ locale, timeZone, now: new Date('2026-11-23T03:00:00Z') });
  loadBundle(rt, BUNDLE).setupWorkbook();
  return rt;
}

function storeOf(rt: Runtime, lang: Lang): SheetStore {
  const gas = appsScript(rt);
  return new SheetStore({
    spreadsheet: gas.SpreadsheetApp.getActiveSpreadsheet(),
    lock: gas.LockService.getScriptLock(),
    lang,
    timeZone: rt.workbook.timeZone,
    formatDate: (d, tz, p) => gas.Utilities.formatDate(d, tz, p),
    flush: () => gas.SpreadsheetApp.flush(),
  });
}

/** The same rows written the slow, counted way: cellWriter text through Range.setValues. */
function writeThroughService(rt: Runtime, lang: Lang, data: Dataset = dataset): void {
  const ss = appsScript(rt).SpreadsheetApp.getActiveSpreadsheet();
  for (const key of Object.keys(data) as TableKey[]) {
    const def = tableDef(key);
    const sheet = ss.getSheetByName(def.tab[lang]);
    if (!sheet) throw new Error(`no tab ${def.tab[lang]}`);
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const layout = readLayout(def, header);
    const start = sheet.getLastRow() + 1;
    const records = data[key] ?? [];
    const cells = records.map((r) => {
      const row: unknown[] = new Array(layout.width).fill('');
      for (const col of def.columns) {
        const at = layout.index.get(col.key);
        // The store writes a row's search key from the record (searchable tables).
        if (at !== undefined) row[at] = col.key === SEARCH_KEY ? searchKeyOf(def, r) : cellWriter(col, lang)(r[col.key]);
      }
      return row;
    });
    const missing = start + cells.length - 1 - sheet.getMaxRows();
    if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
    sheet.getRange(start, 1, cells.length, layout.width).setValues(cells as (string | number | boolean | Date)[][]);
  }
}

describe.each([
  ['zh_CN', 'Asia/Shanghai', 'zh'],
  ['en_US', 'America/New_York', 'en'],
] as [string, string, Lang][])('writeDataset into a %s workbook (%s)', (locale, timeZone, lang) => {
  const rt = setUp(locale, timeZone);
  const report = writeDataset(rt.workbook, dataset, lang);

  test('stores every cell exactly as Range.setValues of the same text would', () => {
    const slow = setUp(locale, timeZone);
    writeThroughService(slow, lang);
    for (const key of keys) {
      const tab = tableDef(key).tab[lang];
      expect(rt.workbook.getSheet(tab)?.getValuesRaw()).toEqual(slow.workbook.getSheet(tab)?.getValuesRaw());
    }
    expect(report.rows.customers).toBe(120);
    expect(report.overCellLimit).toBe(false);
    const followUps = rt.workbook.getSheet(tableDef('followUps').tab[lang]);
    expect(report.rows.followUps).toBeGreaterThan(1000);
    expect(followUps?.maxRows).toBeGreaterThanOrEqual((report.rows.followUps ?? 0) + 1);
  });

  test('the store reads back the same canonical records', () => {
    const store = storeOf(rt, lang);
    for (const key of keys) {
      const records = store.load(key).records;
      const written = dataset[key] as Values[];
      // The settings tab already held setup's rows: ours follow them.
      expect(records.slice(records.length - written.length)).toEqual(written);
    }
  });

  test('the bundle finds the records (getRecord, searchRecords)', () => {
    const api = loadBundle(rt, BUNDLE);
    const customer = (dataset.customers as Values[])[7];
    expect(JSON.parse(JSON.stringify(api.getRecord('customers', customer.id)))).toEqual(customer);
    const followUp = (dataset.followUps as Values[])[3];
    expect(JSON.parse(JSON.stringify(api.getRecord('followUps', followUp.id)))).toEqual(followUp);
    const page = api.searchRecords('customers', (customer.name as string).slice(2, 6), {}) as { items: Values[] };
    expect(page.items.map((r) => r.id)).toContain(customer.id);
  });
});

describe('writeDataset edge cases', () => {
  test('wall times on daylight-saving days and before 1970 are stored as the emulator parses them', () => {
    const base = (dataset.followUps as Values[])[0];
    const times = ['2026-03-08 02:30', '2026-03-08 03:30', '2026-03-08 00:00', '2026-11-01 01:30', '2026-11-01 23:59', '1969-12-31 23:59'];
    const odd: Dataset = {
      followUps: times.map((time, i) => ({
        ...base,
        id: `F20260308${String(i + 1).padStart(3, '0')}`,
        time,
        nextPlanAt: time.slice(0, 10) + ' 12:00',
      })),
    };
    const fast = setUp('en_US', 'America/New_York');
    writeDataset(fast.workbook, odd, 'en');
    const slow = setUp('en_US', 'America/New_York');
    writeThroughService(slow, 'en', odd);
    expect(fast.workbook.getSheet('Follow-ups')?.getValuesRaw()).toEqual(slow.workbook.getSheet('Follow-ups')?.getValuesRaw());
  });

  test('a workbook without the CRM tabs is refused with a pointer to setupWorkbook()', () => {
    const rt = createRuntime({ locale: 'zh_CN' });
    expect(() => writeDataset(rt.workbook, dataset, 'zh')).toThrow(/setupWorkbook/);
  });
});
