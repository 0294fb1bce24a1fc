import { CONTRACT_STATUSES, DEFAULT_OPTION_LISTS, firstFlagged, flagged, hasFlag, LIFECYCLES, STAGES, type Label } from '../../schema';
import type { Values } from '../validate';
import { byText, col, kpiTable, section, topK, truncationNote } from './build';
import { isPaid, num, paymentOwner, str, type Prepared, type SummaryContext } from './data';
import { addDays, dateOf, dayNumber } from './dates';
import type { SummaryFilters } from './filters';
import { L, optionText } from './labels';
import { cents, NONE, type Cell, type SummaryReport } from './model';
import { startReport } from './report';

const HIGH_POTENTIAL = firstFlagged(DEFAULT_OPTION_LISTS.tag, 'highPotential');
const AT_RISK = firstFlagged(DEFAULT_OPTION_LISTS.tag, 'atRisk');

const T = {
  overview: { zh: '需关注事项', en: 'Items needing attention' },
  stalled: { zh: '停滞的销售机会', en: 'Stalled opportunities' },
  idleHighPotential: { zh: '跟进不足的高潜力客户', en: 'High-potential customers with too few follow-ups' },
  churnRisk: { zh: '流失风险客户', en: 'Customers at churn risk' },
  overdue: { zh: '逾期回款', en: 'Overdue payments' },
  expiring: { zh: '即将到期的合同', en: 'Contracts expiring soon' },
  opportunity: { zh: '机会名称', en: 'Opportunity' },
  lastActivity: { zh: '最近活动', en: 'Last activity' },
  idleDays: { zh: '停滞天数', en: 'Days idle' },
  lastFollowUp: { zh: '最近跟进', en: 'Last follow-up' },
  daysSince: { zh: '未跟进天数', en: 'Days since' },
  lifecycle: { zh: '生命周期', en: 'Lifecycle' },
  reason: { zh: '原因', en: 'Reason' },
  riskTag: { zh: '标记为风险客户', en: 'Tagged at risk' },
  noActivity: { zh: '{days} 天无活动且无进行中机会', en: 'No activity for {days} days and no open deal' },
  dueDate: { zh: '应收日期', en: 'Due date' },
  daysOverdue: { zh: '逾期天数', en: 'Days overdue' },
  contractNo: { zh: '合同号', en: 'Contract number' },
  endDate: { zh: '结束日期', en: 'End date' },
  daysLeft: { zh: '剩余天数', en: 'Days left' },
  stalledNote: { zh: '超过 {days} 天无阶段变化或跟进', en: 'No stage change or follow-up for {days}+ days' },
  idleNote: { zh: '带“高潜力客户”标签且超过 {days} 天未跟进', en: 'Tagged 高潜力客户 and not followed up for {days}+ days' },
  expiringNote: { zh: '生效中且在 {days} 天内到期', en: 'Active and ending within {days} days' },
  stageNote: { zh: '阶段筛选仅作用于停滞机会；截至今日', en: 'the stage filter applies to stalled opportunities; as of today' },
} satisfies Record<string, Label>;

const OPEN = new Set<string>(flagged(STAGES, 'open'));
const later = (a: string | null, b: unknown): string | null => {
  const s = typeof b === 'string' && b !== '' ? b : null;
  return s !== null && (a === null || s > a) ? s : a;
};

/** A list entry before it becomes a row: only the top MAX_LIST_ROWS are ever turned into cells. */
interface Candidate<T> {
  item: T;
  id: string;
  /** Days idle / overdue / left; null when unknown (sorts first: never followed up). */
  days: number | null;
}
const daysOrder =
  (desc: boolean) =>
  <T>(a: Candidate<T>, b: Candidate<T>): number => {
    const x = a.days === null ? Infinity : a.days;
    const y = b.days === null ? Infinity : b.days;
    return (x === y ? 0 : desc ? (y > x ? 1 : -1) : x > y ? 1 : -1) || byText(a.id, b.id);
  };

/** 5. Attention list, as of today: stalled deals, neglected high-potential customers, churn risks, overdue payments, expiring contracts. */
export function attentionList(p: Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  const { tr, scope, finish } = startReport('attention', p, ctx, filters);
  const today = dayNumber(ctx.today);
  const { stalledDays, churnDays, contractExpiryDays } = ctx.params;
  const since = (d: string | null): number | null => (d === null ? null : today - dayNumber(d));
  const shown = (days: number | null): Cell => (days === null || Number.isNaN(days) ? NONE : days);
  const customerName = (id: unknown) => str(p.customerById.get(str(id))?.name) || str(id);
  const ownerOk = (owner: unknown, customerId: unknown) => scope.ownerOk(owner) && scope.kindOk(customerId);

  const lastByOpp = new Map<string, string>();
  const lastByCustomer = new Map<string, string>();
  const latest = (map: Map<string, string>, key: unknown, t: string) => {
    if (typeof key !== 'string' || key === '') return;
    const prev = map.get(key);
    if (prev === undefined || t > prev) map.set(key, t);
  };
  for (const f of p.data.followUps) {
    const t = f.time;
    if (typeof t !== 'string') continue;
    latest(lastByOpp, f.opportunityId, t);
    latest(lastByCustomer, f.customerId, t);
  }
  const lastOrder = new Map<string, string>();
  for (const o of p.data.orders) if (typeof o.orderDate === 'string') latest(lastOrder, o.customerId, o.orderDate);

  const withOpenDeal = new Set<string>();
  const stalled: Candidate<{ o: Values; last: string | null }>[] = [];
  for (const o of p.data.opportunities) {
    const stage = str(o.stage);
    if (!OPEN.has(stage)) continue;
    withOpenDeal.add(str(o.customerId));
    if ((filters.stage !== null && stage !== filters.stage) || !ownerOk(o.owner, o.customerId)) continue;
    const last = later(later(later(null, o.createdAt), o.stageChangedAt), lastByOpp.get(str(o.id)));
    const idle = since(dateOf(last));
    if (idle === null || idle >= stalledDays) stalled.push({ item: { o, last }, id: str(o.id), days: idle });
  }

  const idleHigh: Candidate<{ c: Values; lastFollow: string | null }>[] = [];
  const churn: Candidate<{ c: Values; lastActive: string | null; tagged: boolean; quiet: boolean }>[] = [];
  const churnAfter = Math.ceil(churnDays / 2);
  for (const c of p.data.customers) {
    if (!ownerOk(c.owner, c.id)) continue;
    const id = str(c.id);
    const tags = Array.isArray(c.tags) ? (c.tags as unknown[]) : [];
    const lastFollow = lastByCustomer.get(id) ?? null;
    if (tags.includes(HIGH_POTENTIAL)) {
      const d = since(dateOf(lastFollow));
      if (d === null || d >= stalledDays) idleHigh.push({ item: { c, lastFollow }, id, days: d });
    }
    if (hasFlag(LIFECYCLES, c.lifecycle, 'churned')) continue;
    const tagged = tags.includes(AT_RISK);
    const customer = hasFlag(LIFECYCLES, c.lifecycle, 'won');
    if (!tagged && (!customer || withOpenDeal.has(id))) continue;
    const lastActive = dateOf(later(later(later(null, c.createdAt), lastFollow), lastOrder.get(id)));
    const idle = since(lastActive);
    const quiet = customer && !withOpenDeal.has(id) && idle !== null && idle >= churnAfter;
    if (quiet || tagged) churn.push({ item: { c, lastActive, tagged, quiet }, id, days: idle });
  }

  const overdue: Candidate<{ pay: Values; owner: string }>[] = [];
  for (const pay of p.data.payments) {
    if (isPaid(pay) || typeof pay.dueDate !== 'string' || pay.dueDate >= ctx.today) continue;
    const owner = paymentOwner(p, pay);
    if (ownerOk(owner, pay.customerId)) overdue.push({ item: { pay, owner }, id: str(pay.id), days: since(pay.dueDate) });
  }

  const expiring: Candidate<{ k: Values; owner: unknown; end: string }>[] = [];
  const horizon = addDays(ctx.today, contractExpiryDays);
  for (const k of p.data.contracts) {
    const end = str(k.endDate);
    if ((k.status && !hasFlag(CONTRACT_STATUSES, k.status, 'active')) || end === '' || end < ctx.today || end > horizon) continue;
    const owner = k.owner ?? p.customerById.get(str(k.customerId))?.owner;
    if (ownerOk(owner, k.customerId)) expiring.push({ item: { k, owner, end }, id: str(k.id), days: dayNumber(end) - today });
  }

  const sep = ctx.lang === 'zh' ? '；' : '; ';
  function listed<T>(
    title: string,
    columns: ReturnType<typeof col>[],
    all: Candidate<T>[],
    desc: boolean,
    toRow: (c: Candidate<T>) => Cell[],
    note?: string,
  ) {
    const rows = topK(all, daysOrder(desc)).map(toRow);
    const notes = [note, truncationNote(tr, all.length)].filter(Boolean).join(sep);
    return section(tr, title, { columns, rows }, undefined, notes || undefined);
  }
  const idCol = col(tr(L.id));
  return finish(
    [
      section(
        tr,
        tr(T.overview),
        kpiTable(tr, [
          [tr(T.stalled), stalled.length, 'count'],
          [tr(T.idleHighPotential), idleHigh.length, 'count'],
          [tr(T.churnRisk), churn.length, 'count'],
          [tr(T.overdue), overdue.length, 'count'],
          [tr(T.expiring), expiring.length, 'count'],
        ]),
      ),
      listed(
        tr(T.stalled),
        [
          idCol,
          col(tr(T.opportunity)),
          col(tr(L.customer)),
          col(tr(L.stage)),
          col(tr(L.owner)),
          col(tr(L.amount), 'currency'),
          col(tr(T.lastActivity)),
          col(tr(T.idleDays), 'count'),
        ],
        stalled,
        true,
        ({ item: { o, last }, id, days }) => [
          id,
          str(o.name),
          customerName(o.customerId),
          optionText(STAGES, str(o.stage), ctx.lang),
          scope.ownerName(o.owner),
          cents(num(o.amount)),
          last ?? NONE,
          shown(days),
        ],
        tr(T.stalledNote, { days: stalledDays }),
      ),
      listed(
        tr(T.idleHighPotential),
        [col(tr(L.customerId)), col(tr(L.customerName)), col(tr(L.owner)), col(tr(T.lastFollowUp)), col(tr(T.daysSince), 'count')],
        idleHigh,
        true,
        ({ item: { c, lastFollow }, id, days }) => [id, str(c.name), scope.ownerName(c.owner), lastFollow ?? NONE, shown(days)],
        tr(T.idleNote, { days: stalledDays }),
      ),
      listed(
        tr(T.churnRisk),
        [
          col(tr(L.customerId)),
          col(tr(L.customerName)),
          col(tr(L.owner)),
          col(tr(T.lifecycle)),
          col(tr(T.lastActivity)),
          col(tr(T.idleDays), 'count'),
          col(tr(T.reason)),
        ],
        churn,
        true,
        ({ item: { c, lastActive, tagged, quiet }, id, days }) => [
          id,
          str(c.name),
          scope.ownerName(c.owner),
          optionText(LIFECYCLES, str(c.lifecycle), ctx.lang) || NONE,
          lastActive ?? NONE,
          shown(days),
          [...(tagged ? [tr(T.riskTag)] : []), ...(quiet ? [tr(T.noActivity, { days: days ?? 0 })] : [])].join(sep),
        ],
      ),
      listed(
        tr(T.overdue),
        [idCol, col(tr(L.customer)), col(tr(L.amount), 'currency'), col(tr(T.dueDate)), col(tr(T.daysOverdue), 'count'), col(tr(L.owner))],
        overdue,
        true,
        ({ item: { pay, owner }, id, days }) => [
          id,
          customerName(pay.customerId),
          cents(num(pay.amount)),
          str(pay.dueDate),
          shown(days),
          scope.ownerName(owner),
        ],
      ),
      listed(
        tr(T.expiring),
        [
          idCol,
          col(tr(T.contractNo)),
          col(tr(L.customer)),
          col(tr(L.amount), 'currency'),
          col(tr(T.endDate)),
          col(tr(T.daysLeft), 'count'),
          col(tr(L.owner)),
        ],
        expiring,
        false,
        ({ item: { k, owner, end }, id, days }) => [
          id,
          str(k.contractNo),
          customerName(k.customerId),
          cents(num(k.amount)),
          end,
          shown(days),
          scope.ownerName(owner),
        ],
        tr(T.expiringNote, { days: contractExpiryDays }),
      ),
    ],
    tr(T.stageNote),
  );
}
