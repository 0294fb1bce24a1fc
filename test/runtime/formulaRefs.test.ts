/** Formulas in the emulator: the small grammar the CRM's key-index sentinel uses, and references adjusted on row/column inserts and deletes, as in Sheets. */
import { Workbook } from '../../src/runtime/emulator/model/workbook';
import type { SheetModel } from '../../src/runtime/emulator/model/sheetModel';
import { setup } from './helpers';

const SENTINEL = `=COUNTA('跟进记录'!B:B)&"/"&COUNTA('跟进记录'!B2:B500)&"/"&ROW('跟进记录'!B2:B500)&"/"&ROWS('跟进记录'!B2:B500)`;

/** A data tab ('Data', 1000 rows, B1 header and B2..B20 filled) and an index tab holding `formula` at A1. */
function book(
  formula: string,
  dataName = 'Data',
): { wb: Workbook; data: SheetModel; idx: SheetModel; text: () => string | undefined; value: () => unknown } {
  const wb = new Workbook();
  const data = wb.insertSheet(dataName);
  data.setValuesRaw(1, 2, [['id'], ...Array.from({ length: 19 }, (_, i) => [`C${i + 1}`])]);
  const idx = wb.insertSheet('Index');
  idx.formulas.set(1, 1, formula);
  return { wb, data, idx, text: () => idx.formulas.get(1, 1), value: () => idx.getCell(1, 1) };
}

describe('formula evaluation', () => {
  it('evaluates the key-index sentinel; a single term keeps its number', () => {
    const { data, value, idx } = book(SENTINEL, '跟进记录');
    expect(value()).toBe('20/19/2/499');
    data.setValuesRaw(21, 2, [['C20']]);
    expect(value()).toBe('21/20/2/499');
    idx.formulas.set(2, 1, "=COUNTA('跟进记录'!B:B)");
    idx.formulas.set(3, 1, "=rows('跟进记录'!B:B)");
    idx.formulas.set(4, 1, "= Column ( '跟进记录'!$C$2:E9 ) & \"|\" & COLUMNS('跟进记录'!C2:E9)");
    idx.formulas.set(5, 1, '=7');
    idx.formulas.set(6, 1, '="say ""hi"" & go"&1.5&"/"&0.1');
    expect([2, 3, 4, 5, 6].map((r) => idx.getCell(r, 1))).toEqual([21, 1000, '3|3', 7, 'say "hi" & go1.5/0.1']);
  });

  it("names tabs quoted (with '' escapes) or bare; a missing tab or #REF! makes the whole formula #REF!", () => {
    const { wb, idx } = book('=1');
    const odd = wb.insertSheet("It's here");
    odd.setValuesRaw(1, 1, [['x'], ['y']]);
    const cases: [string, unknown][] = [
      ["=COUNTA('It''s here'!A:A)", 2],
      ['=COUNTA(Data!B2:B3)&"+"&ROW(data!B7)', '2+7'],
      ["=COUNTA('Nope'!A:A)", '#REF!'],
      ['="n="&ROW(#REF!)', '#REF!'],
      ["=ROWS('Nope'!A1:A2)&COUNTA(Data!B:B)", '#REF!'],
    ];
    cases.forEach(([f], i) => idx.formulas.set(i + 1, 2, f));
    expect(cases.map((_, i) => idx.getCell(i + 1, 2))).toEqual(cases.map(([, v]) => v));
  });

  it('anything outside the grammar reads #ERROR!', () => {
    const { idx } = book('=1');
    const bad = [
      '=SUM(Data!B:B)',
      '=COUNTA(Data!B:B)+1',
      '=COUNTA("x")',
      '=COUNTA(Data!B1,Data!B2)',
      'COUNTA(Data!B:B)',
      '="open',
      '=ROW(Data!B2)&',
      '=LOG10(Data!B2)',
      '=x',
    ];
    bad.forEach((f, i) => idx.formulas.set(i + 1, 3, f));
    expect(bad.map((_, i) => idx.getCell(i + 1, 3))).toEqual(bad.map(() => '#ERROR!'));
  });

  it('may read its own tab; a COUNTA reaching its own cell (directly or through another formula) is circular: #REF!', () => {
    const { idx } = book('=1');
    idx.setValuesRaw(1, 2, [['a'], ['b']]);
    idx.formulas.set(1, 3, '=COUNTA(B:B)&"/"&ROW(C1)');
    idx.formulas.set(2, 3, '=COUNTA(C:C)');
    idx.formulas.set(1, 4, "=COUNTA('Index'!E:E)");
    idx.formulas.set(1, 5, '=COUNTA(D1)');
    expect([idx.getCell(1, 3), idx.getCell(2, 3), idx.getCell(1, 4), idx.getCell(1, 5)]).toEqual(['2/1', '#REF!', '#REF!', '#REF!']);
  });
});

describe('references follow rows and columns inserted or deleted', () => {
  const RANGE = "=ROW('Data'!B2:B500)";
  const rows = (op: (d: SheetModel) => void, formula = RANGE): string | undefined => {
    const b = book(formula);
    op(b.data);
    return b.text();
  };

  it('inserting rows: before the range moves it, inside or at its last row grows it, after it leaves it', () => {
    expect(rows((d) => d.insertRows(2, 3))).toBe("=ROW('Data'!B5:B503)");
    expect(rows((d) => d.insertRows(1, 1))).toBe("=ROW('Data'!B3:B501)");
    expect(rows((d) => d.insertRows(500, 3))).toBe("=ROW('Data'!B2:B503)");
    expect(rows((d) => d.insertRows(40, 1))).toBe("=ROW('Data'!B2:B501)");
    expect(rows((d) => d.insertRows(501, 3))).toBe(RANGE);
  });

  it('deleting rows: above moves up, a span over the start or the end clips, the whole range or a deleted cell is #REF!', () => {
    expect(rows((d) => d.deleteRows(1, 1))).toBe("=ROW('Data'!B1:B499)");
    expect(rows((d) => d.deleteRows(1, 3))).toBe("=ROW('Data'!B1:B497)");
    expect(rows((d) => d.deleteRows(10, 10))).toBe("=ROW('Data'!B2:B490)");
    expect(rows((d) => d.deleteRows(499, 10))).toBe("=ROW('Data'!B2:B498)");
    expect(rows((d) => d.deleteRows(501, 10))).toBe(RANGE);
    expect(rows((d) => d.deleteRows(2, 499))).toBe('=ROW(#REF!)');
    expect(rows((d) => d.deleteRows(1, 600))).toBe('=ROW(#REF!)');
    expect(rows((d) => d.deleteRows(7, 1), '=ROW(Data!B6)&ROW(Data!B7)&ROW(Data!$B$8)')).toBe('=ROW(Data!B6)&ROW(#REF!)&ROW(Data!$B$7)');
    const b = book(RANGE);
    b.data.deleteRows(2, 499);
    expect(b.value()).toBe('#REF!');
  });

  it('whole columns ignore row changes; open-ended ranges move their bounded corner', () => {
    expect(rows((d) => d.deleteRows(1, 5), "=COUNTA('Data'!B:B)&COUNTA(Data!B3:B)")).toBe("=COUNTA('Data'!B:B)&COUNTA(Data!B1:B)");
    expect(rows((d) => d.insertRows(1, 2), '=ROWS(Data!1:3)')).toBe('=ROWS(Data!3:5)');
  });

  it('columns shift the same way, $ markers kept: the sentinel keeps counting the ID column', () => {
    const sentinel = "=COUNTA('Data'!B:B)&\"/\"&COUNTA('Data'!$B$2:$B$500)&ROWS(Data!1:1)";
    const b = book(sentinel);
    b.data.insertColumns(1, 1);
    expect(b.text()).toBe("=COUNTA('Data'!C:C)&\"/\"&COUNTA('Data'!$C$2:$C$500)&ROWS(Data!1:1)");
    expect(b.value()).toBe('20/19' + '1');
    b.data.insertColumns(4, 2);
    expect(b.text()).toBe("=COUNTA('Data'!C:C)&\"/\"&COUNTA('Data'!$C$2:$C$500)&ROWS(Data!1:1)");
    b.data.deleteColumns(3, 1);
    expect(b.text()).toBe('=COUNTA(#REF!)&"/"&COUNTA(#REF!)&ROWS(Data!1:1)');
    expect(rows((d) => d.deleteColumns(1, 2), '=COLUMNS(Data!A1:D1)')).toBe('=COLUMNS(Data!A1:B1)');
  });

  it('adjusts unqualified references only on the changed tab, and never text inside strings', () => {
    const { wb, data, idx } = book('="Data!B2&\'Data\'!B3 ""Data!B4"""&ROW(\'Data\'!B2)&ROW(B2)');
    data.formulas.set(1, 5, '=ROW(B2)&ROW(Index!B2)');
    data.insertRows(1, 1);
    expect(idx.formulas.get(1, 1)).toBe('="Data!B2&\'Data\'!B3 ""Data!B4"""&ROW(\'Data\'!B3)&ROW(B2)');
    expect(data.formulas.get(2, 5)).toBe('=ROW(B3)&ROW(Index!B2)');
    expect(idx.getCell(1, 1)).toBe('Data!B2&\'Data\'!B3 "Data!B4"32');
    // Formulas outside the grammar are adjusted all the same (they still read #ERROR!).
    idx.formulas.set(2, 1, '=SUM(Data!B2:B9)*2');
    wb.getSheet('Data')!.deleteRows(1, 1);
    expect(idx.formulas.get(2, 1)).toBe('=SUM(Data!B1:B8)*2');
    expect(idx.getCell(2, 1)).toBe('#ERROR!');
  });

  it('sorting does not adjust; a copied workbook adjusts its own formulas only', () => {
    const { wb, data, text } = book(RANGE);
    data.sortRows(2, 19, 2, false);
    expect(text()).toBe(RANGE);
    const copy = wb.clone('copy');
    copy.getSheet('Data')!.insertRows(1, 1);
    expect(copy.getSheet('Index')!.formulas.get(1, 1)).toBe("=ROW('Data'!B3:B501)");
    expect(text()).toBe(RANGE);
    data.deleteRows(1, 1);
    expect(text()).toBe("=ROW('Data'!B1:B499)");
    expect(copy.getSheet('Index')!.formulas.get(1, 1)).toBe("=ROW('Data'!B3:B501)");
  });
});

describe('through Apps Script and the Sheets API', () => {
  const SHEETS_MANIFEST = { dependencies: { enabledAdvancedServices: [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }] } };

  function crm() {
    const s = setup({ locale: 'en_US', manifest: SHEETS_MANIFEST, user: 'owner@example.com', owner: 'owner@example.com' });
    const data = s.ss.insertSheet('跟进记录');
    data.getRange(1, 2, 20, 1).setValues([['id'], ...Array.from({ length: 19 }, (_, i) => [`C${i + 1}`])]);
    const idx = s.ss.insertSheet('Index');
    idx.getRange('A1').setFormula(SENTINEL);
    return { ...s, data, idx, id: s.ss.getId() };
  }

  it('Sheet.deleteRows / insertRowsBefore adjust the sentinel; a person inserting a column before the IDs is followed', () => {
    const { data, idx } = crm();
    expect(idx.getRange('A1').getValue()).toBe('20/19/2/499');
    data.deleteRows(5, 2);
    expect(idx.getRange('A1').getFormula()).toBe(
      `=COUNTA('跟进记录'!B:B)&"/"&COUNTA('跟进记录'!B2:B498)&"/"&ROW('跟进记录'!B2:B498)&"/"&ROWS('跟进记录'!B2:B498)`,
    );
    expect(idx.getRange('A1').getValue()).toBe('18/17/2/497');
    data.insertRowsBefore(2, 3);
    expect(idx.getRange('A1').getValue()).toBe('18/17/5/497');
    data.insertColumnBefore(1);
    expect(idx.getRange('A1').getValue()).toBe('18/17/5/497');
    expect(idx.getRange('A1').getFormula()).toContain("COUNTA('跟进记录'!C:C)");
  });

  it('Sheets API deleteDimension adjusts it; a failed batch puts the formula back', () => {
    const { Sheets, id, data, idx } = crm();
    const sheetId = data.getSheetId();
    Sheets!.Spreadsheets.batchUpdate(
      { requests: [{ deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 3 } } }] },
      id,
    );
    expect(idx.getRange('A1').getValue()).toBe('17/17/1/497');
    expect(() =>
      Sheets!.Spreadsheets.batchUpdate(
        {
          requests: [
            { insertDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 10 } } },
            { deleteDimension: { range: { sheetId: 424242, dimension: 'ROWS', startIndex: 0, endIndex: 1 } } },
          ],
        },
        id,
      ),
    ).toThrow(/No grid with id: 424242/);
    expect(idx.getRange('A1').getValue()).toBe('17/17/1/497');
    expect(idx.getRange('A1').getFormula()).toContain("ROW('跟进记录'!B1:B497)");
  });
});
