import type { TeamMember } from '../../../src/core';
import { NONE } from '../../../src/core/summaries';
import { data, row, run, section } from './helpers';

/**
 * A small team with known numbers; today is 2024-03-15 (helpers' TODAY): this month is March,
 * this quarter January to March, this year 2024. Every expected figure below is worked out by hand
 * from these rows (the comments say how).
 */
const members: TeamMember[] = [
  { email: 'amy@x.com', name: 'Amy', role: 'sales', team: '华东' },
  { email: 'bob@x.com', name: 'Bob', role: 'sales', team: '华东' },
  { email: 'cai@x.com', name: 'Cai', role: 'sales', team: '华南' },
  { email: 'mgr@x.com', name: 'Mgr', role: 'manager', team: '华东' },
];
const live = { deleted: false };
const customers = [
  { id: 'C1', name: '一', owner: 'amy@x.com', createdAt: '2024-03-02 10:00', ...live },
  { id: 'C2', name: '二', owner: 'amy@x.com', createdAt: '2024-01-10 10:00', ...live },
  { id: 'C3', name: '三', owner: 'bob@x.com', createdAt: '2023-12-30 10:00', ...live },
  // An owner cell with the display name counts for that member.
  { id: 'C4', name: '四', owner: 'Bob', createdAt: '2024-03-05 10:00', ...live },
  { id: 'C5', name: '五', owner: 'cai@x.com', createdAt: '2024-02-01 10:00', ...live },
  { id: 'C6', name: '六', owner: 'amy@x.com', createdAt: '2024-03-03 10:00', deleted: true },
];
const won = (id: string, owner: string, wonAt: string, amount: number, stage = '成交') => ({
  id,
  owner,
  customerId: 'C1',
  stage,
  wonAt: stage === '成交' ? wonAt : null,
  amount,
  createdAt: '2023-10-01 10:00',
  ...live,
});
const opportunities = [
  won('O1', 'amy@x.com', '2024-03-12', 60000),
  won('O2', 'amy@x.com', '2024-02-10', 40000),
  won('O3', 'bob@x.com', '2023-11-01', 99999),
  won('O4', 'cai@x.com', '2024-03-01', 30000),
  won('O5', 'bob@x.com', '', 1000000, '线索'),
];
const fu = (owner: string, time: string) => ({ owner, time, customerId: 'C1', method: '电话', content: 'x', ...live });
const followUps = [
  fu('amy@x.com', '2024-03-01 09:00'),
  fu('amy@x.com', '2024-03-10 09:00'),
  fu('amy@x.com', '2024-01-05 09:00'),
  fu('bob@x.com', '2024-03-05 09:00'),
  fu('cai@x.com', '2023-12-31 09:00'),
];
const pay = (id: string, customerId: string, amount: number, dueDate: string, paidDate: string | null) => ({
  id,
  customerId,
  amount,
  dueDate,
  paidDate,
  ...live,
});
const payments = [
  pay('P1', 'C1', 20000, '2024-03-10', '2024-03-09'),
  pay('P2', 'C1', 5000, '2024-03-20', null),
  pay('P3', 'C2', 10000, '2024-02-01', '2024-02-03'),
  pay('P4', 'C5', 8000, '2024-03-14', '2024-03-14'),
];
const target = (v: Record<string, unknown>) => ({
  rep: null,
  team: null,
  wonAmount: null,
  collectedAmount: null,
  newCustomers: null,
  followUps: null,
  ...v,
  ...live,
});
const targets = [
  target({ rep: 'amy@x.com', month: '2024-03', wonAmount: 100000, collectedAmount: 40000, newCustomers: 2, followUps: 4 }),
  target({ rep: 'amy@x.com', month: '2024-02', wonAmount: 50000, collectedAmount: 10000 }),
  target({ rep: 'Amy', month: '2024-01', wonAmount: 0, newCustomers: 1 }),
  target({ rep: 'amy@x.com', month: '2024-06', wonAmount: 50000 }),
  target({ rep: 'bob@x.com', month: '2024-03', wonAmount: 0, followUps: 2 }),
  // The second row for Bob's March (the edit trigger marks it): the first one counts.
  target({ rep: 'bob@x.com', month: '2024-03', wonAmount: 999 }),
  target({ team: '华东', month: '2024-03', wonAmount: 200000, followUps: 10 }),
  // Not on the settings tab: left out.
  target({ rep: 'ghost@x.com', month: '2024-03', wonAmount: 5 }),
  target({ team: '西北', month: '2024-03', wonAmount: 5 }),
  // Deleted.
  { ...target({ rep: 'cai@x.com', month: '2024-03', wonAmount: 1 }), deleted: true },
];

const report = (lang: 'zh' | 'en' = 'zh', owner?: string) =>
  run('targets', data({ customers, opportunities, followUps, payments, targets }), owner ? { owner } : {}, {
    lang,
    members,
    userNames: new Map(members.map((m) => [m.email, m.name])),
  });
const MONTH = '本月（2024-03-01 ~ 2024-03-31）';
const QUARTER = '本季度（2024-01-01 ~ 2024-03-31）';
const YEAR = '本年（2024-01-01 ~ 2024-12-31）';
/** One row's figures: [target, actual, attainment] of won, collected, new customers, follow-ups. */
function figures(title: string, label: string): unknown[][] {
  const r = row(report(), title, label);
  return ['赢单金额', '回款金额', '新增客户', '跟进次数'].map((m) => [r[`${m}目标`], r[`${m}实际`], r[`${m}达成率`]]);
}

describe('targets against results (业绩目标达成), hand-computed', () => {
  it('this month per owner', () => {
    // Amy: won O1 60,000 of 100,000; collected P1 20,000 of 40,000 (P2 unpaid); new C1 of 2 (C6 deleted); follow-ups 2 of 4.
    expect(figures(`${MONTH}· 按负责人`, 'Amy')).toEqual([
      [100000, 60000, 0.6],
      [40000, 20000, 0.5],
      [2, 1, 0.5],
      [4, 2, 0.5],
    ]);
    // Bob: a target of 0 and targets not set give —; C4 (owner cell "Bob") is his.
    expect(figures(`${MONTH}· 按负责人`, 'Bob')).toEqual([
      [0, 0, NONE],
      [NONE, 0, NONE],
      [NONE, 1, NONE],
      [2, 1, 0.5],
    ]);
    // Cai has no target (his only row is deleted): actuals, attainment —.
    expect(figures(`${MONTH}· 按负责人`, 'Cai')).toEqual([
      [NONE, 30000, NONE],
      [NONE, 8000, NONE],
      [NONE, 0, NONE],
      [NONE, 0, NONE],
    ]);
    // Nobody else: Mgr has neither target nor actual, the ghost's row is not a member's.
    expect(section(report(), `${MONTH}· 按负责人`).table.rows.map((r) => r[0])).toEqual(['Amy', 'Bob', 'Cai']);
  });

  it('this month per team: its own row, else its members added up', () => {
    // 华东's own row: won 200,000 vs Amy 60,000 + Bob 0; follow-ups 10 vs 2 + 1; the rest not set.
    expect(figures(`${MONTH}· 按团队`, '华东')).toEqual([
      [200000, 60000, 0.3],
      [NONE, 20000, NONE],
      [NONE, 2, NONE],
      [10, 3, 0.3],
    ]);
    expect(figures(`${MONTH}· 按团队`, '华南')).toEqual([
      [NONE, 30000, NONE],
      [NONE, 8000, NONE],
      [NONE, 0, NONE],
      [NONE, 0, NONE],
    ]);
  });

  it('this quarter and this year add the months up', () => {
    // Amy, Q1: won 100,000 of 150,000 (100k + 50k + 0); collected 30,000 of 50,000; new C1, C2 of 3; follow-ups 3 of 4.
    expect(figures(`${QUARTER}· 按负责人`, 'Amy')).toEqual([
      [150000, 100000, 100000 / 150000],
      [50000, 30000, 0.6],
      [3, 2, 2 / 3],
      [4, 3, 0.75],
    ]);
    // The year adds June's 50,000 to the won target: 100,000 of 200,000.
    expect(figures(`${YEAR}· 按负责人`, 'Amy')[0]).toEqual([200000, 100000, 0.5]);
    expect(figures(`${QUARTER}· 按负责人`, 'Cai')[2]).toEqual([NONE, 1, NONE]);
    // 华东, Q1: its March row; won 100,000 of 200,000, follow-ups 3 + 1 of 10.
    expect(figures(`${QUARTER}· 按团队`, '华东')[0]).toEqual([200000, 100000, 0.5]);
    expect(figures(`${QUARTER}· 按团队`, '华东')[3]).toEqual([10, 4, 0.4]);
  });

  it('charts attainment per owner this month, and says how it counts', () => {
    const s = section(report(), `${MONTH}· 按负责人`);
    expect(s.charts?.[0]).toMatchObject({ type: 'column', labelColumn: 0, valueColumns: [4, 7, 10, 13], rowCount: 3 });
    expect(s.note).toMatch(/目标为 0 或未填写时达成率为 —/);
  });

  it('keeps an owner filter to that owner and their team, and speaks English', () => {
    const one = run(
      'targets',
      data({ customers, opportunities, followUps, payments, targets }),
      { owner: 'Bob' },
      { members, userNames: new Map(members.map((m) => [m.email, m.name])) },
    );
    expect(section(one, `${MONTH}· 按负责人`).table.rows.map((r) => r[0])).toEqual(['Bob']);
    // The team's actuals stay the whole team's.
    expect(section(one, `${MONTH}· 按团队`).table.rows.map((r) => r.slice(0, 3))).toEqual([['华东', 200000, 60000]]);
    const en = report('en');
    expect(en.title).toBe('Target attainment');
    expect(en.sections[0].title).toBe('This month (2024-03-01 ~ 2024-03-31) · by owner');
    expect(en.sections[0].table.columns.map((c) => c.label).slice(0, 5)).toEqual([
      'Owner',
      'Team',
      'Won amount target',
      'Won amount actual',
      'Won amount attainment',
    ]);
  });
});
