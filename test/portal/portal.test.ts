import { createHash } from 'node:crypto';
import { appsScript } from '../../src/runtime';
import { addUser, freshCrm, save, setParam, type Rec } from '../workflows/helpers';
import type { Crm } from '../integration/harness';
import { checkJournal } from '../integrity/journal';

type Err = { field: string; code: string; message: string; messages: { zh: string; en: string } };
type Ticket = { id: string; subject: string; status: string; closed: boolean; resolution: string; description: string; openedAt: string };
type View = { ok: true; tickets: Ticket[]; contact: { name: string }; customer: { name: string } } | { ok: false; errors: Err[] };
type Raised = { ok: true; ticket: Ticket; tickets: Ticket[] } | { ok: false; errors: Err[] };
type Granted = { ok: true; link: string; emailed: boolean } | { ok: false; errors: Err[] };

/** Every tab's cells but the CRM's hidden ones, to show a refusal changed nothing. */
const cells = (crm: Crm) => JSON.stringify(crm.rt.workbook.sheets.filter((s) => !s.name.startsWith('_')).map((s) => s.getValuesRaw()));

const OWNER = 'boss@example.com';

function world() {
  const crm = freshCrm(OWNER);
  addUser(crm, 'rep@example.com', 'sales');
  addUser(crm, 'svc1@example.com', 'service');
  addUser(crm, 'svc2@example.com', 'service');
  crm.call('setupWorkbook');
  const acme = save(crm, 'customers', { name: '华为', owner: 'rep@example.com' });
  const other = save(crm, 'customers', { name: '中兴', owner: 'rep@example.com' });
  const amy = save(crm, 'contacts', { customerId: acme.id, name: '张三', email: 'zhang.san@huawei.example' });
  const bob = save(crm, 'contacts', { customerId: acme.id, name: '李四', email: 'li.si@huawei.example' });
  const carl = save(crm, 'contacts', { customerId: other.id, name: '王五', email: 'wang.wu@zte.example' });
  // Staff tickets: one for Amy, one for Bob, one of the other customer.
  const staffAmy = save(crm, 'tickets', {
    customerId: acme.id,
    contactId: amy.id,
    subject: '打印机卡纸',
    type: '维修',
    owner: 'svc1@example.com',
  });
  save(crm, 'tickets', { customerId: acme.id, contactId: bob.id, subject: '李四的私事', type: '咨询', owner: 'svc1@example.com' });
  save(crm, 'tickets', { customerId: other.id, contactId: carl.id, subject: '中兴的问题', type: '咨询', owner: 'svc1@example.com' });
  return { crm, acme, other, amy, bob, carl, staffAmy };
}

function grant(crm: Crm, contact: Rec, options?: unknown): string {
  const g = crm.call<Granted>('grantSelfService', contact.id, options);
  if (!g.ok) throw new Error(JSON.stringify(g.errors));
  return g.link.split('?portal=')[1];
}

/** A visitor of the owner-run web app: no active user, the script running as its owner. */
function asVisitor<T>(crm: Crm, fn: () => T): T {
  crm.rt.setUser('');
  crm.rt.setEffectiveUser(OWNER);
  try {
    return fn();
  } finally {
    crm.rt.setUser(OWNER);
    crm.rt.setEffectiveUser(null);
  }
}

describe('self-service portal', () => {
  it('a contact given access sees only its own tickets, raises one: assigned, the team told, the contact mailed', () => {
    const { crm, amy, staffAmy, acme } = world();
    const token = grant(crm, amy);
    // The contact and its customer, then 64 random hex characters (what nobody can guess).
    expect(token).toMatch(new RegExp(`^${amy.id}\\.${acme.id}\\.[0-9a-f]{64}$`));
    // Never on the sheet in clear: the row holds its hash.
    expect(JSON.stringify(crm.rt.workbook.sheets.map((s) => s.getValuesRaw()))).not.toContain(token);
    const view = asVisitor(crm, () => crm.call<View>('portalTickets', token));
    if (!view.ok) throw new Error(JSON.stringify(view.errors));
    expect(view.tickets.map((t) => t.id)).toEqual([staffAmy.id]);
    expect(view).toMatchObject({ contact: { name: '张三' }, customer: { name: '华为' } });
    const mails = crm.rt.mail.length;
    const r = asVisitor(crm, () =>
      crm.call<Raised>('portalRaiseTicket', token, { subject: '=HYPERLINK("http://x")', type: 'Repair', description: '+1 屏幕不亮' }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.ticket).toMatchObject({ subject: '=HYPERLINK("http://x")', status: '新建', closed: false });
    expect(r.tickets.map((t) => t.id).sort()).toEqual([staffAmy.id, r.ticket.id].sort());
    // Stored as the staff see it: the customer and contact linked, channel 门户, a service rep its owner.
    const stored = crm.call<Rec>('getRecord', 'tickets', r.ticket.id);
    expect(stored).toMatchObject({ customerId: acme.id, contactId: amy.id, channel: '门户', type: '维修', owner: 'svc1@example.com' });
    expect(stored.createdBy).toBe(`portal:${amy.id}`);
    // Formula text inert in the cell.
    const tab = crm.rt.workbook.getSheet('售后服务')!;
    expect(tab.formulas.size).toBe(0);
    expect(JSON.stringify(tab.getValuesRaw())).toContain('+1 屏幕不亮');
    // The assignee told (mail: no webhook), the contact mailed its ticket ID.
    const sent = crm.rt.mail.slice(mails);
    expect(sent.find((m) => m.to === 'svc1@example.com')?.subject).toContain(r.ticket.id);
    expect(sent.find((m) => m.to === 'zhang.san@huawei.example')?.subject).toContain(r.ticket.id);
    // The next one goes to the other service rep.
    const r2 = asVisitor(crm, () => crm.call<Raised>('portalRaiseTicket', token, { subject: '第二个', type: '咨询' }));
    expect(r2.ok && crm.call<Rec>('getRecord', 'tickets', r2.ticket.id).owner).toBe('svc2@example.com');
    // The change log replays to the workbook (grants and portal tickets included).
    crm.call('revokeSelfService', amy.id);
    expect(checkJournal(crm).problems).toEqual([]);
  });

  it("a wrong, revoked, reshaped or another contact's token sees nothing, with one and the same answer", () => {
    const { crm, amy, bob } = world();
    const tAmy = grant(crm, amy);
    const tBob = grant(crm, bob);
    const answers: unknown[] = [];
    const before = cells(crm);
    const tryToken = (t: string) => {
      const v = asVisitor(crm, () => crm.call<View>('portalTickets', t));
      const r = asVisitor(crm, () => crm.call<Raised>('portalRaiseTicket', t, { subject: 'x', type: '咨询' }));
      answers.push(v, r);
    };
    tryToken('0'.repeat(64));
    tryToken(tAmy.slice(0, 63) + (tAmy.endsWith('a') ? 'b' : 'a'));
    tryToken(tAmy.toUpperCase() + 'x');
    tryToken(amy.id);
    tryToken('');
    // Another contact's IDs with Amy's random part, and Amy's IDs with Bob's: the row's hash refuses both.
    const random = (t: string) => t.split('.')[2];
    tryToken(`${bob.id}.${bob.customerId}.${random(tAmy)}`);
    tryToken(`${amy.id}.${amy.customerId}.${random(tBob)}`);
    tryToken(random(tAmy));
    expect(cells(crm)).toBe(before);
    expect(crm.call<{ ok: boolean }>('revokeSelfService', amy.id)).toMatchObject({ ok: true, revoked: true });
    const afterRevoke = cells(crm);
    tryToken(tAmy);
    expect(cells(crm)).toBe(afterRevoke);
    const distinct = new Set(answers.map((a) => JSON.stringify(a)));
    expect(distinct.size).toBe(1);
    expect(answers[0]).toMatchObject({ ok: false, errors: [{ field: 'token', code: 'portal_link_invalid' }] });
    // Bob's link still opens Bob's tickets only.
    const bobView = asVisitor(crm, () => crm.call<View>('portalTickets', tBob));
    expect(bobView.ok && bobView.tickets.map((t) => t.subject)).toEqual(['李四的私事']);
    // Granting again makes a new link; the old one stays dead.
    const tAmy2 = grant(crm, amy);
    expect(tAmy2).not.toBe(tAmy);
    expect(asVisitor(crm, () => crm.call<View>('portalTickets', tAmy)).ok).toBe(false);
    expect(asVisitor(crm, () => crm.call<View>('portalTickets', tAmy2)).ok).toBe(true);
  });

  it('a link of the older form (64 hex characters, its contact named by a document property) still opens until granted anew', () => {
    const { crm, amy, acme, staffAmy } = world();
    grant(crm, amy);
    // What a grant before links carried their contact left behind: the property and the row's hash.
    const legacy = 'ab'.repeat(32);
    const hash = createHash('sha256').update(legacy).digest('hex');
    const gas = appsScript(crm.rt);
    gas.PropertiesService.getDocumentProperties().setProperty(`crm.portal.${hash}`, JSON.stringify({ contact: amy.id, customer: acme.id }));
    const tab = gas.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('联系人')!;
    const values = tab.getDataRange().getValues();
    const col = values[0].indexOf('门户链接摘要');
    const row = values.findIndex((r) => r[0] === amy.id);
    expect(col).toBeGreaterThan(0);
    tab.getRange(row + 1, col + 1).setValue(hash);
    const view = asVisitor(crm, () => crm.call<View>('portalTickets', legacy.toUpperCase()));
    expect(view.ok && view.tickets.map((t) => t.id)).toEqual([staffAmy.id]);
    // A new grant forgets the older link and its property.
    grant(crm, amy);
    expect(asVisitor(crm, () => crm.call<View>('portalTickets', legacy)).ok).toBe(false);
    expect(gas.PropertiesService.getDocumentProperties().getProperty(`crm.portal.${hash}`)).toBeNull();
  });

  it("refuses a 1 MB description, a missing subject, an unknown type and the day's limit, in zh and en, writing nothing", () => {
    const { crm, amy } = world();
    const token = grant(crm, amy);
    setParam(crm, 'portalTicketsPerDay', '1');
    const before = cells(crm);
    const big = asVisitor(crm, () =>
      crm.call<Raised>('portalRaiseTicket', token, { subject: '大', type: '咨询', description: 'x'.repeat(1 << 20) }),
    );
    expect(big).toMatchObject({ ok: false, errors: [{ field: 'description', code: 'portal_too_long' }] });
    if (!big.ok) {
      expect(big.errors[0].messages.zh).toContain('1048576');
      expect(big.errors[0].messages.en).toMatch(/at most 10000 characters; this one has 1048576/);
    }
    const bad = asVisitor(crm, () => crm.call<Raised>('portalRaiseTicket', token, { subject: ' ', type: '抱怨' }));
    expect(bad.ok ? [] : bad.errors.map((e) => [e.field, e.code])).toEqual([
      ['subject', 'required'],
      ['type', 'enum'],
    ]);
    expect(cells(crm)).toBe(before);
    expect(asVisitor(crm, () => crm.call<Raised>('portalRaiseTicket', token, { subject: '一', type: '咨询' })).ok).toBe(true);
    const after = cells(crm);
    const over = asVisitor(crm, () => crm.call<Raised>('portalRaiseTicket', token, { subject: '二', type: '咨询' }));
    expect(over).toMatchObject({ ok: false, errors: [{ code: 'portal_daily_limit' }] });
    expect(cells(crm)).toBe(after);
  });

  it('only service and admin give or take access; sales and viewers are refused and nothing changes', () => {
    const { crm, amy } = world();
    const before = cells(crm);
    crm.rt.setUser('rep@example.com');
    expect(crm.call<Granted>('grantSelfService', amy.id)).toMatchObject({ ok: false, errors: [{ code: 'forbidden_action' }] });
    crm.rt.setUser(OWNER);
    expect(cells(crm)).toBe(before);
    crm.rt.setUser('svc1@example.com');
    const g = crm.call<Granted>('grantSelfService', amy.id, { email: true });
    crm.rt.setUser(OWNER);
    expect(g).toMatchObject({ ok: true, emailed: true });
    expect(crm.rt.mail.at(-1)).toMatchObject({ to: 'zhang.san@huawei.example' });
    expect(g.ok && crm.rt.mail.at(-1)?.body).toContain(g.ok ? g.link : '-');
    // The flag is the CRM's: a save cannot set it.
    const c = crm.call<Rec>('getRecord', 'contacts', amy.id);
    expect(c.selfService).toBe(true);
    const r = crm.call<{ ok: boolean; errors?: Err[] }>('saveRecord', 'contacts', { id: c.id, version: c.version, selfService: false });
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'selfService', code: 'read_only' }] });
  });

  it('the portal link reaches nothing else: staff entry points refuse an anonymous visitor of the owner-run app', () => {
    const { crm, acme } = world();
    const before = cells(crm);
    const r = asVisitor(crm, () => crm.call<{ ok: boolean; errors?: Err[] }>('saveRecord', 'customers', { name: '黑客' }));
    expect(r).toMatchObject({ ok: false });
    expect(() => asVisitor(crm, () => crm.call('getCustomer360', acme.id))).toThrow(/crm:/);
    expect(cells(crm)).toBe(before);
  });

  it('doGet routes ?portal= to the self-service page, reading nothing; other requests get a notice', () => {
    const { crm, amy } = world();
    const token = grant(crm, amy);
    type Html = { getContent(): string; getTitle(): string };
    const open = (e: unknown) =>
      asVisitor(crm, () => {
        crm.rt.resetStats();
        const out = crm.raw!<Html>('doGet', e);
        return { html: out.getContent(), title: out.getTitle(), roundTrips: crm.rt.stats().roundTrips };
      });
    const good = open({ parameter: { portal: token, lang: 'en' } });
    expect(good.roundTrips).toBe(0);
    expect(good.title).toBe('My service tickets');
    expect(good.html).toContain(`"token":"${token}"`);
    expect(good.html).toContain('portalTickets(S.token)');
    // No data in the page: a wrong link's page is the same but for its (blank) token.
    expect(good.html).not.toContain('打印机卡纸');
    const wrong = open({ parameter: { portal: '<script>alert(1)</script>', lang: 'en' } });
    expect(wrong.html).not.toContain('<script>alert(1)');
    expect(wrong.html.replace(/"token":"[^"]*"/, '')).toBe(good.html.replace(/"token":"[^"]*"/, ''));
    expect(open({ parameter: { portal: token, lang: 'zh' } }).title).toBe('我的服务工单');
    for (const e of [undefined, {}, { parameter: { customer: 'C1' } }, 'x'])
      expect(open(e).html).toMatch(/此页面仅供 CRM 用户使用|This page is for the CRM's users/);
  });
});
