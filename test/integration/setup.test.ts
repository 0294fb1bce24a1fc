import { TABLE_KEYS, tableDef } from '../../src/schema';
import { readFileSync } from 'node:fs';
import { BUNDLE, loadCrm } from './harness';

const ZH_TABS = TABLE_KEYS.map((k) => tableDef(k).tab.zh);
const EN_TABS = TABLE_KEYS.map((k) => tableDef(k).tab.en);

function snapshot(crm: ReturnType<typeof loadCrm>) {
  return crm.rt.workbook.sheets.map((s) => ({ name: s.name, values: JSON.stringify(s.getValuesRaw()) }));
}

describe('onOpen and setupWorkbook (built bundle)', () => {
  it('adds the CRM menu with items that exist in the bundle', () => {
    const crm = loadCrm();
    crm.call('onOpen', { authMode: 'LIMITED' });
    const menu = crm.rt.ui.menus.find((m) => m.name === 'CRM');
    expect(menu?.items.length).toBeGreaterThan(0);
    const code = readFileSync(BUNDLE, 'utf8');
    for (const item of menu?.items ?? []) {
      if (item.type === 'item') expect(code).toContain(`\nfunction ${item.functionName}(`);
    }
  });

  it('creates every tab with Chinese names in a zh_CN spreadsheet, and is idempotent', () => {
    const crm = loadCrm({ locale: 'zh_CN' });
    const first = crm.call<{ created: string[] }>('setupWorkbook');
    expect(first.created.sort()).toEqual([...ZH_TABS].sort());
    const names = crm.rt.workbook.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(ZH_TABS));
    const saved = crm.call<{ ok: boolean }>('saveRecord', 'customers', { name: '杭州云帆信息技术有限公司', owner: 'a@example.com' });
    expect(saved.ok).toBe(true);
    const before = snapshot(crm);
    const second = crm.call<{ created: string[]; upgraded: unknown[]; settingsRowsAdded: number }>('setupWorkbook');
    expect(second).toMatchObject({ created: [], upgraded: [], settingsRowsAdded: 0 });
    expect(snapshot(crm)).toEqual(before);
  });

  it('names tabs in English for other locales, freezes and labels the header, adds dropdowns', () => {
    const crm = loadCrm({ locale: 'en_US' });
    crm.call('setupWorkbook');
    expect(crm.rt.workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(EN_TABS));
    const sheet = crm.rt.workbook.getSheet('Opportunities');
    expect(sheet?.frozenRows).toBe(1);
    const header = sheet?.getValuesRaw()[0] ?? [];
    expect(header).toEqual(expect.arrayContaining(['ID', 'Opportunity name', 'Stage', 'Expected amount']));
    const stageCol = header.indexOf('Stage') + 1;
    const rule = sheet?.validations.get(2, stageCol);
    expect(rule?.criteria).toBe('VALUE_IN_LIST');
    expect(rule?.args[0]).toEqual(expect.arrayContaining(['Lead', 'Won', 'Lost']));
  });

  it('upgrades an existing tab by adding only the missing columns, keeping rows and user columns', () => {
    const crm = loadCrm();
    crm.call('setupWorkbook');
    const sheet = crm.rt.workbook.getSheet('联系人');
    if (!sheet) throw new Error('no contacts tab');
    sheet.setValuesRaw(1, 1, [['编号', '姓名', '我的备注']]);
    sheet.clearValues({ row: 1, col: 4, numRows: 1, numCols: 40 });
    sheet.setValuesRaw(2, 1, [['P20240101001', '张三', 'keep me']]);
    const report = crm.call<{ upgraded: { tab: string; addedColumns: string[] }[] }>('setupWorkbook');
    expect(report.upgraded[0].tab).toBe('联系人');
    const values = sheet.getValuesRaw();
    expect(values[0].slice(0, 4)).toEqual(['编号', '姓名', '我的备注', '客户编号']);
    expect(values[1].slice(0, 3)).toEqual(['P20240101001', '张三', 'keep me']);
  });
});
