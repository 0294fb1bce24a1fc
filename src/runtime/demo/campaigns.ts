/** Marketing campaigns, who took part (customers and open leads), and the revenue attributed to them. */
import type { MemberKind, MemberStatus } from '../../schema';
import type { Values } from '../../core';
import { CAMPAIGN_CONTENT, CAMPAIGN_THEMES } from './catalog';
import { pickRegion } from './companies';
import { HISTORY_DAYS, type CustomerPlan, type Gen } from './context';
import type { OpenLeads } from './customers';
import { cumulative } from './random';
import { UNSTAMPED } from './builder';

const TYPES = ['新品上市', '展会', '促销', '研讨会', '线上直播', '邮件营销', '其他'] as const;
const TYPE_WEIGHTS = cumulative([15, 20, 15, 20, 12, 12, 6]);
/** Types held on one or a few days at a venue (named after the city). */
const ON_SITE = new Set<string>(['新品上市', '展会', '研讨会', '其他']);
const PAST_STATUS = cumulative([25, 10, 50, 15]);
const MEMBER_STATUSES = ['已邀请', '已报名', '已参加', '未参加'] as const satisfies readonly MemberStatus[];
/** Orders this many days after a campaign ends still count towards its revenue. */
const ATTRIBUTION_DAYS = 90;

function season(month: number): string {
  return month >= 3 && month <= 5 ? '春季' : month >= 6 && month <= 8 ? '夏季' : month >= 9 && month <= 11 ? '秋季' : '冬季';
}

/** Number of items in `sortedMinutes` at or before `limit`. */
function countUpTo(sortedMinutes: ArrayLike<number>, limit: number): number {
  let lo = 0;
  let hi = sortedMinutes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedMinutes[mid] <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * About one campaign per 400 customers (6 to 250), over the whole history and two months ahead;
 * about one participation per customer in all.
 */
export function generateCampaigns(g: Gen, plans: readonly CustomerPlan[], leads: OpenLeads): void {
  const { rng, cal } = g;
  const count = Math.max(6, Math.min(250, Math.round(plans.length / 400)));
  const planCreated = plans.map((p) => p.created);
  for (let c = 0; c < count; c++) {
    const type = TYPES[rng.weighted(TYPE_WEIGHTS)];
    const startDay = rng.int(cal.today - HISTORY_DAYS + 30, cal.today + 60);
    const endDay = startDay + (ON_SITE.has(type) ? rng.int(0, 2) : rng.int(7, 30));
    const start = cal.date(startDay);
    const where = ON_SITE.has(type) ? `（${pickRegion(rng).city}站）` : '';
    const budget = Math.round(rng.logNormal(60000, 0.6) / 1000) * 1000;
    const ended = endDay < cal.today;
    const createdMinute = g.workMinute(Math.min(cal.today, startDay - rng.int(20, 60)));
    const owner = g.owner();
    const campaign: Values = {
      id: '',
      name: `${start.slice(0, 4)}年${season(Number(start.slice(5, 7)))}${CAMPAIGN_THEMES[type]}${where}`,
      type,
      startDate: start,
      endDate: cal.date(endDay),
      budget,
      actualCost: ended ? Math.round(budget * (0.75 + 0.4 * rng.next())) : startDay <= cal.today ? Math.round(budget * 0.6) : null,
      revenue: null,
      owner,
      content: rng.pick(CAMPAIGN_CONTENT),
      mailsSent: null,
      ...UNSTAMPED,
    };
    g.tables.campaigns.add(cal, campaign, createdMinute, ended ? Math.max(createdMinute, g.workMinute(endDay)) : createdMinute, owner);
    const startMinute = cal.at(startDay, 0);
    const endMinute = cal.at(endDay + 1, 0);
    const attributed = addMembers(
      g,
      campaign,
      createdMinute,
      startMinute,
      plans,
      countUpTo(planCreated, endMinute),
      rng.count((plans.length * 0.8) / count),
      owner,
    );
    addLeadMembers(
      g,
      campaign,
      createdMinute,
      startMinute,
      leads,
      countUpTo(leads.created, endMinute),
      rng.count((plans.length * 0.2) / count),
      owner,
    );
    if (startDay <= cal.today) campaign.revenue = revenue(attributed, startDay, endDay + ATTRIBUTION_DAYS);
  }
}

function memberStatus(g: Gen, startMinute: number): MemberStatus {
  if (startMinute > g.cal.nowMinute) return g.rng.chance(0.6) ? '已邀请' : '已报名';
  return MEMBER_STATUSES[g.rng.weighted(PAST_STATUS)];
}

/** Distinct random indexes below `eligible`, at most `wanted` of them. */
function distinct(g: Gen, eligible: number, wanted: number): number[] {
  const picked = new Set<number>();
  const n = Math.min(wanted, eligible);
  while (picked.size < n) picked.add(Math.floor(g.rng.next() * eligible));
  return [...picked];
}

function addMember(
  g: Gen,
  campaign: Values,
  invited: number,
  startMinute: number,
  customer: Values | null,
  lead: Values | null,
  owner: string,
): string {
  const { cal } = g;
  const status = memberStatus(g, startMinute);
  const responded = status === '已邀请' ? null : cal.date(cal.dayOf(g.minuteBetween(invited, Math.max(invited, startMinute))));
  const member: Values = {
    id: '',
    campaignId: campaign,
    memberKind: (customer ? '客户' : '潜在客户') satisfies MemberKind,
    customerId: customer,
    leadId: lead,
    status,
    respondedAt: responded,
    ...UNSTAMPED,
  };
  g.tables.campaignMembers.add(cal, member, invited, invited, owner);
  return status;
}

/** Customer participants; returns the plans of those who registered or attended. */
function addMembers(
  g: Gen,
  campaign: Values,
  created: number,
  start: number,
  plans: readonly CustomerPlan[],
  eligible: number,
  wanted: number,
  owner: string,
): CustomerPlan[] {
  const attributed: CustomerPlan[] = [];
  for (const i of distinct(g, eligible, wanted)) {
    const plan = plans[i];
    const invited = g.minuteBetween(Math.max(created, plan.created), Math.max(created, plan.created, start - 1440));
    const status = addMember(g, campaign, invited, start, plan.record, null, owner);
    if (status === '已报名' || status === '已参加') attributed.push(plan);
  }
  return attributed;
}

function addLeadMembers(
  g: Gen,
  campaign: Values,
  created: number,
  start: number,
  leads: OpenLeads,
  eligible: number,
  wanted: number,
  owner: string,
): void {
  for (const i of distinct(g, eligible, wanted)) {
    const invited = g.minuteBetween(Math.max(created, leads.created[i]), Math.max(created, leads.created[i], start - 1440));
    addMember(g, campaign, invited, start, null, leads.records[i], owner);
  }
}

/** Order totals of participating customers from the start until the attribution window closes. */
function revenue(plans: readonly CustomerPlan[], fromDay: number, toDay: number): number {
  let cents = 0;
  for (const plan of plans) {
    for (let i = 0; i < plan.orders.length; i++) {
      const day = plan.orderDays[i];
      if (day >= fromDay && day <= toDay) cents += Math.round((plan.orders[i].total as number) * 100);
    }
  }
  return cents / 100;
}
