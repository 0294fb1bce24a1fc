import { attributedRevenue, campaignRoi, contractStatus, resolutionHours, satisfaction, ticketErrors } from '../../../src/core/workflows';

describe('support tickets, contracts, campaigns', () => {
  it('ticket status flow needs a resolution to close and no jump back to 新建 once closed', () => {
    expect(ticketErrors({ status: '已解决', resolution: null }, { status: '处理中' }, 'zh').map((e) => e.code)).toEqual([
      'resolution_required',
    ]);
    expect(ticketErrors({ status: '新建', resolution: 'x' }, { status: '已关闭' }, 'zh').map((e) => e.code)).toEqual(['ticket_flow']);
    expect(ticketErrors({ status: '处理中' }, { status: '已关闭' }, 'zh')).toEqual([]);
    expect(resolutionHours({ openedAt: '2024-01-01 09:00', closedAt: '2024-01-02 10:30' })).toBe(25.5);
    expect(resolutionHours({ openedAt: '2024-01-01 09:00', closedAt: null })).toBeNull();
  });
  it('contracts expire after their end date; satisfaction averages 1-5 scores; campaigns attribute orders and ROI', () => {
    expect(contractStatus({ status: '生效', endDate: '2024-01-01' }, '2024-01-02')).toBe('到期');
    expect(contractStatus({ status: '终止', endDate: '2024-01-01' }, '2024-01-02')).toBe('终止');
    expect(satisfaction([{ satisfaction: 5 }, { satisfaction: 4 }, { satisfaction: null }, { satisfaction: 1, deleted: true }])).toEqual({
      average: 4.5,
      count: 2,
    });
    const rev = attributedRevenue(
      [{ id: 'M1', startDate: '2024-01-01', endDate: '2024-01-31' }],
      [
        { campaignId: 'M1', customerId: 'C1' },
        { campaignId: 'M1', leadId: 'L1' },
      ],
      [
        { customerId: 'C1', orderDate: '2024-02-15', total: 800 },
        { customerId: 'C1', orderDate: '2024-09-01', total: 1 },
        { customerId: 'C2', orderDate: '2024-01-05', total: 5 },
      ],
      (o) => Number(o.total),
    );
    expect(rev.get('M1')).toBe(800);
    expect(campaignRoi({ actualCost: 400 }, 800)).toBe(1);
  });
});
