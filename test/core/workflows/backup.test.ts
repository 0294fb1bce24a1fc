import { customers } from '../../../src/schema';
import { backupName, diffForRestore, pruneBackups } from '../../../src/core/workflows';

describe('backup planning', () => {
  it('names backups by time, keeps the newest scheduled ones and every manual one', () => {
    expect(backupName('CRM', '2024-03-15 10:30', 'zh')).toBe('CRM 备份 2024-03-15 10:30');
    const e = (id: string, at: string, scheduled = true) => ({ id, name: id, at, scheduled });
    const { kept, expired } = pruneBackups(
      [e('a', '2024-01-01 02:00'), e('m', '2024-01-01 09:00', false), e('b', '2024-01-02 02:00'), e('c', '2024-01-03 02:00')],
      2,
    );
    expect(kept.map((x) => x.id)).toEqual(['c', 'b', 'm']);
    expect(expired.map((x) => x.id)).toEqual(['a']);
  });
  it('diffs a table or one record against a backup', () => {
    const now = [
      { id: 'C1', name: 'A', region: 'x' },
      { id: 'C3', name: 'C' },
    ];
    const then = [
      { id: 'C1', name: 'A', region: 'y' },
      { id: 'C2', name: 'B' },
    ];
    expect(diffForRestore(customers, now, then, null).map((c) => [c.id, c.kind])).toEqual([
      ['C1', 'update'],
      ['C2', 'add'],
      ['C3', 'remove'],
    ]);
    expect(diffForRestore(customers, now, then, 'C1')[0].fields).toEqual([{ field: 'region', current: 'x', backup: 'y' }]);
  });
});
