import { COMPANY_SIZES, customers as customersTable, GRADES, LIFECYCLES, type Label } from '../../schema';
import { countInto, section, shareTable } from './build';
import { str, type Prepared, type SummaryContext } from './data';
import { monthsBetween, monthOf } from './dates';
import type { SummaryFilters } from './filters';
import { L, optionText } from './labels';
import type { SummaryReport } from './model';
import { trendBounds } from './period';
import { startReport } from './report';

const T = {
  byIndustry: { zh: '按行业', en: 'By industry' },
  byRegion: { zh: '按区域', en: 'By region' },
  bySize: { zh: '按公司规模', en: 'By company size' },
  byGrade: { zh: '按客户等级', en: 'By grade' },
  byLifecycle: { zh: '按生命周期', en: 'By lifecycle stage' },
  newPerMonth: { zh: '每月新增客户', en: 'New customers per month' },
  newCustomers: { zh: '新增客户数', en: 'New customers' },
  periodNote: { zh: '期间按客户创建日期', en: 'period = customer creation date' },
} satisfies Record<string, Label>;

const label = (key: 'industry' | 'region' | 'size' | 'grade' | 'lifecycle') => customersTable.fields[key].meta.label;

/**
 * 1. Customer distribution: count and share by industry, region, size, grade and lifecycle stage,
 * and new customers per month. Customers count when created in the period.
 */
export function customerDistribution(p: Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  const { tr, scope, finish } = startReport('distribution', p, ctx, filters);
  const blank = tr(L.blank);
  const dims = {
    industry: new Map<string, number>(),
    region: new Map<string, number>(),
    size: new Map<string, number>(),
    grade: new Map<string, number>(),
    lifecycle: new Map<string, number>(),
  };
  const perMonth = new Map<string, number>();
  let earliest: string | null = null;
  for (const c of p.data.customers) {
    if (!scope.ownerOk(c.owner) || !scope.kindOk(c.id)) continue;
    if (filters.lifecycle !== null && c.lifecycle !== filters.lifecycle) continue;
    if (!scope.inPeriod(c.createdAt)) continue;
    for (const k of Object.keys(dims) as (keyof typeof dims)[]) countInto(dims[k], str(c[k]).trim());
    const month = monthOf(c.createdAt);
    if (month) {
      countInto(perMonth, month);
      if (earliest === null || month < earliest) earliest = month;
    }
  }
  const show = (k: string) => (k === '' ? blank : k);
  const { from, to } = trendBounds(scope.period, ctx.today, earliest ? `${earliest}-01` : null);
  const trend = monthsBetween(from, to).map((m) => [m, perMonth.get(m) ?? 0]);
  const sections = [
    section(tr, tr(T.byIndustry), shareTable(tr, tr(label('industry')), dims.industry, show), {
      type: 'pie',
      title: tr(T.byIndustry),
      skipLast: 1,
    }),
    section(tr, tr(T.byRegion), shareTable(tr, tr(label('region')), dims.region, show), {
      type: 'bar',
      title: tr(T.byRegion),
      skipLast: 1,
    }),
    section(
      tr,
      tr(T.bySize),
      shareTable(
        tr,
        tr(label('size')),
        dims.size,
        show,
        COMPANY_SIZES.map((o) => o.value),
      ),
      { type: 'column', title: tr(T.bySize), skipLast: 1 },
    ),
    section(
      tr,
      tr(T.byGrade),
      shareTable(
        tr,
        tr(label('grade')),
        dims.grade,
        show,
        GRADES.map((o) => o.value),
      ),
    ),
    section(
      tr,
      tr(T.byLifecycle),
      shareTable(
        tr,
        tr(label('lifecycle')),
        dims.lifecycle,
        (k) => (k === '' ? blank : optionText(LIFECYCLES, k, ctx.lang)),
        LIFECYCLES.map((o) => o.value),
      ),
      { type: 'pie', title: tr(T.byLifecycle), skipLast: 1 },
    ),
    section(
      tr,
      tr(T.newPerMonth),
      {
        columns: [
          { label: tr(L.month), format: 'text' },
          { label: tr(T.newCustomers), format: 'count' },
        ],
        rows: trend,
      },
      { type: 'line', title: tr(T.newPerMonth) },
    ),
  ];
  return finish(sections, tr(T.periodNote));
}
