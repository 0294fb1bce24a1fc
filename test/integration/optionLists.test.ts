/**
 * Issue #20: dropdowns of editable lists read the lists tab, which follows the settings tab, so an
 * option added by the sidebar (addOption) or typed on the settings tab is offered at once, and a
 * value outside the list is still flagged. Every inline list stays within Excel's 255 characters.
 */
import { DEFAULT_OPTION_LISTS, OPTION_LIST_LABELS, tableDef, type OptionListKey, type TableKey } from '../../src/schema';
import { loadCrm, type Crm } from './harness';

const LISTS = '_crm_lists';
const listNames = Object.keys(DEFAULT_OPTION_LISTS) as OptionListKey[];

function listColumn(crm: Crm, list: OptionListKey, lang: 'zh' | 'en' = 'zh'): string[] {
  const sheet = crm.rt.workbook.getSheet(LISTS);
  if (!sheet) throw new Error('no lists tab');
  const col = (sheet.getValuesRaw()[0] as unknown[]).indexOf(OPTION_LIST_LABELS[list][lang]) + 1;
  if (!col) throw new Error(`no column for ${list}`);
  return sheet
    .readBlock({ row: 2, col, numRows: sheet.maxRows - 1, numCols: 1 })
    .map((r) => String(r[0]))
    .filter(Boolean);
}

/** Column (1-based) of a field on a table tab, by its zh label. */
function fieldColumn(crm: Crm, table: TableKey, field: string): number {
  const def = tableDef(table);
  const header = crm.rt.workbook.getSheet(def.tab.zh)?.getValuesRaw()[0] as unknown[];
  const label = def.columns.find((c) => c.key === field)?.label.zh;
  return header.indexOf(label) + 1;
}

/** A person types at (row, col) of a tab, then Sheets runs the simple trigger. */
function typeIn(crm: Crm, tab: string, row: number, col: number, values: unknown[][]): void {
  const e = crm.rt.userEdit(tab, row, col, values);
  crm.call('onEdit', e);
}

describe('dropdowns that follow the settings tab', () => {
  let crm: Crm;
  beforeEach(() => {
    crm = loadCrm();
    crm.call('setupWorkbook');
  });

  it('points every editable list dropdown at its column of the hidden lists tab', () => {
    const wb = crm.rt.workbook;
    const lists = wb.getSheet(LISTS);
    expect(lists?.hidden).toBe(true);
    const header = lists?.getValuesRaw()[0] as unknown[];
    let ranged = 0;
    for (const table of ['customers', 'leads', 'payments', 'campaigns', 'feedback', 'products'] as TableKey[]) {
      const def = tableDef(table);
      const sheet = wb.getSheet(def.tab.zh);
      for (const col of def.columns.filter((c) => c.optionList && c.kind === 'enum')) {
        const rule = sheet?.validations.get(2, fieldColumn(crm, table, col.key));
        expect(rule?.criteria).toBe('VALUE_IN_RANGE');
        const src = rule?.args[0] as { sheetId: number; row: number; col: number; numRows: number };
        expect(src.sheetId).toBe(lists?.id);
        expect(header[src.col - 1]).toBe(OPTION_LIST_LABELS[col.optionList as OptionListKey].zh);
        expect([src.row, src.row + src.numRows - 1]).toEqual([2, lists?.maxRows]);
        ranged++;
      }
    }
    expect(ranged).toBe(8);
    for (const list of listNames) expect(listColumn(crm, list)).toEqual(DEFAULT_OPTION_LISTS[list].map((o) => o.value));
  });

  it('writes no inline list over 255 characters on any tab', () => {
    let longest = 0;
    for (const sheet of crm.rt.workbook.sheets) {
      for (const [, , rule] of sheet.validations.entries()) {
        if (rule.criteria !== 'VALUE_IN_LIST') continue;
        longest = Math.max(longest, (rule.args[0] as string[]).join(',').length);
      }
    }
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(255);
  });

  it('offers an option typed on the settings tab at once, and still flags a value outside the list', () => {
    const customers = tableDef('customers').tab.zh;
    const industry = fieldColumn(crm, 'customers', 'industry');
    typeIn(crm, customers, 2, industry, [['航空航天']]);
    expect(crm.rt.validationStatus(customers, 2, industry)).toBe('invalid');

    const settings = crm.rt.workbook.getSheet('设置');
    const next = (settings?.extent().lastRow ?? 0) + 1;
    const row = ['选项', '行业', '航空航天', 'Aerospace'];
    typeIn(crm, '设置', next, 1, [row]);
    expect(listColumn(crm, 'industry')).toContain('航空航天');
    expect(crm.rt.validationStatus(customers, 2, industry)).toBe('valid');
    const leads = tableDef('leads').tab.zh;
    typeIn(crm, leads, 2, fieldColumn(crm, 'leads', 'industry'), [['航空航天']]);
    expect(crm.rt.validationStatus(leads, 2, fieldColumn(crm, 'leads', 'industry'))).toBe('valid');

    typeIn(crm, customers, 3, industry, [['不在列表里的行业']]);
    expect(crm.rt.validationStatus(customers, 3, industry)).toBe('invalid');
    // Removing the option on the settings tab takes it off the dropdowns again.
    typeIn(crm, '设置', next, 3, [['']]);
    expect(listColumn(crm, 'industry')).not.toContain('航空航天');
    expect(crm.rt.validationStatus(customers, 2, industry)).toBe('invalid');
  });

  it('offers an option added from the sidebar (addOption) at once; duplicates and bad input change nothing', () => {
    const res = crm.call<{ ok: boolean; options: { value: string }[] }>('addOption', 'source', '抖音', 'Douyin');
    expect(res.ok).toBe(true);
    expect(res.options.map((o) => o.value)).toContain('抖音');
    expect(listColumn(crm, 'source')).toEqual([...DEFAULT_OPTION_LISTS.source.map((o) => o.value), '抖音']);
    const customers = tableDef('customers').tab.zh;
    const source = fieldColumn(crm, 'customers', 'source');
    typeIn(crm, customers, 2, source, [['抖音']]);
    expect(crm.rt.validationStatus(customers, 2, source)).toBe('valid');
    // The save path accepts it too (the same list).
    const saved = crm.call<{ ok: boolean }>('saveRecord', 'customers', { name: '抖音客户', owner: 'owner@example.com', source: '抖音' });
    expect(saved.ok).toBe(true);

    const settingsBefore = crm.rt.workbook.getSheet('设置')?.getValuesRaw();
    const listsBefore = crm.rt.workbook.getSheet(LISTS)?.getValuesRaw();
    for (const args of [
      ['source', 'douyin'],
      ['source', '官网'],
      ['nope', 'x'],
      ['source', ''],
      ['source', 42],
      ['source', 'x'.repeat(201)],
    ]) {
      const bad = crm.call<{ ok: boolean; errors: { messages: { zh: string; en: string } }[] }>('addOption', ...args);
      expect(bad.ok).toBe(false);
      expect(bad.errors[0].messages.zh).toBeTruthy();
      expect(bad.errors[0].messages.en).toBeTruthy();
    }
    expect(crm.rt.workbook.getSheet('设置')?.getValuesRaw()).toEqual(settingsBefore);
    expect(crm.rt.workbook.getSheet(LISTS)?.getValuesRaw()).toEqual(listsBefore);
  });

  it('is for admins only', () => {
    crm.rt.setUser('rep@example.com');
    const res = crm.call<{ ok: boolean }>('addOption', 'source', '抖音');
    expect(res.ok).toBe(false);
    expect(listColumn(crm, 'source')).not.toContain('抖音');
  });

  it('keeps the summary owner filter on the users of the settings tab', () => {
    const settings = crm.rt.workbook.getSheet('设置');
    const next = (settings?.extent().lastRow ?? 0) + 1;
    typeIn(crm, '设置', next, 1, [['用户', 'rep@example.com', 'Rep', '', '销售']]);
    const sheet = crm.rt.workbook.getSheet(LISTS);
    const header = sheet?.getValuesRaw()[0] as unknown[];
    const col = header.indexOf('负责人') + 1;
    const owners = sheet
      ?.readBlock({ row: 2, col, numRows: 5, numCols: 1 })
      .map((r) => r[0])
      .filter(Boolean);
    expect(owners).toEqual(['全部', 'owner@example.com', 'rep@example.com']);
    const tab = crm.rt.workbook.getSheet('客户分布');
    const ownerRule = [...(tab?.validations.entries() ?? [])].find(([, , r]) => r.criteria === 'VALUE_IN_RANGE');
    expect(ownerRule).toBeDefined();
  });

  it('catches up on the next summary rebuild when a settings row is deleted (Sheets runs no trigger for that)', () => {
    expect(crm.call<{ ok: boolean }>('addOption', 'source', '抖音').ok).toBe(true);
    crm.call('rebuildSummaries', { force: true });
    const settings = crm.rt.workbook.getSheet('设置');
    if (!settings) throw new Error('no settings tab');
    const rows = settings.getValuesRaw();
    const at = rows.findIndex((r) => r[2] === '抖音');
    expect(at).toBeGreaterThan(0);
    settings.deleteRows(at + 1, 1);
    expect(listColumn(crm, 'source')).toContain('抖音');
    crm.call('rebuildSummaries', { force: true });
    expect(listColumn(crm, 'source')).not.toContain('抖音');
  });

  it('works the same in an English workbook', () => {
    const en = loadCrm({ locale: 'en_US' });
    en.call('setupWorkbook');
    expect(en.call<{ ok: boolean }>('addOption', 'Industry', 'Aerospace').ok).toBe(true);
    expect(listColumn(en, 'industry', 'en')).toContain('Aerospace');
  });
});
