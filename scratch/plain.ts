import { loadCrm } from '../test/integration/harness';
import { generateDataset, writeDataset } from '../src/runtime/demo';
const crm = loadCrm({ user: 'owner@example.com', owner: 'owner@example.com', manifest: { dependencies: {} } });
try { console.log(JSON.stringify(crm.call('setupWorkbook')).slice(0, 200)); } catch (e) { console.log('ERR', e); }
console.log(crm.rt.workbook.sheets.map((s) => s.name).join(','));
console.log(crm.rt.logs.join('\n').slice(0, 2000));
