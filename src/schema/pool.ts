import { date, user } from './field';
import type { Lang } from './i18n';

/**
 * The shared customer pool (公海). A customer or lead in the pool has this sentinel in its owner
 * cell: '公海' in a Chinese workbook, 'Pool' in an English one; both are read as the pool whatever
 * the workbook's language. The owner field stays a plain user field (any text): the sentinel is
 * written only by the pool's own steps (the daily return, a manager's assignment), and a person
 * typing 公海 into an owner cell puts the record into the pool the same way.
 */
export const POOL_OWNER = { zh: '公海', en: 'Pool' } as const;

export function poolOwner(lang: Lang): string {
  return POOL_OWNER[lang];
}

export function isPoolOwner(owner: unknown): boolean {
  if (typeof owner !== 'string') return false;
  const t = owner.trim().toLowerCase();
  return t === POOL_OWNER.zh || t === POOL_OWNER.en.toLowerCase();
}

/** The tables whose records can return to the pool. */
export const POOL_TABLES = ['customers', 'leads'] as const;
export type PoolTable = (typeof POOL_TABLES)[number];
export function isPoolTable(t: unknown): t is PoolTable {
  return t === 'customers' || t === 'leads';
}

/**
 * The pool's bookkeeping on customers and leads (derived: written by the daily job, claims and
 * assignments, never by people): since when the current owner holds it (idle time counts from
 * there, not from before a claim), when its owner was last warned, since when it is in the pool
 * and who held it before (the cooling-off).
 */
export const poolFields = () => ({
  ownerSince: date({ zh: '负责起始日', en: 'Owner since' }, { derived: true }),
  poolWarnedAt: date({ zh: '公海提醒日', en: 'Pool warning sent' }, { derived: true }),
  poolSince: date({ zh: '进入公海日', en: 'In pool since' }, { derived: true }),
  previousOwner: user({ zh: '前负责人', en: 'Previous owner' }, { derived: true }),
});
