/**
 * At Sheets' 10M-cell limit a write that needs a new grid row fails inside Apps Script. The CRM
 * must answer with a clear error people can act on, and leave every table as it was.
 */
import { MAX_WORKBOOK_CELLS } from '../../src/runtime/emulator/model/workbook';
import { loadCrm, type Crm } from './harness';

type Envelope = { ok: boolean; errors?: { code: string; message: string; messages: { zh: string; en: string } }[] };

function rows(crm: Crm, tab: string): unknown[][] {
  const sheet = crm.rt.workbook.getSheet(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  return sheet.getValuesRaw();
}

/** Fills the workbook's grid with a padding tab up to the limit, so any new grid row is refused. */
function fillToLimit(crm: Crm): void {
  const wb = crm.rt.workbook;
  const pad = wb.insertSheet('Padding');
  pad.maxColumns = 1;
  pad.maxRows = MAX_WORKBOOK_CELLS - wb.cellCount + pad.cellCount;
  expect(wb.cellCount).toBe(MAX_WORKBOOK_CELLS);
}

describe('writes at the 10M-cell limit', () => {
  let crm: Crm;
  beforeEach(() => {
    crm = loadCrm();
    crm.call('setupWorkbook');
    expect(crm.call<Envelope>('saveRecord', 'customers', { name: '已有客户', owner: 'a@example.com' }).ok).toBe(true);
    // Use up the spare grid rows the tabs were set up with, so the next row must grow the grid.
    for (const tab of ['客户信息', '变更历史']) {
      const sheet = crm.rt.workbook.getSheet(tab)!;
      sheet.maxRows = sheet.extent().lastRow;
    }
    fillToLimit(crm);
  });

  it('saveRecord answers workbook_full in both languages and writes no customer', () => {
    const before = rows(crm, '客户信息');
    const r = crm.call<Envelope>('saveRecord', 'customers', { name: '新客户', owner: 'a@example.com' });
    expect(r.ok).toBe(false);
    expect(r.errors?.[0].code).toBe('workbook_full');
    expect(r.errors?.[0].messages.zh).toContain('1000 万');
    expect(r.errors?.[0].messages.en).toContain('10 million cells');
    expect(rows(crm, '客户信息')).toEqual(before);
  });

  it('an import commit answers workbook_full and writes none of its rows', () => {
    const before = rows(crm, '客户信息');
    const csv = '客户名称,负责人\n导入一,a@example.com\n导入二,a@example.com\n';
    const r = crm.call<Envelope>('importRecords', 'customers', csv, { mode: 'commit' });
    expect(r.ok).toBe(false);
    expect(r.errors?.[0].code).toBe('workbook_full');
    expect(rows(crm, '客户信息')).toEqual(before);
  });
});
