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
  const saved = crm.call<Saved>('saveRecord', 'opportunities', { name: '老表格机会', customerId: customer.record?.id, stage: '线索', owner: 'a@example.com' });
  expect(saved.ok).toBe(true);
  const row = sheet.getValuesRaw()[1] as unknown[];
  expect(row[header.indexOf('机会名称')]).toBe('老表格机会');
  expect(row[at]).toBe('');
  crm.call('setupWorkbook');
  expect((sheet.getValuesRaw()[0] as string[]).filter((h) => h === '阶段记录')).toHaveLength(1);
});
