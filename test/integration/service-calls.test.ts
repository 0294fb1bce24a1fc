import { customers } from '../../src/schema';
import { loadCrm, measure, type Crm } from './harness';

type Measured = ReturnType<typeof measure>;

/** Fills the customer tab straight in the model (no service calls), as if people had typed it. */
function fillCustomers(crm: Crm, n: number): void {
  const sheet = crm.rt.workbook.getSheet('客户信息');
  if (!sheet) throw new Error('no customers tab');
  const header = sheet.getValuesRaw()[0] as string[];
  const col = (label: string) => header.indexOf(label);
  const rows = Array.from({ length: n }, (_, i) => {
    const row: (string | number | boolean)[] = new Array(header.length).fill('');
    row[col('编号')] = `C20240101${String(i + 1).padStart(3, '0')}`;
    row[col(customers.fields.name.meta.label.zh)] = `客户 ${i + 1}`;
    row[col('负责人')] = 'rep@example.com';
    row[col('版本')] = 1;
    row[col('已删除')] = false;
    return row;
  });
  sheet.setValuesRaw(2, 1, rows);
}

function costs(n: number): Record<'create' | 'update' | 'child' | 'get' | 'search' | 'c360', Measured> {
  const crm = loadCrm({ user: 'rep@example.com' });
  crm.call('setupWorkbook');
  fillCustomers(crm, n);
  // Rows written straight into the model bypass the CRM: the index is built from them once (what
  // rebuildIndex or the daily job does after rows arrive by other means).
  crm.call('rebuildIndex', { all: true });
  // The filled tab's grid is full: the first append grows it (by 100 rows); measure a later one.
  crm.call('saveRecord', 'customers', { name: '先到的客户' });
  const create = measure(crm, () =>
    crm.call<{ ok: boolean; record: { id: string; version: number } }>('saveRecord', 'customers', { name: '新客户', phone: '13800138000' }),
  );
  expect(create.result.ok).toBe(true);
  const id = create.result.record.id;
  const update = measure(crm, () =>
    crm.call<{ ok: boolean }>('saveRecord', 'customers', {
      id,
      version: create.result.record.version,
      phone: '13900139000',
      notes: 'x',
      kind: '代理商',
    }),
  );
  expect(update.result.ok).toBe(true);
  const child = measure(crm, () => crm.call<{ ok: boolean }>('saveRecord', 'contacts', { customerId: id, name: '张三' }));
  expect(child.result.ok).toBe(true);
  const get = measure(crm, () => crm.call('getRecord', 'customers', id));
  const search = measure(crm, () => crm.call('searchRecords', 'customers', '客户 9', { limit: 20 }));
  const c360 = measure(crm, () => crm.call('getCustomer360', id));
  return { create, update, child, get, search, c360 };
}

describe('service calls do not grow with rows', () => {
  const small = costs(1000);
  const large = costs(50000);
  const ops = ['create', 'update', 'child', 'get', 'search', 'c360'] as const;

  it('every interactive operation makes the same calls at 1,000 and 50,000 customers', () => {
    for (const op of ops) {
      expect({ op, calls: large[op].calls, roundTrips: large[op].roundTrips }).toEqual({
        op,
        calls: small[op].calls,
        roundTrips: small[op].roundTrips,
      });
    }
  });

  it('reads by key: the cells read do not follow the tab (search reads one key cell per row)', () => {
    for (const op of ['create', 'update', 'child', 'get', 'c360'] as const) {
      expect({ op, cells: large[op].cellsRead }).toEqual({ op, cells: small[op].cellsRead });
    }
    // The search-key column, one cell per customer, and the page's rows.
    expect(large.search.cellsRead - small.search.cellsRead).toBe(49000);
  });

  it('meets the round-trip budgets: a save six or fewer, a read two, a search three', () => {
    expect(small.create.roundTrips).toBeLessThanOrEqual(6);
    expect(small.update.roundTrips).toBeLessThanOrEqual(6);
    expect(small.child.roundTrips).toBeLessThanOrEqual(6);
    expect(small.get.roundTrips).toBe(2);
    expect(small.c360.roundTrips).toBe(2);
    expect(small.search.roundTrips).toBe(3);
    // Every read is a batched read; every write of a save is one batched write.
    expect(small.get.byMethod['Range.getValues']).toBeUndefined();
    expect(small.create.byMethod['Sheets.Spreadsheets.Values.batchUpdate']).toBe(1);
  });
});

describe('rebuildSummaries round trips', () => {
  it('are a fixed handful with the Sheets service, whatever the rows: two reads, two writes, and a chart call only where charts change', () => {
    const crm = loadCrm({ user: 'owner@example.com' });
    crm.call('setupWorkbook');
    fillCustomers(crm, 1000);
    crm.call('rebuildIndex', { all: true });
    const first = measure(crm, () => crm.call('rebuildSummaries'));
    const again = measure(crm, () => crm.call('rebuildSummaries'));
    // Budget (was 131 at every size: a getDataRange per source table, and per tab a read, a
    // clear, a write, a call per format and style, getCharts and every chart re-made): the lock,
    // settings, one metadata get, the filter rows with the index sentinels, the state, the columns,
    // the capacity cache, one structural batchUpdate, one values write, the state with the level.
    expect(again.roundTrips).toBeLessThanOrEqual(10);
    // The first build adds its charts in the structural batch; a tab whose lower charts sit below
    // its grid inserts them with SpreadsheetApp, one call each (the tab had none: no getCharts).
    const charts = first.byMethod['Sheet.insertChart'] ?? 0;
    expect(first.byMethod['Sheet.getCharts']).toBeUndefined();
    // The first rebuild also rewrites the lists tab the owner filters read (the lists changed since
    // no rebuild had seen them): one more write.
    expect(first.roundTrips - charts).toBeLessThanOrEqual(11);
  });
});
