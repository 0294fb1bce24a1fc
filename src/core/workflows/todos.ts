import type { Values } from '../validate';

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * The to-do a follow-up's next follow-up makes (saveRecord's `todo` option): the next plan (else
 * the follow-up's content, cut to a title), due at the next follow-up time, assigned to the
 * follow-up's owner, about its customer and, when it has one, its opportunity. Null without a
 * next follow-up time.
 */
export function todoOfFollowUp(f: Values): Values | null {
  const due = text(f.nextPlanAt);
  if (!due) return null;
  const title = (text(f.nextPlan) || text(f.content)).slice(0, 200) || due;
  const todo: Values = { title, dueAt: due, owner: text(f.owner), customerId: text(f.customerId) };
  if (text(f.opportunityId)) todo.linkId = text(f.opportunityId);
  return todo;
}
