import { measure } from '../integration/harness';
import { freshCrm, rows, save, setParam } from './helpers';

type Env<T> = ({ ok: true } & T) | { ok: false; errors: { code: string; message: string }[] };

describe('duplicates and merge', () => {
  it('finds customers alike by name, phone or email and merges one into the other, children re-pointed', () => {
    const crm = freshCrm();
    const keep = save(crm, 'customers', { name: '华为技术', phone: '138-0013-8000', tags: ['高潜力客户'] });
    const dup = save(crm, 'customers', {
      name: '华为技术有限公司',
      phone: '+86 13800138000',
      email: 'hw@huawei.com',
      region: '深圳',
      tags: ['老客户'],
    });
    save(crm, 'customers', { name: '无关公司' });
    save(crm, 'contacts', { customerId: keep.id, name: '张三', isPrimary: true });
    const contact = save(crm, 'contacts', { customerId: dup.id, name: '李四', isPrimary: true });
    const follow = save(crm, 'followUps', { customerId: dup.id, time: '2024-03-01 10:00', method: '电话', content: '初次沟通' });
    const groups = crm.call<{ total: number; groups: { reasons: string[]; customers: { id: string }[] }[] }>('findDuplicateCustomers');
    expect(groups.total).toBe(1);
    expect(groups.groups[0]).toMatchObject({ reasons: ['phone'], customers: [{ id: keep.id }, { id: dup.id }] });

    const r = crm.call<Env<{ moved: Record<string, number>; filled: string[] }>>('mergeCustomers', keep.id, dup.id);
    expect(r).toMatchObject({ ok: true, moved: { contacts: 1, followUps: 1 } });
    if (r.ok) expect(r.filled.sort()).toEqual(['email', 'region', 'tags']);
    expect(crm.call('getRecord', 'followUps', follow.id)).toMatchObject({ customerId: keep.id });
    expect(crm.call('getRecord', 'contacts', contact.id)).toMatchObject({ customerId: keep.id, isPrimary: false });
    expect(crm.call('getRecord', 'customers', dup.id)).toBeNull();
    expect(rows(crm, 'customers', {}, true).find((c) => c.id === dup.id)).toMatchObject({ deleted: true });
    expect(crm.call('getRecord', 'customers', keep.id)).toMatchObject({
      email: 'hw@huawei.com',
      region: '深圳',
      tags: ['高潜力客户', '老客户'],
    });
    const view = crm.call<{ followUps: unknown[]; history: { note: string }[] }>('getCustomer360', keep.id);
    expect(view.followUps).toHaveLength(1);
    expect(view.history.some((h) => String(h.note).startsWith('mergeCustomers'))).toBe(true);
    expect(crm.call('findDuplicateCustomers')).toMatchObject({ total: 0 });
  });

  it('refuses merging a customer with itself or a missing one, changing nothing', () => {
    const crm = freshCrm();
    const a = save(crm, 'customers', { name: '甲' });
    expect(crm.call('mergeCustomers', a.id, a.id)).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: 'merge_same' })] });
    expect(crm.call('mergeCustomers', a.id, 'C20990101001')).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'not_found' })],
    });
    expect(crm.call('getRecord', 'customers', a.id)).toEqual(a);
  });

  it('makes one write per table whatever the number of children', () => {
    const cost = (n: number) => {
      const crm = freshCrm();
      const a = save(crm, 'customers', { name: '甲' });
      const b = save(crm, 'customers', { name: '乙' });
      const csv = [
        '客户编号,跟进时间,跟进方式,跟进内容',
        ...Array.from({ length: n }, (_, i) => `${b.id},2024-01-01 10:00,电话,第${i}次`),
      ].join('\n');
      expect(crm.call('importRecords', 'followUps', csv, { mode: 'commit' })).toMatchObject({ ok: true });
      return measure(crm, () => crm.call('mergeCustomers', a.id, b.id));
    };
    const small = cost(2);
    const large = cost(500);
    // The history tab may need to grow when 500 new rows overflow its spare rows (see growth below).

    expect(large.roundTrips - growth(large.byMethod)).toBe(small.roundTrips - growth(small.byMethod));
    expect(large.byMethod['Range.setValues']).toBe(small.byMethod['Range.setValues']);
  });
});

describe('backup and restore', () => {
  it('backupNow returns the id of a timestamped copy in Drive', () => {
    const crm = freshCrm();
    const id = crm.call<string>('backupNow');
    expect(typeof id).toBe('string');
    const file = crm.rt.drive.files().find((f) => f.id === id);
    expect(file?.name).toMatch(/备份 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(crm.rt.drive.workbook(id)?.getSheet('客户信息')).toBeDefined();
    expect(crm.call<{ id: string }[]>('listBackups').map((b) => b.id)).toEqual([id]);
  });

  it('keeps the last backupKeep scheduled copies and trashes older ones', () => {
    const crm = freshCrm();
    setParam(crm, 'backupKeep', '2');
    const manual = crm.call<string>('backupNow');
    const made = [1, 2, 3, 4].map(() => crm.call<{ id: string; trashed: string[] }>('scheduledBackup'));
    const trashed = crm.rt.drive
      .files()
      .filter((f) => f.trashed)
      .map((f) => f.id);
    expect(trashed.length).toBe(2);
    expect(trashed).not.toContain(manual);
    expect(crm.call<{ id: string }[]>('listBackups')).toHaveLength(3);
    expect(made[3].trashed.length + made[2].trashed.length).toBe(2);
  });

  it('restores one record or a whole table from a backup, preview first', () => {
    const crm = freshCrm();
    const a = save(crm, 'customers', { name: '甲', region: '北京' });
    const b = save(crm, 'customers', { name: '乙' });
    const id = crm.call<string>('backupNow');
    const moved = save(crm, 'customers', { id: a.id, version: a.version, region: '上海' });
    const late = save(crm, 'customers', { name: '丙' });
    const preview = crm.call<
      Env<{
        counts: Record<string, number>;
        changes: { id: string; kind: string; fields: { field: string; current: unknown; backup: unknown }[] }[];
      }>
    >('restoreFromBackup', id, { table: 'customers', id: a.id });
    expect(preview).toMatchObject({
      ok: true,
      counts: { update: 1, add: 0, remove: 0 },
      changes: [{ id: a.id, kind: 'update', fields: [{ field: 'region', current: '上海', backup: '北京' }] }],
    });
    expect(crm.call('getRecord', 'customers', a.id)).toMatchObject({ region: '上海' });
    expect(crm.call('restoreFromBackup', id, { table: 'customers', id: a.id, mode: 'commit' })).toMatchObject({ ok: true });
    const restored = crm.call<{ version: number }>('getRecord', 'customers', a.id);
    expect(restored).toMatchObject({ region: '北京' });
    expect(restored.version).toBeGreaterThan(moved.version);
    const table = crm.call<Env<{ counts: Record<string, number> }>>('restoreFromBackup', id, { table: 'customers', mode: 'commit' });
    expect(table).toMatchObject({ ok: true, counts: { update: 0, add: 0, remove: 1 } });
    expect(crm.call('getRecord', 'customers', late.id)).toBeNull();
    expect(crm.call('getRecord', 'customers', b.id)).toMatchObject({ name: '乙' });
    expect(crm.call('restoreFromBackup', 'nope', { table: 'customers' })).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'backup_missing' })],
    });
    expect(crm.call('restoreFromBackup', id, { table: 'customers', mode: 'now' })).toMatchObject({ ok: false });
  });
});

/** Round trips of growing a tab's grid (insertRowsAfter, and the flush that lands it before an API write). */
function growth(byMethod: Record<string, number>): number {
  // With the Sheets API: one metadata read of the grids and one structural request for every tab
  // that grows; without it: getMaxRows, insertRowsAfter and the flush that lands it.
  const api = (byMethod['Sheets.Spreadsheets.get'] ?? 0) + (byMethod['Sheets.Spreadsheets.batchUpdate'] ?? 0);
  const app = (byMethod['Sheet.insertRowsAfter'] ?? 0) + (byMethod['SpreadsheetApp.flush'] ?? 0) + (byMethod['Sheet.getMaxRows'] ?? 0);
  return api + app;
}
