/**
 * Email logging through the built bundle: a rep's Gmail with mail to and from known and unknown
 * addresses logs exactly the known ones, once, across runs, runs cut short, a Gmail failure and a
 * concurrent run; the exclusion label and the off switches hold.
 */
import { setParam } from '../workflows/helpers';
import { DAY, HOUR, mailCrm, OWNER, REP, T0, type MailCrm } from './helpers';

const ago = (ms: number) => T0.getTime() - ms;

function smallMailbox(crm: MailCrm) {
  const g = crm.rt.gmail;
  const inbound = g.deliver(REP, {
    from: '"王芳" <wang@acme.cn>',
    to: REP,
    subject: '询价：精密轴承',
    body: '您好，\n请报价 200 套。\n\n> 之前的邮件',
    date: ago(3 * DAY),
  });
  const reply = g.deliver(REP, {
    to: 'Wang@Acme.cn',
    cc: 'boss@acme.cn',
    subject: 'Re: 询价：精密轴承',
    body: '报价见附件。\n\n在 2026年2月27日，王芳 写道：\n> 请报价',
    date: ago(3 * DAY - HOUR),
    threadId: inbound.threadId,
  });
  const toCustomer = g.deliver(REP, { to: 'info@acme.cn', subject: 'Invoice', body: 'Attached.', date: ago(2 * DAY) });
  const fromContactB = g.deliver(REP, { from: 'zhao.qiang@beichen.com', to: REP, subject: '物流合同', body: '合同已签', date: ago(DAY) });
  const unknown = g.deliver(REP, { from: 'friend@gmail.com', to: REP, subject: '周末爬山', body: '去吗', date: ago(DAY) });
  const newsletter = g.deliver(REP, { from: 'news@shop.example', to: REP, subject: 'Deals', body: 'Sale', date: ago(5 * HOUR) });
  const toUnknown = g.deliver(REP, { to: 'someone@else.org', subject: 'Hi', body: 'x', date: ago(4 * HOUR) });
  const fromLead = g.deliver(REP, { from: 'sun@qiming.cn', to: REP, subject: '产品资料', body: '请发资料', date: ago(3 * HOUR) });
  const excluded = g.deliver(REP, {
    from: 'wang@acme.cn',
    to: REP,
    subject: '私人事务',
    body: 'x',
    date: ago(2 * HOUR),
    labels: ['CRM-不记录'],
  });
  const tooOld = g.deliver(REP, { from: 'wang@acme.cn', to: REP, subject: '去年的邮件', body: 'x', date: ago(60 * DAY) });
  return { inbound, reply, toCustomer, fromContactB, unknown, newsletter, toUnknown, fromLead, excluded, tooOld };
}

describe('email logging', () => {
  it('logs exactly the mail to and from known addresses, once, with subject, direction, snippet, link; the 360 view lists it', () => {
    const crm = mailCrm();
    const m = smallMailbox(crm);
    const on = crm.call<{ ok: boolean; on: boolean; trigger: boolean }>('setEmailLogging', true);
    expect(on).toMatchObject({ ok: true, on: true, trigger: true });
    expect(
      crm.rt
        .triggers()
        .filter((t) => t.handler === 'logEmails')
        .map((t) => t.schedule),
    ).toEqual([{ everyMinutes: 15 }]);
    // The exclusion label is ready in the rep's Gmail.
    expect([...crm.rt.gmail.mailbox(REP).labels]).toContain('CRM-不记录');

    const first = crm.fire();
    expect(first).toMatchObject({ ran: true, logged: 4, done: true, stopped: null, skipped: { leadOnly: 1, notAllowed: 0 } });
    const rows = crm.logged();
    expect(rows.map((r) => r['邮件ID']).sort()).toEqual([m.inbound.id, m.reply.id, m.toCustomer.id, m.fromContactB.id].sort());
    const byId = new Map(rows.map((r) => [r['邮件ID'], r]));
    expect(byId.get(m.inbound.id)).toMatchObject({
      客户编号: crm.ids.acme,
      跟进方式: '邮件',
      跟进人: REP,
      邮件方向: '收到',
      跟进内容: '询价：精密轴承\n您好， 请报价 200 套。',
      邮件链接: `https://mail.google.com/mail/u/0/#all/${m.inbound.threadId}`,
    });
    expect(byId.get(m.reply.id)).toMatchObject({ 客户编号: crm.ids.acme, 邮件方向: '发出', 跟进内容: 'Re: 询价：精密轴承\n报价见附件。' });
    expect(byId.get(m.fromContactB.id)).toMatchObject({ 客户编号: crm.ids.beta, 邮件方向: '收到' });
    // The time is the message's (a date cell, to the minute).
    expect((byId.get(m.toCustomer.id)?.['跟进时间'] as Date).getTime()).toBe(ago(2 * DAY));

    // A second run finds nothing new; a new message is logged by the next.
    expect(crm.fire()).toMatchObject({ logged: 0, done: true });
    // A logged email's follow-up deleted by someone stays deleted: its ID is still on the row.
    const gone = crm.call<{ ok: boolean }>('deleteRecord', 'followUps', String(byId.get(m.inbound.id)?.['编号']), {});
    expect(gone).toMatchObject({ ok: true });
    crm.rt.advanceClock(HOUR);
    const fresh = crm.rt.gmail.deliver(REP, {
      from: 'wang@acme.cn',
      to: REP,
      subject: '确认下单',
      body: '好的',
      date: crm.rt.now().getTime() - 60_000,
      threadId: m.inbound.threadId,
    });
    expect(crm.fire()).toMatchObject({ logged: 1, skipped: { already: 2 } });
    expect(crm.logged().map((r) => r['邮件ID'])).toContain(fresh.id);
    expect(crm.logged()).toHaveLength(5);

    // The 360 view lists the emails among the follow-ups, readable (subject, direction, link).
    const view = crm.call<{ followUps: Record<string, unknown>[] }>('getCustomer360', crm.ids.acme);
    const emails = view.followUps.filter((f) => f.method === '邮件');
    expect(emails).toHaveLength(3); // reply, invoice, the new one (the deleted one is not shown)
    expect(emails.every((f) => typeof f.emailLink === 'string' && typeof f.emailDirection === 'string')).toBe(true);
  });

  it('a converted lead’s mail goes to its customer; an unconverted lead’s is skipped', () => {
    const crm = mailCrm();
    const before = crm.rt.gmail.deliver(REP, { from: 'sun@qiming.cn', to: REP, subject: '资料', body: 'x', date: ago(2 * DAY) });
    crm.call('setEmailLogging', true);
    expect(crm.fire()).toMatchObject({ logged: 0, skipped: { leadOnly: 1 } });
    const converted = crm.call<{ ok: boolean; customerId: string }>('convertLead', crm.ids.lead, {});
    expect(converted.ok).toBe(true);
    crm.rt.advanceClock(HOUR);
    const after = crm.rt.gmail.deliver(REP, { to: 'sun@qiming.cn', subject: '合作方案', body: 'y', date: crm.rt.now().getTime() - 1000 });
    expect(crm.fire()).toMatchObject({ logged: 1 });
    // The converted lead's customer gets the new mail; the earlier one was skipped when the window passed it.
    const rows = crm.logged();
    expect(rows.map((r) => [r['邮件ID'], r['客户编号']])).toEqual([[after.id, converted.customerId]]);
    expect(before.id).not.toBe(after.id);
  });

  it('the off switches: the user’s own (trigger removed, runs do nothing) and the admin’s for everyone', () => {
    const crm = mailCrm();
    smallMailbox(crm);
    crm.call('setEmailLogging', true);
    expect(crm.call('setEmailLogging', true)).toMatchObject({ ok: true, on: true });
    expect(crm.rt.triggers().filter((t) => t.handler === 'logEmails')).toHaveLength(1);
    const off = crm.call<{ ok: boolean; on: boolean; trigger: boolean }>('setEmailLogging', false);
    expect(off).toMatchObject({ ok: true, on: false, trigger: false });
    expect(crm.rt.triggers().filter((t) => t.handler === 'logEmails')).toEqual([]);
    expect(crm.call('logEmails')).toMatchObject({ ran: false, reason: 'off' });
    expect(crm.logged()).toEqual([]);
    expect(crm.call('getEmailLogging')).toMatchObject({ on: false, disabled: false, trigger: false });

    crm.call('setEmailLogging', true);
    setParam(crm, 'emailLogging', 'off');
    expect(crm.fire()).toMatchObject({ ran: false, reason: 'disabled' });
    expect(crm.logged()).toEqual([]);
    crm.call('setEmailLogging', false);
    const refused = crm.call<{ ok: boolean; errors: { code: string; messages: { zh: string; en: string } }[] }>('setEmailLogging', true);
    expect(refused.ok).toBe(false);
    expect(refused.errors[0]).toMatchObject({ code: 'email_log_disabled' });
    expect(refused.errors[0].messages.en).toMatch(/turned email logging off/);
    expect(refused.errors[0].messages.zh).toMatch(/关闭邮件记录/);
    setParam(crm, 'emailLogging', 'on');
    expect(crm.call('setEmailLogging', true)).toMatchObject({ ok: true, on: true });
    expect(crm.fire()).toMatchObject({ logged: 4 });
  });

  it('turning on survives Gmail failing to make the exclusion label', () => {
    const crm = mailCrm();
    crm.rt.gmail.failAfter(REP, 1);
    expect(crm.call('setEmailLogging', true)).toMatchObject({ ok: true, on: true, trigger: true });
    expect([...crm.rt.gmail.mailbox(REP).labels]).toEqual([]);
  });

  it('the menu toggles it for oneself and says so', () => {
    const crm = mailCrm();
    crm.call('onOpen');
    expect(JSON.stringify(crm.rt.ui.menus)).toContain('"functionName":"toggleEmailLogging"');
    expect(crm.call('toggleEmailLogging')).toMatchObject({ on: true });
    expect(crm.rt.ui.toasts.at(-1)).toMatch(/已开启邮件记录/);
    expect(crm.call('toggleEmailLogging')).toMatchObject({ on: false });
    expect(crm.rt.ui.toasts.at(-1)).toMatch(/已关闭邮件记录/);
  });

  it('another user’s mailbox is theirs: the owner’s logging logs the owner’s mail, not the rep’s', () => {
    const crm = mailCrm();
    smallMailbox(crm);
    crm.as(OWNER, () => crm.call('setEmailLogging', true));
    const t = crm.rt.triggers().find((x) => x.handler === 'logEmails');
    expect(t && crm.rt.triggerOwner(t.uid)).toBe(OWNER);
    crm.rt.setUser('');
    crm.rt.setEffectiveUser(OWNER);
    expect(crm.call('logEmails', { triggerUid: t?.uid })).toMatchObject({ ran: true, logged: 0, threads: 0 });
    crm.rt.setEffectiveUser(null);
    crm.rt.setUser(REP);
  });
});

describe('a 10,000-message mailbox', () => {
  it('never logs a message twice or skips one: runs cut short by the time budget, the quota, a Gmail failure, the execution limit, a concurrent run', () => {
    const crm = mailCrm();
    const g = crm.rt.gmail;
    const known = ['wang@acme.cn', 'info@acme.cn', 'zhao.qiang@beichen.com'];
    const expected = new Set<string>();
    let thread: string | undefined;
    // 10,000 messages over 25 days, threads of 1-4 messages; a third with customers, the rest not.
    for (let i = 0; i < 10_000; i++) {
      const date = ago(25 * DAY) + i * Math.floor((25 * DAY - HOUR) / 10_000);
      const knownOne = i % 3 === 0 ? known[i % known.length] : null;
      const peer = knownOne ?? `someone${i % 97}@elsewhere.org`;
      if (i % 4 === 0) thread = undefined;
      const m = g.deliver(REP, {
        ...(i % 2 ? { from: peer, to: REP } : { to: peer }),
        subject: `message ${i}`,
        body: `body ${i}`,
        date,
        threadId: thread && !knownOne ? thread : undefined,
      });
      thread = m.threadId;
      if (knownOne) expected.add(m.id);
    }
    crm.call('setEmailLogging', true);
    const box = g.mailbox(REP);
    const now = () => crm.rt.now().getTime();

    // 1. The time budget: one page per run.
    const one = crm.fire({ timeBudgetMs: 0 });
    expect(one).toMatchObject({ pages: 1, stopped: 'budget', done: false });
    // 2. Gmail's daily read quota runs out mid-run.
    box.setReadsLeft(200, now(), 'Asia/Shanghai');
    const quota = crm.fire();
    expect(quota).toMatchObject({ stopped: 'quota', error: expect.stringMatching(/too many times for one day: gmail/) });
    crm.rt.advanceClock(DAY);
    // 3. A Gmail failure in the middle of a page.
    g.failAfter(REP, 3);
    expect(crm.fire({ timeBudgetMs: 10_000_000 })).toMatchObject({ stopped: 'gmail', error: expect.stringMatching(/Backend Error/) });
    // 4. The execution is cut off at its time limit inside a page's write.
    crm.rt.faults.cutOffAfter(12);
    expect(() => crm.fire()).toThrow(/Exceeded maximum execution time/);
    crm.rt.faults.clear();
    // 5. Two runs at once read the same cursor: the second repeats the first one's pages.
    const cursor = crm.rt.workbook.state.userProperties[REP]['crm.emailLog'];
    crm.fire({ timeBudgetMs: 0 });
    crm.rt.workbook.state.userProperties[REP]['crm.emailLog'] = cursor;
    const repeat = crm.fire({ timeBudgetMs: 0 });
    expect(repeat.skipped.already).toBeGreaterThan(0);

    let runs = 0;
    for (let r = crm.fire({ timeBudgetMs: 0, pageSize: 100 }); !r.done; r = crm.fire({ timeBudgetMs: 0, pageSize: 100 })) {
      expect(r.stopped).toBe('budget');
      if (++runs > 400) throw new Error('never caught up');
    }
    const ids = crm.logged().map((r) => String(r['邮件ID']));
    expect(ids.length).toBe(expected.size);
    expect(new Set(ids)).toEqual(expected);
  }, 600_000);
});
