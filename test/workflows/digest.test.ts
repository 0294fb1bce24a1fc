import { appsScript } from '../../src/runtime';
import { day, freshCrm, save } from './helpers';

type Digest = { sent: number; skipped: number; reasons: { owner: string; reason: string }[]; today: string };

function withReminders() {
  const crm = freshCrm();
  for (const owner of ['a@example.com', 'b@example.com', '销售小王']) {
    const c = save(crm, 'customers', { name: `客户-${owner}`, owner });
    save(crm, 'followUps', {
      customerId: c.id,
      owner,
      time: `${day(-3)} 10:00`,
      method: '电话',
      content: '沟通',
      nextPlanAt: `${day(-1)} 09:00`,
      nextPlan: '回访报价',
    });
  }
  return crm;
}

describe('sendReminderDigest', () => {
  it('mails each owner once a day, reports owners without an address, never twice the same day', () => {
    const crm = withReminders();
    const first = crm.call<Digest>('sendReminderDigest');
    expect(first.sent).toBe(2);
    expect(first.reasons).toEqual([{ owner: '销售小王', reason: 'no_email_address' }]);
    expect(crm.rt.mail.map((m) => m.to).sort()).toEqual(['a@example.com', 'b@example.com']);
    const mail = crm.rt.mail.find((m) => m.to === 'a@example.com');
    expect(mail?.subject).toContain('CRM 每日提醒');
    expect(mail?.body).toContain('回访报价');
    const second = crm.call<Digest>('sendReminderDigest');
    expect(second.sent).toBe(0);
    expect(second.reasons.filter((r) => r.reason === 'already_sent').map((r) => r.owner)).toEqual(['a@example.com', 'b@example.com']);
    expect(crm.rt.mail).toHaveLength(2);
  });

  it('stays within the remaining daily quota and reports what it skipped', () => {
    const crm = withReminders();
    const { MailApp } = appsScript(crm.rt);
    while (MailApp.getRemainingDailyQuota() > 1) MailApp.sendEmail('someone@example.com', 'x', 'y');
    const r = crm.call<Digest>('sendReminderDigest');
    expect(r).toMatchObject({ sent: 1, skipped: 2 });
    expect(r.reasons).toEqual(expect.arrayContaining([{ owner: 'b@example.com', reason: 'quota' }]));
    // The next day's quota lets the skipped owner through... but today it is not sent twice to a.
    expect(crm.call<Digest>('sendReminderDigest').sent).toBe(0);
  });

  it('runs after the derived fields in runDailyJobs, and installTriggers schedules both jobs once', () => {
    const crm = withReminders();
    const r = crm.call<{ digest: Digest }>('runDailyJobs');
    expect(r.digest.sent).toBe(2);
    crm.call('installTriggers');
    crm.call('installTriggers');
    const handlers = crm.rt
      .triggers()
      .map((t) => t.handler)
      .sort();
    expect(handlers.filter((h) => h === 'runDailyJobs' || h === 'scheduledBackup')).toEqual(['runDailyJobs', 'scheduledBackup']);
  });
});
