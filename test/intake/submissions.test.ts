/**
 * 200 lead-form submissions through the built bundle (valid, invalid, duplicates of customers,
 * contacts and leads, generated from a seeded stream) end as exactly the leads, links and intake
 * errors a model computed here, independently of the product's code, expects; running the
 * trigger again on the same responses changes nothing.
 */
import { fireSubmit, formModel, type FormAnswer } from '../../src/runtime';
import { freshIntake, mulberry32, tabRows, type Intake } from './helpers';

type Saved = { ok: boolean; record?: Record<string, unknown>; errors?: unknown };

// The model's own keys (not the product's): NFKC, lower case, no spaces; phone digits without +86.
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
const digits = (s: string) => {
  const d = s.normalize('NFKC').replace(/[\s\-()（）.]/g, '');
  const local = /^\+?86(1\d{10})$/.exec(d);
  return local ? local[1] : d.replace(/^\+/, '');
};
const okEmail = (s: string) => /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]{2,}$/.test(s);
const okPhone = (s: string) => /^1[3-9]\d{9}$/.test(digits(s)) || /^0\d{9,11}$/.test(digits(s));

interface Known {
  table: 'customers' | 'contacts' | 'leads';
  id: string;
  name: string;
  phone: string;
  email: string;
  owner: string;
}

const TITLE = { company: '公司名称', contactName: '联系人', phone: '电话', email: '邮箱', industry: '所属行业', notes: '备注' } as const;

function seedExisting(crm: Intake): Known[] {
  const known: Known[] = [];
  const owners = ['wang@example.com', 'zhao@example.com', 'owner@example.com'];
  for (let i = 0; i < 12; i++) {
    const owner = owners[i % 3];
    const r = crm.call<Saved>('saveRecord', 'customers', {
      name: `老客户${i}有限公司`,
      phone: `1370000${String(1000 + i)}`,
      email: `buyer${i}@old.example.com`,
      owner,
    });
    if (!r.ok || !r.record) throw new Error(JSON.stringify(r.errors));
    known.push({
      table: 'customers',
      id: String(r.record.id),
      name: `老客户${i}有限公司`,
      phone: `1370000${String(1000 + i)}`,
      email: `buyer${i}@old.example.com`,
      owner,
    });
    const c = crm.call<Saved>('saveRecord', 'contacts', {
      customerId: r.record.id,
      name: `联系人${i}`,
      phone: `1360000${String(2000 + i)}`,
      email: `person${i}@old.example.com`,
    });
    if (!c.ok || !c.record) throw new Error(JSON.stringify(c.errors));
    known.push({
      table: 'contacts',
      id: String(c.record.id),
      name: `联系人${i}`,
      phone: `1360000${String(2000 + i)}`,
      email: `person${i}@old.example.com`,
      owner,
    });
  }
  for (let i = 0; i < 5; i++) {
    const r = crm.call<Saved>('saveRecord', 'leads', {
      company: `旧线索${i}`,
      phone: `1350000${String(3000 + i)}`,
      email: `lead${i}@old.example.com`,
      owner: 'zhao@example.com',
    });
    if (!r.ok || !r.record) throw new Error(JSON.stringify(r.errors));
    known.push({
      table: 'leads',
      id: String(r.record.id),
      name: `旧线索${i}`,
      phone: `1350000${String(3000 + i)}`,
      email: `lead${i}@old.example.com`,
      owner: 'zhao@example.com',
    });
  }
  return known;
}

interface Expected {
  status: '已建线索' | '已关联' | '待处理';
  leadId?: string;
  linkedTo?: string;
  errorFields?: string[];
  owner?: string;
}

/** The model: which record a submission matches (customers, contacts, leads; oldest first), else validation, else a new lead. */
function expectOutcome(known: Known[], a: Record<string, FormAnswer>, nextLead: () => string, shapeError: string | null): Expected {
  if (shapeError) return { status: '待处理', errorFields: [shapeError] };
  const company = typeof a[TITLE.company] === 'string' ? (a[TITLE.company] as string).trim() : '';
  const phone = typeof a[TITLE.phone] === 'string' ? (a[TITLE.phone] as string).trim() : '';
  const email = typeof a[TITLE.email] === 'string' ? (a[TITLE.email] as string).trim() : '';
  const order = ['customers', 'contacts', 'leads'];
  const hits = known
    .filter(
      (k) =>
        (company && k.table !== 'contacts' && fold(k.name) === fold(company)) ||
        (phone && digits(phone).length >= 7 && digits(k.phone) === digits(phone)) ||
        (email && email.includes('@') && fold(k.email) === fold(email)),
    )
    .sort((x, y) => order.indexOf(x.table) - order.indexOf(y.table) || x.id.localeCompare(y.id));
  if (hits.length) return { status: '已关联', linkedTo: `${hits[0].table}:${hits[0].id}`, owner: hits[0].owner };
  const errorFields: string[] = [];
  if (!company) errorFields.push('company');
  if (phone && !okPhone(phone)) errorFields.push('phone');
  if (email && !okEmail(email)) errorFields.push('email');
  if (errorFields.length) return { status: '待处理', errorFields };
  const id = nextLead();
  known.push({ table: 'leads', id, name: company, phone, email, owner: 'owner@example.com' });
  return { status: '已建线索', leadId: id };
}

describe('200 lead-form submissions (built bundle)', () => {
  it('end as exactly the leads, links and intake errors the model expects; a re-run adds nothing', () => {
    const crm = freshIntake();
    const known = seedExisting(crm);
    let leadSeq = known.filter((k) => k.table === 'leads').length;
    const nextLead = () => `L20260302${String(++leadSeq).padStart(3, '0')}`;
    const made = crm.call<{ ok: boolean; formId: string }>('createLeadForm');
    expect(made.ok).toBe(true);
    const rand = mulberry32(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const expected: (Expected & { responseId: string })[] = [];
    const kinds: Record<string, number> = {};
    const trips: number[] = [];
    for (let i = 0; i < 200; i++) {
      const kind = pick([
        'new',
        'new',
        'new',
        'dupCustomer',
        'dupContact',
        'dupLead',
        'badEmail',
        'badPhone',
        'tooLong',
        'control',
        'shape',
        'noCompany',
      ] as const);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const a: Record<string, FormAnswer> = {
        [TITLE.company]: `新公司${i}号`,
        [TITLE.contactName]: `客户${i}`,
        [TITLE.phone]: `139${String(10000000 + i)}`,
        [TITLE.email]: `new${i}@example.com`,
      };
      if (rand() < 0.5) a[TITLE.industry] = pick(['制造业', '零售业', '教育']);
      let shapeError: string | null = null;
      let unchecked = false;
      const target = (t: Known['table']) => pick(known.filter((k) => k.table === t));
      switch (kind) {
        case 'dupCustomer': {
          const k = target('customers');
          const how = pick(['name', 'phone', 'email']);
          if (how === 'name') a[TITLE.company] = ` ${k.name.replace('有限公司', ' 有限公司')} `.toUpperCase();
          if (how === 'phone') a[TITLE.phone] = `+86 ${k.phone.slice(0, 3)}-${k.phone.slice(3, 7)}-${k.phone.slice(7)}`;
          if (how === 'email') a[TITLE.email] = k.email.toUpperCase();
          break;
        }
        case 'dupContact': {
          const k = target('contacts');
          if (rand() < 0.5) a[TITLE.phone] = k.phone;
          else a[TITLE.email] = ` ${k.email} `;
          break;
        }
        case 'dupLead': {
          const k = target('leads');
          const how = pick(['name', 'phone', 'email']);
          if (how === 'name') a[TITLE.company] = `${k.name}　`;
          if (how === 'phone') a[TITLE.phone] = k.phone;
          if (how === 'email') a[TITLE.email] = k.email;
          break;
        }
        case 'badEmail':
          a[TITLE.email] = `new${i}-at-example.com`;
          break;
        case 'badPhone':
          a[TITLE.phone] = `12${i}`;
          break;
        case 'tooLong':
          a[TITLE.company] = `长`.repeat(201 + i);
          shapeError = 'company';
          break;
        case 'control':
          a[TITLE.contactName] = `客户\u0007${i}`;
          shapeError = 'contactName';
          break;
        case 'shape':
          a[TITLE.company] = [`新公司${i}号`, '另一个'];
          unchecked = true;
          shapeError = 'company';
          break;
        case 'noCompany':
          delete a[TITLE.company];
          unchecked = true;
          break;
        default:
          break;
      }
      const exp = expectOutcome(known, a, nextLead, shapeError);
      crm.rt.resetStats();
      const s = crm.submit(made.formId, a, { unchecked });
      trips.push(crm.rt.stats().roundTrips);
      expect(s.fired).toEqual([expect.objectContaining({ ok: true })]);
      expected.push({ ...exp, responseId: s.responseId });
    }
    // Every kind of submission was generated.
    expect(Object.keys(kinds).sort()).toEqual([
      'badEmail',
      'badPhone',
      'control',
      'dupContact',
      'dupCustomer',
      'dupLead',
      'new',
      'noCompany',
      'shape',
      'tooLong',
    ]);

    const intake = tabRows(crm.rt, '表单待处理');
    expect(intake.map((r) => r['提交编号'])).toEqual(expected.map((e) => e.responseId));
    intake.forEach((r, i) => {
      const e = expected[i];
      expect({ i, status: r['状态'], leadId: r['线索编号'] || undefined, linkedTo: r['关联记录'] || undefined }).toEqual({
        i,
        status: e.status,
        leadId: e.leadId,
        linkedTo: e.linkedTo,
      });
      if (e.status === '待处理') {
        const labels: Record<string, string> = { company: '公司名称', contactName: '联系人', phone: '电话', email: '邮箱' };
        for (const f of e.errorFields ?? []) expect(String(r['错误'])).toContain(labels[f]);
      } else expect(r['错误']).toBe('');
    });

    const leads = tabRows(crm.rt, '潜在客户');
    const formLeads = leads.filter((l) => l['来源'] === '在线表单');
    expect(formLeads.map((l) => l['编号'])).toEqual(expected.filter((e) => e.leadId).map((e) => e.leadId));
    expect(leads).toHaveLength(5 + formLeads.length);
    expect(formLeads.every((l) => l['负责人'] === 'owner@example.com' && l['状态'] === '新建')).toBe(true);
    // Nothing else changed: the customers and contacts are as seeded.
    expect(tabRows(crm.rt, '客户信息')).toHaveLength(12);
    expect(tabRows(crm.rt, '联系人')).toHaveLength(12);

    // Each link: a change-log entry on the linked record (source form) and a mail to its owner.
    const linked = expected.filter((e) => e.linkedTo);
    const formLog = tabRows(crm.rt, '变更历史').filter((h) => h['来源'] === 'form' && h['字段'] === 'formSubmission');
    expect(formLog.map((h) => `${h['表']}:${h['记录编号']}`)).toEqual(linked.map((e) => e.linkedTo));
    expect(crm.rt.mail.map((m) => m.to)).toEqual(linked.map((e) => e.owner));

    // One locked step per submission, a fixed number of round trips.
    console.log(`submission round trips: min ${Math.min(...trips)}, max ${Math.max(...trips)}, kinds ${JSON.stringify(kinds)}`);
    expect(Math.max(...trips)).toBeLessThanOrEqual(14);

    // Re-running: the trigger again on every response, then the admin's re-run: nothing new.
    const before = JSON.stringify([tabRows(crm.rt, '潜在客户'), tabRows(crm.rt, '表单待处理'), tabRows(crm.rt, '变更历史')]);
    const form = formModel(crm.rt, made.formId);
    for (const r of form.responses) expect(fireSubmit(crm.rt, crm.api, form, r)).toEqual([expect.objectContaining({ ok: true })]);
    const rerun = crm.call<{ responses: number; handled: unknown[] }>('processLeadForms');
    expect(rerun).toMatchObject({ responses: 200, handled: [] });
    expect(JSON.stringify([tabRows(crm.rt, '潜在客户'), tabRows(crm.rt, '表单待处理'), tabRows(crm.rt, '变更历史')])).toBe(before);
    expect(crm.rt.mail).toHaveLength(linked.length);
  });
});
