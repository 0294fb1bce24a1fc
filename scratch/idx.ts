import { loadCrm } from '../test/integration/harness';
const crm = loadCrm({ user: 'rep@example.com' });
crm.call('setupWorkbook');
const show = () => { const s = crm.rt.workbook.getSheet('_crm_index'); if (!s) return console.log('no index tab'); const v = s.getValuesRaw(); console.log(JSON.stringify(v[0]).slice(0,200)); console.log(JSON.stringify(v[1]).slice(0, 600)); v.slice(2).forEach((r, i) => r.forEach((c, j) => { if (c !== '' && c !== null) console.log(i, j, String(c).slice(0, 100)); })); };
const c1 = crm.call<any>('saveRecord', 'customers', { name: 'A1' }); console.log(c1.ok, c1.record?.id); show();
const c2 = crm.call<any>('saveRecord', 'customers', { name: 'A2' }); console.log(c2.ok, c2.record?.id); show();
console.log(JSON.stringify(crm.call('getRecord', 'customers', c2.record.id)).slice(0, 100));
console.log(crm.rt.logs?.join('\n') ?? Object.keys(crm.rt));
