import { throwing } from '../entry';
import { runRebuild, type RebuildResult } from './rebuild';

export type { RebuildOptions, RebuildResult } from './rebuild';
export { ensureSummaryTabs } from './tabs';

/**
 * rebuildSummaries(options?): rebuild every summary tab. From the menu or by hand it always
 * rebuilds; from the hourly trigger it is skipped when no table changed. Options: { force,
 * timeBudgetMs }.
 */
export const rebuildSummaries = throwing((options?: unknown): RebuildResult => runRebuild(options));
