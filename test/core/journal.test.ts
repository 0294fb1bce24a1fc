import { customers } from '../../src/schema';
import { entryKind, FAILED_ATTEMPT_NOTE, loggedValue, replayJournal, replayedColumns, type JournalEntry } from '../../src/core';

const col = (key: string) => customers.columns.find((c) => c.key === key)!;
const create = (id: string, snapshot: object, note = 'create'): JournalEntry => ({
  table: 'customers',
  recordId: id,
  field: '*',
  oldValue: '',
  newValue: JSON.stringify(snapshot),
  note,
});
const set = (id: string, field: string, oldValue: unknown, newValue: unknown, note = ''): JournalEntry => ({
  table: 'customers',
  recordId: id,
  field,
  oldValue,
  newValue,
  note,
});

describe('replayJournal', () => {
  it('rebuilds a record field by field from its create snapshot and later changes', () => {
    const { tables, orphans } = replayJournal([
      create('C1', { name: 'Acme', owner: 'a@x.com', tags: ['重点维护客户'] }),
      set('C1', 'phone', '', '13800138000'),
      set('C1', 'tags', '["重点维护客户"]', '["重点维护客户","风险客户"]'),
      set('C1', 'deleted', 'false', 'true', 'delete'),
    ]);
    expect(orphans).toEqual([]);
    const r = tables.get('customers')!.get('C1')!;
    expect(r.creates).toBe(1);
    expect(r.values).toMatchObject({
      name: 'Acme',
      owner: 'a@x.com',
      phone: '13800138000',
      tags: ['重点维护客户', '风险客户'],
      deleted: true,
      notes: null,
    });
  });

  it('counts a second create of one ID (the doubled entry of issue #18) and reports changes to unknown records', () => {
    const { tables, orphans } = replayJournal([create('C1', { name: 'A' }), create('C1', { name: 'A' }), set('C9', 'name', '', 'B')]);
    expect(tables.get('customers')!.get('C1')!.creates).toBe(2);
    expect(orphans.map((o) => o.why)).toEqual(['change to a record the log never created']);
  });

  it('skips what the CRM undid and failed attempts; a restore of an erased row recreates without counting as a create', () => {
    const { tables } = replayJournal([
      create('C1', { name: 'A', owner: 'o' }),
      set('C1', 'owner', 'o', 'p', 'refused (销售); restored'),
      set('C1', 'updatedAt', '2024-03-01 10:00:00', '2024-01-01 10:00', 'reverted: maintained by the CRM'),
      set('C1', 'name', 'A', 'Z', `${FAILED_ATTEMPT_NOTE}: service failed`),
      create('C1', { name: 'Back', owner: 'o' }, 'restore from backup CRM 2024-03-01'),
    ]);
    expect(tables.get('customers')!.get('C1')).toMatchObject({ creates: 1, values: { name: 'Back', owner: 'o' } });
  });

  it('classifies entries by note', () => {
    expect(entryKind(set('C1', 'owner', '', 'x', 'refused (viewer); paste, previous value not available'))).toBe('set');
    expect(entryKind(set('C1', 'owner', '', 'x', 'invalid: bad'))).toBe('set');
    expect(entryKind(create('C1', {}, 'convertLead L1'))).toBe('create');
  });
});

describe('loggedValue', () => {
  it('reads logged text as the column canonical value', () => {
    expect(loggedValue(col('tags'), '["a","b"]')).toEqual(['a', 'b']);
    expect(loggedValue(col('tags'), 'a, b')).toEqual(['a', 'b']);
    expect(loggedValue(col('deleted'), 'true')).toBe(true);
    expect(loggedValue(col('deleted'), '')).toBe(false);
    expect(loggedValue(col('size'), '20-99')).toBe('20-99');
    expect(loggedValue(col('notes'), '')).toBeNull();
    // Spaces kept in a cell (an invalid required name, marked) are a value, as the store reads them.
    expect(loggedValue(col('name'), '   ')).toBe('   ');
  });
  it('leaves derived columns, stamps and the search key out of the replay', () => {
    const keys = replayedColumns(customers).map((c) => c.key);
    for (const k of ['id', 'lifetimeAmount', 'grade', 'firstDealDate', 'createdAt', 'updatedBy', 'version', 'searchKey'])
      expect(keys).not.toContain(k);
    for (const k of ['name', 'tags', 'lifecycle', 'owner', 'deleted']) expect(keys).toContain(k);
  });
});
