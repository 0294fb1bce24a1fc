/**
 * Quotes, orders and contracts as documents (pure): the placeholders a Google Docs template may
 * hold, the text each one is filled with, the line-item table's rows, and the names of the files
 * and folders the server makes. The Docs and Drive calls are src/server/documents.
 */
import type { Label, Lang } from '../../schema';
import type { Values } from '../validate';
import { ORDER_LINE, QUOTE_LINE } from './orders';
import { cents, live, num, str } from './values';

export type DocumentTable = 'quotes' | 'orders' | 'contracts';

/** What each kind of document is called on its title line (both languages: the default template is bilingual). */
export const DOCUMENT_TITLES: Record<DocumentTable, Label> = {
  quotes: { zh: '报价单', en: 'Quotation' },
  orders: { zh: '销售订单', en: 'Sales order' },
  contracts: { zh: '合同', en: 'Contract' },
};

/** A template's placeholders: {{name}} with the zh or the en name. */
export const PLACEHOLDERS = {
  title: { zh: '标题', en: 'title' },
  number: { zh: '单号', en: 'number' },
  date: { zh: '日期', en: 'date' },
  customerName: { zh: '客户名称', en: 'customer name' },
  customerId: { zh: '客户编号', en: 'customer id' },
  address: { zh: '客户地址', en: 'customer address' },
  contact: { zh: '联系人', en: 'contact' },
  owner: { zh: '负责人', en: 'owner' },
  total: { zh: '合计', en: 'total' },
  validUntil: { zh: '有效期', en: 'valid until' },
  terms: { zh: '条款', en: 'terms' },
} as const satisfies Record<string, Label>;
export type PlaceholderKey = keyof typeof PLACEHOLDERS;

/** Placeholders every template must hold: a document without its number or total is no quote. */
export const REQUIRED_PLACEHOLDERS: readonly PlaceholderKey[] = ['number', 'total'];

/** The line-item table's header; a template's line table is the first table whose first row has 5 cells. */
export const LINE_HEADER: readonly Label[] = [
  { zh: '产品', en: 'Product' },
  { zh: '数量', en: 'Qty' },
  { zh: '单价', en: 'Unit price' },
  { zh: '折扣', en: 'Discount' },
  { zh: '金额', en: 'Amount' },
];

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const BY_NAME: ReadonlyMap<string, PlaceholderKey> = new Map(
  (Object.keys(PLACEHOLDERS) as PlaceholderKey[]).flatMap((k) => [
    [fold(PLACEHOLDERS[k].zh), k] as const,
    [fold(PLACEHOLDERS[k].en), k] as const,
  ]),
);

/** The placeholder a name means (either language, any case and spacing), or null. */
export function placeholderOf(name: string): PlaceholderKey | null {
  return BY_NAME.get(fold(name)) ?? null;
}

/** Every {{name}} in a text, as written. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{([^{}]{1,60})\}\}/g)].map((m) => m[1]);
}

/** What is wrong with a template's text: placeholders naming no field, required ones missing. */
export function templateProblems(text: string): { unknown: string[]; missing: PlaceholderKey[] } {
  const names = placeholdersIn(text);
  const known = new Set(names.map(placeholderOf).filter((k): k is PlaceholderKey => k !== null));
  return {
    unknown: [...new Set(names.filter((n) => placeholderOf(n) === null))],
    missing: REQUIRED_PLACEHOLDERS.filter((k) => !known.has(k)),
  };
}

/** A regular expression (RE2 and JavaScript alike) matching `{{name}}` exactly as written. */
export function placeholderPattern(name: string): string {
  return `\\{\\{${name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}\\}\\}`;
}

export function formatMoney(n: number): string {
  const [whole, frac] = cents(n).toFixed(2).split('.');
  return `¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

const quantity = (n: number) => String(Math.round(n * 1000) / 1000);

/** A document's number as printed: a contract's own number when it has one, else its ID. */
export function documentNumber(table: DocumentTable, record: Values): string {
  return table === 'contracts' && str(record.contractNo) ? str(record.contractNo) : str(record.id);
}

/** The lines a document prints: a quote's or an order's live lines, in their ID order; a contract has none. */
export function documentLines(table: DocumentTable, id: string, lines: readonly Values[]): Values[] {
  const docType = table === 'quotes' ? QUOTE_LINE : table === 'orders' ? ORDER_LINE : null;
  if (!docType) return [];
  return live(lines)
    .filter((l) => l.docType === docType && str(l.docId) === id)
    .sort((a, b) => str(a.id).localeCompare(str(b.id)));
}

/** The line table's rows below its header. */
export function lineRows(lines: readonly Values[]): string[][] {
  return lines.map((l) => {
    const amount = cents(num(l.quantity) * num(l.unitPrice) * (1 - num(l.discount) / 100));
    return [
      str(l.product),
      quantity(num(l.quantity)),
      formatMoney(num(l.unitPrice)),
      l.discount ? `${num(l.discount)}%` : '',
      formatMoney(amount),
    ];
  });
}

/** The document's total: the lines' sum, or a contract's amount. */
export function documentTotalOf(table: DocumentTable, record: Values, lines: readonly Values[]): number {
  if (table === 'contracts') return num(record.amount);
  return cents(lines.reduce((s, l) => s + cents(num(l.quantity) * num(l.unitPrice) * (1 - num(l.discount) / 100)), 0));
}

export interface DocumentInput {
  table: DocumentTable;
  record: Values;
  customer: Values;
  lines: readonly Values[];
  /** The contact it is addressed to (the one it is emailed to), if any. */
  contact: Values | null;
  /** The owner's display name. */
  ownerName: string;
}

/** The text of every placeholder. */
export function placeholderValues(d: DocumentInput): Record<PlaceholderKey, string> {
  const r = d.record;
  const date = d.table === 'quotes' ? r.quoteDate : d.table === 'orders' ? r.orderDate : r.signDate;
  const validUntil = d.table === 'quotes' ? r.validUntil : d.table === 'contracts' ? r.endDate : '';
  const terms = d.table === 'quotes' ? r.terms : d.table === 'orders' ? r.notes : '';
  const title = DOCUMENT_TITLES[d.table];
  return {
    title: `${title.zh} ${title.en}`,
    number: documentNumber(d.table, r),
    date: str(date),
    customerName: str(d.customer.name),
    customerId: str(d.customer.id),
    address: str(d.customer.address),
    contact: d.contact ? str(d.contact.name) : str(d.customer.contactName),
    owner: d.ownerName,
    total: formatMoney(documentTotalOf(d.table, r, d.lines)),
    validUntil: str(validUntil),
    terms: str(terms),
  };
}

/** The PDF's file name: `报价单 Quotation Q20240101001.pdf`. */
export function documentFileName(table: DocumentTable, record: Values): string {
  const t = DOCUMENT_TITLES[table];
  return `${t.zh} ${t.en} ${documentNumber(table, record)}.pdf`.replace(/[\\/:*?"<>|]/g, '_');
}

/** A customer's Drive folder: `C000123 客户名称`. */
export function customerFolderName(customer: Values): string {
  return `${str(customer.id)} ${str(customer.name)}`.replace(/[\\/]/g, '_').slice(0, 200);
}

/** The email that carries a document: subject and body in the user's language. */
export function documentEmail(
  table: DocumentTable,
  record: Values,
  customer: Values,
  contact: Values,
  senderName: string,
  lang: Lang,
  note: string,
): { subject: string; body: string } {
  const t = DOCUMENT_TITLES[table];
  const number = documentNumber(table, record);
  const greeting = str(contact.name);
  if (lang === 'zh') {
    return {
      subject: `${t.zh} ${number}（${str(customer.name)}）`,
      body: `${greeting}，您好：\n\n附件是${t.zh} ${number}，请查收。${note ? `\n\n${note}` : ''}\n\n${senderName}`,
    };
  }
  return {
    subject: `${t.en} ${number} (${str(customer.name)})`,
    body: `Dear ${greeting},\n\nPlease find attached ${t.en.toLowerCase()} ${number}.${note ? `\n\n${note}` : ''}\n\n${senderName}`,
  };
}
