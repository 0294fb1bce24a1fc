import * as z from 'zod/mini';
import { signature } from '../args';
import { throwing } from '../entry';
import { runRebuild, type RebuildResult } from './rebuild';

export type { RebuildOptions, RebuildResult } from './rebuild';
export { ensureSummaryTabs } from './tabs';

/**
 * rebuildSummaries(options?): rebuild every summary tab. From the menu or by hand it always
 * rebuilds; from the hourly trigger it is skipped when no table changed. Options: { force,
 * timeBudgetMs }.
 */
export const rebuildSummaries = throwing(
  signature(
    ['options'],
    z.nullish(
      z.looseObject({
        force: z.optional(z.boolean()),
        timeBudgetMs: z.optional(z.number().check(z.gte(0))),
      }),
    ),
  ),
  (options): RebuildResult => runRebuild(options),
);
