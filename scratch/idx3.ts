import { loadCrm, measure } from '../test/integration/harness';
import { customers } from '../src/schema';
const crm = loadCrm({ user: 'rep@example.com' });
crm.call('setupWorkbook');
const sheet = crm.rt.workbook.getSheet('客户信息')!;
const header = sheet.getValuesRaw()[0] as string[];
const col = (l: string) => header.indexOf(l);
const rows = Array.from({ length: 5 }, (_, i) => { const r: (string|number|boolean)[] = new Array(header.length).fill(''); r[col('编号')] = `C20240101${String(i + 1).padStart(3, '0')}`; r[col(customers.fields.name.meta.label.zh)] = `客户 ${i + 1}`; r[col('负责人')] = 'rep@example.com'; r[col('版本')] = 1; r[col('已删除')] = false; return r; });
sheet.setValuesRaw(2, 1, rows);
const show = () => { const s = crm.rt.workbook.getSheet('_crm_index')!; const v = s.getValuesRaw(); console.log(JSON.stringify(v[1]?.slice(0,1)), JSON.stringify(v[1]?.[26]), JSON.stringify(v[2]?.slice(0, 2))); };
show();
for (let i = 0; i < 3; i++) { const m = measure(crm, () => crm.call<any>('saveRecord', 'customers', { name: 'A' + i })); console.log(m.roundTrips, crm.rt.stats().cellsRead, m.result.ok); show(); }
