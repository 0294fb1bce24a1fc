/** A workbook whose key index was built before the duplicate check's columns (eight, and the newer ones after them). */
import { freshIntake } from './helpers';

it('an index tab from before the duplicate columns: saves and checks work, and the first locked write widens it', () => {
  const crm = freshIntake();
  crm.call('saveRecord', 'customers', { name: '老索引客户', phone: '13800138001' });
  const index = crm.rt.workbook.getSheet('_crm_index');
  if (!index) throw new Error('no index tab');
  const DUPLICATE_COLUMNS = [
    'customers.phone',
    'customers.email',
    'contacts.name',
    'contacts.phone',
    'contacts.email',
    'leads.company',
    'leads.phone',
    'leads.email',
  ];
  // The index's width follows the schema (a column per table before these): read it, not a number.
  const width = index.maxColumns;
  const header = () => index.getValuesRaw()[0] as string[];
  const before = header().indexOf(DUPLICATE_COLUMNS[0]);
  const newer = header().slice(before);
  expect(newer.slice(0, DUPLICATE_COLUMNS.length)).toEqual(DUPLICATE_COLUMNS);
  index.deleteColumns(before + 1, width - before);
  expect(index.maxColumns).toBe(before);
  // A read past the old width costs the width (one round trip) and reads those columns as unbuilt:
  // the check scans them and, the lock being free, repairs them, widening the tab first.
  expect(crm.call('findDuplicates', 'customers', { phone: '+86 138 0013 8001' })).toMatchObject({
    total: 1,
    matches: [{ name: '老索引客户', reasons: ['phone'] }],
  });
  expect(index.maxColumns).toBe(width);
  index.deleteColumns(before + 1, width - before);
  // A save that meets the narrow tab works and widens it.
  const saved = crm.call<{ ok: boolean }>('saveRecord', 'customers', { name: '新客户', phone: '13800138002' });
  expect(saved.ok).toBe(true);
  expect(index.maxColumns).toBe(width);
  expect(header().slice(before)).toEqual(newer);
  crm.call('rebuildIndex');
  crm.rt.resetStats();
  expect(crm.call('findDuplicates', 'customers', { phone: '13800138002' })).toMatchObject({ total: 1 });
  expect(crm.rt.stats().roundTrips).toBe(2);
});
