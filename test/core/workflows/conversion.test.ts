import { planConversion } from '../../../src/core/workflows';

describe('lead conversion plan', () => {
  it('maps the lead, adds a primary contact and optional opportunity, and refuses converted or disqualified leads', () => {
    const lead = { id: 'L20240101001', company: '大疆', contactName: '汪', phone: '13800138000', owner: 'a@x.com', status: '跟进中' };
    const plan = planConversion(
      lead,
      [
        { id: 'A1', leadId: lead.id },
        { id: 'A2', leadId: 'L2' },
      ],
      { opportunity: { amount: 1 } },
      'zh',
    );
    expect(plan.customer).toMatchObject({ name: '大疆', contactName: '汪', owner: 'a@x.com', lifecycle: '意向' });
    expect(plan.contact).toMatchObject({ name: '汪', isPrimary: true });
    expect(plan.opportunity).toMatchObject({ name: '大疆', stage: '线索', amount: 1 });
    expect(plan.memberIds).toEqual(['A1']);
    expect(planConversion(lead, [], { contact: false }, 'zh').contact).toBeNull();
    expect(() => planConversion({ ...lead, status: '已转化', convertedCustomerId: 'C1' }, [], {}, 'en')).toThrow(
      /already converted to customer C1/,
    );
    expect(() => planConversion({ ...lead, status: '无效' }, [], {}, 'zh')).toThrow(/无效/);
  });
});
