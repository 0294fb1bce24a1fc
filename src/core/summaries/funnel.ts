import { firstFlagged, flagged, STAGE_PROBABILITY, STAGES, type Label } from '../../schema';
import { col, kpiTable, section } from './build';
import { num, str, type Prepared, type SummaryContext } from './data';
import { dayNumber, monthOf } from './dates';
import type { SummaryFilters } from './filters';
import { L, optionText } from './labels';
import { cents, mean, NONE, oneDecimal, ratio, type Cell, type SummaryReport } from './model';
import { startReport } from './report';
import { FUNNEL, FUNNEL_INDEX, opportunityStageStats } from './stageHistory';

const T = {
  byStage: { zh: '各阶段机会', en: 'Opportunities by stage' },
  conversion: { zh: '阶段转化率', en: 'Stage-to-stage conversion' },
  step: { zh: '阶段转化', en: 'Step' },
  entered: { zh: '进入数', en: 'Entered' },
  advanced: { zh: '进入下一阶段数', en: 'Moved on' },
  rate: { zh: '转化率', en: 'Conversion' },
  overview: { zh: '赢单与周期', en: 'Win rate and cycle' },
  opportunities: { zh: '机会数', en: 'Opportunities' },
  won: { zh: '赢单数', en: 'Won' },
  lost: { zh: '输单数', en: 'Lost' },
  winRate: { zh: '赢单率（赢单 ÷ 已结束）', en: 'Win rate (won ÷ closed)' },
  cycle: { zh: '平均销售周期（天，创建 → 赢单）', en: 'Average sales cycle (days, created → won)' },
  open: { zh: '进行中机会数', en: 'Open opportunities' },
  openAmount: { zh: '进行中金额', en: 'Open amount' },
  timeInStage: { zh: '各阶段平均停留时间', en: 'Average time in each stage' },
  stints: { zh: '已完成停留次数', en: 'Completed stays' },
  avgDays: { zh: '平均停留（天）', en: 'Average days' },
  forecast: { zh: '加权预测（按预计成交月份）', en: 'Weighted pipeline forecast by expected month' },
  expectedMonth: { zh: '预计成交月份', en: 'Expected month' },
  weighted: { zh: '加权金额', en: 'Weighted amount' },
  forecastNote: { zh: '进行中的机会；期间按预计成交日期', en: 'Open opportunities; the period applies to the expected close date' },
  periodNote: { zh: '期间按机会创建日期', en: 'period = opportunity creation date' },
} satisfies Record<string, Label>;

const WON = new Set<string>(flagged(STAGES, 'won'));
const OPEN = new Set<string>(flagged(STAGES, 'open'));
const LOST = new Set<string>(flagged(STAGES, 'lost'));
const WON_STAGE = firstFlagged(STAGES, 'won');

/**
 * 2. Sales funnel over the opportunities created in the period: count and amount per stage,
 * conversion between consecutive stages (an opportunity has entered every stage up to the furthest
 * it reached, per the history), win rate, sales cycle, time in stage, weighted forecast.
 */
export function salesFunnel(p: Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  const { tr, scope, finish } = startReport('funnel', p, ctx, filters);
  const stageText = (s: string) => optionText(STAGES, s, ctx.lang);
  const inScope = p.data.opportunities.filter((o) => scope.ownerOk(o.owner) && scope.kindOk(o.customerId));
  const cohort = inScope.filter((o) => scope.inPeriod(o.createdAt));
  const history = opportunityStageStats(cohort, p.data.history);

  const count = new Map<string, number>();
  const amount = new Map<string, number>();
  const reached = new Array<number>(FUNNEL.length).fill(0);
  const stints = history.stints;
  let won = 0,
    lost = 0,
    cycleDays = 0,
    cycles = 0,
    open = 0,
    openAmount = 0;
  for (const o of cohort) {
    const stage = str(o.stage);
    count.set(stage, (count.get(stage) ?? 0) + 1);
    amount.set(stage, (amount.get(stage) ?? 0) + num(o.amount));
    // An opportunity has entered every stage up to the furthest it is known to have reached.
    const furthest = Math.max(FUNNEL_INDEX.get(stage) ?? 0, history.furthest.get(str(o.id)) ?? 0);
    for (let i = 0; i <= furthest; i++) reached[i]++;
    if (WON.has(stage)) {
      won++;
      const days = dayNumber(o.wonAt) - dayNumber(o.createdAt);
      if (!Number.isNaN(days)) {
        cycleDays += days;
        cycles++;
      }
    } else if (LOST.has(stage)) lost++;
    else if (OPEN.has(stage)) {
      open++;
      openAmount += num(o.amount);
    }
  }

  const stageRows: Cell[][] = STAGES.map((s) => [stageText(s.value), count.get(s.value) ?? 0, cents(amount.get(s.value) ?? 0)]);
  stageRows.push([tr(L.total), cohort.length, cents([...amount.values()].reduce((a, b) => a + b, 0))]);
  const conversionRows: Cell[][] = [];
  for (let i = 0; i + 1 < FUNNEL.length; i++) {
    conversionRows.push([
      `${stageText(FUNNEL[i])} → ${stageText(FUNNEL[i + 1])}`,
      reached[i],
      reached[i + 1],
      ratio(reached[i + 1], reached[i]),
    ]);
  }
  const wonAt = FUNNEL.indexOf(WON_STAGE);
  conversionRows.push([`${stageText(FUNNEL[0])} → ${stageText(WON_STAGE)}`, reached[0], reached[wonAt], ratio(reached[wonAt], reached[0])]);
  const stintRows: Cell[][] = FUNNEL.map((s) => {
    const t = stints.get(s);
    return [stageText(s), t?.count ?? 0, oneDecimal(t ? mean(t.days, t.count) : NONE)];
  });

  // Forecast: open opportunities by expected close month (owner/kind filters; period on that date).
  const byMonth = new Map<string, { n: number; amount: number; weighted: number }>();
  for (const o of inScope) {
    const stage = str(o.stage);
    if (!OPEN.has(stage) || !scope.inPeriod(o.expectedCloseDate)) continue;
    const month = monthOf(o.expectedCloseDate) ?? '';
    const prob = typeof o.probability === 'number' ? o.probability : (STAGE_PROBABILITY[stage as keyof typeof STAGE_PROBABILITY] ?? 0);
    const m = byMonth.get(month) ?? { n: 0, amount: 0, weighted: 0 };
    m.n++;
    m.amount += num(o.amount);
    m.weighted += (num(o.amount) * prob) / 100;
    byMonth.set(month, m);
  }
  const months = [...byMonth.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : 1));
  const forecastRows: Cell[][] = months.map((m) => {
    const v = byMonth.get(m) as { n: number; amount: number; weighted: number };
    return [m || tr(L.notSet), v.n, cents(v.amount), cents(v.weighted)];
  });
  if (forecastRows.length) {
    const all = [...byMonth.values()];
    forecastRows.push([
      tr(L.total),
      all.reduce((s, v) => s + v.n, 0),
      cents(all.reduce((s, v) => s + v.amount, 0)),
      cents(all.reduce((s, v) => s + v.weighted, 0)),
    ]);
  }

  return finish(
    [
      section(
        tr,
        tr(T.byStage),
        { columns: [col(tr(L.stage)), col(tr(L.count), 'count'), col(tr(L.amount), 'currency')], rows: stageRows },
        { type: 'column', title: tr(T.byStage), skipLast: 1 },
      ),
      section(
        tr,
        tr(T.conversion),
        {
          columns: [col(tr(T.step)), col(tr(T.entered), 'count'), col(tr(T.advanced), 'count'), col(tr(T.rate), 'percent')],
          rows: conversionRows,
        },
        { type: 'bar', title: tr(T.conversion), valueColumns: [3], skipLast: 1 },
      ),
      section(
        tr,
        tr(T.overview),
        kpiTable(tr, [
          [tr(T.opportunities), cohort.length, 'count'],
          [tr(T.won), won, 'count'],
          [tr(T.lost), lost, 'count'],
          [tr(T.winRate), ratio(won, won + lost), 'percent'],
          [tr(T.cycle), oneDecimal(mean(cycleDays, cycles)), 'decimal'],
          [tr(T.open), open, 'count'],
          [tr(T.openAmount), cents(openAmount), 'currency'],
        ]),
      ),
      section(tr, tr(T.timeInStage), {
        columns: [col(tr(L.stage)), col(tr(T.stints), 'count'), col(tr(T.avgDays), 'decimal')],
        rows: stintRows,
      }),
      section(
        tr,
        tr(T.forecast),
        {
          columns: [
            col(tr(T.expectedMonth)),
            col(tr(T.opportunities), 'count'),
            col(tr(L.amount), 'currency'),
            col(tr(T.weighted), 'currency'),
          ],
          rows: forecastRows,
        },
        { type: 'column', title: tr(T.forecast), valueColumns: [3], skipLast: 1 },
        tr(T.forecastNote),
      ),
    ],
    tr(T.periodNote),
  );
}
