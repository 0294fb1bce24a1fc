import { loadCrm, measure, type Crm } from '../test/integration/harness';
import { customers } from '../src/schema';
function fill(crm: Crm, n: number) {
  const sheet = crm.rt.workbook.getSheet('客户信息')!;
  const header = sheet.getValuesRaw()[0] as string[];
  const col = (l: string) => header.indexOf(l);
  const rows = Array.from({ length: n }, (_, i) => { const r: (string|number|boolean)[] = new Array(header.length).fill(''); r[col('编号')] = `C20240101${String(i + 1).padStart(3, '0')}`; r[col(customers.fields.name.meta.label.zh)] = `客户 ${i + 1}`; r[col('负责人')] = 'rep@example.com'; r[col('版本')] = 1; r[col('已删除')] = false; return r; });
  sheet.setValuesRaw(2, 1, rows);
}
const n = Number(process.argv[2] ?? 1000);
const crm = loadCrm({ user: 'rep@example.com' });
crm.call('setupWorkbook'); fill(crm, n);
const show = (name: string, m: ReturnType<typeof measure>) => { const s = crm.rt.stats(); console.log(name, m.roundTrips, 'trips', s.cellsRead, 'read', s.cellsWritten, 'written', JSON.stringify(m.byMethod), JSON.stringify(m.result).slice(0, 150)); };
for (const round of [1, 2]) {
  console.log('--- round', round);
  const c = measure(crm, () => crm.call<any>('saveRecord', 'customers', { name: '新客户' + round, phone: '13800138000' })); show('create', c);
  const id = c.result.record?.id;
  show('update', measure(crm, () => crm.call('saveRecord', 'customers', { id, version: 1, phone: '13900139000' })));
  show('child', measure(crm, () => crm.call('saveRecord', 'contacts', { customerId: id, name: '张三' })));
  show('get', measure(crm, () => crm.call('getRecord', 'customers', id)));
  show('360', measure(crm, () => crm.call('getCustomer360', id)));
}
