import { customers, followUps, opportunities } from '../../src/schema';
import { prepareCreate, type Values } from '../../src/core';
import { parseSettings } from '../../src/core';
import { createInput, formColumns, initialState, toFormValue, updateInput } from '../../sidebar/src/lib/formValues';
import { describeRecord } from '../../sidebar/src/lib/describe';
import { newRecordLabel, optionLabel, translator } from '../../sidebar/src/i18n';

const lists = parseSettings([]).lists;

describe('sidebar form values', () => {
  it('shows every writable field and none of the system or derived ones', () => {
    const keys = formColumns(customers).map((c) => c.key);
    expect(keys).toContain('name');
    expect(keys).toContain('tags');
    for (const hidden of ['id', 'version', 'createdAt', 'lifetimeAmount', 'grade', 'firstDealDate']) expect(keys).not.toContain(hidden);
  });

  it('turns form state into the input the server validates (the same validation runs in the browser)', () => {
    const cols = formColumns(followUps);
    const state = {
      ...initialState(cols, null, { customerId: 'C20240101001' }),
      time: '2026-11-23T09:30',
      method: '电话',
      content: ' called ',
    };
    const input = createInput(cols, state);
    expect(input).toEqual({ customerId: 'C20240101001', time: '2026-11-23 09:30', method: '电话', content: 'called' });
    const checked = prepareCreate(followUps, { ...input, owner: 'me@example.com' }, { lang: 'en', lists });
    expect(checked.ok).toBe(true);
    const missing = prepareCreate(customers, createInput(formColumns(customers), initialState(formColumns(customers), null)), {
      lang: 'en',
      lists,
    });
    expect(missing.ok ? [] : missing.errors.map((e) => [e.field, e.message])).toEqual([
      ['name', 'Required'],
      ['owner', 'Required'],
    ]);
  });

  it('sends only what changed on an update', () => {
    const cols = formColumns(opportunities);
    const record: Values = {
      id: 'O20240101001',
      name: 'Deal',
      customerId: 'C20240101001',
      stage: '线索',
      amount: 1000,
      probability: 10,
      version: 3,
    };
    const state = initialState(cols, record);
    expect(state.amount).toBe('1000');
    expect(updateInput(cols, record, state)).toEqual({});
    expect(updateInput(cols, record, { ...state, stage: '需求分析', amount: '1200' })).toEqual({ stage: '需求分析', amount: '1200' });
    expect(
      toFormValue(
        followUps.columns.find((c) => c.key === 'time')!,
        '2026-01-02 03:04',
      ),
    ).toBe('2026-01-02T03:04');
  });

  it('speaks both languages', () => {
    expect(newRecordLabel('customers', 'en')).toBe('New customer');
    expect(newRecordLabel('customers', 'zh')).toBe('新建客户');
    expect(translator('en')('overdueDays', { n: 3 })).toBe('3 days overdue');
    expect(optionLabel(opportunities.fields.stage.meta.options, '方案报价', 'en')).toBe('Proposal');
    expect(describeRecord('opportunities', { id: 'O1', name: 'Deal', stage: '成交', amount: 1234.5 }, 'en')).toEqual({
      title: 'Deal',
      facts: ['Won', '¥1,234.5'],
    });
  });
});
