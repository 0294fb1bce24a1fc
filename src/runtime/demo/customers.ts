/** Customers with their contacts, and the leads (some converted into those customers). */
import type { Grade, LeadStatus, Lifecycle } from '../../schema';
import type { Values } from '../../core';
import { CUSTOMER_NOTES, LEAD_NOTES } from './catalog';
import { address, company } from './companies';
import { HISTORY_DAYS, type CustomerPlan, type Fate, type Gen } from './context';
import { landline, mobile, OTHER_TITLES, personName, PRIMARY_TITLES } from './people';
import { cumulative } from './random';
import { UNSTAMPED } from './builder';

/** The shared pool's columns (src/schema/pool.ts) of a record that has never been in the pool. */
const NEVER_IN_POOL = { ownerSince: null, poolWarnedAt: null, poolSince: null, previousOwner: null } as const;

const SIZES = ['1-19', '20-99', '100-499', '500-999', '1000+'] as const;
const SIZE_WEIGHTS = cumulative([20, 35, 25, 10, 10]);
const SIZE_SCALE = [0.35, 0.7, 1.2, 2, 3.5];
const KINDS = ['直接客户', '代理商', '合作伙伴', '竞争对手'] as const;
const KIND_WEIGHTS = cumulative([82, 9, 6, 3]);
export const SOURCES = ['官网', '展会', '客户推荐', '电话营销', '广告', '社交媒体', '合作伙伴', '营销活动', '其他'] as const;
export const SOURCE_WEIGHTS = cumulative([20, 12, 18, 12, 8, 8, 8, 10, 4]);
const FATES: readonly Fate[] = ['prospect', 'interested', 'won', 'churned'];
/** Fate odds by customer age: new customers are mostly prospects, old ones won or churned. */
const FATE_WEIGHTS_NEW = cumulative([50, 45, 5, 0]);
const FATE_WEIGHTS_MID = cumulative([20, 35, 45, 0]);
const FATE_WEIGHTS_OLD = cumulative([12, 15, 53, 20]);

/** Creation minutes of `n` customers, oldest first; recent months have more. */
export function customerMinutes(g: Gen, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = g.workMinute(g.cal.today - Math.floor(HISTORY_DAYS * Math.pow(g.rng.next(), 1.3)));
  return out.sort();
}

export function generateCustomer(g: Gen, created: number): CustomerPlan {
  const { rng, cal } = g;
  const co = company(rng, g.takenNames);
  const createdDay = cal.dayOf(created);
  const age = cal.today - createdDay;
  const fate = FATES[rng.weighted(age < 30 ? FATE_WEIGHTS_NEW : age < 180 ? FATE_WEIGHTS_MID : FATE_WEIGHTS_OLD)];
  let end = cal.nowMinute;
  if (fate === 'churned') {
    const churnDay = rng.int(Math.max(createdDay + 60, cal.today - 400), cal.today - 91);
    end = cal.at(churnDay, 18 * 60);
  }
  const size = rng.weighted(SIZE_WEIGHTS);
  const owner = g.owner();
  const record: Values = {
    id: '',
    name: co.name,
    industry: co.industry,
    size: SIZES[size],
    region: co.region.region,
    address: rng.chance(0.85) ? address(rng, co.region) : null,
    contactName: null,
    contactTitle: null,
    phone: null,
    email: null,
    firstDealDate: null,
    products: null,
    lifetimeAmount: 0,
    tags: [],
    grade: 'D' satisfies Grade,
    lifecycle: '潜在' satisfies Lifecycle,
    kind: KINDS[rng.weighted(KIND_WEIGHTS)],
    owner,
    source: SOURCES[rng.weighted(SOURCE_WEIGHTS)],
    notes: rng.chance(0.2) ? rng.pick(CUSTOMER_NOTES) : null,
    ...NEVER_IN_POOL,
    ...UNSTAMPED,
  };
  g.tables.customers.add(cal, record, created, created, owner);
  const plan: CustomerPlan = {
    record,
    company: co,
    fate,
    created,
    end,
    owner,
    scale: SIZE_SCALE[size],
    contacts: [],
    opportunities: [],
    orders: [],
    orderDays: [],
    paidCents: 0,
    firstPaidOrderDay: -1,
    hasOverdue: false,
    productNames: [],
  };
  addContacts(g, plan);
  return plan;
}

/** One primary contact (copied onto the customer row) and a few more, some reporting to it. */
function addContacts(g: Gen, plan: CustomerPlan): void {
  const { rng, cal } = g;
  const count = 1 + rng.count(2.5 + plan.scale * 1.2);
  for (let i = 0; i < count; i++) {
    const primary = i === 0;
    const person = personName(rng);
    const phone =
      primary || rng.chance(0.95) ? (rng.chance(primary ? 0.9 : 0.8) ? mobile(rng) : landline(rng, plan.company.region.areaCode)) : null;
    const contact: Values = {
      id: '',
      customerId: plan.record,
      name: person.name,
      title: rng.pick(primary ? PRIMARY_TITLES : OTHER_TITLES),
      phone,
      email: primary || rng.chance(0.8) ? `${person.mail}@${plan.company.domain}` : null,
      // A customer's fourth contact asked to receive no mailings (no draw: the rest of the data stays as it was).
      unsubscribed: i === 3,
      isPrimary: primary,
      reportsTo: !primary && rng.chance(0.4) ? plan.contacts[0] : null,
      notes: null,
      // Self-service access is granted by people (grantSelfService), never generated.
      selfService: false,
      portalKey: null,
      ...UNSTAMPED,
    };
    const created = primary ? plan.created : g.minuteBetween(plan.created, plan.end);
    g.tables.contacts.add(cal, contact, created, created, plan.owner);
    plan.contacts.push(contact);
  }
  const p = plan.contacts[0];
  Object.assign(plan.record, { contactName: p.name, contactTitle: p.title, phone: p.phone, email: p.email });
}

/** Leads still being worked (not converted, not disqualified), oldest first: campaign invitees. */
export interface OpenLeads {
  records: Values[];
  created: number[];
}

/** Leads: ~15% of customers came from a converted lead; ~35% more are still leads. */
export function generateLeads(g: Gen, plans: readonly CustomerPlan[]): OpenLeads {
  const { rng, cal } = g;
  const converted = rng.sample(plans, Math.round(plans.length * 0.15));
  for (const plan of converted) {
    const c = plan.record;
    const created = g.workMinute(cal.dayOf(plan.created) - rng.int(3, 60));
    const lead: Values = {
      id: '',
      company: c.name,
      contactName: c.contactName,
      phone: c.phone,
      email: c.email,
      unsubscribed: false,
      industry: c.industry,
      source: c.source,
      owner: plan.owner,
      status: '已转化' satisfies LeadStatus,
      convertedCustomerId: c,
      convertedAt: cal.date(cal.dayOf(plan.created)),
      notes: rng.chance(0.3) ? rng.pick(LEAD_NOTES) : null,
      ...NEVER_IN_POOL,
      ...UNSTAMPED,
    };
    g.tables.leads.add(cal, lead, created, plan.created, plan.owner);
  }
  const open: OpenLeads = { records: [], created: [] };
  const minutes = customerMinutes(g, Math.round(plans.length * 0.35));
  for (const created of minutes) {
    const co = company(rng, g.takenNames);
    const person = personName(rng);
    const age = cal.today - cal.dayOf(created);
    const status: LeadStatus =
      age < 14 ? (rng.chance(0.6) ? '新建' : '跟进中') : rng.pick<LeadStatus>(['新建', '跟进中', '跟进中', '无效', '无效']);
    const owner = g.owner();
    const lead: Values = {
      id: '',
      company: co.name,
      contactName: person.name,
      phone: rng.chance(0.8) ? mobile(rng) : landline(rng, co.region.areaCode),
      email: rng.chance(0.7) ? `${person.mail}@${co.domain}` : null,
      unsubscribed: false,
      industry: rng.chance(0.8) ? co.industry : null,
      source: SOURCES[rng.weighted(SOURCE_WEIGHTS)],
      owner,
      status,
      convertedCustomerId: null,
      convertedAt: null,
      notes: rng.chance(0.3) ? rng.pick(LEAD_NOTES) : null,
      ...NEVER_IN_POOL,
      ...UNSTAMPED,
    };
    g.tables.leads.add(cal, lead, created, created, owner);
    if (status !== '无效') {
      open.records.push(lead);
      open.created.push(created);
    }
  }
  return open;
}
