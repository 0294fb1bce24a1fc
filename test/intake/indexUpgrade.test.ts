/** A workbook whose key index was built before the duplicate check's columns (30 columns wide). */
import { freshIntake } from './helpers';

it('an index tab from before the duplicate columns: saves and checks work, and the first locked write widens it', () => {
  const crm = freshIntake();
  crm.call('saveRecord', 'customers', { name: '老索引客户', phone: '13800138001' });
  const index = crm.rt.workbook.getSheet('_crm_index');
  if (!index) throw new Error('no index tab');
  expect(index.maxColumns).toBe(38);
  index.deleteColumns(31, 8);
  expect(index.maxColumns).toBe(30);
  // A read past the old width costs the width (one round trip) and reads those columns as unbuilt:
  // the check scans them and, the lock being free, repairs them, widening the tab first.
  expect(crm.call('findDuplicates', 'customers', { phone: '+86 138 0013 8001' })).toMatchObject({
    total: 1,
    matches: [{ name: '老索引客户', reasons: ['phone'] }],
  });
  expect(index.maxColumns).toBe(38);
  index.deleteColumns(31, 8);
  // A save that meets the narrow tab works and widens it.
  const saved = crm.call<{ ok: boolean }>('saveRecord', 'customers', { name: '新客户', phone: '13800138002' });
  expect(saved.ok).toBe(true);
  expect(index.maxColumns).toBe(38);
  expect((index.getValuesRaw()[0] as string[]).slice(30)).toEqual([
    'customers.phone',
    'customers.email',
    'contacts.name',
    'contacts.phone',
    'contacts.email',
    'leads.company',
    'leads.phone',
    'leads.email',
  ]);
  crm.call('rebuildIndex');
  crm.rt.resetStats();
  expect(crm.call('findDuplicates', 'customers', { phone: '13800138002' })).toMatchObject({ total: 1 });
  expect(crm.rt.stats().roundTrips).toBe(2);
});
