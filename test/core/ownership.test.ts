import {
  claimRefusal,
  firstMatch,
  openLeadCounts,
  parseMatch,
  parseRules,
  pickOwner,
  poolAction,
  type PoolParams,
  type TeamMember,
} from '../../src/core';

/** Assignment rules and the pool's daily decision, pure (docs/SALES_TEAM.md). */
const users: TeamMember[] = [
  { email: 'a@x.com', name: '阿甲', role: 'sales', team: '北' },
  { email: 'b@x.com', name: '阿乙', role: 'sales', team: '北' },
  { email: 'm@x.com', name: '经理', role: 'manager', team: '北' },
  { email: 'c@x.com', name: '阿丙', role: 'sales', team: '南' },
];

describe('assignment rules', () => {
  it('parses matches in both languages, and refuses what it cannot read', () => {
    expect(parseMatch('区域：上海')).toEqual({ kind: 'region', text: '上海' });
    expect(parseMatch('industry: Manufacturing')).toEqual({ kind: 'industry', value: 'Manufacturing' });
    expect(parseMatch('')).toEqual({ kind: 'any' });
    expect(parseMatch('*')).toEqual({ kind: 'any' });
    expect(parseMatch('colour:red')).toBeNull();
  });

  it('targets a team or one rep (email or display name); unknown targets are reported', () => {
    const { rules, problems } = parseRules(
      [
        { name: 'r1', match: '*', target: '北' },
        { name: 'r2', match: '*', target: '阿丙' },
        { name: 'r3', match: '*', target: 'nobody' },
        { name: 'r4', match: 'x:y', target: '北' },
      ],
      users,
    );
    expect(rules.map((r) => r.target.kind)).toEqual(['team', 'rep']);
    expect(problems).toEqual([
      { name: 'r3', problem: 'target' },
      { name: 'r4', problem: 'match' },
    ]);
  });

  it('the first matching rule wins; region contains, industry equals', () => {
    const { rules } = parseRules(
      [
        { name: 'ind', match: '行业:制造业', target: '南' },
        { name: 'reg', match: '区域:北京', target: '北' },
        { name: 'any', match: 'any', target: 'c@x.com' },
      ],
      users,
    );
    expect(firstMatch(rules, { region: '北京市朝阳区', industry: '制造业' })?.name).toBe('ind');
    expect(firstMatch(rules, { region: '北京市朝阳区', industry: '建筑业' })?.name).toBe('reg');
    expect(firstMatch(rules, { region: null })?.name).toBe('any');
  });

  it("round-robins among the team's sales reps after the last pick, skipping the capped; all capped → pool", () => {
    const { rules } = parseRules([{ name: 't', match: '*', target: '北' }], users);
    const none = new Map<string, number>();
    expect(pickOwner(rules[0], users, null, none, 0)).toMatchObject({ to: 'rep', owner: 'a@x.com' });
    expect(pickOwner(rules[0], users, 'a@x.com', none, 0)).toMatchObject({ to: 'rep', owner: 'b@x.com' });
    expect(pickOwner(rules[0], users, 'b@x.com', none, 0)).toMatchObject({ to: 'rep', owner: 'a@x.com' });
    const open = openLeadCounts(
      [
        { owner: 'a@x.com', status: '新建' },
        { owner: '阿甲', status: '跟进中' },
        { owner: 'b@x.com', status: '已转化' },
        { owner: 'b@x.com', status: '新建', deleted: true },
      ],
      users,
    );
    expect(open.get('a@x.com')).toBe(2);
    expect(open.get('b@x.com')).toBeUndefined();
    expect(pickOwner(rules[0], users, 'b@x.com', open, 2)).toMatchObject({ to: 'rep', owner: 'b@x.com' });
    expect(
      pickOwner(
        rules[0],
        users,
        null,
        new Map([
          ['a@x.com', 2],
          ['b@x.com', 2],
        ]),
        2,
      ),
    ).toMatchObject({ to: 'pool' });
  });
});

describe('the pool', () => {
  const p: PoolParams = { days: { A: 0, B: 30, C: 20, D: 10 }, leadDays: 5, noDealDays: 0, warnDays: 3 };
  const c = (extra: Record<string, unknown> = {}) => ({ owner: 'a@x.com', grade: 'D', createdAt: '2026-03-01 09:00', ...extra });
  const none = { lastActivity: null, lastDeal: null };

  it('returns on the due day, warns W days before, once per approach', () => {
    expect(poolAction('customers', c(), none, p, '2026-03-07')).toBeNull();
    expect(poolAction('customers', c(), none, p, '2026-03-08')).toEqual({ action: 'warn', due: '2026-03-11', daysLeft: 3 });
    expect(poolAction('customers', c({ poolWarnedAt: '2026-03-08' }), none, p, '2026-03-09')).toBeNull();
    expect(poolAction('customers', c({ poolWarnedAt: '2026-03-08' }), none, p, '2026-03-11')).toMatchObject({
      action: 'return',
      reason: 'idle',
    });
    // A follow-up moves the due day: the old warning is before the new window, so a new warning.
    const later = { lastActivity: '2026-03-09 10:00', lastDeal: null };
    expect(poolAction('customers', c({ poolWarnedAt: '2026-03-08' }), later, p, '2026-03-16')).toMatchObject({
      action: 'warn',
      due: '2026-03-19',
    });
  });

  it('grades have their own N (0: never); the clock starts no earlier than ownerSince; pool and closed leads are left', () => {
    expect(poolAction('customers', c({ grade: 'A' }), none, p, '2027-01-01')).toBeNull();
    expect(poolAction('customers', c({ grade: 'C' }), none, p, '2026-03-21')).toMatchObject({ action: 'return' });
    expect(poolAction('customers', c({ ownerSince: '2026-03-20' }), none, p, '2026-03-21')).toBeNull();
    expect(poolAction('customers', c({ owner: '公海' }), none, p, '2027-01-01')).toBeNull();
    expect(poolAction('leads', { owner: 'a@x.com', status: '已转化', createdAt: '2026-01-01' }, none, p, '2027-01-01')).toBeNull();
    expect(poolAction('leads', { owner: 'a@x.com', status: '新建', createdAt: '2026-01-01' }, none, p, '2026-01-06')).toMatchObject({
      action: 'return',
    });
  });

  it('no won deal for M days returns a customer too', () => {
    const q = { ...p, days: { A: 0, B: 0, C: 0, D: 0 }, noDealDays: 30 };
    expect(poolAction('customers', c(), { lastActivity: '2026-03-30', lastDeal: '2026-03-05' }, q, '2026-04-04')).toMatchObject({
      action: 'return',
      reason: 'noDeal',
    });
  });

  it('claims: in the pool, cooling-off for the previous owner, daily limit, holding cap', () => {
    const limits = { claimsPerDay: 2, holdingCap: 3, coolingDays: 7 };
    const r = { owner: '公海', previousOwner: 'a@x.com', poolSince: '2026-03-10' };
    const a = { email: 'a@x.com', name: '阿甲' };
    const b = { email: 'b@x.com', name: '阿乙' };
    expect(claimRefusal({ owner: 'c@x.com' }, a, 0, 0, limits, '2026-03-11')).toEqual({ code: 'pool_not_in_pool', owner: 'c@x.com' });
    expect(claimRefusal(r, a, 0, 0, limits, '2026-03-16')).toEqual({ code: 'pool_cooling', until: '2026-03-17' });
    expect(claimRefusal(r, a, 0, 0, limits, '2026-03-17')).toBeNull();
    expect(claimRefusal({ ...r, previousOwner: '阿甲' }, a, 0, 0, limits, '2026-03-11')).toMatchObject({ code: 'pool_cooling' });
    expect(claimRefusal(r, b, 2, 0, limits, '2026-03-11')).toEqual({ code: 'pool_daily_limit', limit: 2 });
    expect(claimRefusal(r, b, 1, 3, limits, '2026-03-11')).toEqual({ code: 'pool_holding_cap', cap: 3 });
    expect(claimRefusal(r, b, 1, 2, limits, '2026-03-11')).toBeNull();
  });
});
