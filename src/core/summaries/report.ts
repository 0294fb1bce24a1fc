import { makeScope, type Prepared, type Scope, type SummaryContext } from './data';
import { echoFilters, periodOf, type SummaryFilters } from './filters';
import { L, SUMMARY_TABS, translator, type Tr } from './labels';
import type { SummaryKey, SummaryReport, SummarySection } from './model';

export interface ReportStart {
  tr: Tr;
  scope: Scope;
  finish(sections: SummarySection[], echoNote?: string): SummaryReport;
}

/** What every report starts from: translator, resolved period and scope; `finish` stamps the result. */
export function startReport(key: SummaryKey, p: Prepared, ctx: SummaryContext, filters: SummaryFilters): ReportStart {
  const tr = translator(ctx.lang);
  const period = periodOf(filters, ctx.today);
  const scope = makeScope(p, ctx, filters, period, tr(L.notSet));
  return {
    tr,
    scope,
    finish: (sections, echoNote) => ({
      key,
      lang: ctx.lang,
      title: tr(SUMMARY_TABS[key]),
      builtAt: ctx.now,
      filterEcho:
        echoFilters(key, filters, period, ctx.lang, tr) + (echoNote ? (ctx.lang === 'zh' ? `（${echoNote}）` : ` (${echoNote})`) : ''),
      sections,
    }),
  };
}
