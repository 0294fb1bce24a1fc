import { CrmError } from '../errors';
import { isDateString, type Lang } from '../../schema';
import type { Values } from '../validate';
import { addMonths, cents, live, num, str } from './values';

/**
 * A payment plan: equal installments (`installments`, from `firstDueDate`, every `intervalMonths`)
 * or explicit items (each an amount or a percent of the total, with its due date).
 */
export type PaymentPlan =
  | { installments: number; firstDueDate: string; intervalMonths?: number; amount?: number; method?: string }
  | { items: { amount?: number; percent?: number; dueDate: string }[]; method?: string };

export interface ScheduledPayment {
  amount: number;
  dueDate: string;
  installment: number;
}

const MAX_INSTALLMENTS = 120;

function bad(lang: Lang, detail: string): CrmError {
  return CrmError.of('payment_plan', lang, { detail });
}

/** What is still unscheduled on a document: its total less the live payments already pointing at it. */
export function unscheduled(
  total: number,
  payments: readonly Values[],
  key: 'orderId' | 'contractId',
  id: string,
): { left: number; count: number } {
  const mine = live(payments).filter((p) => p[key] === id);
  return { left: cents(total - mine.reduce((s, p) => s + num(p.amount), 0)), count: mine.length };
}

/** Splits `amount` into n parts to the cent; the last part absorbs the rounding. */
function split(amount: number, n: number): number[] {
  const each = Math.floor((amount * 100) / n) / 100;
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? cents(amount - each * (n - 1)) : each));
}

/**
 * Turns a plan into payments. The plan may not schedule more than is left on the document
 * (`left`), so a document is never billed twice. Installment numbers continue after `already`.
 */
export function planPayments(plan: unknown, left: number, already: number, lang: Lang): ScheduledPayment[] {
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) throw bad(lang, 'plan must be an object');
  const p = plan as Record<string, unknown>;
  let rows: { amount: number; dueDate: string }[];
  if (p.items !== undefined) {
    if (!Array.isArray(p.items) || !p.items.length || p.items.length > MAX_INSTALLMENTS)
      throw bad(lang, `items must be a list of 1 to ${MAX_INSTALLMENTS}`);
    rows = p.items.map((raw, i) => {
      const it = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const due = str(it.dueDate);
      if (!isDateString(due)) throw bad(lang, `items[${i}].dueDate must be YYYY-MM-DD`);
      const amount = typeof it.amount === 'number' ? it.amount : typeof it.percent === 'number' ? (left * it.percent) / 100 : NaN;
      if (!(amount > 0) || !Number.isFinite(amount)) throw bad(lang, `items[${i}] needs a positive amount or percent`);
      return { amount: cents(amount), dueDate: due };
    });
  } else {
    const n = p.installments;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_INSTALLMENTS)
      throw bad(lang, `installments must be a whole number from 1 to ${MAX_INSTALLMENTS}`);
    const first = str(p.firstDueDate);
    if (!isDateString(first)) throw bad(lang, 'firstDueDate must be YYYY-MM-DD');
    const every = p.intervalMonths === undefined ? 1 : p.intervalMonths;
    if (typeof every !== 'number' || !Number.isInteger(every) || every < 0 || every > 24)
      throw bad(lang, 'intervalMonths must be a whole number from 0 to 24');
    const total = p.amount === undefined ? left : p.amount;
    if (typeof total !== 'number' || !(total > 0)) throw bad(lang, 'amount must be a positive number');
    rows = split(cents(total), n).map((amount, i) => ({ amount, dueDate: addMonths(first, i * every) }));
  }
  const sum = cents(rows.reduce((s, r) => s + r.amount, 0));
  if (left <= 0) throw bad(lang, 'nothing is left to schedule on this document');
  if (sum > left + 0.005) throw bad(lang, `the plan totals ${sum.toFixed(2)} but only ${left.toFixed(2)} is left to schedule`);
  if (rows.some((r) => r.amount <= 0)) throw bad(lang, 'every installment must be positive');
  return rows.map((r, i) => ({ ...r, installment: already + i + 1 }));
}
