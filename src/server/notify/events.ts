import { firstFlagged, STAGES, type Lang } from '../../schema';
import type { Values } from '../../core';
import type { TeamEvent } from './announce';

const WON = firstFlagged(STAGES, 'won');

/** Whether a save or an edit made an opportunity won (成交): its stage is won now and was not before (or it is new). */
export function becameWon(before: Values | null, after: Values): boolean {
  return after.stage === WON && after.deleted !== true && (!before || before.stage !== WON);
}

/** The dealWon event of an opportunity that became won; its owner is the person. */
export function dealWonEvent(after: Values, lang: Lang): TeamEvent {
  const amount = Number(after.amount);
  const detail =
    Number.isFinite(amount) && after.amount !== null && after.amount !== ''
      ? `${lang === 'zh' ? '金额' : 'amount'} ¥${amount.toLocaleString('en-US')}`
      : undefined;
  return {
    kind: 'dealWon',
    to: String(after.owner ?? ''),
    table: 'opportunities',
    recordId: String(after.id ?? ''),
    title: String(after.name ?? after.id ?? ''),
    ...(detail ? { detail } : {}),
  };
}
