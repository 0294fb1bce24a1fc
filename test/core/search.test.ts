import { customers } from '../../src/schema';
import { searchRows } from '../../src/core';

const rows = [
  {
    id: 'C20240101001',
    name: '华为技术有限公司',
    phone: '138-0013-8000',
    email: 'hw@huawei.com',
    tags: ['战略合作伙伴'],
    updatedAt: '2024-01-01 10:00',
  },
  { id: 'C20240101002', name: 'Acme Trading', phone: '010 8888 9999', email: 'sales@acme.com', tags: [], updatedAt: '2024-02-01 10:00' },
  { id: 'C20240101003', name: 'ＡＣＭＥ Labs', phone: null, email: null, tags: [], updatedAt: '2024-03-01 10:00', deleted: true },
];
const names = (q: string, o = {}) => searchRows(customers, rows, q, o).items.map((r) => r.name);

describe('searchRows', () => {
  it('matches partial names across case and width, skipping deleted rows', () => {
    expect(names('acme')).toEqual(['Acme Trading']);
    expect(names('ACME', { includeDeleted: true })).toEqual(['ＡＣＭＥ Labs', 'Acme Trading']);
    expect(names('技术')).toEqual(['华为技术有限公司']);
  });
  it('matches IDs, phones without separators, emails and tags', () => {
    expect(names('c20240101002')).toEqual(['Acme Trading']);
    expect(names('13800138000')).toEqual(['华为技术有限公司']);
    expect(names('88889999')).toEqual(['Acme Trading']);
    expect(names('huawei.com')).toEqual(['华为技术有限公司']);
    expect(names('战略合作伙伴')).toEqual(['华为技术有限公司']);
  });
  it('pages and lists newest first on an empty query', () => {
    const page = searchRows(customers, rows, '', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(page.items[0].name).toBe('华为技术有限公司');
  });
});
