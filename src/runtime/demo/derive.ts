/** Derived customer fields, computed from the rows generated for the customer. */
import type { Lifecycle } from '../../schema';
import type { CustomerPlan, Gen } from './context';

/** Grade thresholds in yuan (the defaults of the gradeA/gradeB/gradeC parameters). */
export const GRADE_THRESHOLDS = { A: 1_000_000, B: 200_000, C: 20_000 } as const;

export function gradeOf(lifetimeAmount: number): 'A' | 'B' | 'C' | 'D' {
  if (lifetimeAmount >= GRADE_THRESHOLDS.A) return 'A';
  if (lifetimeAmount >= GRADE_THRESHOLDS.B) return 'B';
  if (lifetimeAmount >= GRADE_THRESHOLDS.C) return 'C';
  return 'D';
}

const LIFECYCLE = { prospect: '潜在', interested: '意向', won: '成交', churned: '流失' } as const satisfies Record<string, Lifecycle>;

/**
 * lifetimeAmount = paid payments; firstDealDate = date of the first order with a paid payment;
 * grade from lifetimeAmount; lifecycle from the customer's fate (the deals were generated to match
 * it); products = up to three products bought; tags follow from the rest.
 */
export function deriveCustomer(g: Gen, plan: CustomerPlan): void {
  const { rng, cal } = g;
  const c = plan.record;
  const lifetime = plan.paidCents / 100;
  const grade = gradeOf(lifetime);
  c.lifetimeAmount = lifetime;
  c.firstDealDate = plan.firstPaidOrderDay >= 0 ? cal.date(plan.firstPaidOrderDay) : null;
  c.grade = grade;
  // A churned customer that never bought reads as a prospect gone cold: still 流失.
  c.lifecycle = LIFECYCLE[plan.fate];
  c.products = plan.productNames.length ? plan.productNames.slice(0, 3).join('、') : null;
  const tags: string[] = [];
  if (plan.fate === 'interested' && rng.chance(0.4)) tags.push('高潜力客户');
  if ((grade === 'A' || grade === 'B') && rng.chance(0.6)) tags.push('重点维护客户');
  if ((plan.fate === 'churned' || plan.hasOverdue) && rng.chance(0.5)) tags.push('风险客户');
  if ((c.kind === '合作伙伴' || grade === 'A') && rng.chance(0.3)) tags.push('战略合作伙伴');
  if (plan.orders.length >= 3 && rng.chance(0.5)) tags.push('老客户');
  if (rng.chance(0.08)) tags.push('价格敏感');
  c.tags = tags;
}
