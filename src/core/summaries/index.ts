/**
 * The seven summary reports, as pure functions of the tables (src/server/summaries writes them).
 * `buildSummary` prepares the live rows and lookups once per call; `buildSummaries` shares them.
 */
import { attentionList } from './attention';
import { campaignResults } from './campaigns';
import { prepare, type Prepared, type SummaryContext, type SummaryData } from './data';
import { customerDistribution } from './distribution';
import type { SummaryFilters } from './filters';
import { salesFunnel } from './funnel';
import type { SummaryKey, SummaryReport } from './model';
import { supportSummary } from './support';
import { teamPerformance } from './team';
import { customerValue } from './value';
import { targetAttainment } from './targets';

export * from './model';
export * from './labels';
export * from './period';
export * from './filters';
export * from './dates';
export {
  DEFERRED_COLUMNS,
  DEFERRED_TABLES,
  deferredNeeds,
  deferredRows,
  LINE_PRICE_FIELDS,
  needsLinePrice,
  ownerOnlyFollowUps,
  prepare,
  SUMMARY_COLUMNS,
  SUMMARY_SOURCES,
  type Prepared,
  type SummaryContext,
  type SummaryData,
  type SummaryParams,
  type SummaryTableKey,
  type DeferredNeed,
  type DeferredTable,
} from './data';
export { allStageLogged, FUNNEL } from './stageHistory';
export { ATTRIBUTION_DAYS } from './campaigns';
export {
  attainment,
  readTargetsTab,
  TARGET_METRICS,
  TARGET_PERIODS,
  type TargetFigure,
  type TargetMetric,
  type TargetPeriodRow,
  type TargetsTab,
} from './targets';

type Report = (p: Prepared, ctx: SummaryContext, filters: SummaryFilters) => SummaryReport;
const REPORTS: Readonly<Record<SummaryKey, Report>> = {
  distribution: customerDistribution,
  funnel: salesFunnel,
  team: teamPerformance,
  value: customerValue,
  attention: attentionList,
  service: supportSummary,
  campaigns: campaignResults,
  targets: targetAttainment,
};

export function buildSummary(key: SummaryKey, data: SummaryData | Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  return REPORTS[key]('customerById' in data ? data : prepare(data), ctx, filters);
}

/** Builds the reports for the given keys and filters, preparing the data once. */
export function buildSummaries(
  data: SummaryData,
  ctx: SummaryContext,
  filters: Partial<Record<SummaryKey, SummaryFilters>>,
): SummaryReport[] {
  const p = prepare(data);
  return (Object.keys(filters) as SummaryKey[]).map((key) => REPORTS[key](p, ctx, filters[key] as SummaryFilters));
}
