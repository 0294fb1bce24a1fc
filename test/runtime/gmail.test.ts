/** GmailApp in the local runtime: the user's mailbox, Gmail's search subset, labels, drafts, sends, quotas, counting. */
import { DAILY_GMAIL_READS } from '../../src/runtime';
import { setup, T0 } from './helpers';

const ME = 'rep@example.com';
const HOUR = 3600_000;

function mailbox() {
  const s = setup({ user: ME });
  const { rt } = s;
  const at = (h: number) => T0.getTime() - h * HOUR;
  const inbound = rt.gmail.deliver(ME, {
    from: '"王芳" <wang@acme.cn>',
    to: ME,
    subject: '报价问题',
    body: '请发一下报价单',
    date: at(50),
  });
  const reply = rt.gmail.deliver(ME, {
    to: 'wang@acme.cn',
    cc: 'li@acme.cn',
    subject: 'Re: 报价问题',
    body: '附件是报价',
    date: at(49),
    threadId: inbound.threadId,
  });
  const news = rt.gmail.deliver(ME, {
    from: 'news@shop.example',
    to: ME,
    subject: 'Weekly deals',
    body: 'Sale!',
    date: at(2),
    labels: ['Newsletters'],
  });
  const old = rt.gmail.deliver(ME, {
    from: 'old@client.com',
    to: ME,
    subject: 'Hello from 2023',
    body: 'old times',
    date: new Date('2023-06-01T00:00:00Z'),
  });
  rt.resetStats();
  return { ...s, inbound, reply, news, old, at };
}

describe('GmailApp', () => {
  it('search: the supported operators, newest thread first, paged', () => {
    const { GmailApp, inbound, news, old } = mailbox();
    const ids = (q: string, start?: number, max?: number) =>
      (start === undefined ? GmailApp.search(q) : GmailApp.search(q, start, max as number)).map((t) => t.getId());
    expect(ids('')).toEqual([news.threadId, inbound.threadId, old.threadId]);
    expect(ids('', 1, 1)).toEqual([inbound.threadId]);
    expect(ids('from:wang@acme.cn')).toEqual([inbound.threadId]);
    expect(ids('to:wang@acme.cn')).toEqual([inbound.threadId]);
    expect(ids('cc:li@acme.cn')).toEqual([inbound.threadId]);
    expect(ids('in:sent')).toEqual([inbound.threadId]);
    expect(ids('{from:wang@acme.cn from:old@client.com}')).toEqual([inbound.threadId, old.threadId]);
    expect(ids('from:wang@acme.cn OR from:news@shop.example')).toEqual([news.threadId, inbound.threadId]);
    expect(ids('label:Newsletters')).toEqual([news.threadId]);
    expect(ids('-label:Newsletters')).toEqual([inbound.threadId, old.threadId]);
    expect(ids('after:2024/01/01 before:2024/03/15')).toEqual([news.threadId, inbound.threadId]);
    expect(ids(`after:${Math.floor((T0.getTime() - 10 * HOUR) / 1000)}`)).toEqual([news.threadId]);
    expect(ids('newer_than:1d')).toEqual([news.threadId]);
    expect(ids('报价')).toEqual([inbound.threadId]);
    expect(ids('in:anywhere sale')).toEqual([news.threadId]);
  });

  it('refuses queries outside the subset with a clear message, and bad paging', () => {
    const { GmailApp } = mailbox();
    expect(() => GmailApp.search('has:attachment')).toThrow(/Unsupported Gmail search.*"has:"/);
    expect(() => GmailApp.search('is:unread')).toThrow(/Unsupported Gmail search/);
    expect(() => GmailApp.search('(a b)')).toThrow(/parentheses/);
    expect(() => GmailApp.search('{from:a')).toThrow(/unclosed/);
    expect(() => GmailApp.search('after:yesterday')).toThrow(/the date "yesterday"/);
    expect(() => GmailApp.search('', 0, 501)).toThrow(/cannot exceed 500/);
    expect(() => (GmailApp as unknown as { getMessageCount: () => void }).getMessageCount()).toThrow(TypeError);
  });

  it('threads and messages: fields, permalink, labels', () => {
    const { GmailApp, inbound, reply } = mailbox();
    const thread = GmailApp.getThreadById(inbound.threadId);
    if (!thread) throw new Error('no thread');
    expect(thread.getFirstMessageSubject()).toBe('报价问题');
    expect(thread.getPermalink()).toContain(inbound.threadId);
    const [first, second] = thread.getMessages();
    expect([first.getId(), second.getId()]).toEqual([inbound.id, reply.id]);
    expect(first.getFrom()).toBe('"王芳" <wang@acme.cn>');
    expect(second.getTo()).toBe('wang@acme.cn');
    expect(second.getCc()).toBe('li@acme.cn');
    expect(second.getPlainBody()).toBe('附件是报价');
    expect(second.getDate().getTime()).toBe(thread.getLastMessageDate().getTime());
    expect(GmailApp.getMessageById(reply.id).getThread().getId()).toBe(inbound.threadId);
    expect(() => GmailApp.getMessageById('nope')).toThrow(/Invalid argument/);
    expect(GmailApp.getThreadById('nope')).toBeNull();
    expect(GmailApp.getUserLabelByName('CRM')).toBeNull();
    const label = GmailApp.createLabel('CRM');
    thread.addLabel(label);
    expect(thread.getLabels().map((l) => l.getName())).toEqual(['CRM']);
    expect(label.getThreads().map((t) => t.getId())).toEqual([inbound.threadId]);
    expect(GmailApp.getUserLabels().map((l) => l.getName())).toEqual(['CRM', 'Newsletters']);
    label.removeFromThreads([thread]);
    expect(GmailApp.search('label:CRM')).toEqual([]);
    expect(GmailApp.getMessagesForThreads([thread]).map((ms) => ms.length)).toEqual([2]);
  });

  it('drafts and sends: the outbox and its recipients quota are MailApp’s', () => {
    const { GmailApp, MailApp, Utilities, rt } = mailbox();
    const pdf = Utilities.newBlob('%PDF-1.4', 'application/pdf', 'Q001.pdf');
    const draft = GmailApp.createDraft('buyer@acme.cn', '报价单 Q001', '请查收', { attachments: [pdf], cc: 'boss@acme.cn' });
    expect(GmailApp.getDrafts().map((d) => d.getId())).toEqual([draft.getId()]);
    expect(
      draft
        .getMessage()
        .getAttachments()
        .map((a) => [a.getName(), a.getSize()]),
    ).toEqual([['Q001.pdf', 8]]);
    expect(GmailApp.search('subject:Q001')).toEqual([]);
    draft.update('buyer@acme.cn', '报价单 Q001 (v2)', '请查收新版', { attachments: [pdf] });
    const sent = draft.send();
    expect(sent.getSubject()).toBe('报价单 Q001 (v2)');
    expect(GmailApp.getDrafts()).toEqual([]);
    expect(GmailApp.search('in:sent subject:Q001').length).toBe(1);
    GmailApp.sendEmail('x@acme.cn', 'Hi', 'there', { bcc: 'y@acme.cn' });
    expect(rt.mail.map((m) => [m.to, m.subject, m.attachments?.map((a) => a.name) ?? []])).toEqual([
      ['buyer@acme.cn', '报价单 Q001 (v2)', ['Q001.pdf']],
      ['x@acme.cn', 'Hi', []],
    ]);
    expect(MailApp.getRemainingDailyQuota()).toBe(97);
    const other = GmailApp.createDraft('z@acme.cn', 'drop', 'me');
    other.deleteDraft();
    expect(GmailApp.getDrafts()).toEqual([]);
    expect(() => GmailApp.createDraft('not an address', 's', 'b')).toThrow(/Invalid email/);
  });

  it('the mailbox is the effective user’s; calls are counted, Gmail round trips use the daily read quota', () => {
    const { GmailApp, rt, inbound } = mailbox();
    rt.gmail.deliver('other@example.com', { from: 'x@y.com', to: 'other@example.com', subject: 'theirs', body: '', date: T0 });
    expect(GmailApp.search('subject:theirs')).toEqual([]);
    rt.setEffectiveUser('other@example.com');
    expect(GmailApp.search('subject:theirs').length).toBe(1);
    rt.setEffectiveUser(null);
    rt.resetStats();
    const thread = GmailApp.getThreadById(inbound.threadId);
    const messages = thread?.getMessages() ?? [];
    messages.forEach((m) => m.getSubject());
    const stats = rt.stats();
    expect(stats.roundTrips).toBe(2);
    expect(stats.byMethod['GmailMessage.getSubject']).toBe(2);
    const box = rt.gmail.mailbox(ME);
    expect(box.readsToday(rt.now().getTime(), 'Asia/Shanghai')).toBe(3);
    box.setReadsLeft(1, rt.now().getTime(), 'Asia/Shanghai');
    GmailApp.search('');
    expect(() => GmailApp.search('')).toThrow('Exception: Service invoked too many times for one day: gmail.');
    rt.advanceClock(24 * HOUR);
    expect(GmailApp.search('').length).toBe(3);
    expect(DAILY_GMAIL_READS).toBe(20000);
  });

  it('fault injection: the n-th next Gmail round trip fails', () => {
    const { GmailApp, rt } = mailbox();
    rt.gmail.failAfter(ME, 2);
    expect(GmailApp.search('').length).toBe(3);
    expect(() => GmailApp.search('')).toThrow(/Exception: Gmail operation not allowed/);
    expect(GmailApp.search('').length).toBe(3);
  });
});
