/**
 * The demo mailboxes: each owner of demo customers gets a Gmail mailbox with threads to and from
 * their customers' contacts (inquiries and replies, quotes with a PDF attached), their leads, a
 * private thread carrying the exclusion label, and mail the CRM must not log (newsletters,
 * colleagues, friends). Read from the workbook's tabs (host side, not counted), seeded, dated in
 * the weeks before `now`, in the workbook's language. Not saved with the workbook: the dev server
 * makes it again each time it opens one, with the same message IDs (what was logged stays logged).
 */
import { langOfLocale, tableDef, type Lang, type TableKey } from '../../schema';
import type { Runtime } from '../createRuntime';
import { Rng } from './random';

type Row = Record<string, string>;

/** A tab's rows by field key (only `fields`), found by the tab's and the columns' zh or en labels. */
function rowsOf(rt: Runtime, key: TableKey, fields: readonly string[]): Row[] {
  const def = tableDef(key);
  const sheet = rt.workbook.getSheet(def.tab.zh) ?? rt.workbook.getSheet(def.tab.en);
  if (!sheet) return [];
  const [header = [], ...rows] = sheet.getValuesRaw();
  const at = new Map<string, number>();
  for (const f of fields) {
    const col = def.columns.find((c) => c.key === f);
    const i = header.findIndex((h) => typeof h === 'string' && (h === col?.label.zh || h === col?.label.en || h === f));
    if (i >= 0) at.set(f, i);
  }
  return rows
    .map((r) => Object.fromEntries(fields.map((f) => [f, at.has(f) ? String(r[at.get(f) as number] ?? '').trim() : ''])))
    .filter((r) => r.id && r.deleted !== 'true' && r.deleted !== 'TRUE');
}

const TEXT = {
  zh: {
    inquiry: (p: string) => [`询价：${p}`, `您好，\n我们想了解${p}的报价和交期，麻烦发一份方案。\n谢谢！`],
    reply: () => ['方案和报价已附上，请查收。有问题随时联系我。'],
    quote: (c: string) => [`${c} 报价单`, `您好，\n附件是本次的报价单，有效期 30 天。\n祝好`],
    thanks: ['收到，谢谢！我们内部评估后回复您。'],
    lead: (c: string) => [`${c}：产品资料`, `您好，\n感谢关注，附上产品介绍。方便的话约个时间电话沟通？`],
    privateSubject: '周末聚餐',
    privateBody: '老同学，周六一起吃饭？',
    newsletters: [
      ['行业周报：制造业数字化', '本周要闻……'],
      ['会员专享：年终大促', '全场五折起'],
    ],
    colleague: ['周例会纪要', '本周例会要点见下。'],
  },
  en: {
    inquiry: (p: string) => [`Inquiry: ${p}`, `Hello,\nCould you send us a quote and lead time for ${p}?\nThanks!`],
    reply: () => ['Our proposal and quote are attached. Let me know if you have questions.'],
    quote: (c: string) => [`Quote for ${c}`, `Hello,\nPlease find our quote attached, valid for 30 days.\nBest regards`],
    thanks: ['Got it, thank you. We will come back to you after an internal review.'],
    lead: (c: string) => [
      `${c}: product brochure`,
      `Hello,\nThanks for your interest; our brochure is attached. Could we have a call this week?`,
    ],
    privateSubject: 'Dinner on Saturday',
    privateBody: 'Old friend, dinner on Saturday?',
    newsletters: [
      ['Industry weekly: digital manufacturing', 'This week...'],
      ['Members only: year-end sale', 'Up to 50% off'],
    ],
    colleague: ['Weekly meeting notes', 'The points of this week’s meeting below.'],
  },
} as const;

const PRODUCTS = {
  zh: ['企业版软件授权', '年度运维服务', '定制开发', '数据迁移'],
  en: ['enterprise licences', 'annual support', 'custom development', 'data migration'],
};

/** The exclusion label the demo's private threads carry (the CRM's default for the language). */
export const demoExcludeLabel = (lang: Lang) => (lang === 'zh' ? 'CRM-不记录' : 'CRM-no-log');

export interface DemoMailReport {
  users: number;
  messages: number;
}

/** Fills a mailbox per customer owner (at most `customersPerUser` of their customers each). */
export function fillDemoMailboxes(rt: Runtime, options: { seed?: number; customersPerUser?: number } = {}): DemoMailReport {
  const lang = langOfLocale(rt.workbook.locale);
  const t = TEXT[lang];
  const rng = new Rng(options.seed ?? 7);
  const perUser = options.customersPerUser ?? 10;
  const customers = rowsOf(rt, 'customers', ['id', 'name', 'owner', 'deleted']);
  const contacts = rowsOf(rt, 'contacts', ['id', 'customerId', 'name', 'email', 'deleted']).filter((c) => c.email.includes('@'));
  const leads = rowsOf(rt, 'leads', ['id', 'company', 'contactName', 'email', 'owner', 'status', 'deleted']).filter((l) =>
    l.email.includes('@'),
  );
  const byCustomer = new Map<string, Row[]>();
  for (const c of contacts) byCustomer.set(c.customerId, [...(byCustomer.get(c.customerId) ?? []), c]);
  const owners = [...new Set(customers.map((c) => c.owner).filter((o) => o.includes('@')))].sort();
  const now = rt.now().getTime();
  const hour = 3600_000;
  let messages = 0;
  for (const me of owners) {
    const box = rt.gmail.mailbox(me);
    if (box.messages.size) continue; // already filled (a test or an earlier call)
    const at = () => now - rng.int(2, 20 * 24) * hour;
    const send = (mail: Parameters<typeof box.add>[0]) => {
      messages++;
      return box.add(mail);
    };
    const mine = customers.filter((c) => c.owner === me && byCustomer.has(c.id)).slice(0, perUser);
    for (const c of mine) {
      const contact = (byCustomer.get(c.id) ?? [])[0];
      const peer = `"${contact.name}" <${contact.email}>`;
      const product = PRODUCTS[lang][rng.int(0, PRODUCTS[lang].length - 1)];
      if (rng.chance(0.6)) {
        const [subject, body] = t.inquiry(product);
        const when = at();
        const first = send({ from: peer, to: me, subject, body, date: when });
        send({
          to: contact.email,
          subject: `Re: ${subject}`,
          body: t.reply()[0],
          date: when + 3 * hour,
          threadId: first.threadId,
          attachments: [{ name: `${c.id}-proposal.pdf`, contentType: 'application/pdf', content: '%PDF-1.4' }],
        });
      } else {
        const [subject, body] = t.quote(c.name);
        const when = at();
        const first = send({
          to: peer,
          subject,
          body,
          date: when,
          attachments: [{ name: `${c.id}-quote.pdf`, contentType: 'application/pdf', content: '%PDF-1.4' }],
        });
        if (rng.chance(0.5))
          send({ from: peer, to: me, subject: `Re: ${subject}`, body: t.thanks[0], date: when + 20 * hour, threadId: first.threadId });
      }
    }
    for (const l of leads.filter((x) => x.owner === me).slice(0, 2)) {
      const [subject, body] = t.lead(l.company);
      send({ to: `"${l.contactName}" <${l.email}>`, subject, body, date: at() });
    }
    const friend = mine[0] ? (byCustomer.get(mine[0].id) ?? [])[0] : null;
    if (friend)
      send({ from: friend.email, to: me, subject: t.privateSubject, body: t.privateBody, date: at(), labels: [demoExcludeLabel(lang)] });
    for (const [subject, body] of t.newsletters) send({ from: 'news@newsletter.example', to: me, subject, body, date: at() });
    const colleague = owners.find((o) => o !== me);
    if (colleague) send({ from: colleague, to: me, subject: t.colleague[0], body: t.colleague[1], date: at() });
  }
  return { users: owners.length, messages };
}
