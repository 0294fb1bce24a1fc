import { capacityLevel, capacityOf, cellsPerCustomer, customersThatFit, SHEETS_CELL_LIMIT } from '../../src/core/capacity';
import { loadCrm, measure } from '../integration/harness';

describe('capacity arithmetic (src/core/capacity)', () => {
  it('counts every tab grid, largest first, with the level from 80%', () => {
    const c = capacityOf([
      { name: 'a', rows: 1000, columns: 26 },
      { name: 'b', rows: 300_000, columns: 26 },
    ]);
    expect(c.usedCells).toBe(26_000 + 7_800_000);
    expect(c.tabs.map((t) => t.name)).toEqual(['b', 'a']);
    expect(c.level).toBe('ok');
    expect(c.remainingCells).toBe(SHEETS_CELL_LIMIT - c.usedCells);
    expect(capacityLevel(0.79)).toBe('ok');
    expect(capacityLevel(0.8)).toBe('warning');
    expect(capacityLevel(1)).toBe('full');
    expect(capacityOf([{ name: 'x', rows: 500_000, columns: 26 }]).level).toBe('full');
    // 10 cells left: not even one 26-column row fits any more.
    expect(
      capacityOf([
        { name: 'x', rows: 1, columns: 26 },
        { name: 'y', rows: 1, columns: SHEETS_CELL_LIMIT - 36 },
      ]).level,
    ).toBe('full');
  });

  it('works out the customers that fit from rows per customer and tab widths', () => {
    const growth = [
      { table: 'customers', rowsPerCustomer: 1, columns: 26 },
      { table: 'followUps', rowsPerCustomer: 10, columns: 20 },
    ];
    expect(cellsPerCustomer(growth)).toBe(226);
    expect(customersThatFit(growth, 600_000)).toBe(Math.floor(9_400_000 / 226));
    expect(customersThatFit(growth, 600_000, SHEETS_CELL_LIMIT, 0.8)).toBe(Math.floor(7_400_000 / 226));
    expect(customersThatFit(growth, 20_000_000)).toBe(0);
  });
});

describe('getCapacity() (built bundle)', () => {
  const crm = loadCrm({ user: 'owner@example.com' });
  crm.call('setupWorkbook');
  type Answer = { usedCells: number; level: string; cached: boolean; tabs: { name: string; cells: number }[] };

  it('reads each tab grid with metadata calls only, then answers from the cache', () => {
    const fresh = measure(crm, () => crm.call<Answer>('getCapacity', { refresh: true }));
    expect(fresh.result.usedCells).toBe(crm.rt.workbook.cellCount);
    expect(fresh.result.level).toBe('ok');
    expect(fresh.result.cached).toBe(false);
    expect(fresh.byMethod['Range.getValues']).toBeUndefined();
    // One spreadsheets.get (sheet properties, no cells) for every tab's grid.
    expect(fresh.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(fresh.byMethod['Sheet.getMaxRows']).toBeUndefined();
    expect(crm.rt.stats().cellsRead).toBe(0);
    const cached = measure(crm, () => crm.call<Answer>('getCapacity'));
    expect(cached.result).toMatchObject({ usedCells: fresh.result.usedCells, cached: true });
    expect(cached.roundTrips).toBe(1);
  });

  it('does not grow with rows, and warns from 80% of the limit', () => {
    const before = measure(crm, () => crm.call<Answer>('getCapacity', { refresh: true })).calls;
    const sheet = crm.rt.workbook.getSheet('跟进记录');
    if (!sheet) throw new Error('no follow-ups tab');
    sheet.maxRows = Math.ceil((SHEETS_CELL_LIMIT * 0.85 - crm.rt.workbook.cellCount) / sheet.maxColumns) + sheet.maxRows;
    const after = measure(crm, () => crm.call<Answer>('getCapacity', { refresh: true }));
    expect(after.calls).toBe(before);
    expect(after.result.level).toBe('warning');
    expect(after.result.tabs[0].name).toBe('跟进记录');
  });

  it('refuses options it does not know', () => {
    expect(() => crm.call('getCapacity', { fresh: true })).toThrow(/options\.fresh.*(unknown option|未知的选项)/);
  });
});
