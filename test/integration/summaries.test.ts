import { appsScript } from '../../src/runtime';
import { tableDef, type TableKey } from '../../src/schema';
import { SUMMARY_COLUMNS } from '../../src/core/summaries';
import { loadCrm, measure, type Crm } from './harness';

type Result = { ok: true; skipped: boolean; built: string[]; pending: string[] };
type Saved = { ok: boolean; record: { id: string; version: number } };
const TABS = ['客户分布', '销售漏斗', '团队业绩', '客户价值', '重点关注', '服务统计', '活动效果', '业绩目标达成'];

function model(crm: Crm, tab: string) {
  const sheet = crm.rt.workbook.getSheet(tab);
  if (!sheet) throw new Error(`no tab ${tab}`);
  return sheet;
}

/** The row of a summary section: rows after the section title whose first cell is `label`. */
function sectionRow(crm: Crm, tab: string, section: string, label: string): unknown[] {
  const rows = model(crm, tab).getValuesRaw();
  const start = rows.findIndex((r) => r[0] === section);
  if (start < 0) throw new Error(`no section ${section} on ${tab}`);
  for (let i = start + 1; i < rows.length && rows[i].some((c) => c !== ''); i++) if (rows[i][0] === label) return rows[i];
  throw new Error(`no row ${label} in ${section} on ${tab}`);
}

/** Filter cells are the manager's: set them in the model as if typed. */
function setFilter(crm: Crm, tab: string, column: number, value: string): void {
  model(crm, tab).setValuesRaw(3, column, [[value]]);
}

function save(crm: Crm, table: string, values: Record<string, unknown>): Saved {
  const r = crm.call<Saved>('saveRecord', table, values);
  if (!r.ok) throw new Error(`${table}: ${JSON.stringify(r)}`);
  return r;
}

/** Appends rows straight into a table tab of the workbook model (no service calls, as if pasted). */
function fill(crm: Crm, key: TableKey, records: Record<string, unknown>[]): void {
  const def = tableDef(key);
  const sheet = model(crm, def.tab.zh);
  const raw = sheet.getValuesRaw();
  const header = raw[0] as string[];
  const at = new Map(def.columns.map((c) => [c.key, header.indexOf(c.label.zh)]));
  const rows = records.map((rec) => {
    const row: (string | number | boolean)[] = new Array(header.length).fill('');
    for (const [k, v] of Object.entries({ deleted: false, createdAt: '2024-03-01 10:00', ...rec })) {
      const i = at.get(k);
      if (i !== undefined && i >= 0) row[i] = Array.isArray(v) ? v.join(', ') : (v as string | number | boolean);
    }
    return row;
  });
  sheet.setValuesRaw(Math.max(raw.length, 1) + 1, 1, rows);
}

function seed(crm: Crm): void {
  const industries = ['制造业', '制造业', '制造业', '金融业', '金融业', null];
  const owners = ['a@example.com', 'a@example.com', 'b@example.com', 'b@example.com', 'b@example.com', 'c@example.com'];
  const ids = industries.map(
    (industry, i) =>
      save(crm, 'customers', { name: `客户${i}`, industry, owner: owners[i], kind: i < 4 ? '直接客户' : '代理商' }).record.id,
  );
  const stages = ['线索', '线索', '需求分析', '方案报价', '成交'];
  stages.forEach((stage, i) =>
    save(crm, 'opportunities', { name: `机会${i}`, customerId: ids[i], stage, owner: owners[i], amount: 1000 * (i + 1) }),
  );
  // One opportunity moves on: the history records the change for the funnel.
  const moved = save(crm, 'opportunities', {
    name: '推进中的机会',
    customerId: ids[0],
    stage: '线索',
    owner: 'a@example.com',
    amount: 500,
  });
  save(crm, 'opportunities', { id: moved.record.id, version: moved.record.version, stage: '需求分析' });
  for (const [i, method] of ['电话', '邮件', '面谈'].entries()) {
    save(crm, 'followUps', { customerId: ids[i], time: '2024-03-0' + (i + 1) + ' 10:00', method, owner: owners[i], content: '沟通需求' });
  }
  save(crm, 'campaigns', { name: '=1+1 新品发布会', owner: 'a@example.com', budget: 1000, startDate: '2024-03-01' });
}

describe('summary tabs (built bundle in the emulator)', () => {
  const crm = loadCrm({ user: 'owner@example.com' });
  crm.call('setupWorkbook');
  seed(crm);
  let first: Result;

  beforeAll(() => {
    first = crm.call<Result>('rebuildSummaries');
  });

  it('builds all eight localised tabs', () => {
    expect(first).toEqual({ ok: true, skipped: false, built: TABS, pending: [] });
    for (const tab of TABS) expect(model(crm, tab).getValuesRaw()[0][0]).toBe(tab);
  });

  it('counts customers per industry, opportunities per stage and follow-ups per owner exactly', () => {
    expect(sectionRow(crm, '客户分布', '按行业', '制造业').slice(0, 3)).toEqual(['制造业', 3, 0.5]);
    expect(sectionRow(crm, '客户分布', '按行业', '金融业').slice(0, 2)).toEqual(['金融业', 2]);
    expect(sectionRow(crm, '客户分布', '按行业', '（未填写）').slice(0, 2)).toEqual(['（未填写）', 1]);
    expect(sectionRow(crm, '客户分布', '按行业', '合计').slice(0, 2)).toEqual(['合计', 6]);
    expect(sectionRow(crm, '销售漏斗', '各阶段机会', '线索').slice(0, 3)).toEqual(['线索', 2, 3000]);
    expect(sectionRow(crm, '销售漏斗', '各阶段机会', '需求分析').slice(0, 3)).toEqual(['需求分析', 2, 3500]);
    expect(sectionRow(crm, '销售漏斗', '各阶段机会', '成交').slice(0, 2)).toEqual(['成交', 1]);
    // 6 entered 线索; 4 moved on to 需求分析 (3 created further along + 1 moved per the history).
    expect(sectionRow(crm, '销售漏斗', '阶段转化率', '线索 → 需求分析').slice(0, 4)).toEqual(['线索 → 需求分析', 6, 4, 4 / 6]);
    setFilter(crm, '团队业绩', 1, '全部');
    crm.call<Result>('rebuildSummaries');
    const header = sectionRow(crm, '团队业绩', '按负责人', '负责人');
    const a = sectionRow(crm, '团队业绩', '按负责人', 'a@example.com');
    const pick = (row: unknown[], ...cols: string[]) => cols.map((c) => row[header.indexOf(c)]);
    expect(pick(a, '跟进客户数', '跟进次数', '电话', '邮件', '新增机会')).toEqual([2, 2, 1, 1, 3]);
    expect(pick(sectionRow(crm, '团队业绩', '按负责人', 'b@example.com'), '跟进次数', '面谈', '新增机会', '赢单数', '赢单金额')).toEqual([
      1, 1, 3, 1, 5000,
    ]);
  });

  it('writes static values only: no formulas, formula-like text kept as text', () => {
    setFilter(crm, '活动效果', 1, '全部');
    crm.call<Result>('rebuildSummaries');
    const g = appsScript(crm.rt);
    const ss = g.SpreadsheetApp.getActiveSpreadsheet();
    for (const tab of TABS) {
      const formulas = ss.getSheetByName(tab)?.getDataRange().getFormulas() ?? [['missing']];
      expect(formulas.flat().filter((f) => f !== '')).toEqual([]);
    }
    expect(sectionRow(crm, '活动效果', '营销活动效果', '=1+1 新品发布会')[0]).toBe('=1+1 新品发布会');
  });

  it('formats numbers as counts, percentages and yuan, and draws native charts', () => {
    const sheet = appsScript(crm.rt).SpreadsheetApp.getActiveSpreadsheet().getSheetByName('销售漏斗');
    const rows = model(crm, '销售漏斗').getValuesRaw();
    const r = rows.findIndex((x) => x[0] === '线索') + 1;
    expect(sheet?.getRange(r, 2, 1, 2).getNumberFormats()).toEqual([['#,##0', '¥#,##0.00']]);
    expect(model(crm, '客户分布').charts.map((c) => c.chartType)).toEqual(['PIE', 'BAR', 'COLUMN', 'PIE', 'LINE']);
  });

  it('a second rebuild updates the charts in place rather than adding new ones', () => {
    const before = TABS.map((t) => model(crm, t).charts.map((c) => c.id));
    crm.call<Result>('rebuildSummaries');
    expect(TABS.map((t) => model(crm, t).charts.map((c) => c.id))).toEqual(before);
    // Someone deleted a chart: it comes back, the others are still the same charts.
    const dist = model(crm, '客户分布');
    dist.charts.splice(0, 1);
    crm.call<Result>('rebuildSummaries');
    expect(dist.charts).toHaveLength(5);
    expect(dist.charts.map((c) => c.id)).toEqual(expect.arrayContaining(before[0].slice(1)));
  });

  it("keeps each opportunity's stage log, so the change log is read only for opportunities without one", () => {
    const opps = model(crm, '销售机会').getValuesRaw();
    const at = (opps[0] as string[]).indexOf('阶段记录');
    const moved = opps.find((r) => r[(opps[0] as string[]).indexOf('机会名称')] === '推进中的机会') as string[];
    expect(moved[at]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 线索; \d{4}-\d{2}-\d{2} \d{2}:\d{2} 需求分析$/);
    const readCells = () => {
      measure(crm, () => crm.call('rebuildSummaries'));
      return crm.rt.stats().cellsRead;
    };
    const before = readCells();
    // A long change log costs nothing while every opportunity has its own stage log...
    const historyTab = model(crm, '变更历史');
    const pad = Array.from({ length: 2000 }, (_, i) => [
      '2024-01-01 00:00',
      'x@example.com',
      'customers',
      'C0',
      'notes',
      '',
      String(i),
      'edit',
      '',
    ]);
    historyTab.setValuesRaw(historyTab.getValuesRaw().length + 1, 1, pad);
    expect(readCells()).toBe(before);
    // ...and is read once an opportunity without one (a row typed in before the upgrade) appears.
    fill(crm, 'opportunities', [
      {
        id: 'O20240301999',
        name: '旧机会',
        customerId: opps[1][(opps[0] as string[]).indexOf('客户编号')],
        stage: '线索',
        owner: 'a@example.com',
      },
    ]);
    // (only the log's stage columns: time, table, record, field, old and new value)
    expect(readCells()).toBeGreaterThan(before + 2000 * SUMMARY_COLUMNS.history.length);
  });

  it('skips a scheduled rebuild when nothing changed, cheaply', () => {
    crm.call<Result>('rebuildSummaries', { force: false });
    const skip = measure(crm, () => crm.call<Result>('rebuildSummaries', { triggerUid: 'hourly' }));
    expect(skip.result.skipped).toBe(true);
    expect(skip.byMethod['Range.setValues'] ?? 0).toBe(0);
    // The lock, settings, the metadata get, the filter rows with the key index's sentinels (no
    // extent per table), the state (was ~24: a getValues per filter row, a getDataRange per table).
    expect(skip.roundTrips).toBeLessThanOrEqual(5);
    expect(skip.byMethod['Sheet.getDataRange']).toBeUndefined();
    save(crm, 'customers', { name: '新来的客户', industry: '制造业' });
    expect(crm.call<Result>('rebuildSummaries', { force: false }).skipped).toBe(false);
    expect(sectionRow(crm, '客户分布', '按行业', '制造业').slice(0, 2)).toEqual(['制造业', 4]);
    // Rows pasted in by hand, behind the CRM's back, move the sentinel's live count too.
    expect(crm.call<Result>('rebuildSummaries', { force: false }).skipped).toBe(true);
    fill(crm, 'followUps', [{ id: 'F20240301999', time: '2024-03-05 10:00', method: '电话', owner: 'c@example.com', content: 'x' }]);
    expect(crm.call<Result>('rebuildSummaries', { force: false }).skipped).toBe(false);
  });

  it('continues on the next run when the time budget runs out, never leaving a tab half-written', () => {
    const r1 = crm.call<Result>('rebuildSummaries', { force: true, timeBudgetMs: 0 });
    expect(r1).toMatchObject({ built: ['客户分布'], pending: TABS.slice(1) });
    const runs = [r1];
    while (runs[runs.length - 1].pending.length) runs.push(crm.call<Result>('rebuildSummaries', { force: false, timeBudgetMs: 0 }));
    expect(runs.map((r) => r.built[0])).toEqual(TABS);
    expect(crm.call<Result>('rebuildSummaries', { force: false }).skipped).toBe(true);
  });
});

describe('rebuildSummaries service calls do not grow with rows', () => {
  function cost(n: number) {
    const crm = loadCrm({ user: 'owner@example.com' });
    crm.call('setupWorkbook');
    const industries = ['制造业', '金融业', '教育', '建筑业'];
    const stages = ['线索', '需求分析', '方案报价', '合同谈判', '成交', '输单'];
    const id = (p: string, i: number) => `${p}20240301${String(i + 1).padStart(5, '0')}`;
    fill(
      crm,
      'customers',
      Array.from({ length: n }, (_, i) => ({
        id: id('C', i),
        name: `客户${i}`,
        industry: industries[i % 4],
        owner: `rep${i % 5}@example.com`,
        kind: '直接客户',
        lifecycle: '成交',
        tags: i % 7 ? [] : ['高潜力客户'],
      })),
    );
    fill(
      crm,
      'opportunities',
      Array.from({ length: n }, (_, i) => ({
        id: id('O', i),
        name: `机会${i}`,
        customerId: id('C', i),
        stage: stages[i % 6],
        owner: `rep${i % 5}@example.com`,
        amount: 1000,
        stageChangedAt: '2024-03-01 10:00',
      })),
    );
    fill(
      crm,
      'followUps',
      Array.from({ length: n * 3 }, (_, i) => ({
        id: id('F', i),
        customerId: id('C', i % n),
        time: '2024-03-02 10:00',
        method: '电话',
        owner: `rep${i % 5}@example.com`,
        content: 'x',
      })),
    );
    fill(
      crm,
      'payments',
      Array.from({ length: n }, (_, i) => ({ id: id('R', i), customerId: id('C', i), amount: 100, dueDate: '2024-01-01' })),
    );
    crm.call<Result>('rebuildSummaries');
    return measure(crm, () => crm.call<Result>('rebuildSummaries'));
  }

  it('is the same at 300 and 3,000 customers: batched reads and writes, only the cells grow', () => {
    const small = cost(300);
    const large = cost(3000);
    expect(small.result.built).toHaveLength(8);
    expect(large.calls).toBe(small.calls);
    expect(large.roundTrips).toBe(small.roundTrips);
    expect(large.byMethod).toEqual(small.byMethod);
    // Every tab's values in one write; grids, clearing, formats and styles in one structural call;
    // no SpreadsheetApp cell reads or writes, and (data and layout unchanged) no chart call.
    expect(large.byMethod['Sheets.Spreadsheets.Values.batchUpdate']).toBe(1);
    expect(large.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    for (const m of [
      'Range.getValues',
      'Range.setValues',
      'Sheet.getDataRange',
      'Sheet.getCharts',
      'Sheet.insertChart',
      'Sheet.updateChart',
    ])
      expect(large.byMethod[m]).toBeUndefined();
    expect(large.cellsRead).toBeGreaterThan(small.cellsRead);
  });
});

/** A summary tab as the model holds it: what a person sees (the charts without their IDs). */
function look(crm: Crm): string[] {
  return TABS.map((name) => {
    const x = model(crm, name);
    // The usage line: without the service the grids come from the ten-minute capacity cache (the
    // first run's), with it from this run's metadata call; the share may differ by the tabs grown since.
    // The built-at line carries the minute each run ran in (two runs can straddle a minute).
    const values = x
      .getValuesRaw()
      .map((r) =>
        r.map((v) =>
          typeof v === 'string' && v.startsWith('工作簿用量')
            ? '工作簿用量'
            : typeof v === 'string' && v.startsWith('生成时间')
              ? '生成时间'
              : v,
        ),
      );
    return JSON.stringify({
      name,
      rows: x.maxRows,
      cols: x.maxColumns,
      frozen: x.frozenRows,
      values,
      // (A range dropdown names its source by the lists tab's sheet ID, the workbook's own.)
      validations: [...x.validations.entries()].map(([r, c, v]) => [
        r,
        c,
        JSON.parse(JSON.stringify(v), (k, val: unknown) => (k === 'sheetId' ? 0 : val)),
      ]),
      formats: [...x.numberFormats.entries()],
      backgrounds: [...x.backgrounds.entries()],
      // (A style layer the API path touched but left empty is no difference a person sees.)
      styles: [...x.styles.entries()]
        .map(([k, g]) => [k, [...g.entries()]] as const)
        .filter(([, e]) => e.length)
        .sort(),
      // (Sheet IDs are the workbook's own; chart IDs are assigned on insert. A pie added through the
      // API has no header count, Sheets takes its text first row as the header: -1 in the model.)
      charts: x.charts.map((c) => ({
        ...c,
        id: 0,
        ranges: c.ranges.map((r) => ({ ...r, sheetId: 0 })),
        numHeaders: c.chartType === 'PIE' && c.numHeaders === -1 ? 1 : c.numHeaders,
        options: Object.fromEntries(Object.entries(c.options).sort(([p], [q]) => p.localeCompare(q))),
      })),
    });
  });
}

describe('with the Sheets service (batched) and without it (SpreadsheetApp)', () => {
  function run(manifest?: object): Crm {
    const crm = loadCrm({ user: 'owner@example.com', ...(manifest ? { manifest } : {}) });
    crm.call('setupWorkbook');
    seed(crm);
    crm.call<Result>('rebuildSummaries');
    // Content shrinks and grows between runs: the old block must be cleared, formats and all.
    setFilter(crm, '团队业绩', 1, '全部');
    setFilter(crm, '客户分布', 1, '本年');
    save(crm, 'customers', { name: '新来的客户', industry: '教育', owner: 'd@example.com' });
    crm.call<Result>('rebuildSummaries');
    return crm;
  }

  it('leave the same summary tabs: values, number formats, styles, dropdowns and charts', () => {
    const api = run();
    const plain = run({ dependencies: {} });
    expect(plain.rt.stats().byMethod['Sheets.Spreadsheets.batchUpdate']).toBeUndefined();
    expect(look(api)).toEqual(look(plain));
  });

  it('a second rebuild with unchanged data and layout inserts no chart and makes at most 10 round trips', () => {
    const crm = run();
    const again = measure(crm, () => crm.call<Result>('rebuildSummaries'));
    expect(again.result.built).toEqual(TABS);
    for (const m of ['Sheet.getCharts', 'Sheet.insertChart', 'Sheet.updateChart', 'Sheet.removeChart'])
      expect(again.byMethod[m]).toBeUndefined();
    // lock; settings; metadata; filter rows + sentinels; state; columns; capacity cache; one
    // structural batch; one values write; state and capacity level.
    expect(again.roundTrips).toBeLessThanOrEqual(10);
    expect(again.byMethod['Properties.setProperties']).toBe(1);
    // The capacity level the sidebar falls back to is still remembered.
    const level = appsScript(crm.rt).PropertiesService.getDocumentProperties().getProperty('crm.capacity.level');
    expect(JSON.parse(level ?? 'null')).toMatchObject({ level: 'ok', limit: 10000000 });
    // A chart deleted by hand is noticed (the metadata's chart count) and put back.
    model(crm, '客户分布').charts.splice(0, 1);
    const repaired = measure(crm, () => crm.call<Result>('rebuildSummaries'));
    expect(model(crm, '客户分布').charts).toHaveLength(5);
    expect(repaired.byMethod['Sheet.getCharts']).toBe(1);
  });
});

describe('order lines without an amount', () => {
  it('read their price and discount in one more batched read of just those rows; none when every line has its amount', () => {
    const crm = loadCrm({ user: 'owner@example.com' });
    crm.call('setupWorkbook');
    const customer = save(crm, 'customers', { name: '买家' }).record.id;
    const today = new Date().toISOString().slice(0, 10);
    fill(crm, 'orders', [{ id: 'S20240301001', customerId: customer, orderDate: today, total: '' }]);
    fill(crm, 'lineItems', [
      { id: 'D20240301001', docType: '订单', docId: 'S20240301001', product: '乙', quantity: 1, unitPrice: 50, amount: 30 },
    ]);
    setFilter(crm, '客户价值', 1, '全部');
    const batchGets = (m: ReturnType<typeof measure>) => m.byMethod['Sheets.Spreadsheets.Values.batchGet'] ?? 0;
    const whole = measure(crm, () => crm.call<Result>('rebuildSummaries'));
    expect(sectionRow(crm, '客户价值', '按产品销售', '乙').slice(0, 3)).toEqual(['乙', 1, 30]);
    // Typed in by hand: no amount, so it is quantity × price less the discount.
    fill(crm, 'lineItems', [
      { id: 'D20240301002', docType: '订单', docId: 'S20240301001', product: '甲', quantity: 2, unitPrice: 100, discount: 10, amount: '' },
    ]);
    const priced = measure(crm, () => crm.call<Result>('rebuildSummaries'));
    expect(sectionRow(crm, '客户价值', '按产品销售', '甲').slice(0, 3)).toEqual(['甲', 2, 180]);
    expect(batchGets(priced)).toBe(batchGets(whole) + 1);
  });

  it('without the Sheets service read the price columns whole, with the same amounts', () => {
    const crm = loadCrm({ user: 'owner@example.com', manifest: { dependencies: {} } });
    crm.call('setupWorkbook');
    const customer = save(crm, 'customers', { name: '买家' }).record.id;
    fill(crm, 'orders', [{ id: 'S20240301001', customerId: customer, orderDate: new Date().toISOString().slice(0, 10), total: '' }]);
    fill(crm, 'lineItems', [
      { id: 'D20240301001', docType: '订单', docId: 'S20240301001', product: '乙', quantity: 1, unitPrice: 50, amount: 30 },
      { id: 'D20240301002', docType: '订单', docId: 'S20240301001', product: '甲', quantity: 2, unitPrice: 100, discount: 10, amount: '' },
    ]);
    setFilter(crm, '客户价值', 1, '全部');
    crm.call<Result>('rebuildSummaries');
    expect(sectionRow(crm, '客户价值', '按产品销售', '甲').slice(0, 3)).toEqual(['甲', 2, 180]);
    expect(sectionRow(crm, '客户价值', '按产品销售', '乙').slice(0, 3)).toEqual(['乙', 1, 30]);
  });
});

describe('English workbook, menu and triggers', () => {
  it('names tabs and headings in English', () => {
    const crm = loadCrm({ user: 'owner@example.com', locale: 'en_US' });
    crm.call('setupWorkbook');
    save(crm, 'customers', { name: 'Acme', industry: '制造业', kind: 'Direct' });
    const r = crm.call<Result>('rebuildSummaries');
    expect(r.built).toEqual([
      'Customer distribution',
      'Sales funnel',
      'Team performance',
      'Customer value',
      'Attention list',
      'Service summary',
      'Campaign results',
      'Target attainment',
    ]);
    expect(sectionRow(crm, 'Customer distribution', 'By industry', '制造业').slice(0, 3)).toEqual(['制造业', 1, 1]);
    expect(model(crm, 'Customer distribution').getValuesRaw()[1].slice(0, 6)).toEqual([
      'Period',
      'Start date',
      'End date',
      'Owner',
      'Customer kind',
      'Lifecycle',
    ]);
  });

  it('installs exactly one hourly rebuild trigger however often it runs, removing duplicates', () => {
    const crm = loadCrm({ user: 'owner@example.com' });
    crm.call('setupWorkbook');
    type Report = { created: string[]; kept: string[]; removed: number };
    // Other issues add their own triggers; this checks the rebuild's.
    const rebuild = (r: Report) => ({
      created: r.created.filter((h) => h === 'rebuildSummaries'),
      kept: r.kept.filter((h) => h === 'rebuildSummaries'),
      removed: r.removed,
    });
    expect(rebuild(crm.call<Report>('installTriggers'))).toEqual({ created: ['rebuildSummaries'], kept: [], removed: 0 });
    expect(rebuild(crm.call<Report>('installTriggers'))).toEqual({ created: [], kept: ['rebuildSummaries'], removed: 0 });
    // A duplicate made by hand is removed.
    appsScript(crm.rt).ScriptApp.newTrigger('rebuildSummaries').timeBased().everyHours(1).create();
    expect(rebuild(crm.call<Report>('installTriggers'))).toEqual({ created: [], kept: ['rebuildSummaries'], removed: 1 });
    const triggers = crm.rt.triggers().filter((t) => t.handler === 'rebuildSummaries');
    expect(triggers.map((t) => [t.handler, t.eventType, t.schedule?.everyHours])).toEqual([['rebuildSummaries', 'CLOCK', 1]]);
  });

  it('adds 重建汇总 and 安装触发器 to the CRM menu', () => {
    const crm = loadCrm({ user: 'owner@example.com' });
    crm.call('onOpen');
    const items = crm.rt.ui.menus[0].items.flatMap((i) => (i.type === 'item' ? [[i.caption, i.functionName]] : []));
    expect(items).toEqual(
      expect.arrayContaining([
        ['重建汇总', 'rebuildSummaries'],
        ['安装触发器', 'installTriggers'],
      ]),
    );
  });
});
