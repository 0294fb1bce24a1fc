import { computeReminders, dayIndex, type ReminderData, type ReminderParams } from '../../src/core/reminders';

const params: ReminderParams = { contractExpiryDays: 30, stalledDays: 14, ticketOpenDays: 3, paymentDueDays: 7 };
const today = '2026-11-23';

function data(over: Partial<ReminderData> = {}): ReminderData {
  return {
    customers: [
      { id: 'C1', name: '甲公司', owner: 'a@x.com' },
      { id: 'C2', name: '乙公司', owner: 'b@x.com' },
      { id: 'C3', name: '已删除公司', owner: 'a@x.com', deleted: true },
    ],
    followUps: [],
    payments: [],
    contracts: [],
    opportunities: [],
    tickets: [],
    todos: [],
    ...over,
  };
}

describe('computeReminders', () => {
  it('counts days on calendar dates', () => {
    expect(dayIndex('2026-11-23 09:30') - dayIndex('2026-11-20')).toBe(3);
    expect(dayIndex('not a date')).toBeNaN();
  });

  it("reminds of the plan in each customer's latest follow-up when it is due today or overdue", () => {
    const r = computeReminders(
      data({
        followUps: [
          { id: 'F1', customerId: 'C1', time: '2026-11-01 10:00', owner: 'a@x.com', nextPlanAt: '2026-11-05 10:00', nextPlan: 'old plan' },
          { id: 'F2', customerId: 'C1', time: '2026-11-10 10:00', owner: 'a@x.com', nextPlanAt: '2026-11-20 10:00', nextPlan: '发送报价' },
          { id: 'F3', customerId: 'C2', time: '2026-11-22 10:00', owner: 'b@x.com', nextPlanAt: '2026-11-23 15:00', nextPlan: '回访' },
          { id: 'F4', customerId: 'C2', time: '2026-11-12 10:00', owner: 'b@x.com', nextPlanAt: '2026-11-24 15:00', nextPlan: 'future' },
          { id: 'F5', customerId: 'C3', time: '2026-11-12 10:00', owner: 'a@x.com', nextPlanAt: '2026-11-01 15:00' },
        ],
      }),
      params,
      { today, owner: null },
    );
    expect(r.map((x) => [x.id, x.urgency, x.days, x.title, x.customerName])).toEqual([
      ['F2', 'overdue', 3, '发送报价', '甲公司'],
      ['F3', 'today', 0, '回访', '乙公司'],
    ]);
  });

  it('lists unpaid payments that are overdue or due within the window, owned through the customer', () => {
    const payments = [
      { id: 'R1', customerId: 'C1', amount: 100, dueDate: '2026-11-01' },
      { id: 'R2', customerId: 'C1', amount: 200, dueDate: '2026-11-25' },
      { id: 'R3', customerId: 'C1', amount: 300, dueDate: '2026-12-25' },
      { id: 'R4', customerId: 'C1', amount: 400, dueDate: '2026-11-01', paidDate: '2026-11-02' },
      { id: 'R5', customerId: 'C2', amount: 500, dueDate: '2026-11-23' },
    ];
    const all = computeReminders(data({ payments }), params, { today, owner: null });
    expect(all.map((x) => [x.id, x.urgency, x.days])).toEqual([
      ['R1', 'overdue', 22],
      ['R5', 'today', 0],
      ['R2', 'soon', 2],
    ]);
    const mine = computeReminders(data({ payments }), params, { today, owner: 'b@x.com' });
    expect(mine.map((x) => x.id)).toEqual(['R5']);
  });

  it('finds active contracts ending within contractExpiryDays', () => {
    const contracts = [
      { id: 'K1', customerId: 'C1', owner: 'a@x.com', status: '生效', endDate: '2026-12-10', contractNo: 'HT-1' },
      { id: 'K2', customerId: 'C1', owner: 'a@x.com', status: '生效', endDate: '2027-03-01' },
      { id: 'K3', customerId: 'C1', owner: 'a@x.com', status: '终止', endDate: '2026-12-01' },
      { id: 'K4', customerId: 'C1', owner: 'a@x.com', status: '生效', endDate: '2026-11-01' },
    ];
    const r = computeReminders(data({ contracts }), params, { today, owner: 'a@x.com' });
    expect(r.map((x) => [x.id, x.days, x.title])).toEqual([['K1', 17, 'HT-1']]);
    expect(computeReminders(data({ contracts }), { ...params, contractExpiryDays: 120 }, { today, owner: null }).map((x) => x.id)).toEqual([
      'K1',
      'K2',
    ]);
  });

  it('marks open opportunities stalled when neither the stage nor a follow-up moved for stalledDays', () => {
    const opportunities = [
      {
        id: 'O1',
        customerId: 'C1',
        owner: 'a@x.com',
        name: 'idle',
        stage: '需求分析',
        createdAt: '2026-09-01 10:00',
        stageChangedAt: '2026-10-01 10:00',
      },
      {
        id: 'O2',
        customerId: 'C1',
        owner: 'a@x.com',
        name: 'followed',
        stage: '方案报价',
        createdAt: '2026-09-01 10:00',
        stageChangedAt: '2026-10-01 10:00',
      },
      {
        id: 'O3',
        customerId: 'C1',
        owner: 'a@x.com',
        name: 'won',
        stage: '成交',
        createdAt: '2026-01-01 10:00',
        stageChangedAt: '2026-01-01 10:00',
      },
      {
        id: 'O4',
        customerId: 'C2',
        owner: 'b@x.com',
        name: 'fresh',
        stage: '线索',
        createdAt: '2026-11-20 10:00',
        stageChangedAt: '2026-11-20 10:00',
      },
    ];
    const followUps = [{ id: 'F1', customerId: 'C1', opportunityId: 'O2', time: '2026-11-20 10:00', owner: 'a@x.com' }];
    const r = computeReminders(data({ opportunities, followUps }), params, { today, owner: null });
    expect(r.map((x) => [x.id, x.days, x.date])).toEqual([['O1', 53, '2026-10-01 10:00']]);
  });

  it('lists tickets open longer than ticketOpenDays', () => {
    const tickets = [
      { id: 'T1', customerId: 'C2', owner: 'b@x.com', status: '处理中', openedAt: '2026-11-18 09:00', subject: '无法登录' },
      { id: 'T2', customerId: 'C2', owner: 'b@x.com', status: '新建', openedAt: '2026-11-22 09:00' },
      { id: 'T3', customerId: 'C2', owner: 'b@x.com', status: '已关闭', openedAt: '2026-10-01 09:00' },
    ];
    const r = computeReminders(data({ tickets }), params, { today, owner: 'b@x.com' });
    expect(r.map((x) => [x.id, x.days, x.title])).toEqual([['T1', 5, '无法登录']]);
  });

  it('refuses a malformed today', () => {
    expect(() => computeReminders(data(), params, { today: '23/11/2026', owner: null })).toThrow(/YYYY-MM-DD/);
  });

  it('reminds open to-dos due today or earlier to their assignee, with or without a customer', () => {
    const todos = [
      { id: 'TD1', customerId: 'C1', owner: 'a@x.com', title: '寄样品', dueAt: '2026-11-20 10:00', done: false },
      { id: 'TD2', customerId: '', linkId: 'L1', owner: 'a@x.com', title: '回电线索', dueAt: '2026-11-23 17:00', done: false },
      { id: 'TD3', customerId: 'C1', owner: 'a@x.com', title: '明天的', dueAt: '2026-11-24 09:00', done: false },
      { id: 'TD4', customerId: 'C1', owner: 'a@x.com', title: '已完成', dueAt: '2026-11-01 09:00', done: true },
      { id: 'TD5', customerId: 'C1', owner: 'b@x.com', title: '别人的', dueAt: '2026-11-01 09:00', done: false },
      { id: 'TD6', customerId: 'C1', owner: 'a@x.com', title: '已删除', dueAt: '2026-11-01 09:00', done: false, deleted: true },
    ];
    const r = computeReminders(data({ todos }), params, { today, owner: 'a@x.com' });
    expect(r.map((x) => [x.kind, x.id, x.urgency, x.days, x.customerName])).toEqual([
      ['todo', 'TD1', 'overdue', 3, '甲公司'],
      ['todo', 'TD2', 'today', 0, ''],
    ]);
  });
});
