import { findDuplicateGroups, mergedCustomerChanges } from '../../../src/core/workflows';

describe('dedupe and merge', () => {
  it('groups by folded name, phone digits or email', () => {
    const groups = findDuplicateGroups([
      { id: 'C1', name: 'Acme Ltd', phone: '010-8888 9999' },
      { id: 'C2', name: 'ＡＣＭＥ ltd' },
      { id: 'C3', name: 'Other', phone: '+86 01088889999', email: 'X@y.com' },
      { id: 'C4', name: 'Another', email: 'x@Y.com' },
      { id: 'C5', name: 'Alone' },
      { id: 'C6', name: 'Acme Ltd', deleted: true },
    ]);
    expect(groups).toEqual([{ ids: ['C1', 'C2', 'C3', 'C4'], reasons: ['email', 'name', 'phone'] }]);
  });
  it('fills the kept customer blanks and unions tags, its own values winning', () => {
    expect(
      mergedCustomerChanges({ region: 'A', tags: ['x'], email: null }, { region: 'B', tags: ['y', 'x'], email: 'e@e.com' }, [
        'region',
        'tags',
        'email',
      ]),
    ).toEqual({ tags: ['x', 'y'], email: 'e@e.com' });
  });
});
