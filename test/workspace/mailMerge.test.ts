import { DAY, START, tabRows, world } from './mailMergeWorld';
import { loadCrm } from '../integration/harness';
import { addUser, save } from '../workflows/helpers';

/**
 * Campaign mail merge through the built bundle (docs/WORKSPACE.md, "Mail merge"): recipients by
 * filter, placeholders resolved per recipient, a run over the daily quota sends what the quota
 * allows and resumes the next day, the unsubscribed and the addressless are skipped, duplicate
 * addresses mailed once, each send logged as a follow-up and counted on the campaign, and a
 * MailApp failure or a cut-off run never sends twice nor loses anyone.
 */

type Err = { field: string; code: string; message: string; messages: { zh: string; en: string } };
type Started =
  { ok: true; runId: string; total: number; sent: number; failed: number; skipped: number; waiting: number } | { ok: false; errors: Err[] };
type Preview = {
  total: number;
  toSend: number;
  skipped: Record<string, number>;
  quota: number;
  placeholders: { zh: string; en: string; customer: boolean }[];
  recipients: { id: string; name: string; email: string; skip: string | null }[];
  preview: { id: string; name: string; to: string; subject: string; body: string } | null;
};

const DRAFT = {
  kind: 'contacts',
  filters: { tag: '重点维护客户' },
  subject: '{{客户名称}}：春季新品',
  body: '{{姓名}}您好，\n{{ customer name }} 的专属邀请。',
};

const mailsTo = (mail: { to: string }[]) => {
  const m = new Map<string, number>();
  for (const x of mail) m.set(x.to.toLowerCase(), (m.get(x.to.toLowerCase()) ?? 0) + 1);
  return m;
};

describe('campaign mail merge', () => {
  it('250 recipients, 100 left in the quota: sends 100, resumes the next day for the rest, skips and logs as it should', () => {
    const { crm, campaign, vip } = world(250, { noEmail: 30, unsubscribed: 20, duplicates: 10 });
    const p = crm.call<Preview>('previewMailMerge', campaign.id, DRAFT);
    expect(p).toMatchObject({ total: 250, toSend: 190, skipped: { no_email: 30, unsubscribed: 20, duplicate: 10 }, quota: 100 });
    expect(p.preview).toMatchObject({ to: 'p50@example.com', subject: '客户6：春季新品', body: '联系人50您好，\n客户6 的专属邀请。' });
    expect(p.placeholders).toContainEqual({ zh: '客户名称', en: 'Customer name', customer: true });
    // Another recipient's preview.
    const other = p.recipients[60];
    const p2 = crm.call<Preview>('previewMailMerge', campaign.id, DRAFT, { recipientId: other.id });
    expect(p2.preview).toMatchObject({ id: other.id, to: other.email, body: expect.stringContaining(`${other.name}您好`) });

    const started = crm.call<Started>('startMailMerge', campaign.id, DRAFT);
    if (!started.ok) throw new Error(JSON.stringify(started.errors));
    expect(started).toMatchObject({ total: 250, sent: 100, waiting: 90 });
    expect(crm.rt.mail).toHaveLength(100);
    expect(crm.rt.triggers().filter((t) => t.handler === 'resumeMailMerges')).toHaveLength(1);
    expect(tabRows(crm, '邮件群发')[0]).toMatchObject({ 状态: '待续', 已发送: 100, 已跳过: 60, 收件人数: 250 });

    // Same day: nothing more may go.
    expect(crm.call<{ sent: number; waiting: number }>('resumeMailMerges')).toMatchObject({ sent: 0, waiting: 90 });
    expect(crm.rt.mail).toHaveLength(100);

    // The next day the sender's trigger fires (a time-driven run: no active user, runs as its installer).
    crm.rt.advanceClock(DAY);
    const trigger = crm.rt.triggers().find((t) => t.handler === 'resumeMailMerges')!;
    crm.rt.setUser('');
    crm.rt.setEffectiveUser('owner@example.com');
    expect(crm.call<{ sent: number; waiting: number }>('resumeMailMerges', { authMode: 'FULL', triggerUid: trigger.uid })).toMatchObject({
      sent: 90,
      waiting: 0,
    });
    crm.rt.setUser('owner@example.com');
    crm.rt.setEffectiveUser(null);
    expect(crm.rt.mail).toHaveLength(190);
    expect(crm.rt.triggers().filter((t) => t.handler === 'resumeMailMerges')).toHaveLength(0);

    // Each address once; never the unsubscribed or the duplicates' second record.
    const to = mailsTo(crm.rt.mail);
    expect([...to.values()].every((n) => n === 1)).toBe(true);
    expect(to.size).toBe(190);
    for (let i = 30; i < 50; i++) expect(to.has(`p${i}@example.com`)).toBe(false);
    expect(to.has('outside@example.com')).toBe(false);

    const recipients = tabRows(crm, '群发收件人');
    const count = (s: string) => recipients.filter((r) => r.状态 === s).length;
    expect([count('已发送'), count('已跳过'), count('失败'), count('待发送'), count('发送中')]).toEqual([190, 60, 0, 0, 0]);
    expect(recipients.filter((r) => r.状态 === '已跳过').map((r) => r.原因)).toEqual([
      ...Array(30).fill('无邮箱'),
      ...Array(20).fill('已退订'),
      ...Array(10).fill('重复地址（已发给本次群发的另一位收件人）'),
    ]);
    // A follow-up per send, on the contact's customer, method 邮件.
    const followUps = tabRows(crm, '跟进记录');
    expect(followUps).toHaveLength(190);
    expect(followUps.every((f) => f.跟进方式 === '邮件' && vip.includes(String(f.客户编号)))).toBe(true);
    const sentRows = recipients.filter((r) => r.状态 === '已发送');
    expect(new Set(sentRows.map((r) => r.跟进记录))).toEqual(new Set(followUps.map((f) => f.编号)));
    // Counted on the campaign; the customers mailed are its members.
    expect(crm.call<{ mailsSent: number }>('getRecord', 'campaigns', campaign.id).mailsSent).toBe(190);
    const members = tabRows(crm, '活动参与');
    expect(new Set(members.map((m) => m.客户编号))).toEqual(new Set(vip));
    const status = crm.call<{ runs: { status: string; sent: number; skipped: number }[]; recipients: unknown[] }>(
      'mailMergeStatus',
      campaign.id,
    );
    expect(status.runs[0]).toMatchObject({ status: '已完成', sent: 190, skipped: 60 });
    expect(status.recipients).toHaveLength(250);
  });

  it('refuses a placeholder that names no field, and a filter a kind does not have, before anything is sent', () => {
    const { crm, campaign } = world(5, { noEmail: 0, unsubscribed: 0, duplicates: 0 });
    const bad = crm.call<Started>('startMailMerge', campaign.id, { ...DRAFT, body: '{{姓名}}，{{不存在的字段}}' });
    expect(bad.ok).toBe(false);
    const e = (bad as { errors: Err[] }).errors[0];
    expect(e).toMatchObject({ code: 'mail_placeholder', field: 'body' });
    expect(e.messages.zh).toContain('{{不存在的字段}}');
    expect(e.messages.en).toContain('names no field of a contact');
    const lead = crm.call<Started>('startMailMerge', campaign.id, { kind: 'leads', filters: { region: '华东' }, subject: 'a', body: 'b' });
    expect((lead as { errors: Err[] }).errors[0]).toMatchObject({ code: 'mail_filter_kind', field: 'filters.region' });
    expect(() => crm.call('previewMailMerge', campaign.id, { ...DRAFT, subject: '{{nope}}' })).toThrow(/\[crm:mail_placeholder\]/);
    expect(crm.rt.mail).toHaveLength(0);
    expect(tabRows(crm, '邮件群发')).toHaveLength(0);
    expect(tabRows(crm, '群发收件人')).toHaveLength(0);
  });

  it('a test send goes to oneself only, marked as a test', () => {
    const { crm, campaign } = world(5, { noEmail: 0, unsubscribed: 0, duplicates: 0 });
    const r = crm.call<{ ok: boolean; to: string }>('testMailMerge', campaign.id, DRAFT);
    expect(r).toMatchObject({ ok: true, to: 'owner@example.com' });
    expect(crm.rt.mail).toEqual([
      expect.objectContaining({ to: 'owner@example.com', subject: '[测试] 客户1：春季新品', body: '联系人0您好，\n客户1 的专属邀请。' }),
    ]);
    expect(tabRows(crm, '群发收件人')).toHaveLength(0);
  });

  it('a MailApp failure mid-batch: the rest waits, a resume sends it; nothing twice, nothing lost', () => {
    const { crm, campaign } = world(60, { noEmail: 0, unsubscribed: 0, duplicates: 0 });
    crm.rt.faults.failMailAfter(30, 'Service error: Mail');
    const started = crm.call<Started>('startMailMerge', campaign.id, DRAFT);
    expect(started).toMatchObject({ ok: true, sent: 29, waiting: 31 });
    const failedRow = tabRows(crm, '群发收件人').find((r) => r.状态 === '待发送' && String(r.原因).includes('Service error'));
    expect(failedRow).toBeDefined();
    expect(crm.call<{ sent: number; waiting: number }>('resumeMailMerges')).toMatchObject({ sent: 31, waiting: 0 });
    const to = mailsTo(crm.rt.mail);
    expect(to.size).toBe(60);
    expect([...to.values()].every((n) => n === 1)).toBe(true);
    expect(tabRows(crm, '跟进记录')).toHaveLength(60);
  });

  it('a run cut off anywhere, then resumed: no address mailed twice, every recipient sent or marked interrupted', () => {
    const seen = { interrupted: 0, unrecorded: 0, finished: 0, retried: 0 };
    for (const cut of [4, 9, 14, 20, 26, 33, 40, 60]) {
      const { crm, campaign } = world(30, { noEmail: 0, unsubscribed: 0, duplicates: 0 });
      crm.rt.faults.cutOffAfter(cut);
      let finished = true;
      try {
        crm.call('startMailMerge', campaign.id, DRAFT);
      } catch {
        finished = false;
      }
      crm.rt.faults.clear();
      crm.rt.advanceClock(11 * 60_000);
      if (tabRows(crm, '邮件群发').length) crm.call('resumeMailMerges');
      const to = mailsTo(crm.rt.mail);
      const where = { cut, finished };
      expect({ ...where, twice: [...to.values()].some((n) => n > 1) }).toEqual({ ...where, twice: false });
      const rows = tabRows(crm, '群发收件人');
      if (!rows.length) {
        seen.unrecorded++;
        // Cut before the run was recorded: nothing sent.
        expect({ ...where, mail: to.size }).toEqual({ ...where, mail: 0 });
        continue;
      }
      for (const r of rows) {
        const mailed = to.has(String(r.邮箱).toLowerCase());
        const ok = r.状态 === '已发送' ? mailed : r.状态 === '失败' && String(r.原因).includes('中断');
        expect({ ...where, email: r.邮箱, status: r.状态, ok }).toEqual({ ...where, email: r.邮箱, status: r.状态, ok: true });
      }
      const followUps = tabRows(crm, '跟进记录');
      expect({ ...where, logged: followUps.length }).toEqual({ ...where, logged: rows.filter((r) => r.状态 === '已发送').length });
      if (rows.some((r) => r.状态 === '失败')) seen.interrupted++;
      // A person sets an interrupted row that never went out back to 待发送; Resume sends it, once.
      const retry = rows.findIndex((r) => r.状态 === '失败' && !to.has(String(r.邮箱).toLowerCase()));
      if (retry >= 0) {
        const sheet = crm.rt.workbook.getSheet('群发收件人')!;
        const header = sheet.getValuesRaw()[0] as string[];
        sheet.setValuesRaw(retry + 2, header.indexOf('状态') + 1, [['待发送']]);
        expect(crm.call<{ sent: number }>('resumeMailMerges')).toMatchObject({ sent: 1 });
        expect(mailsTo(crm.rt.mail).get(String(rows[retry].邮箱).toLowerCase())).toBe(1);
        seen.retried++;
      }
      if (finished) seen.finished++;
    }
    // The cuts fell before the run was recorded, between a claim and its outcome, and after the end.
    expect(seen.interrupted).toBeGreaterThan(0);
    expect(seen.finished).toBeGreaterThan(0);
    expect(seen.retried).toBeGreaterThan(0);
  });

  it('leads: placeholders of the lead, an unsubscribed lead skipped, the send in the lead’s change log; a sales rep may not mail another’s campaign', () => {
    const crm = loadCrm({ user: 'owner@example.com', now: START });
    crm.call('setupWorkbook');
    const campaign = save(crm, 'campaigns', { name: '展会', owner: 'owner@example.com' });
    const a = save(crm, 'leads', { company: '甲公司', contactName: '王五', email: 'wang@jia.com', industry: '制造业' });
    save(crm, 'leads', { company: '乙公司', email: 'yi@yi.com', industry: '制造业', unsubscribed: true });
    save(crm, 'leads', { company: '丙公司', email: 'bing@bing.com', industry: '批发和零售业' });
    const draft = { kind: 'leads', filters: { industry: '制造业' }, subject: '{{公司名称}} 邀请函', body: '{{联系人}}：见附件' };
    const r = crm.call<Started>('startMailMerge', campaign.id, draft);
    expect(r).toMatchObject({ ok: true, total: 2, sent: 1 });
    expect(crm.rt.mail.map((m) => [m.to, m.subject, m.body])).toEqual([['wang@jia.com', '甲公司 邀请函', '王五：见附件']]);
    const log = tabRows(crm, '变更历史').filter((h) => Object.values(h).includes(a.id) && Object.values(h).includes('email'));
    expect(log).toHaveLength(1);
    expect(tabRows(crm, '活动参与').map((m) => m.潜在客户编号)).toEqual([a.id]);
    // A sales rep may mail only their own campaigns.
    addUser(crm, 'rep@example.com', '销售');
    crm.rt.setUser('rep@example.com');
    const refused = crm.call<Started>('startMailMerge', campaign.id, draft);
    expect((refused as { errors: Err[] }).errors[0]).toMatchObject({ code: 'mail_forbidden' });
    expect(crm.rt.mail).toHaveLength(1);
  });
});
