import { CrmError } from '../errors';
import { firstFlagged, hasFlag, LINE_DOC_TYPES, QUOTE_STATUSES, type Lang, type LineDocType } from '../../schema';
import type { Values } from '../validate';
import { cents, isBlank, live, num, str } from './values';

/** The document types of line items: a quote's lines, an order's. */
export const QUOTE_LINE = firstFlagged(LINE_DOC_TYPES, 'quoteLine');
export const ORDER_LINE = firstFlagged(LINE_DOC_TYPES, 'orderLine');

/** A line's amount: quantity × unit price less its discount (%), to the cent. */
function lineAmount(line: Values): number {
  return cents(num(line.quantity) * num(line.unitPrice) * (1 - num(line.discount) / 100));
}

/** A quote's or order's total: the sum of its live lines of that document type. */
export function documentTotal(lines: readonly Values[], docType: LineDocType, docId: string): number {
  return cents(
    live(lines)
      .filter((l) => l.docType === docType && l.docId === docId)
      .reduce((s, l) => s + lineAmount(l), 0),
  );
}

/** The line-item fields documentTotals reads. */
export const DOCUMENT_TOTAL_COLUMNS: readonly string[] = ['deleted', 'docType', 'docId', 'quantity', 'unitPrice', 'discount'];

/** Every document's total from one pass over the line items (docType|docId → total). */
export function documentTotals(lines: readonly Values[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of live(lines)) {
    const key = `${str(l.docType)}|${str(l.docId)}`;
    out.set(key, cents((out.get(key) ?? 0) + lineAmount(l)));
  }
  return out;
}

export interface OrderFromQuoteOptions {
  orderDate?: string;
  contractId?: string;
  notes?: string;
  owner?: string;
}

export interface OrderPlan {
  /** Order input (without id). */
  order: Values;
  /** Line inputs copied from the quote, docId left for the server to fill with the new order ID. */
  lines: Values[];
  total: number;
}

const LINE_FIELDS = ['customerId', 'productId', 'product', 'quantity', 'unitPrice', 'discount'];

/**
 * An order from an accepted quote, lines copied so nobody types them again. One order per quote:
 * a second attempt is refused with the order it already became.
 */
export function planOrderFromQuote(
  quote: Values,
  quoteLines: readonly Values[],
  orders: readonly Values[],
  options: OrderFromQuoteOptions,
  lang: Lang,
): OrderPlan {
  const id = str(quote.id);
  if (!hasFlag(QUOTE_STATUSES, quote.status, 'accepted'))
    throw CrmError.of('quote_not_accepted', lang, { id, status: str(quote.status) || '—' });
  const existing = live(orders).find((o) => o.quoteId === id);
  if (existing) throw CrmError.of('quote_ordered', lang, { id, orderId: str(existing.id) });
  const lines = live(quoteLines).filter((l) => l.docType === QUOTE_LINE && l.docId === id);
  if (!lines.length) throw CrmError.of('quote_no_lines', lang, { id });
  const copies = lines.map((l) => {
    const out: Values = { docType: ORDER_LINE };
    for (const k of LINE_FIELDS) if (!isBlank(l[k])) out[k] = l[k];
    out.customerId = quote.customerId;
    return out;
  });
  const order: Values = { customerId: quote.customerId, quoteId: id, owner: options.owner ?? quote.owner };
  if (options.orderDate) order.orderDate = options.orderDate;
  if (options.contractId) order.contractId = options.contractId;
  if (options.notes) order.notes = options.notes;
  return { order, lines: copies, total: cents(copies.reduce((s, l) => s + lineAmount(l), 0)) };
}
