import { loadCrm } from '../test/integration/harness';
const crm = loadCrm({ user: 'rep@example.com' });
crm.call('setupWorkbook');
const show = () => { const s = crm.rt.workbook.getSheet('_crm_index'); if (!s) return console.log('no index tab'); const v = s.getValuesRaw(); console.log(JSON.stringify(v[1]?.slice(0,2))); console.log(JSON.stringify(v[2]?.slice(0, 3)), JSON.stringify(s.formulas.get(3,1))); };
show();
const c1 = crm.call<any>('saveRecord', 'customers', { name: 'A1' }); console.log(c1.ok, c1.record?.id); show();
const c2 = crm.call<any>('saveRecord', 'customers', { name: 'A2' }); console.log(c2.ok, c2.record?.id); show();
