import { Workbook } from '../../src/runtime/emulator/model/workbook';

describe('host-side model: a person sorting a range; copies keep computing formulas', () => {
  it('sortRows moves whole rows (values, notes, formats) by one column; blanks last; stable', () => {
    const wb = new Workbook();
    const s = wb.sheets[0];
    s.setValuesRaw(1, 1, [
      ['id', 'name'],
      ['C3', 'b'],
      ['C1', ''],
      ['C2', 'A'],
      ['C4', 'b'],
      ['C5', 10],
    ]);
    s.notes.set(4, 2, 'note on A');
    s.numberFormats.set(2, 1, '@');
    s.sortRows(2, 5, 2, true);
    expect(
      s
        .getValuesRaw()
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['C5', 'C2', 'C3', 'C4', 'C1']);
    expect(s.notes.get(3, 2)).toBe('note on A');
    expect(s.numberFormats.get(4, 1)).toBe('@');
    s.sortRows(2, 5, 2, false);
    expect(
      s
        .getValuesRaw()
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['C3', 'C4', 'C2', 'C5', 'C1']);
  });

  it('a copied workbook evaluates its COUNTA formulas against its own tabs', () => {
    const wb = new Workbook();
    const data = wb.insertSheet('Data');
    data.setValuesRaw(1, 1, [['id'], ['a'], ['b']]);
    const idx = wb.insertSheet('Index');
    idx.formulas.set(1, 1, "=COUNTA('Data'!A:A)");
    expect(idx.getCell(1, 1)).toBe(3);
    const copy = wb.clone('copy');
    copy.getSheet('Data')?.setValuesRaw(4, 1, [['c']]);
    expect(copy.getSheet('Index')?.getCell(1, 1)).toBe(4);
    expect(idx.getCell(1, 1)).toBe(3);
  });
});
