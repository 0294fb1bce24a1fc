/** A bundle newer than the workbook: a tab set up before a derived column existed still takes saves. */
import { loadCrm } from './harness';

type Saved = { ok: boolean; record?: Record<string, unknown>; errors?: { code: string }[] };

it('saves an opportunity on a tab without the stage-log column, and setup adds the column back', () => {
  const crm = loadCrm();
  crm.call('setupWorkbook');
  const sheet = crm.rt.workbook.getSheet('销售机会')!;
  const header = sheet.getValuesRaw()[0] as string[];
  const at = header.indexOf('阶段记录');
  expect(at).toBeGreaterThan(0);
  sheet.setValuesRaw(1, at + 1, [['']]); // as if the tab predates the column
  const customer = crm.call<Saved>('saveRecord', 'customers', { name: '老表格客户', owner: 'a@example.com' });
  const saved = crm.call<Saved>('saveRecord', 'opportunities', {
    name: '老表格机会',
    customerId: customer.record?.id,
    stage: '线索',
    owner: 'a@example.com',
  });
  expect(saved.ok).toBe(true);
  const row = sheet.getValuesRaw()[1] as unknown[];
  expect(row[header.indexOf('机会名称')]).toBe('老表格机会');
  expect(row[at]).toBe('');
  crm.call('setupWorkbook');
  expect((sheet.getValuesRaw()[0] as string[]).filter((h) => h === '阶段记录')).toHaveLength(1);
});

it('keeps the version column of a workbook set up before the edit token was updatedAt, as a column the CRM ignores', () => {
  const crm = loadCrm();
  crm.call('setupWorkbook');
  const c = crm.call<Saved>('saveRecord', 'customers', { name: '旧版本客户', owner: 'a@example.com' }).record as Record<string, unknown>;
  const sheet = crm.rt.workbook.getSheet('客户信息')!;
  // The old layout: 版本 between 更新人 and 已删除, holding the old counters.
  const deletedAt = (sheet.getValuesRaw()[0] as string[]).indexOf('已删除') + 1;
  sheet.insertColumns(deletedAt, 1);
  sheet.setValuesRaw(1, deletedAt, [['版本'], [7]]);
  crm.call('setupWorkbook');
  const header = () => sheet.getValuesRaw()[0] as string[];
  expect(header().filter((h) => h === '版本')).toHaveLength(1);
  expect(sheet.getValuesRaw()[1][header().indexOf('版本')]).toBe(7);
  const read = crm.call<Record<string, unknown>>('getRecord', 'customers', c.id);
  expect(read).toEqual(c);
  const saved = crm.call<Saved>('saveRecord', 'customers', { id: c.id, version: c.version, notes: '升级后' });
  expect(saved).toMatchObject({ ok: true, record: { notes: '升级后', deleted: false } });
  expect(saved.record?.version as number).toBeGreaterThan(c.version as number);
  expect(crm.call<Saved>('saveRecord', 'customers', { id: c.id, version: 7, notes: '旧计数' })).toMatchObject({
    ok: false,
    errors: [{ code: 'stale' }],
  });
  const row = sheet.getValuesRaw()[1] as unknown[];
  expect(row[header().indexOf('版本')]).toBe(7);
  expect(row[header().indexOf('已删除')]).toBe(false);
});
