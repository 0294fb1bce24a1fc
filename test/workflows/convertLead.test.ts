import { measure } from '../integration/harness';
import { freshCrm, rows, save } from './helpers';

type Converted =
  | { ok: true; customerId: string; contactId: string | null; opportunityId: string | null; movedMembers: number }
  | { ok: false; errors: { code: string; message: string }[] };

describe('convertLead', () => {
  it('turns a lead into a customer, contact and opportunity, moves its campaign participation, and refuses a second conversion', () => {
    const crm = freshCrm();
    const lead = save(crm, 'leads', {
      company: '华为技术有限公司',
      contactName: '张三',
      phone: '13800138000',
      email: 'zs@huawei.com',
      industry: '制造业',
      source: '展会',
    });
    const campaign = save(crm, 'campaigns', { name: '春季展会', startDate: '2024-03-01' });
    const member = save(crm, 'campaignMembers', { campaignId: campaign.id, memberKind: '潜在客户', leadId: lead.id });
    const todo = save(crm, 'todos', { title: '寄送样品', dueAt: '2024-03-20 10:00', owner: 'owner@example.com', linkId: lead.id });

    const r = crm.call<Converted>('convertLead', lead.id, {
      opportunity: { name: '华为 ERP', amount: 500000 },
      customer: { kind: '直接客户' },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const customer = crm.call<Record<string, unknown>>('getRecord', 'customers', r.customerId);
    expect(customer).toMatchObject({
      name: '华为技术有限公司',
      contactName: '张三',
      phone: '13800138000',
      industry: '制造业',
      source: '展会',
      kind: '直接客户',
      lifecycle: '意向',
    });
    expect(crm.call('getRecord', 'leads', lead.id)).toMatchObject({ status: '已转化', convertedCustomerId: r.customerId });
    expect(rows(crm, 'contacts', { customerId: r.customerId })).toEqual([
      expect.objectContaining({ name: '张三', isPrimary: true, email: 'zs@huawei.com' }),
    ]);
    expect(rows(crm, 'opportunities', { customerId: r.customerId })).toEqual([
      expect.objectContaining({ name: '华为 ERP', stage: '线索', amount: 500000 }),
    ]);
    expect(crm.call('getRecord', 'campaignMembers', member.id)).toMatchObject({
      memberKind: '客户',
      customerId: r.customerId,
      leadId: lead.id,
    });
    expect(r.movedMembers).toBe(1);
    // The lead's to-do now belongs to the customer too (its 360 view lists it), still linked to the lead.
    expect(r).toMatchObject({ movedTodos: 1 });
    expect(crm.call('getRecord', 'todos', todo.id)).toMatchObject({ customerId: r.customerId, linkId: lead.id });
    expect(crm.call<{ todos: { id: string }[] }>('getCustomer360', r.customerId).todos.map((t) => t.id)).toEqual([todo.id]);
    // The 360 view shows the customer's history, including the conversion.
    const view = crm.call<{ history: { note: string }[] }>('getCustomer360', r.customerId);
    expect(view.history.some((h) => String(h.note).includes(`convertLead ${lead.id}`))).toBe(true);

    const again = crm.call<Converted>('convertLead', lead.id);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors[0]).toMatchObject({ code: 'lead_converted' });
    expect(rows(crm, 'customers')).toHaveLength(1);
  });

  it('joins an existing customer without a second primary contact', () => {
    const crm = freshCrm();
    const c = save(crm, 'customers', { name: '阿里巴巴' });
    save(crm, 'contacts', { customerId: c.id, name: '马总', isPrimary: true });
    const lead = save(crm, 'leads', { company: '阿里巴巴（杭州）', contactName: '李四' });
    const r = crm.call<Converted>('convertLead', lead.id, { customerId: c.id });
    expect(r).toMatchObject({ ok: true, customerId: c.id, opportunityId: null });
    expect(rows(crm, 'customers')).toHaveLength(1);
    expect(rows(crm, 'contacts', { customerId: c.id }).map((p) => [p.name, p.isPrimary])).toEqual(
      expect.arrayContaining([
        ['马总', true],
        ['李四', false],
      ]),
    );
  });

  it('refuses bad input with a clear error and changes nothing', () => {
    const crm = freshCrm();
    save(crm, 'customers', { name: '腾讯' });
    const dup = save(crm, 'leads', { company: '腾讯', contactName: '王五' });
    const before = crm.rt.workbook.getSheet('客户信息')?.getValuesRaw().length;
    const r = crm.call<Converted>('convertLead', dup.id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ code: 'duplicate' });
    expect(crm.call('getRecord', 'leads', dup.id)).toMatchObject({ status: '新建', convertedCustomerId: null });
    expect(crm.rt.workbook.getSheet('客户信息')?.getValuesRaw().length).toBe(before);
    expect(rows(crm, 'contacts')).toHaveLength(0);
    expect(crm.call<Converted>('convertLead', 'L20990101001')).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'not_found' })],
    });
    expect(crm.call<Converted>('convertLead', dup.id, { colour: 'red' })).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ code: 'bad_argument' })],
    });
    expect(crm.call<Converted>('convertLead', dup.id, { opportunity: { stage: '不存在' } }).ok).toBe(false);
  });

  it('costs the same service calls with few or many rows', () => {
    const cost = (n: number) => {
      const crm = freshCrm();
      const csv = ['公司名称,负责人', ...Array.from({ length: n }, (_, i) => `公司${i},owner@example.com`)].join('\n');
      crm.call('importRecords', 'leads', csv, { mode: 'commit' });
      const lead = save(crm, 'leads', { company: '新线索', contactName: '赵六' });
      const m = measure(crm, () => crm.call<Converted>('convertLead', lead.id, { opportunity: {} }));
      expect(m.result.ok).toBe(true);
      return m;
    };
    const small = cost(5);
    const large = cost(3000);
    expect(large.roundTrips).toBe(small.roundTrips);
    expect(large.calls).toBe(small.calls);
    expect(small.roundTrips).toBeLessThanOrEqual(20);
  });
});
