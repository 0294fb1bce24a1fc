import { AT_LIMIT, BLANKS, HOSTILE_TEXT, OVER_LIMIT, WRONG_DATES, WRONG_NUMBERS } from './corpus';
import { audit, columnOf, created, historyRows, rowsOf, save, tab, workbook, type Row } from './helpers';
import { checkJournal } from './journal';

/**
 * The bad-input suite: every hostile value through the sidebar path (saveRecord) and typed into a
 * tab (handleEdit). Each ends in a clear per-field error or a correct save that reads back exactly
 * as given; formulas never appear; every row stays whole.
 */
const crm = workbook({ userLocale: 'en' });
const parent = created(crm, 'customers', { name: 'Corpus parent' });
let tried = 0;

function noFormulas(): void {
  for (const key of ['customers', 'contacts', 'history'] as const) {
    const sheet = tab(crm, key);
    for (const [a1, f] of sheet.formulas.entries?.() ?? []) throw new Error(`formula ${f} at ${a1}`);
    expect(sheet.formulas.size).toBe(0);
  }
}

describe('hostile text through saveRecord', () => {
  it.each(HOSTILE_TEXT.map((s, i) => [i, s]))('#%i %j is stored as text and reads back exactly, or refused clearly', (i, text) => {
    tried++;
    const r = save(crm, 'customers', {
      name: `${String(text).slice(0, 150)} #${i}`,
      notes: text,
      region: String(text).slice(0, 100),
      contactName: String(text).slice(0, 100),
    });
    if (!r.ok) {
      // Only text that is not valid text may be refused (a lone surrogate, a NUL byte...), field by field.
      for (const e of r.errors) expect(e).toMatchObject({ field: expect.any(String), message: expect.any(String) });
      return;
    }
    const back = crm.call<Row>('getRecord', 'customers', r.record.id);
    expect(back.notes).toBe(String(text).trim() === '' ? null : String(text).trim());
    noFormulas();
  });

  it('keeps a 50,000-character note and refuses one longer than a cell holds', () => {
    tried += 2;
    const ok = save(crm, 'contacts', { customerId: parent.id, name: 'Long', notes: AT_LIMIT.slice(0, 10_000) });
    expect(ok.ok).toBe(true);
    for (const text of [AT_LIMIT, OVER_LIMIT]) {
      const r = save(crm, 'contacts', { customerId: parent.id, name: 'Longer', notes: text });
      expect(r).toMatchObject({ ok: false, errors: [{ field: 'notes', code: 'too_long' }] });
    }
  });

  it.each(BLANKS.map((b) => [JSON.stringify(b), b]))('treats blank name %s as missing', (_label, blank) => {
    tried++;
    expect(save(crm, 'customers', { name: blank })).toMatchObject({ ok: false, errors: [{ field: 'name', code: 'required' }] });
  });

  it.each(WRONG_DATES)('refuses the date %j with a format message', (d) => {
    tried++;
    const r = save(crm, 'opportunities', { customerId: parent.id, name: 'Dated', stage: '线索', expectedCloseDate: d });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'expectedCloseDate' }] });
  });

  it.each(WRONG_NUMBERS.map((n) => [JSON.stringify(n) ?? String(n), n]))('refuses the amount %s', (_label, n) => {
    tried++;
    const r = save(crm, 'payments', { customerId: parent.id, amount: n });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'amount' }] });
  });

  it('accepts numbers and dates written the way people write them', () => {
    tried += 3;
    expect(save(crm, 'payments', { customerId: parent.id, amount: '¥1,234.50', dueDate: '2024年3月5日' })).toMatchObject({
      ok: true,
      record: { amount: 1234.5, dueDate: '2024-03-05' },
    });
    expect(save(crm, 'payments', { customerId: parent.id, amount: '１２３', dueDate: '2024/3/5' })).toMatchObject({
      ok: true,
      record: { amount: 123 },
    });
    expect(save(crm, 'feedback', { customerId: parent.id, satisfaction: '5' })).toMatchObject({ ok: true, record: { satisfaction: 5 } });
  });

  afterAll(() => {
    expect(audit(crm).problems).toEqual([]);
    expect(checkJournal(crm).problems).toEqual([]);
  });
});

describe('hostile text typed into a tab', () => {
  const sheet = tab(crm, 'customers');

  it('pastes the whole corpus into the notes column of new rows: every row gets an ID, nothing typed is lost', () => {
    const name = columnOf(crm, 'customers', 'name');
    const notes = columnOf(crm, 'customers', 'notes');
    const width = notes - name + 1;
    const start = sheet.getValuesRaw().length + 1;
    const block = HOSTILE_TEXT.map((text, i) => {
      const l: unknown[] = new Array(width).fill('');
      l[0] = `Typed ${i}`;
      l[width - 1] = text;
      return l;
    });
    const e = crm.rt.userEdit('客户信息', start, name, block);
    const report = crm.call<{ created: number; invalid: number }>('handleEdit', e);
    tried += HOSTILE_TEXT.length;
    expect(report.created).toBe(HOSTILE_TEXT.length);
    const rows = rowsOf(crm, 'customers').filter((r) => r.rowNumber >= start);
    expect(rows).toHaveLength(HOSTILE_TEXT.length);
    expect(rows.every((r) => typeof r.cells.id === 'string' && (r.cells.id as string).startsWith('C'))).toBe(true);
    expect(audit(crm).problems).toEqual([]);
  });

  it.each([
    ['email', 'not-an-email'],
    ['email', '<script>@x'],
    ['phone', '12345'],
    ['phone', '=1+1'],
    ['size', '10000+'],
    ['industry', '不存在的行业'],
    ['tags', '高潜力客户, 不存在的标签'],
    ['name', ''],
    ['name', '   '],
    ['kind', 'Alien'],
    ['owner', ''],
  ])('marks a typed %s of %j and keeps it recoverable', (field, text) => {
    tried++;
    const row = rowsOf(crm, 'customers').find((r) => r.cells.id === parent.id)?.rowNumber as number;
    const col = columnOf(crm, 'customers', field);
    const before = historyRows(crm).length;
    crm.call('handleEdit', crm.rt.userEdit('客户信息', row, col, [[text]]));
    expect(sheet.notes.get(row, col)).toMatch(/^⚠ CRM/);
    expect(historyRows(crm).length).toBe(before + 1);
    expect(historyRows(crm).at(-1)).toMatchObject({ field, source: 'edit', note: expect.stringMatching(/^invalid/) });
  });

  it('wrong dates and numbers typed into date and money columns are marked, never dropped', () => {
    const deal = created(crm, 'opportunities', { customerId: parent.id, name: 'Typed deal', stage: '线索' });
    const opp = tab(crm, 'opportunities');
    const row = rowsOf(crm, 'opportunities').find((r) => r.cells.id === deal.id)?.rowNumber as number;
    for (const [field, values] of [
      ['expectedCloseDate', WRONG_DATES],
      ['amount', ['abc', '-5', '1.2.3']],
    ] as const) {
      for (const v of values) {
        tried++;
        const col = columnOf(crm, 'opportunities', field);
        crm.call('handleEdit', crm.rt.userEdit('销售机会', row, col, [[v]]));
        expect(opp.notes.get(row, col)).toMatch(/^⚠ CRM/);
        expect(opp.getCell(row, col)).not.toBe('');
      }
    }
    expect(audit(crm).problems).toEqual([]);
  });

  it('leaves a change log that replays to the workbook (issue #18), every value typed or refused above included', () => {
    expect(checkJournal(crm).problems).toEqual([]);
    expect(checkJournal(crm).records).toBeGreaterThan(HOSTILE_TEXT.length);
  });

  afterAll(() => {
    if (process.env.INTEGRITY_FIGURES) console.log(`bad inputs tried: ${tried}`);
  });
});
