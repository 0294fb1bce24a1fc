import { tableDef } from '../../src/schema';
import { loadCrm, measure, type Crm } from './harness';

type Problem = { field: string; code: string; message: string; messages: { zh: string; en: string } };
type Saved = { ok: true; record: { id: string; version: number } } | { ok: false; errors: Problem[] };

/** The settings rows of the team: two reps of 华东, one of 华南, a manager. */
const USERS = [
  ['用户', 'amy@example.com', 'Amy', '', '销售', '华东'],
  ['用户', 'bob@example.com', 'Bob', '', '销售', '华东'],
  ['用户', 'cai@example.com', 'Cai', '', '销售', '华南'],
  ['用户', 'mgr@example.com', 'Mgr', '', '经理', '华东'],
];

/** Appends the team to the settings tab (as an admin types them). */
export function addUsers(crm: Crm): void {
  const sheet = crm.rt.workbook.getSheet('设置');
  if (!sheet) throw new Error('no settings tab');
  const header = sheet.getValuesRaw()[0] as string[];
  const labels = tableDef('settings').columns.map((c) => c.label.zh);
  const order = ['type', 'key', 'value', 'en', 'role', 'team'];
  const rows = USERS.map((u) => {
    const row = new Array(header.length).fill('');
    order.forEach((k, i) => {
      const label = labels[tableDef('settings').columns.findIndex((c) => c.key === k)];
      row[header.indexOf(label)] = u[i];
    });
    return row;
  });
  sheet.setValuesRaw(sheet.getValuesRaw().length + 1, 1, rows);
}

function fingerprint(crm: Crm): string {
  return JSON.stringify(crm.rt.workbook.sheets.map((s) => [s.name, s.getValuesRaw(), s.notes.size]));
}

describe('targets (业绩目标): saves through the built bundle', () => {
  const crm = loadCrm({ user: 'owner@example.com' });
  crm.call('setupWorkbook');
  addUsers(crm);
  // Setup again: the tabs' protections follow the users it finds.
  crm.call('setupWorkbook');

  it('saves an owner target and a team target', () => {
    const a = crm.call<Saved>('saveRecord', 'targets', { rep: 'amy@example.com', month: '2026-03', wonAmount: 100000, followUps: 40 });
    expect(a.ok).toBe(true);
    const t = crm.call<Saved>('saveRecord', 'targets', { team: '华东', month: '2026/3', collectedAmount: '¥50,000', newCustomers: 5 });
    expect(t.ok).toBe(true);
    const got = crm.call<Record<string, unknown>>('getRecord', 'targets', (t as { record: { id: string } }).record.id);
    expect(got).toMatchObject({ team: '华东', month: '2026-03', collectedAmount: 50000, newCustomers: 5, rep: null });
  });

  const bad: [string, Record<string, unknown>, string, string, RegExp, RegExp][] = [
    ['unknown owner', { rep: 'ghost@example.com', month: '2026-03' }, 'rep', 'target_owner_unknown', /不是设置中的用户/, /not a user/],
    ['unknown team', { team: '西北', month: '2026-03' }, 'team', 'target_team_unknown', /不是设置中用户所属的团队/, /not a team/],
    ['neither owner nor team', { month: '2026-03', wonAmount: 1 }, 'rep', 'target_subject', /负责人或团队/, /owner or the team/],
    ['both owner and team', { rep: 'amy@example.com', team: '华东', month: '2026-04' }, 'team', 'target_subject', /不能都填/, /not both/],
    ['a month not YYYY-MM', { rep: 'bob@example.com', month: '2026-13' }, 'month', 'month', /YYYY-MM/, /YYYY-MM/],
    ['a date for a month', { rep: 'bob@example.com', month: '2026-03-15' }, 'month', 'month', /YYYY-MM/, /YYYY-MM/],
    ['a negative amount', { rep: 'bob@example.com', month: '2026-03', wonAmount: -5 }, 'wonAmount', 'non_negative', /负数/, /negative/],
    ['a fractional count', { rep: 'bob@example.com', month: '2026-03', followUps: 2.5 }, 'followUps', 'integer', /整数/, /whole/],
    ['a second row for the same owner and month', { rep: 'Amy', month: '2026-03' }, 'month', 'target_duplicate', /已有目标/, /already has/],
    ['a second row for the same team and month', { team: ' 华东 ', month: '2026-03' }, 'month', 'target_duplicate', /已有目标/, /already/],
  ];
  it.each(bad)('refuses %s with a zh/en message and writes nothing', (_name, values, field, code, zh, en) => {
    const before = fingerprint(crm);
    const r = crm.call<Saved>('saveRecord', 'targets', values);
    expect(r.ok).toBe(false);
    const e = (r as Extract<Saved, { ok: false }>).errors[0];
    expect(e).toMatchObject({ field, code });
    expect(e.messages.zh).toMatch(zh);
    expect(e.messages.en).toMatch(en);
    expect(fingerprint(crm)).toBe(before);
  });

  it('refuses a sales rep (targets are for managers and admins)', () => {
    crm.rt.setUser('amy@example.com');
    try {
      const before = fingerprint(crm);
      const r = crm.call<Saved>('saveRecord', 'targets', { rep: 'amy@example.com', month: '2026-05', wonAmount: 1 });
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).toMatch(/forbidden_table|protected_range/);
      expect(fingerprint(crm)).toBe(before);
    } finally {
      crm.rt.setUser('owner@example.com');
    }
  });

  it('lets a manager save one, and moving a row onto a taken month is refused', () => {
    crm.rt.setUser('mgr@example.com');
    try {
      const r = crm.call<Saved>('saveRecord', 'targets', { rep: 'bob@example.com', month: '2026-04', wonAmount: 1 });
      expect(r.ok).toBe(true);
      const { id, version } = (r as { record: { id: string; version: number } }).record;
      const moved = crm.call<Saved>('saveRecord', 'targets', { id, version, rep: 'amy@example.com', month: '2026-03' });
      expect(moved.ok).toBe(false);
      const ok = crm.call<Saved>('saveRecord', 'targets', { id, version, note: '冲刺' });
      expect(ok.ok).toBe(true);
    } finally {
      crm.rt.setUser('owner@example.com');
    }
  });
});

/** Column (1-based) of a targets field on its tab. */
function column(crm: Crm, field: string): number {
  const header = crm.rt.workbook.getSheet('业绩目标')?.getValuesRaw()[0] as unknown[];
  return header.indexOf(tableDef('targets').columns.find((c) => c.key === field)?.label.zh) + 1;
}

describe('targets typed into the 业绩目标 tab (handleEdit)', () => {
  const crm = loadCrm({ user: 'owner@example.com' });
  crm.call('setupWorkbook');
  addUsers(crm);
  crm.call('setupWorkbook');
  const sheet = crm.rt.workbook.getSheet('业绩目标');
  if (!sheet) throw new Error('no targets tab');
  const rep = column(crm, 'rep');
  const note = (row: number, field: string) => sheet.notes.get(row, column(crm, field)) ?? '';
  type Report = { created: number; invalid: number };
  const paste = (row: number, values: unknown[][]) => crm.call<Report>('handleEdit', crm.rt.userEdit('业绩目标', row, rep, values));

  it('accepts a typed row: ID given, month canonical', () => {
    // rep, team, month, wonAmount, collectedAmount, newCustomers, followUps
    const r = paste(2, [['amy@example.com', '', '2026年3月', 80000, 50000, 3, 30]]);
    expect(r).toMatchObject({ created: 1, invalid: 0 });
    const row = sheet.getValuesRaw()[1];
    expect(String(row[0])).toMatch(/^Y\d{11}$/);
    expect(row[column(crm, 'month') - 1]).toBe('2026-03');
    // A month typed as 2026-06 becomes the date 2026-06-01 in Sheets: read back as the month.
    const typed = paste(9, [['cai@example.com', '', '2026-06', 1, '', '', '']]);
    expect(typed).toMatchObject({ created: 1, invalid: 0 });
    expect(sheet.getValuesRaw()[8][column(crm, 'month') - 1]).toBe('2026-06');
  });

  it('marks a second row for the same owner and month, an unknown owner, a bad month and a negative amount; the values stay as typed', () => {
    const r = paste(3, [
      ['Amy', '', '2026-03', 1, '', '', ''],
      ['ghost@example.com', '', '2026-04', 1, '', '', ''],
      ['bob@example.com', '', '2026-3-15', 1, '', '', ''],
      ['bob@example.com', '', '2026-05', -100, '', '', ''],
      ['', '华东', '2026-03', 1, '', '', ''],
      ['', '华东', '2026-03', 2, '', '', ''],
    ]);
    expect(r.invalid).toBe(5);
    expect(note(3, 'month')).toMatch(/已有目标/);
    expect(note(4, 'rep')).toMatch(/不是设置中的用户/);
    expect(note(5, 'month')).toMatch(/YYYY-MM/);
    expect(note(6, 'wonAmount')).toMatch(/负数/);
    expect(note(7, 'month')).toBe('');
    expect(note(8, 'month')).toMatch(/已有目标/);
    // Sheets made the typed text a date; it stays in the cell, marked.
    expect(sheet.getValuesRaw()[4][column(crm, 'month') - 1]).not.toBe('');
  });
});

/** Appends rows straight into a table tab (as if pasted long ago: no trigger, dates as given). */
function fill(crm: Crm, key: 'customers' | 'opportunities' | 'followUps' | 'payments', records: Record<string, unknown>[]): void {
  const def = tableDef(key);
  const sheet = crm.rt.workbook.getSheet(def.tab.zh);
  if (!sheet) throw new Error(`no tab ${def.tab.zh}`);
  const raw = sheet.getValuesRaw();
  const header = raw[0] as string[];
  const rows = records.map((rec) => {
    const row: unknown[] = new Array(header.length).fill('');
    for (const [k, v] of Object.entries({ deleted: false, ...rec })) {
      const i = header.indexOf(def.columns.find((c) => c.key === k)?.label.zh ?? '');
      if (i >= 0) row[i] = v;
    }
    return row;
  });
  sheet.setValuesRaw(raw.length + 1, 1, rows as (string | number | boolean)[][]);
}

/** The rows of a summary section (after its title, note and header), by first cell. */
function tabSection(crm: Crm, title: string): Map<string, unknown[]> {
  const rows = crm.rt.workbook.getSheet('业绩目标达成')?.getValuesRaw() ?? [];
  const start = rows.findIndex((r) => r[0] === title);
  if (start < 0) throw new Error(`no section ${title}: ${rows.map((r) => r[0]).join(' | ')}`);
  const header = rows.findIndex((r, i) => i > start && (r[0] === '负责人' || r[0] === '团队'));
  const out = new Map<string, unknown[]>();
  for (let i = header + 1; i < rows.length && rows[i].some((c) => c !== ''); i++) out.set(String(rows[i][0]), rows[i]);
  return out;
}

describe('业绩目标达成 tab through the built bundle: targets typed, summaries rebuilt, hand-computed attainment', () => {
  // 2024-03-15 10:00 in Shanghai: this month is March, the quarter Q1, the year 2024.
  const crm = loadCrm({ user: 'owner@example.com', now: new Date('2024-03-15T02:00:00Z') });
  crm.call('setupWorkbook');
  addUsers(crm);
  crm.call('setupWorkbook');
  fill(crm, 'customers', [
    { id: 'C20240302001', name: '一号', owner: 'amy@example.com', createdAt: '2024-03-02 10:00' },
    { id: 'C20240205001', name: '二号', owner: 'Bob', createdAt: '2024-02-05 10:00' },
  ]);
  fill(crm, 'opportunities', [
    {
      id: 'O20240301001',
      name: '甲',
      customerId: 'C20240302001',
      stage: '成交',
      amount: 60000,
      owner: 'amy@example.com',
      wonAt: '2024-03-12',
    },
    {
      id: 'O20240101001',
      name: '乙',
      customerId: 'C20240205001',
      stage: '成交',
      amount: 30000,
      owner: 'bob@example.com',
      wonAt: '2024-01-20',
    },
  ]);
  fill(crm, 'followUps', [
    { id: 'F20240301001', customerId: 'C20240302001', time: '2024-03-01 09:00', method: '电话', owner: 'amy@example.com', content: 'a' },
    { id: 'F20240310001', customerId: 'C20240302001', time: '2024-03-10 09:00', method: '电话', owner: 'amy@example.com', content: 'b' },
    { id: 'F20240305001', customerId: 'C20240205001', time: '2024-03-05 09:00', method: '电话', owner: 'bob@example.com', content: 'c' },
  ]);
  fill(crm, 'payments', [{ id: 'R20240301001', customerId: 'C20240302001', amount: 20000, dueDate: '2024-03-10', paidDate: '2024-03-09' }]);
  const rep = column(crm, 'rep');
  // rep, team, month, wonAmount, collectedAmount, newCustomers, followUps
  const typed = crm.call<{ created: number; invalid: number }>(
    'handleEdit',
    crm.rt.userEdit('业绩目标', 2, rep, [
      ['amy@example.com', '', '2024-03', 100000, 40000, 2, 4],
      ['bob@example.com', '', '2024-03', 0, '', '', 2],
      ['', '华东', '2024-01', 100000, '', '', ''],
      // A second March row for Amy: marked, and left out of the report.
      ['Amy', '', '2024-03', 1, 1, 1, 1],
    ]),
  );
  crm.call('rebuildSummaries');
  const M = '本月（2024-03-01 ~ 2024-03-31）';
  const Q = '本季度（2024-01-01 ~ 2024-03-31）';

  it('marks the duplicate row and builds the tab', () => {
    expect(typed).toMatchObject({ created: 4, invalid: 1 });
    expect(crm.rt.workbook.getSheet('业绩目标达成')?.getValuesRaw()[0][0]).toBe('业绩目标达成');
  });

  it('shows each owner their target, actual and attainment for the month', () => {
    const owners = tabSection(crm, `${M}· 按负责人`);
    expect([...owners.keys()]).toEqual(['Amy', 'Bob']);
    // Amy: won 60,000 of 100,000; collected 20,000 of 40,000; one new customer of 2; two follow-ups of 4.
    expect(owners.get('Amy')?.slice(1, 14)).toEqual(['华东', 100000, 60000, 0.6, 40000, 20000, 0.5, 2, 1, 0.5, 4, 2, 0.5]);
    // Bob: a target of 0 and targets not set give —; his win was in January.
    expect(owners.get('Bob')?.slice(1, 14)).toEqual(['华东', 0, 0, '—', '—', 0, '—', '—', 0, '—', 2, 1, 0.5]);
  });

  it('adds up a team: its members in March (no row of its own), its own January row for the quarter', () => {
    expect(tabSection(crm, `${M}· 按团队`).get('华东')?.slice(1, 13)).toEqual([
      100000, 60000, 0.6, 40000, 20000, 0.5, 2, 1, 0.5, 6, 3, 0.5,
    ]);
    expect(tabSection(crm, `${Q}· 按团队`).get('华东')?.slice(1, 4)).toEqual([100000, 90000, 0.9]);
    expect(tabSection(crm, `${Q}· 按团队`).get('华南')?.slice(1, 4)).toEqual(['—', 0, '—']);
  });

  type Progress = {
    key: string;
    name: string;
    team: string;
    periods: { period: string; figures: { metric: string; target: number | null; actual: number; attainment: number | null }[] }[];
  };
  type Mine = { builtAt: string | null; me: Progress; team: Progress | null; members: Progress[] };
  const as = <T>(user: string, fn: () => T): T => {
    crm.rt.setUser(user);
    try {
      return fn();
    } finally {
      crm.rt.setUser('owner@example.com');
    }
  };

  it('getMyTargets: a rep gets their own month, quarter and year from the last rebuild, in two round trips', () => {
    const run = measure(crm, () => as('amy@example.com', () => crm.call<Mine>('getMyTargets')));
    const mine = run.result;
    expect(mine.builtAt).toBe('2024-03-15 10:00');
    expect(mine.me).toMatchObject({ key: 'amy@example.com', name: 'Amy', team: '华东' });
    expect(mine.me.periods.map((p) => p.period)).toEqual(['month', 'quarter', 'year']);
    expect(mine.me.periods[0].figures).toEqual([
      { metric: 'wonAmount', target: 100000, actual: 60000, attainment: 0.6 },
      { metric: 'collectedAmount', target: 40000, actual: 20000, attainment: 0.5 },
      { metric: 'newCustomers', target: 2, actual: 1, attainment: 0.5 },
      { metric: 'followUps', target: 4, actual: 2, attainment: 0.5 },
    ]);
    // A rep does not get the team.
    expect(mine.team).toBeNull();
    expect(mine.members).toEqual([]);
    // The settings and the tab: one read each.
    expect(run.roundTrips).toBeLessThanOrEqual(2);
  });

  it('getMyTargets: Bob sees — where his target is 0 or not set', () => {
    const bob = as('bob@example.com', () => crm.call<Mine>('getMyTargets'));
    expect(bob.me.periods[0].figures[0]).toEqual({ metric: 'wonAmount', target: 0, actual: 0, attainment: null });
    expect(bob.me.periods[0].figures[1]).toEqual({ metric: 'collectedAmount', target: null, actual: 0, attainment: null });
  });

  it('getMyTargets: a manager sees the team and its members, and may look at a member', () => {
    const mgr = as('mgr@example.com', () => crm.call<Mine>('getMyTargets'));
    expect(mgr.team?.periods[0].figures[0]).toEqual({ metric: 'wonAmount', target: 100000, actual: 60000, attainment: 0.6 });
    expect(mgr.members.map((m) => m.name)).toEqual(['Amy', 'Bob', 'Mgr']);
    // The manager has no row of his own: no periods.
    expect(mgr.me.periods).toEqual([]);
    const amy = as('mgr@example.com', () => crm.call<Mine>('getMyTargets', { owner: 'Amy' }));
    expect(amy.me.key).toBe('amy@example.com');
  });

  it('getMyTargets refuses a rep asking for a colleague, a manager asking outside the team, and an unknown owner (zh/en)', () => {
    const tab = JSON.stringify(crm.rt.workbook.sheets.map((s) => s.getValuesRaw()));
    expect(() => as('amy@example.com', () => crm.call('getMyTargets', { owner: 'bob@example.com' }))).toThrow(/不能执行此操作|not allowed/);
    expect(() => as('mgr@example.com', () => crm.call('getMyTargets', { owner: 'cai@example.com' }))).toThrow(/不能执行此操作|not allowed/);
    expect(() => as('mgr@example.com', () => crm.call('getMyTargets', { owner: 'ghost@example.com' }))).toThrow(/不是设置中的用户/);
    expect(JSON.stringify(crm.rt.workbook.sheets.map((s) => s.getValuesRaw()))).toBe(tab);
  });

  it('draws the attainment chart', () => {
    const sheet = crm.rt.workbook.getSheet('业绩目标达成');
    expect(sheet?.charts.length).toBe(1);
  });
});

describe('targets imported from a file (importRecords)', () => {
  const crm = loadCrm({ user: 'owner@example.com' });
  crm.call('setupWorkbook');
  addUsers(crm);
  crm.call('setupWorkbook');
  type Planned = { line: number; action: string; errors: { field: string; code: string; message: string }[] };
  type Imported = { ok: true; counts: Record<string, number>; rows: Planned[] } | { ok: false; errors: Problem[] };
  const header = '负责人,团队,月份,赢单金额目标,回款金额目标,新增客户目标,跟进次数目标';

  it('refuses the whole file when a row repeats an owner and month, names an unknown team or a bad month; nothing written', () => {
    const csv = [
      header,
      'amy@example.com,,2026-03,100000,50000,2,20',
      'Amy,,2026-03,1,1,1,1',
      ',西北,2026-03,1,,,',
      'bob@example.com,,2026-13,1,,,',
      ',华东,2026-03,300000,,,',
    ].join('\n');
    const preview = crm.call<Imported>('importRecords', 'targets', csv, { mode: 'preview' });
    expect(preview.ok).toBe(true);
    const rows = (preview as Extract<Imported, { ok: true }>).rows;
    const codes = (line: number) => rows.find((r) => r.line === line)?.errors.map((e) => e.code);
    expect(codes(3)).toEqual(['target_duplicate']);
    expect(codes(4)).toEqual(['target_team_unknown']);
    expect(codes(5)).toEqual(['month']);
    expect((preview as Extract<Imported, { ok: true }>).counts).toMatchObject({ create: 2, error: 3 });
    const before = JSON.stringify(crm.rt.workbook.getSheet('业绩目标')?.getValuesRaw());
    const commit = crm.call<Imported>('importRecords', 'targets', csv, { mode: 'commit' });
    expect(commit.ok).toBe(false);
    expect(JSON.stringify(commit)).toMatch(/导入未执行|Nothing imported/);
    expect(JSON.stringify(crm.rt.workbook.getSheet('业绩目标')?.getValuesRaw())).toBe(before);
  });

  it('imports a clean file', () => {
    const csv = [header, 'amy@example.com,,2026-03,100000,50000,2,20', ',华东,2026-03,300000,,,'].join('\n');
    const commit = crm.call<Imported>('importRecords', 'targets', csv, { mode: 'commit' });
    expect(commit.ok).toBe(true);
    expect(crm.rt.workbook.getSheet('业绩目标')?.getValuesRaw().length).toBe(3);
    // The same owner and month again is now a clash with the tab.
    const again = crm.call<Imported>('importRecords', 'targets', [header, 'Amy,,2026-03,1,,,'].join('\n'), { mode: 'preview' });
    expect((again as Extract<Imported, { ok: true }>).rows[0].errors[0].code).toBe('target_duplicate');
  });
});
