/** Opportunities and what follows them: quotes, contracts, orders (with payments), repeat orders. */
import { flagged, STAGE_PROBABILITY, STAGES, type ContractStatus, type QuoteStatus, type Stage } from '../../schema';
import { appendStageLog, type Values } from '../../core';
import { FUNNEL } from '../../core/summaries';
import { COMPETITOR_FOCUS, COMPETITORS, LOST_REASONS, NEXT_STEPS, OPPORTUNITY_PROJECTS } from './catalog';
import type { CustomerPlan, Gen } from './context';
import { addOrder, addQuote, pickLines } from './documents';
import { cumulative } from './random';
import { UNSTAMPED } from './builder';
import { addContractFile } from './files';

const OPEN_STAGES = flagged(STAGES, 'open');
const OPEN_STAGE_WEIGHTS = cumulative([25, 30, 25, 20]);

/**
 * The stage log of a deal that walked the funnel up to `last` (or to `furthest`, then 输单): one
 * entry per stage from its creation to its last stage change, the steps in between spread over
 * the time. Positions come from a hash of the times, not from the generator's random stream, so
 * the rest of the demo data stays as it was.
 */
function stageLog(g: Gen, from: number, to: number, last: Stage, furthest?: Stage): string {
  const top = FUNNEL.indexOf(furthest ?? last);
  const stages: string[] = FUNNEL.slice(0, Math.max(0, top) + 1);
  if (furthest) stages.push(last);
  let h = (from * 2654435761 + to) >>> 0;
  const steps = stages.length - 1;
  const minutes = stages.map((_, i) => {
    if (i === 0) return from;
    if (i === steps) return to;
    h = (Math.imul(h ^ (h >>> 15), 2246822519) + i) >>> 0;
    return Math.round(from + ((i - 0.5 + (h % 1000) / 1000) / steps) * (to - from));
  });
  return stages.reduce((log, s, i) => appendStageLog(log, g.cal.stamp(minutes[i]), s, 'zh'), '');
}

function opportunity(g: Gen, plan: CustomerPlan, stage: Stage, amount: number, user: string): Values {
  const { rng } = g;
  const competitor = rng.chance(0.35) ? rng.pick(COMPETITORS) : null;
  return {
    id: '',
    name: plan.company.shortName + rng.pick(OPPORTUNITY_PROJECTS),
    customerId: plan.record,
    stage,
    amount,
    probability: STAGE_PROBABILITY[stage as keyof typeof STAGE_PROBABILITY],
    expectedCloseDate: null,
    competitor,
    competitorFocus: competitor && rng.chance(0.7) ? rng.pick(COMPETITOR_FOCUS) : null,
    nextStep: null,
    owner: user,
    stageChangedAt: null,
    stageLog: null,
    wonAt: null,
    lostAt: null,
    lostReason: null,
    ...UNSTAMPED,
  };
}

const guessAmount = (g: Gen, plan: CustomerPlan) => Math.max(1000, Math.round(g.rng.logNormal(40000 * plan.scale, 0.8) / 100) * 100);

/** A won deal from `fromDay` on: accepted quote, signed contract, first order. Returns the win day. */
function wonDeal(g: Gen, plan: CustomerPlan, fromDay: number): number {
  const { rng, cal } = g;
  const endDay = cal.dayOf(plan.end);
  const openDay = rng.int(fromDay, Math.min(endDay, fromDay + 60));
  const winDay = Math.min(endDay, openDay + rng.int(10, 120));
  const user = plan.owner;
  const openMinute = g.minuteOn(openDay, plan.created, plan.end);
  const winMinute = g.minuteOn(winDay, openMinute, plan.end);
  const lines = pickLines(g, plan);
  const aftercare = winDay <= cal.today - 30 && winMinute + 15 * 1440 <= plan.end && rng.chance(0.4);
  const opp = opportunity(g, plan, aftercare ? '售后' : '成交', 0, user);
  const stageMinute = aftercare ? g.minuteBetween(winMinute + 15 * 1440, Math.min(plan.end, winMinute + 60 * 1440)) : winMinute;
  Object.assign(opp, {
    expectedCloseDate: cal.date(Math.max(openDay, winDay + rng.int(-10, 10))),
    stageChangedAt: cal.stamp(stageMinute),
    wonAt: cal.date(winDay),
    stageLog: stageLog(g, openMinute, stageMinute, aftercare ? '售后' : '成交'),
  });
  g.tables.opportunities.add(cal, opp, openMinute, stageMinute, user);
  plan.opportunities.push({ record: opp, from: openMinute, to: stageMinute, open: false });
  const quote = addQuote(g, plan, opp, Math.max(openDay, winDay - rng.int(3, 20)), '客户同意', lines, user, winMinute);
  opp.amount = quote.total;
  const termDays = rng.chance(0.7) ? 365 : 730;
  const endsDay = winDay + termDays - 1;
  const contract: Values = {
    id: '',
    customerId: plan.record,
    opportunityId: opp,
    contractNo: g.contractNo(winDay),
    signDate: cal.date(winDay),
    amount: quote.total,
    startDate: cal.date(winDay),
    endDate: cal.date(endsDay),
    status: (endsDay < cal.today ? '到期' : plan.fate === 'churned' ? '终止' : '生效') satisfies ContractStatus,
    owner: user,
    documentUrl: rng.chance(0.6) ? `https://drive.google.com/file/d/${docToken(g)}/view` : null,
    ...UNSTAMPED,
  };
  g.tables.contracts.add(cal, contract, winMinute, winMinute, user);
  if (contract.documentUrl) addContractFile(g, plan, contract, winMinute, user);
  addOrder(g, plan, Math.min(endDay, winDay + rng.int(0, 7)), lines, quote, contract);
  return winDay;
}

function docToken(g: Gen): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let s = '1';
  for (let i = 0; i < 32; i++) s += chars[g.rng.int(0, chars.length - 1)];
  return s;
}

/** An opportunity still in the funnel, with a quote once it reached 方案报价 and a draft contract in 合同谈判. */
function openDeal(g: Gen, plan: CustomerPlan, first: boolean): void {
  const { rng, cal } = g;
  const createdDay = cal.dayOf(plan.created);
  const openDay = first
    ? rng.int(createdDay, Math.min(cal.today, createdDay + 30))
    : rng.int(Math.max(createdDay, cal.today - 200), cal.today);
  const stage = OPEN_STAGES[rng.weighted(OPEN_STAGE_WEIGHTS)];
  const user = plan.owner;
  const openMinute = g.minuteOn(openDay, plan.created, cal.nowMinute);
  const stageMinute = stage === '线索' ? openMinute : g.minuteBetween(openMinute, cal.nowMinute);
  const expected = Math.max(cal.today + rng.int(-15, 120), openDay + 7);
  const opp = opportunity(g, plan, stage, guessAmount(g, plan), user);
  Object.assign(opp, {
    expectedCloseDate: cal.date(expected),
    stageChangedAt: cal.stamp(stageMinute),
    nextStep: rng.pick(NEXT_STEPS),
    stageLog: stageLog(g, openMinute, stageMinute, stage),
  });
  g.tables.opportunities.add(cal, opp, openMinute, stageMinute, user);
  plan.opportunities.push({ record: opp, from: openMinute, to: cal.nowMinute, open: true });
  if ((stage === '方案报价' || stage === '合同谈判') && rng.chance(0.85)) {
    const quoteDay = rng.int(Math.max(openDay, cal.dayOf(stageMinute) - 10), cal.dayOf(stageMinute));
    const status: QuoteStatus = stage === '合同谈判' || rng.chance(0.6) ? '已发送' : '审批中';
    const quote = addQuote(g, plan, opp, quoteDay, status, pickLines(g, plan), user, stageMinute);
    opp.amount = quote.total;
  }
  if (stage === '合同谈判' && rng.chance(0.4)) {
    const draftMinute = g.minuteBetween(stageMinute, cal.nowMinute);
    const draft: Values = {
      id: '',
      customerId: plan.record,
      opportunityId: opp,
      contractNo: g.contractNo(expected),
      signDate: cal.date(expected),
      amount: opp.amount,
      startDate: cal.date(expected),
      endDate: cal.date(expected + 364),
      status: '草拟' satisfies ContractStatus,
      owner: user,
      documentUrl: null,
      ...UNSTAMPED,
    };
    g.tables.contracts.add(cal, draft, draftMinute, draftMinute, user);
  }
}

/** A lost opportunity (输单) with its reason, sometimes after a rejected quote. */
function lostDeal(g: Gen, plan: CustomerPlan): void {
  const { rng, cal } = g;
  const createdDay = cal.dayOf(plan.created);
  const endDay = cal.dayOf(plan.end);
  const openDay = rng.int(createdDay, Math.max(createdDay, endDay - 10));
  const lostDay = Math.min(endDay, openDay + rng.int(10, 90));
  const user = plan.owner;
  const openMinute = g.minuteOn(openDay, plan.created, plan.end);
  const lostMinute = g.minuteOn(lostDay, openMinute, plan.end);
  const reason = rng.pick(LOST_REASONS);
  const opp = opportunity(g, plan, '输单', guessAmount(g, plan), user);
  Object.assign(opp, {
    expectedCloseDate: cal.date(lostDay + rng.int(0, 30)),
    stageChangedAt: cal.stamp(lostMinute),
    lostAt: cal.date(lostDay),
    lostReason: reason,
    // Lost somewhere in the open funnel; where follows the time, not the random stream.
    stageLog: stageLog(g, openMinute, lostMinute, '输单', OPEN_STAGES[(openMinute + lostMinute) % OPEN_STAGES.length]),
  });
  if (reason === '选择了竞争对手' && !opp.competitor) opp.competitor = rng.pick(COMPETITORS);
  g.tables.opportunities.add(cal, opp, openMinute, lostMinute, user);
  plan.opportunities.push({ record: opp, from: openMinute, to: lostMinute, open: false });
  if (rng.chance(0.5)) {
    const quote = addQuote(g, plan, opp, rng.int(openDay, lostDay), '客户拒绝', pickLines(g, plan), user, lostMinute);
    opp.amount = quote.total;
  }
}

/** Every deal of one customer, shaped by its fate. */
export function generateDeals(g: Gen, plan: CustomerPlan): void {
  const { rng, cal } = g;
  const createdDay = cal.dayOf(plan.created);
  const endDay = cal.dayOf(plan.end);
  let firstWin = -1;
  if (plan.fate === 'won' || (plan.fate === 'churned' && rng.chance(0.6))) {
    firstWin = wonDeal(g, plan, createdDay);
    if (rng.chance(0.2) && firstWin < endDay) wonDeal(g, plan, rng.int(firstWin, endDay));
    const repeats = rng.count(plan.fate === 'won' ? 2.6 : 0.8);
    for (let i = 0; i < repeats && firstWin + 20 <= endDay; i++)
      addOrder(g, plan, rng.int(firstWin + 20, endDay), pickLines(g, plan), null, null);
  }
  if (plan.fate === 'interested') {
    openDeal(g, plan, true);
    if (rng.chance(0.1)) openDeal(g, plan, false);
  } else if (plan.fate === 'won' && rng.chance(0.15)) openDeal(g, plan, false);
  const lostOdds = plan.fate === 'prospect' ? 0.25 : plan.fate === 'churned' ? (firstWin < 0 ? 1 : 0.2) : 0.1;
  if (rng.chance(lostOdds)) lostDeal(g, plan);
}
