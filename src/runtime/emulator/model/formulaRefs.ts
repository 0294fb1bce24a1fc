/**
 * A1 references inside formula text: a small lexer shared by the evaluator (formulas.ts) and the
 * adjustment Sheets makes to every formula when rows or columns of the tab it points at are
 * inserted or deleted (A1 references are absolute positions, so the text itself is rewritten).
 */
import { columnToLetters, lettersToColumn } from './a1';

/** One corner of a reference; null = unbounded on that axis (`A:A` has no rows, `1:1` no columns). */
export interface RefEnd {
  col: number | null;
  row: number | null;
  colAbs: boolean;
  rowAbs: boolean;
}
/** `sheet` is the unescaped tab name, null when unqualified (the formula's own tab). */
export interface FormulaRef {
  sheet: string | null;
  prefix: string;
  start: RefEnd;
  end: RefEnd | null;
}

/** `ref` null is a `#REF!` (a reference Sheets already invalidated). */
export type Token =
  | { kind: 'ref'; ref: FormulaRef | null; from: number; to: number }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string }
  | { kind: 'symbol'; value: string }
  | { kind: 'bad' };

export type Axis = 'row' | 'col';

const END = String.raw`\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}|\$?\d+`;
// Not followed by a name character, `(` (a function such as LOG10) or more reference syntax.
const REF = new RegExp(String.raw`(?:'((?:[^']|'')+)'!|([\p{L}\p{N}_.]+)!)?(${END})(?::(${END}))?(?![\p{L}\p{N}_.(!:$])`, 'uy');
const END_PARTS = /^(\$?)([A-Za-z]*)(\$?)(\d*)$/;
const WS = /\s+/y;
const STRING = /"((?:[^"]|"")*)"/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[\p{L}_][\p{L}\p{N}_.]*/uy;
const REF_ERROR = /#REF!/iy;

function parseEnd(text: string): RefEnd | null {
  const m = END_PARTS.exec(text);
  if (!m) return null;
  const row = m[4] ? Number(m[4]) : null;
  if (row === 0) return null;
  return { col: m[2] ? lettersToColumn(m[2]) : null, row, colAbs: m[1] === '$', rowAbs: m[3] === '$' };
}

/** A reference as matched, or null when the text only looks like one (`A:1`, a lone `B`, `3`). */
function toRef(m: RegExpExecArray): FormulaRef | null {
  const start = parseEnd(m[3]);
  const end = m[4] === undefined ? null : parseEnd(m[4]);
  if (!start || (m[4] !== undefined && !end)) return null;
  if (!end && (start.col === null || start.row === null)) return null;
  if (end && ((start.col === null && end.row === null) || (start.row === null && end.col === null))) return null;
  if (m[1] !== undefined) return { sheet: m[1].replace(/''/g, "'"), prefix: `'${m[1]}'!`, start, end };
  if (m[2] !== undefined) return { sheet: m[2], prefix: `${m[2]}!`, start, end };
  return { sheet: null, prefix: '', start, end };
}

function at(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    let m: RegExpExecArray | null;
    let ref: FormulaRef | null;
    if ((m = at(WS, text, i))) {
      i += m[0].length;
      continue;
    }
    if (text[i] === '"') {
      m = at(STRING, text, i);
      if (!m) {
        out.push({ kind: 'bad' });
        break;
      }
      out.push({ kind: 'string', value: m[1].replace(/""/g, '"') });
    } else if ((m = at(REF_ERROR, text, i))) {
      out.push({ kind: 'ref', ref: null, from: i, to: i + m[0].length });
    } else if ((m = at(REF, text, i)) && (ref = toRef(m))) {
      out.push({ kind: 'ref', ref, from: i, to: i + m[0].length });
    } else if ((m = at(NUMBER, text, i))) {
      out.push({ kind: 'number', value: Number(m[0]) });
    } else if ((m = at(NAME, text, i))) {
      out.push({ kind: 'name', value: m[0] });
    } else {
      m = null;
      out.push({ kind: 'symbol', value: text[i] });
    }
    i += m ? m[0].length : 1;
  }
  return out;
}

// The index tab's formulas are read and adjusted again and again: lex each text once.
const lexed = new Map<string, readonly Token[]>();

/** Tokens of a formula's text (leading `=` included, as a symbol). Never throws: unknown text lexes as symbols. */
export function lexFormula(text: string): readonly Token[] {
  let tokens = lexed.get(text);
  if (!tokens) {
    if (lexed.size >= 1000) lexed.clear();
    tokens = tokenize(text);
    lexed.set(text, tokens);
  }
  return tokens;
}

/**
 * New [first, last] of one axis of a reference after `count` rows/columns are inserted before
 * `at` (count > 0) or deleted from `at` (count < 0); undefined when nothing of it survives.
 * Sheets' rules: inserts move every position at or after `at`; deletes pull later positions up,
 * clip a range to its surviving part and invalidate a reference left with nothing.
 */
function shiftSpan(first: number, last: number, at: number, count: number): [number, number] | undefined {
  if (count > 0) return [first >= at ? first + count : first, last >= at ? last + count : last];
  const gone = -count;
  const end = at + gone - 1;
  if (first >= at && last <= end) return undefined;
  const move = (v: number, inside: number): number => (v < at ? v : v > end ? v - gone : inside);
  return [move(first, at), move(last, at - 1)];
}

function render(e: RefEnd): string {
  return (e.col === null ? '' : (e.colAbs ? '$' : '') + columnToLetters(e.col)) + (e.row === null ? '' : (e.rowAbs ? '$' : '') + e.row);
}

/** The reference's text after the change; null when it becomes `#REF!`, undefined when it does not move. */
function shiftRef(ref: FormulaRef, axis: Axis, at: number, count: number): string | null | undefined {
  const start = { ...ref.start };
  const end = ref.end ? { ...ref.end } : null;
  const a = start[axis];
  const b = end ? end[axis] : a;
  if (a !== null && b !== null) {
    // Reversed corners (B9:B2) are the same range; keep each corner on its side.
    const span = shiftSpan(Math.min(a, b), Math.max(a, b), at, count);
    if (!span) return null;
    start[axis] = a <= b ? span[0] : span[1];
    if (end) end[axis] = a <= b ? span[1] : span[0];
  } else if (a !== null) {
    // Open-ended `A2:A` runs to the grid's edge: only its bounded corner moves, and it survives.
    start[axis] = shiftSpan(a, Infinity, at, count)?.[0] ?? at;
  } else if (end && b !== null) {
    const last = shiftSpan(1, b, at, count)?.[1];
    if (last === undefined || last < 1) return null;
    end[axis] = last;
  } else {
    return undefined; // a whole column under a row change (or a whole row under a column change)
  }
  if (start[axis] === ref.start[axis] && (!end || end[axis] === ref.end?.[axis])) return undefined;
  return ref.prefix + render(start) + (end ? ':' + render(end) : '');
}

/**
 * A formula's text after `count` rows/columns (`axis`) are inserted before `at` (count > 0) or
 * deleted from `at` (count < 0) on a tab. `pointsAtTab` says whether a reference's sheet (null:
 * unqualified) is that tab. Text inside string literals is never touched; an invalidated
 * reference, sheet prefix included, becomes `#REF!` as in Sheets. Returns the same string when
 * nothing moved.
 */
export function shiftFormulaRefs(
  formula: string,
  pointsAtTab: (sheet: string | null) => boolean,
  axis: Axis,
  at: number,
  count: number,
): string {
  let out = '';
  let copied = 0;
  for (const t of lexFormula(formula)) {
    if (t.kind !== 'ref' || !t.ref || !pointsAtTab(t.ref.sheet)) continue;
    const next = shiftRef(t.ref, axis, at, count);
    if (next === undefined) continue;
    out += formula.slice(copied, t.from) + (next ?? '#REF!');
    copied = t.to;
  }
  return copied === 0 ? formula : out + formula.slice(copied);
}
