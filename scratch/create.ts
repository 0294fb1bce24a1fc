import { loadCrm, measure } from '../test/integration/harness';
import { customers } from '../src/schema';
const crm = loadCrm({ user: 'rep@example.com' });
crm.call('setupWorkbook');
const sheet = crm.rt.workbook.getSheet('客户信息')!;
const header = sheet.getValuesRaw()[0] as string[];
const col = (l: string) => header.indexOf(l);
const rows = Array.from({ length: 1000 }, (_, i) => { const r: (string|number|boolean)[] = new Array(header.length).fill(''); r[col('编号')] = `C20240101${String(i + 1).padStart(3, '0')}`; r[col(customers.fields.name.meta.label.zh)] = `客户 ${i + 1}`; r[col('负责人')] = 'rep@example.com'; r[col('版本')] = 1; r[col('已删除')] = false; return r; });
sheet.setValuesRaw(2, 1, rows);
crm.call('rebuildIndex', { all: true });
console.log('----');
for (let i = 0; i < 2; i++) { const m = measure(crm, () => crm.call<any>('saveRecord', 'customers', { name: '新客户' + i, phone: '13800138000' })); console.log(m.roundTrips, JSON.stringify(m.byMethod)); }
