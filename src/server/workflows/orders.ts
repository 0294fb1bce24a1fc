import * as z from 'zod/mini';
import { CrmError, type Values } from '../../core';
import {
  documentTotal,
  ORDER_LINE,
  planOrderFromQuote,
  planPayments,
  QUOTE_LINE,
  unscheduled,
  type OrderFromQuoteOptions,
} from '../../core/workflows';
import { idArg, maybeText, optionsArg, signature } from '../args';
import { openContext } from '../context';
import { enveloped, type Envelope } from '../entry';
import { WritePlan } from './batch';
import { prepareNew, requireLive } from './records';
import { WORKFLOW_PERMISSIONS } from './permissions';

export interface OrderResult {
  orderId: string;
  total: number;
  lineIds: string[];
}

const ORDER_ARGS = signature(
  ['quoteId', 'options'],
  idArg,
  z.optional(
    optionsArg({
      orderDate: maybeText(2000),
      contractId: maybeText(2000),
      notes: maybeText(2000),
      owner: maybeText(2000),
    }),
  ),
);

/**
 * createOrderFromQuote(quoteId, options): an order from an accepted (客户同意) quote with its lines
 * copied (docType 订单) and its total from those lines. One order per quote. The quote's own total
 * is brought in line with its lines at the same time.
 */
export const createOrderFromQuote = enveloped(
  ORDER_ARGS,
  (id, o = {}): Envelope<OrderResult> => {
    const opts: OrderFromQuoteOptions = {};
    for (const k of ['orderDate', 'contractId', 'notes', 'owner'] as const) if (o[k]) opts[k] = o[k];
    if (opts.contractId) opts.contractId = opts.contractId.toUpperCase();
    const ctx = openContext();
    return ctx.store.withLock(() => {
      const quote = requireLive(ctx, 'quotes', id, 'quoteId');
      const lines = ctx.store.load('lineItems').records;
      const plan = planOrderFromQuote(quote, lines, ctx.store.load('orders').records, opts, ctx.lang);
      const [order] = prepareNew(ctx, 'orders', [plan.order], 'order');
      order.total = plan.total;
      const pending = new Set([String(order.id)]);
      const copies = prepareNew(
        ctx,
        'lineItems',
        plan.lines.map((l) => ({ ...l, docId: order.id })),
        'lines',
        pending,
      );
      const writes = new WritePlan(ctx, `createOrderFromQuote ${id}`);
      writes.append('orders', [order]);
      writes.append('lineItems', copies);
      const quoteTotal = documentTotal(lines, QUOTE_LINE, id);
      if (quote.total !== quoteTotal) writes.update('quotes', id, { total: quoteTotal }, { stamp: false });
      writes.commit();
      return { ok: true, orderId: String(order.id), total: plan.total, lineIds: copies.map((l) => String(l.id)) };
    });
  },
  WORKFLOW_PERMISSIONS.createOrderFromQuote,
);

export interface PaymentsResult {
  paymentIds: string[];
  scheduled: { id: string; amount: number; dueDate: string; installment: number }[];
  /** What is still unscheduled on the order or contract after this plan. */
  left: number;
}

/** The document a payment plan is for: an order (S…) or a contract (K…), and its total. */
function documentOf(ctx: ReturnType<typeof openContext>, docId: string): { key: 'orderId' | 'contractId'; doc: Values; total: number } {
  if (docId.startsWith('K')) {
    const doc = requireLive(ctx, 'contracts', docId, 'docId');
    return { key: 'contractId', doc, total: Number(doc.amount) || 0 };
  }
  if (!docId.startsWith('S'))
    throw CrmError.of('payment_plan', ctx.lang, { detail: 'payments are scheduled against an order (S…) or a contract (K…)' });
  const doc = requireLive(ctx, 'orders', docId, 'docId');
  const fromLines = documentTotal(ctx.store.load('lineItems').records, ORDER_LINE, docId);
  return { key: 'orderId', doc, total: typeof doc.total === 'number' && doc.total > 0 ? doc.total : fromLines };
}

/**
 * A payment plan's shape (PaymentPlan): which keys, of which types. Its ranges, dates and sums are
 * checked by planPayments against the document (payment_plan errors).
 */
const PAYMENTS_ARGS = signature(
  ['docId', 'plan'],
  idArg,
  z.strictObject({
    installments: z.optional(z.number()),
    firstDueDate: z.optional(z.string()),
    intervalMonths: z.optional(z.number()),
    amount: z.optional(z.number()),
    method: z.optional(z.string()),
    items: z.optional(
      z.array(z.strictObject({ amount: z.optional(z.number()), percent: z.optional(z.number()), dueDate: z.optional(z.string()) })),
    ),
  }),
);

/**
 * schedulePayments(orderOrContractId, plan): payments due against an order or a contract, e.g.
 * { installments: 3, firstDueDate: '2024-04-01' } or { items: [{ percent: 30, dueDate }, ...] }.
 * Never more than is left unscheduled; status (待回款/逾期/已回款) follows the dates.
 */
export const schedulePayments = enveloped(
  PAYMENTS_ARGS,
  (id, plan): Envelope<PaymentsResult> => {
    const method = plan.method;
    const ctx = openContext();
    return ctx.store.withLock(() => {
      const { key, doc, total } = documentOf(ctx, id);
      const { left, count } = unscheduled(total, ctx.store.load('payments').records, key, id);
      const rows = planPayments(plan, left, count, ctx.lang);
      const inputs = rows.map((r) => ({
        customerId: doc.customerId,
        [key]: id,
        amount: r.amount,
        dueDate: r.dueDate,
        installment: r.installment,
        ...(method ? { method } : {}),
      }));
      const payments = prepareNew(ctx, 'payments', inputs, 'payments');
      const writes = new WritePlan(ctx, `schedulePayments ${id}`);
      writes.append('payments', payments);
      writes.commit();
      const scheduled = payments.map((p) => ({
        id: String(p.id),
        amount: Number(p.amount),
        dueDate: String(p.dueDate),
        installment: Number(p.installment),
      }));
      const sum = scheduled.reduce((s, p) => s + p.amount, 0);
      return { ok: true, paymentIds: scheduled.map((p) => p.id), scheduled, left: Math.round((left - sum) * 100) / 100 };
    });
  },
  WORKFLOW_PERMISSIONS.schedulePayments,
);
