import { checkJournal } from './journal';
import { columnOf, created, rowsOf, save, tab, workbook, type Row } from './helpers';

type Env = { ok: boolean; errors?: unknown[] } & Record<string, unknown>;
const ok = (r: Env): Env => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
};

/**
 * Issue #18: the history is a faithful journal. A realistic sequence through the built bundle,
 * every writing entry point once or more; after each step, replaying the history tab from an empty
 * workbook gives every data row's values (checkJournal).
 */
describe('the change log replays to the workbook after every step', () => {
  const crm = workbook();
  const ids: Record<string, string> = {};
  let backupId = '';
  const steps: [string, () => void][] = [
    [
      'saves on several tables',
      () => {
        ids.acme = String(
          created(crm, 'customers', { name: 'Acme 科技', phone: '13800138000', tags: ['重点维护客户'], owner: 'rep1@example.com' }).id,
        );
        ids.beta = String(
          created(crm, 'customers', { name: 'Acme 科技有限公司', email: 'hi@acme.cn', region: '上海', owner: 'rep1@example.com' }).id,
        );
        ids.contact = String(created(crm, 'contacts', { customerId: ids.beta, name: '李四', isPrimary: true }).id);
        ids.deal = String(created(crm, 'opportunities', { customerId: ids.acme, name: 'CRM 项目', stage: '线索', amount: 50000 }).id);
        ids.follow = String(
          created(crm, 'followUps', { customerId: ids.beta, time: '2024-03-01 10:00', method: '电话', content: '初次沟通' }).id,
        );
        ids.campaign = String(created(crm, 'campaigns', { name: '春季展会', type: '展会', startDate: '2024-03-01' }).id);
        ids.lead = String(created(crm, 'leads', { company: '华为技术', contactName: '张三', phone: '13900139000', source: '展会' }).id);
        created(crm, 'campaignMembers', { campaignId: ids.campaign, memberKind: '潜在客户', leadId: ids.lead });
        ids.quote = String(created(crm, 'quotes', { customerId: ids.acme, status: '客户同意' }).id);
        created(crm, 'lineItems', {
          docType: '报价单',
          docId: ids.quote,
          customerId: ids.acme,
          product: 'CRM 授权',
          quantity: 10,
          unitPrice: 1000,
          discount: 10,
        });
      },
    ],
    [
      'an update',
      () => {
        const deal = crm.call<Row>('getRecord', 'opportunities', ids.deal);
        ok(save(crm, 'opportunities', { id: ids.deal, version: deal.version, stage: '需求分析', nextStep: '演示' }) as Env);
        const acme = crm.call<Row>('getRecord', 'customers', ids.acme);
        ok(
          save(crm, 'customers', {
            id: ids.acme,
            version: acme.version,
            tags: ['重点维护客户', '高潜力客户'],
            notes: '=not a formula',
          }) as Env,
        );
      },
    ],
    [
      'a typed edit',
      () => {
        const row = rowsOf(crm, 'customers').find((r) => r.cells.id === ids.acme)!;
        crm.call('handleEdit', crm.rt.userEdit('客户信息', row.rowNumber, columnOf(crm, 'customers', 'region'), [['北京']]));
        crm.call('handleEdit', crm.rt.userEdit('客户信息', row.rowNumber, columnOf(crm, 'customers', 'email'), [['not an email']]));
      },
    ],
    [
      'a paste of new rows and over existing ones',
      () => {
        const at = tab(crm, 'customers').getValuesRaw().length + 1;
        crm.call('handleEdit', crm.rt.userEdit('客户信息', at, columnOf(crm, 'customers', 'name'), [['Pasted 甲'], ['Pasted 乙']]));
        const row = rowsOf(crm, 'followUps').find((r) => r.cells.id === ids.follow)!;
        crm.call(
          'handleEdit',
          crm.rt.userEdit('跟进记录', row.rowNumber, columnOf(crm, 'followUps', 'content'), [['初次沟通（补充）', '客户有兴趣']]),
        );
      },
    ],
    [
      'an import commit',
      () => {
        const csv = ['客户名称,联系方式,所属行业', '导入一号,13700137000,制造业', '导入二号,,'].join('\n');
        ok(crm.call<Env>('importRecords', 'customers', csv, { mode: 'commit' }));
        const dup = ['客户名称,注册地址', 'Acme 科技,深圳南山'].join('\n');
        ok(crm.call<Env>('importRecords', 'customers', dup, { mode: 'commit', duplicates: 'merge' }));
      },
    ],
    [
      'convertLead',
      () => {
        ok(crm.call<Env>('convertLead', ids.lead, { opportunity: { name: '华为 CRM', stage: '需求分析', amount: 80000 } }));
      },
    ],
    [
      'createOrderFromQuote and schedulePayments',
      () => {
        const order = ok(crm.call<Env>('createOrderFromQuote', ids.quote, { orderDate: '2024-05-01' }));
        ids.order = String(order.orderId);
        ok(crm.call<Env>('schedulePayments', ids.order, { installments: 2, firstDueDate: '2024-06-01', intervalMonths: 1 }));
      },
    ],
    [
      'a backup, then mergeCustomers',
      () => {
        backupId = crm.call<string>('backupNow');
        ok(crm.call<Env>('mergeCustomers', ids.acme, ids.beta));
      },
    ],
    [
      'deleteRecord (cascade) and restores',
      () => {
        ok(crm.call<Env>('deleteRecord', 'opportunities', ids.deal, { mode: 'cascade' }));
        ok(crm.call<Env>('restoreFromBackup', backupId, { table: 'opportunities', id: ids.deal, mode: 'commit' }));
        ok(crm.call<Env>('restoreFromBackup', backupId, { table: 'contacts', mode: 'commit' }));
      },
    ],
    [
      'a row erased by hand, put back by a restore',
      () => {
        // Between the two, the log holds a record the tab lost (what the check is for); the restore
        // re-adds it whole, logged as a recreate, not as a second create.
        const row = rowsOf(crm, 'followUps').find((r) => r.cells.id === ids.follow)!;
        const sheet = tab(crm, 'followUps');
        sheet.setValuesRaw(row.rowNumber, 1, [new Array(sheet.getValuesRaw()[0].length).fill('')]);
        expect(checkJournal(crm).problems).toEqual([`followUps ${ids.follow}: in the log, not on the tab`]);
        ok(crm.call<Env>('restoreFromBackup', backupId, { table: 'followUps', mode: 'commit' }));
      },
    ],
    [
      'runDailyJobs',
      () => {
        crm.call('runDailyJobs');
      },
    ],
  ];
  it.each(steps)('%s', (_name, run) => {
    run();
    const report = checkJournal(crm);
    expect(report.problems).toEqual([]);
    expect(report.records).toBeGreaterThan(0);
  });
});

describe('the journal check', () => {
  it('sees a value changed without a log entry, a row without a create, and a doubled create', () => {
    const crm = workbook();
    const a = created(crm, 'customers', { name: '甲', owner: 'rep1@example.com' });
    expect(checkJournal(crm).problems).toEqual([]);
    const sheet = tab(crm, 'customers');
    const row = rowsOf(crm, 'customers').find((r) => r.cells.id === a.id)!;
    sheet.setValuesRaw(row.rowNumber, columnOf(crm, 'customers', 'region'), [['暗改']]);
    const log = tab(crm, 'history');
    const logRows = log.getValuesRaw();
    log.setValuesRaw(logRows.length + 1, 1, [logRows[logRows.length - 1]]);
    sheet.setValuesRaw(row.rowNumber + 1, 1, [[`C20990101001`]]);
    expect(checkJournal(crm).problems).toEqual([
      `customers ${String(a.id)} (row ${row.rowNumber}): 2 create entries`,
      `customers ${String(a.id)} (row ${row.rowNumber}).region: tab "暗改", replay null`,
      `customers C20990101001 (row ${row.rowNumber + 1}): on the tab, never created in the log`,
    ]);
  });
});
