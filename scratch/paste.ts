import { loadCrm, measure } from '../test/integration/harness';
function run(rows: number) {
  const crm = loadCrm({ user: 'rep@example.com' });
  crm.call('setupWorkbook');
  crm.call('saveRecord', 'customers', { name: 'Seed' });
  const sheet = crm.rt.workbook.getSheet('客户信息')!;
  const header = sheet.getValuesRaw()[0] as string[];
  const name = header.indexOf('客户名称') + 1;
  const block = Array.from({ length: rows }, (_, i) => [`客户 ${i}`, i % 50 === 7 ? '不存在的行业' : '制造业']);
  const e = crm.rt.userEdit('客户信息', sheet.getValuesRaw().length + 1, name, block);
  const m = measure(crm, () => crm.call<any>('handleEdit', e));
  console.log(rows, m.roundTrips, JSON.stringify(m.byMethod));
}
run(20); run(500);
