/**
 * The part of Gmail's search syntax the local runtime understands, parsed into terms and matched
 * against one message. Real Gmail accepts far more (has:, is:, larger:, ...); here anything else
 * throws, so a bundle never relies on a query the emulator would silently answer wrong.
 */
import { gasError } from '../../errors';
import { fromWallClock } from '../../model/timeZone';

/** What a term looks at in one message. */
export interface MatchTarget {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  plainBody: string;
  dateMs: number;
  /** The message was sent by the mailbox's owner. */
  sent: boolean;
  /** Labels of its thread (user labels by name). */
  labels: readonly string[];
  inInbox: boolean;
  trashed: boolean;
}

export type Term =
  | { kind: 'field'; field: 'from' | 'to' | 'cc' | 'bcc' | 'subject'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'after' | 'before'; ms: number }
  | { kind: 'newer' | 'older'; ms: number }
  | { kind: 'label'; name: string }
  | { kind: 'in'; where: 'inbox' | 'sent' | 'anywhere' | 'trash' }
  | { kind: 'not'; term: Term }
  | { kind: 'or'; terms: Term[] };

export interface Query {
  terms: Term[];
  /** in:anywhere / in:trash: trashed messages are searched too. */
  includeTrash: boolean;
}

export const SUPPORTED_OPERATORS =
  'from:, to:, cc:, bcc:, subject:, after:, before:, newer_than:, older_than:, label:, in:inbox|sent|anywhere|trash, -term, OR, {a b}, plain words';

function unsupported(query: string, what: string): never {
  throw gasError(`Unsupported Gmail search in the local runtime: ${what} in "${query}" (supported: ${SUPPORTED_OPERATORS}).`);
}

/** Splits into tokens: quoted strings stay whole, braces and parentheses are their own tokens. */
function tokenize(query: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '{' || c === '}' || c === '(' || c === ')') {
      out.push(c);
      i++;
      continue;
    }
    let tok = '';
    while (i < query.length && !/\s/.test(query[i]) && !'{}()'.includes(query[i])) {
      if (query[i] === '"') {
        const end = query.indexOf('"', i + 1);
        if (end < 0) unsupported(query, 'an unclosed quote');
        tok += query.slice(i, end + 1);
        i = end + 1;
      } else tok += query[i++];
    }
    out.push(tok);
  }
  return out;
}

const unquote = (s: string) => s.replace(/^"(.*)"$/s, '$1');

/** Gmail reads a date such as 2026/03/01 as midnight Pacific time; a bare number is epoch seconds. */
function dateValue(query: string, raw: string): number {
  if (/^\d{9,11}$/.test(raw)) return Number(raw) * 1000;
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(raw);
  if (!m) unsupported(query, `the date "${raw}"`);
  return fromWallClock('America/Los_Angeles', Number(m[1]), Number(m[2]), Number(m[3]));
}

function ageValue(query: string, raw: string, nowMs: number): number {
  const m = /^(\d+)([dmy])$/.exec(raw);
  if (!m) unsupported(query, `the age "${raw}"`);
  const n = Number(m[1]);
  const d = new Date(nowMs);
  if (m[2] === 'd') return nowMs - n * 86400000;
  if (m[2] === 'm') d.setUTCMonth(d.getUTCMonth() - n);
  else d.setUTCFullYear(d.getUTCFullYear() - n);
  return d.getTime();
}

function parseTerm(query: string, tok: string, nowMs: number, q: Query): Term {
  if (tok.startsWith('-') && tok.length > 1) return { kind: 'not', term: parseTerm(query, tok.slice(1), nowMs, q) };
  const op = /^([a-z_]+):(.*)$/s.exec(tok);
  if (!op) return { kind: 'word', value: unquote(tok).toLowerCase() };
  const [, name, rawValue] = op;
  const value = unquote(rawValue);
  if (!value) unsupported(query, `"${tok}" without a value`);
  switch (name) {
    case 'from':
    case 'to':
    case 'cc':
    case 'bcc':
    case 'subject':
      return { kind: 'field', field: name, value: value.toLowerCase() };
    case 'after':
    case 'before':
      return { kind: name, ms: dateValue(query, value) };
    case 'newer_than':
      return { kind: 'newer', ms: ageValue(query, value, nowMs) };
    case 'older_than':
      return { kind: 'older', ms: ageValue(query, value, nowMs) };
    case 'label':
      return { kind: 'label', name: value };
    case 'in':
      if (value === 'inbox' || value === 'sent' || value === 'anywhere' || value === 'trash') {
        if (value === 'anywhere' || value === 'trash') q.includeTrash = true;
        return { kind: 'in', where: value };
      }
      return unsupported(query, `"in:${value}"`);
    default:
      return unsupported(query, `the operator "${name}:"`);
  }
}

/** Parses a query; throws on anything outside the subset. */
export function parseQuery(query: string, nowMs: number): Query {
  if (typeof query !== 'string') throw gasError('Invalid argument: query');
  const q: Query = { terms: [], includeTrash: false };
  const tokens = tokenize(query);
  const groupStack: Term[][] = [];
  let pendingOr = false;
  const push = (t: Term) => {
    const list = groupStack.length ? groupStack[groupStack.length - 1] : q.terms;
    if (pendingOr) {
      const prev = list.pop();
      if (!prev) unsupported(query, 'OR without a term before it');
      list.push(prev.kind === 'or' ? { kind: 'or', terms: [...prev.terms, t] } : { kind: 'or', terms: [prev, t] });
      pendingOr = false;
    } else list.push(t);
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === '(' || tok === ')') unsupported(query, 'parentheses');
    if (tok === 'OR') {
      pendingOr = true;
      continue;
    }
    if (tok === '-') unsupported(query, 'a negated group');
    if (tok === '{') {
      groupStack.push([]);
      continue;
    }
    if (tok === '}') {
      const group = groupStack.pop();
      if (!group) unsupported(query, 'an unmatched "}"');
      push({ kind: 'or', terms: group });
      continue;
    }
    push(parseTerm(query, tok, nowMs, q));
  }
  if (groupStack.length) unsupported(query, 'an unclosed "{"');
  if (pendingOr) unsupported(query, 'OR without a term after it');
  return q;
}

const has = (header: string, value: string) => header.toLowerCase().includes(value);

function matchTerm(t: Term, m: MatchTarget): boolean {
  switch (t.kind) {
    case 'field':
      return has(t.field === 'subject' ? m.subject : m[t.field], t.value);
    case 'word':
      return has(`${m.subject}\n${m.plainBody}\n${m.from}\n${m.to}\n${m.cc}`, t.value);
    case 'after':
      return m.dateMs >= t.ms;
    case 'before':
      return m.dateMs < t.ms;
    case 'newer':
      return m.dateMs >= t.ms;
    case 'older':
      return m.dateMs < t.ms;
    case 'label':
      return m.labels.some(
        (l) => l.toLowerCase() === t.name.toLowerCase() || l.toLowerCase().replace(/[\s/]/g, '-') === t.name.toLowerCase(),
      );
    case 'in':
      if (t.where === 'inbox') return m.inInbox && !m.trashed;
      if (t.where === 'sent') return m.sent;
      if (t.where === 'trash') return m.trashed;
      return true;
    case 'not':
      return !matchTerm(t.term, m);
    case 'or':
      return t.terms.some((x) => matchTerm(x, m));
  }
}

export function matches(q: Query, m: MatchTarget): boolean {
  if (m.trashed && !q.includeTrash) return false;
  return q.terms.every((t) => matchTerm(t, m));
}
