import { FEEDBACK_TOPICS, flagged, TICKET_STATUSES, TICKET_TYPES, type Label } from '../../schema';
import { byText, col, countInto, kpiTable, section } from './build';
import { num, str, type Prepared, type SummaryContext } from './data';
import { minuteNumber, monthOf, monthsBetween } from './dates';
import type { SummaryFilters } from './filters';
import { L, optionText } from './labels';
import { mean, oneDecimal, ratio, type Cell, type SummaryReport } from './model';
import { trendBounds } from './period';
import { startReport } from './report';

const T = {
  tickets: { zh: '工单（按类型与状态）', en: 'Tickets by type and status' },
  type: { zh: '类型', en: 'Type' },
  avgHours: { zh: '平均解决时长（小时）', en: 'Average resolution time (hours)' },
  satisfaction: { zh: '满意度与投诉', en: 'Satisfaction and complaints' },
  feedbackCount: { zh: '反馈数', en: 'Feedback' },
  scored: { zh: '有评分的反馈数', en: 'Scored feedback' },
  avgScore: { zh: '平均满意度（1-5）', en: 'Average satisfaction (1-5)' },
  satisfiedShare: { zh: '满意率（4 分及以上）', en: 'Satisfied share (4+)' },
  complaints: { zh: '投诉数', en: 'Complaints' },
  customers: { zh: '客户数', en: 'Customers' },
  perCustomer: { zh: '每客户投诉数', en: 'Complaints per customer' },
  complainers: { zh: '有投诉的客户数', en: 'Customers with complaints' },
  byTopic: { zh: '满意度（按主题）', en: 'Satisfaction by topic' },
  topic: { zh: '主题', en: 'Topic' },
  trend: { zh: '月度趋势', en: 'Monthly trend' },
  ticketsCount: { zh: '工单数', en: 'Tickets' },
  topComplainers: { zh: '投诉最多的客户', en: 'Customers with the most complaints' },
  note: {
    zh: '工单期间按受理时间，反馈按反馈日期；负责人筛选作用于工单处理人；客户数为符合客户性质的全部客户',
    en: 'tickets by opened time, feedback by date; the owner filter applies to ticket owners; customers = all customers of the chosen kind',
  },
} satisfies Record<string, Label>;

const CLOSED = new Set<string>(flagged(TICKET_STATUSES, 'closed'));
const COMPLAINTS = new Set<string>(flagged(TICKET_TYPES, 'complaint'));

/** 6. Support (the 服务统计 tab): tickets by type and status, resolution time, satisfaction average and trend, complaints per customer. */
export function supportSummary(p: Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  const { tr, scope, finish } = startReport('service', p, ctx, filters);
  const matrix = new Map<string, Map<string, number>>();
  const resolved = new Map<string, { hours: number; n: number }>();
  const ticketsPerMonth = new Map<string, number>();
  const complaintsPerMonth = new Map<string, number>();
  const complaintsBy = new Map<string, number>();
  let complaints = 0;
  for (const t of p.data.tickets) {
    const opened = t.openedAt ?? t.createdAt;
    if (!scope.ownerOk(t.owner) || !scope.kindOk(t.customerId) || !scope.inPeriod(opened)) continue;
    const type = str(t.type);
    const row = matrix.get(type) ?? new Map<string, number>();
    countInto(row, str(t.status));
    matrix.set(type, row);
    const month = monthOf(opened) ?? '';
    countInto(ticketsPerMonth, month);
    if (COMPLAINTS.has(type)) {
      complaints++;
      countInto(complaintsBy, str(t.customerId));
      countInto(complaintsPerMonth, month);
    }
    const minutes = minuteNumber(t.closedAt) - minuteNumber(opened);
    if (CLOSED.has(str(t.status)) && !Number.isNaN(minutes)) {
      for (const key of [type, '']) {
        const r = resolved.get(key) ?? { hours: 0, n: 0 };
        r.hours += Math.max(0, minutes) / 60;
        r.n++;
        resolved.set(key, r);
      }
    }
  }
  const feedbackPerMonth = new Map<string, { n: number; sum: number; scored: number }>();
  const byTopic = new Map<string, { n: number; sum: number; scored: number }>();
  let feedback = 0,
    scored = 0,
    scoreSum = 0,
    satisfied = 0;
  for (const f of p.data.feedback) {
    if (!scope.kindOk(f.customerId) || !scope.inPeriod(f.date ?? f.createdAt)) continue;
    feedback++;
    const score = typeof f.satisfaction === 'number' ? f.satisfaction : null;
    for (const [map, key] of [
      [feedbackPerMonth, monthOf(f.date ?? f.createdAt) ?? ''],
      [byTopic, str(f.topic)],
    ] as const) {
      const s = map.get(key) ?? { n: 0, sum: 0, scored: 0 };
      s.n++;
      if (score !== null) {
        s.sum += score;
        s.scored++;
      }
      map.set(key, s);
    }
    if (score !== null) {
      scored++;
      scoreSum += score;
      if (score >= 4) satisfied++;
    }
  }
  let customers = 0;
  for (const c of p.data.customers) if (scope.kindOk(c.id)) customers++;

  const statuses = TICKET_STATUSES.map((s) => s.value);
  const types = [
    ...TICKET_TYPES.map((t) => t.value),
    ...[...matrix.keys()].filter((k) => !TICKET_TYPES.some((t) => t.value === k)).sort(byText),
  ];
  const avgHours = (key: string) => {
    const r = resolved.get(key);
    return oneDecimal(r ? mean(r.hours, r.n) : mean(0, 0));
  };
  const ticketRows: Cell[][] = types.map((type) => {
    const row = matrix.get(type) ?? new Map<string, number>();
    const total = [...row.values()].reduce((a, b) => a + b, 0);
    return [type ? optionText(TICKET_TYPES, type, ctx.lang) : tr(L.blank), ...statuses.map((s) => row.get(s) ?? 0), total, avgHours(type)];
  });
  const column = (i: number) => ticketRows.reduce((s, r) => s + num(r[i]), 0);
  ticketRows.push([tr(L.total), ...statuses.map((_, i) => column(i + 1)), column(statuses.length + 1), avgHours('')]);

  const { from, to } = trendBounds(scope.period, ctx.today, null);
  const trendRows: Cell[][] = monthsBetween(from, to).map((m) => {
    const f = feedbackPerMonth.get(m);
    return [m, f?.n ?? 0, twoDecimals(f ? mean(f.sum, f.scored) : mean(0, 0)), ticketsPerMonth.get(m) ?? 0, complaintsPerMonth.get(m) ?? 0];
  });
  const topicRows: Cell[][] = FEEDBACK_TOPICS.map((t) => {
    const s = byTopic.get(t.value);
    return [optionText(FEEDBACK_TOPICS, t.value, ctx.lang), s?.n ?? 0, twoDecimals(s ? mean(s.sum, s.scored) : mean(0, 0))];
  });
  const top = [...complaintsBy.keys()]
    .sort((a, b) => (complaintsBy.get(b) ?? 0) - (complaintsBy.get(a) ?? 0) || byText(a, b))
    .slice(0, 10)
    .map((id) => [id, str(p.customerById.get(id)?.name) || id, complaintsBy.get(id) ?? 0]);

  return finish(
    [
      section(
        tr,
        tr(T.tickets),
        {
          columns: [
            col(tr(T.type)),
            ...statuses.map((s) => col(optionText(TICKET_STATUSES, s, ctx.lang), 'count')),
            col(tr(L.total), 'count'),
            col(tr(T.avgHours), 'decimal'),
          ],
          rows: ticketRows,
        },
        { type: 'column', title: tr(T.tickets), valueColumns: statuses.map((_, i) => i + 1), skipLast: 1 },
      ),
      section(
        tr,
        tr(T.satisfaction),
        kpiTable(tr, [
          [tr(T.feedbackCount), feedback, 'count'],
          [tr(T.scored), scored, 'count'],
          [tr(T.avgScore), twoDecimals(mean(scoreSum, scored)), 'score'],
          [tr(T.satisfiedShare), ratio(satisfied, scored), 'percent'],
          [tr(T.complaints), complaints, 'count'],
          [tr(T.customers), customers, 'count'],
          [tr(T.perCustomer), ratio(complaints, customers), 'score'],
          [tr(T.complainers), complaintsBy.size, 'count'],
        ]),
      ),
      section(tr, tr(T.byTopic), {
        columns: [col(tr(T.topic)), col(tr(T.feedbackCount), 'count'), col(tr(T.avgScore), 'score')],
        rows: topicRows,
      }),
      section(
        tr,
        tr(T.trend),
        {
          columns: [
            col(tr(L.month)),
            col(tr(T.feedbackCount), 'count'),
            col(tr(T.avgScore), 'score'),
            col(tr(T.ticketsCount), 'count'),
            col(tr(T.complaints), 'count'),
          ],
          rows: trendRows,
        },
        { type: 'line', title: tr(T.avgScore), valueColumns: [2] },
      ),
      section(tr, tr(T.topComplainers), {
        columns: [col(tr(L.customerId)), col(tr(L.customerName)), col(tr(T.complaints), 'count')],
        rows: top,
      }),
    ],
    tr(T.note),
  );
}

/** Scores keep two decimals (4.33). */
function twoDecimals(v: number | string): number | string {
  return typeof v === 'number' ? Math.round(v * 100) / 100 : v;
}
