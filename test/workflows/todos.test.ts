import { addUser, day, freshCrm, save, type Rec } from './helpers';
import type { Crm } from '../integration/harness';

type Err = { field: string; code: string; message: string; messages: { zh: string; en: string } };
type Env = { ok: true; record: Rec } | { ok: false; errors: Err[] };

/** Every tab's cells, to show a refusal changed nothing. */
const cells = (crm: Crm) => JSON.stringify(crm.rt.workbook.sheets.filter((s) => !s.name.startsWith('_')).map((s) => s.getValuesRaw()));

function team() {
  const crm = freshCrm('boss@example.com');
  addUser(crm, 'mgr@example.com', 'manager');
  addUser(crm, 'rep@example.com', 'sales');
  addUser(crm, 'rep2@example.com', 'sales');
  // Setup again gives the new users their protections (as an admin does after adding people).
  crm.call('setupWorkbook');
  const c = save(crm, 'customers', { name: '华为', owner: 'rep@example.com' });
  const o = save(crm, 'opportunities', { name: '云服务', customerId: c.id, stage: '需求分析', owner: 'rep@example.com' });
  return { crm, c, o };
}

function as<T>(crm: Crm, user: string, fn: () => T): T {
  crm.rt.setUser(user);
  try {
    return fn();
  } finally {
    crm.rt.setUser('boss@example.com');
  }
}

describe('to-dos', () => {
  it('a manager assigns one about an opportunity: customer filled from the link, priority starts normal', () => {
    const { crm, c, o } = team();
    const t = as(crm, 'mgr@example.com', () =>
      save(crm, 'todos', { title: '发送方案', dueAt: `${day(2)} 10:00`, owner: 'rep@example.com', linkId: o.id.toLowerCase() }),
    );
    expect(t.id).toMatch(/^TD\d{11}$/);
    expect(t).toMatchObject({ customerId: c.id, linkId: o.id, priority: '普通', done: false, doneAt: null, owner: 'rep@example.com' });
    // Reassigned by the manager.
    const moved = as(crm, 'mgr@example.com', () => save(crm, 'todos', { id: t.id, version: t.version, owner: 'rep2@example.com' }));
    expect(moved.owner).toBe('rep2@example.com');
  });

  it('completing stamps done and its time once; a repeat keeps the first time and writes nothing', () => {
    const { crm, c } = team();
    const t = save(crm, 'todos', { title: '回访', dueAt: `${day(1)} 09:00`, owner: 'rep@example.com', customerId: c.id });
    const first = as(crm, 'rep@example.com', () => crm.call<Env>('completeTodo', t.id, t.version));
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    expect(first.record).toMatchObject({ done: true });
    expect(first.record.doneAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    crm.rt.advanceClock(3 * 60000);
    const before = cells(crm);
    const again = as(crm, 'rep@example.com', () => crm.call<Env>('completeTodo', t.id, t.version));
    expect(again).toMatchObject({ ok: true, record: { done: true, doneAt: first.record.doneAt } });
    expect(cells(crm)).toBe(before);
    // Reopened by an edit, then completed again: a new done time.
    const reopened = save(crm, 'todos', { id: t.id, version: first.record.version, done: false });
    expect(reopened.doneAt).toBeNull();
  });

  it('a stale version of an open to-do is refused', () => {
    const { crm, c } = team();
    const t = save(crm, 'todos', { title: '回访', dueAt: `${day(1)} 09:00`, owner: 'rep@example.com', customerId: c.id });
    crm.rt.advanceClock(2000);
    save(crm, 'todos', { id: t.id, version: t.version, title: '回访（改）' });
    const before = cells(crm);
    const r = crm.call<Env>('completeTodo', t.id, t.version);
    expect(r).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: 'stale' })] });
    expect(cells(crm)).toBe(before);
  });

  it('refuses bad input in zh and en and writes nothing', () => {
    const { crm, c } = team();
    const f = save(crm, 'followUps', { customerId: c.id, time: `${day(0)} 09:00`, method: '电话', content: 'x', owner: 'rep@example.com' });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ linkId: 'O20200101999' }, 'linkId', 'ref_missing'],
      [{ linkId: f.id }, 'linkId', 'link_table'],
      [{ customerId: 'C20200101999' }, 'customerId', 'ref_missing'],
      [{ dueAt: '明天' }, 'dueAt', 'datetime'],
      [{ dueAt: '2026-02-30 10:00' }, 'dueAt', 'datetime'],
      [{ owner: 'stranger@example.com' }, 'owner', 'not_member'],
      [{ priority: '超急' }, 'priority', 'enum'],
    ];
    for (const [bad, field, code] of cases) {
      const before = cells(crm);
      const r = crm.call<Env>('saveRecord', 'todos', { title: 't', dueAt: `${day(1)} 10:00`, owner: 'rep@example.com', ...bad });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const e = r.errors.find((x) => x.field === field);
      expect({ field, code: e?.code }).toEqual({ field, code });
      expect(e?.messages.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e?.messages.en).toMatch(/[a-z]/);
      expect(cells(crm)).toBe(before);
    }
    // A link whose customer is not the one given.
    const other = save(crm, 'customers', { name: '中兴' });
    const o = save(crm, 'opportunities', { name: 'x', customerId: c.id, stage: '需求分析' });
    const r = crm.call<Env>('saveRecord', 'todos', { title: 't', dueAt: `${day(1)} 10:00`, linkId: o.id, customerId: other.id });
    expect(r).toMatchObject({ ok: false, errors: [expect.objectContaining({ field: 'customerId', code: 'link_customer' })] });
  });

  it('a rep creates to-dos for themselves only, and may not complete a colleague’s', () => {
    const { crm, c } = team();
    const mine = as(crm, 'rep@example.com', () => crm.call<Env>('saveRecord', 'todos', { title: '自己的', dueAt: `${day(1)} 10:00` }));
    expect(mine).toMatchObject({ ok: true, record: { owner: 'rep@example.com' } });
    const before = cells(crm);
    const forOther = as(crm, 'rep@example.com', () =>
      crm.call<Env>('saveRecord', 'todos', { title: '给别人', dueAt: `${day(1)} 10:00`, owner: 'rep2@example.com', customerId: c.id }),
    );
    expect(forOther.ok).toBe(false);
    expect(cells(crm)).toBe(before);
    const theirs = save(crm, 'todos', { title: '同事的', dueAt: `${day(1)} 10:00`, owner: 'rep2@example.com', customerId: c.id });
    const before2 = cells(crm);
    const done = as(crm, 'rep@example.com', () => crm.call<Env>('completeTodo', theirs.id, theirs.version));
    expect(done.ok).toBe(false);
    if (!done.ok) expect(done.errors[0].messages.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(cells(crm)).toBe(before2);
    // Nor hand their own to a colleague.
    if (!mine.ok) throw new Error('no to-do');
    const handOff = as(crm, 'rep@example.com', () =>
      crm.call<Env>('saveRecord', 'todos', { id: mine.record.id, version: mine.record.version, owner: 'rep2@example.com' }),
    );
    expect(handOff.ok).toBe(false);
  });

  it('overdue to-dos join the reminders and the digest as the clock moves; done ones leave them', () => {
    const { crm, c } = team();
    const lead = save(crm, 'leads', { company: '线索公司', owner: 'rep@example.com' });
    const a = save(crm, 'todos', { title: '寄合同', dueAt: `${day(1)} 10:00`, owner: 'rep@example.com', customerId: c.id });
    const b = save(crm, 'todos', { title: '回电线索', dueAt: `${day(2)} 10:00`, owner: 'rep@example.com', linkId: lead.id });
    type Reminders = { items: { kind: string; id: string; urgency: string; customerName: string }[]; counts: Record<string, number> };
    const todos = () =>
      as(crm, 'rep@example.com', () => crm.call<Reminders>('getReminders'))
        .items.filter((r) => r.kind === 'todo')
        .map((r) => [r.id, r.urgency]);
    expect(todos()).toEqual([]);
    crm.rt.advanceClock(2 * 86400000);
    expect(todos()).toEqual([
      [a.id, 'overdue'],
      [b.id, 'today'],
    ]);
    // The daily job's digest mails the assignee both.
    crm.call('runDailyJobs');
    const mail = crm.rt.mail.find((m) => m.to === 'rep@example.com');
    expect(mail?.body).toContain('到期的待办事项');
    expect(mail?.body).toContain('寄合同');
    expect(mail?.body).toContain('回电线索');
    // From the agenda the daily job wrote, a completion today takes one off at once.
    const done = crm.call<Env>('completeTodo', a.id, a.version);
    expect(done.ok).toBe(true);
    expect(todos()).toEqual([[b.id, 'today']]);
    crm.rt.advanceClock(86400000);
    expect(todos()).toEqual([[b.id, 'overdue']]);
  });

  it('the 360 view lists the customer’s open and done to-dos', () => {
    const { crm, c, o } = team();
    const open = save(crm, 'todos', { title: '开着的', dueAt: `${day(1)} 10:00`, owner: 'rep@example.com', linkId: o.id });
    const closed = save(crm, 'todos', { title: '做完的', dueAt: `${day(1)} 11:00`, owner: 'rep@example.com', customerId: c.id });
    crm.call('completeTodo', closed.id, closed.version);
    const view = crm.call<{ todos: Rec[] }>('getCustomer360', c.id);
    expect(view.todos.map((t) => [t.id, t.done])).toEqual(
      expect.arrayContaining([
        [open.id, false],
        [closed.id, true],
      ]),
    );
    expect(view.todos).toHaveLength(2);
  });

  it('a follow-up’s next follow-up makes its to-do when asked, both or neither', () => {
    const { crm, c, o } = team();
    const f = crm.call<Env>(
      'saveRecord',
      'followUps',
      {
        customerId: c.id,
        opportunityId: o.id,
        time: `${day(0)} 09:00`,
        method: '电话',
        content: '首次沟通',
        owner: 'rep@example.com',
        nextPlanAt: `${day(3)} 15:00`,
        nextPlan: '上门演示',
      },
      { todo: true },
    );
    expect(f.ok).toBe(true);
    const view = crm.call<{ todos: Rec[] }>('getCustomer360', c.id);
    expect(view.todos.map((t) => [t.title, t.dueAt, t.owner, t.linkId])).toEqual([
      ['上门演示', `${day(3)} 15:00`, 'rep@example.com', o.id],
    ]);
    // An owner the to-do cannot have (not on the settings tab): neither is saved.
    const before = cells(crm);
    const bad = crm.call<Env>(
      'saveRecord',
      'followUps',
      { customerId: c.id, time: `${day(0)} 10:00`, method: '电话', content: 'x', owner: '外包小李', nextPlanAt: `${day(3)} 15:00` },
      { todo: true },
    );
    expect(bad).toMatchObject({ ok: false, errors: [expect.objectContaining({ field: 'todo.owner', code: 'not_member' })] });
    expect(cells(crm)).toBe(before);
  });

  it('a record with to-dos linked to it is not deleted without them', () => {
    const { crm, o } = team();
    save(crm, 'todos', { title: '跟进机会', dueAt: `${day(1)} 10:00`, owner: 'rep@example.com', linkId: o.id });
    const r = crm.call<Env>('deleteRecord', 'opportunities', o.id);
    expect(r.ok).toBe(false);
  });

  it('rows typed into the tab are checked by the edit trigger: a link that cannot be, an assignee not on the settings tab', () => {
    const { crm, c, o } = team();
    const f = save(crm, 'followUps', { customerId: c.id, time: `${day(0)} 09:00`, method: '电话', content: 'x', owner: 'rep@example.com' });
    const sheet = crm.rt.workbook.getSheet('待办事项');
    if (!sheet) throw new Error('no to-dos tab');
    const header = sheet.getValuesRaw()[0] as string[];
    const at = (label: string) => header.indexOf(label) + 1;
    const row = (title: string, owner: string, link: string) => [title, `${day(1)} 10:00`, owner, '高', c.id, link];
    const e = crm.rt.userEdit('待办事项', 2, at('待办内容'), [
      row('好的', 'rep@example.com', o.id),
      row('链接错了', 'rep@example.com', f.id),
      row('没这个人', 'stranger@example.com', o.id),
    ]);
    const report = crm.call<{ created: number; invalid: number }>('handleEdit', e);
    expect(report).toMatchObject({ created: 3, invalid: 2 });
    expect(sheet.notes.get(3, at('关联记录'))).toMatch(/^⚠ CRM.*不能关联跟进记录/);
    expect(sheet.notes.get(4, at('执行人'))).toMatch(/^⚠ CRM.*不在设置表的用户中/);
    expect(sheet.notes.get(2, at('关联记录'))).toBeUndefined();
    expect(String(sheet.getCell(2, at('编号')))).toMatch(/^TD\d{11}$/);
  });
});
