/**
 * The few formulas the emulator evaluates (Sheets computes formulas on the server; reading one is
 * one cell). The grammar is deliberately small and strict, what the CRM's key-index sentinel needs
 * to see rows come or go behind its back, e.g.
 *   =COUNTA('跟进记录'!B:B)&"/"&COUNTA('跟进记录'!B2:B500)&"/"&ROW('跟进记录'!B2:B500)&"/"&ROWS('跟进记录'!B2:B500)
 * A formula is `=` then terms joined by `&` (text concatenation). A term is COUNTA, ROW, ROWS,
 * COLUMN or COLUMNS of one reference, a "string" ("" escapes a quote) or a number. Anything else
 * reads '#ERROR!' (Sheets' parse error). A `#REF!` reference or a missing tab makes the whole
 * formula '#REF!'. A COUNTA whose range reaches back to the formula's own cell (directly or through
 * other formulas) is a circular dependency, which Sheets also shows as '#REF!'.
 */
import { resolveA1, GridRef } from './a1';
import type { CellValue } from './cellValue';
import { FormulaRef, lexFormula, Token } from './formulaRefs';
import type { SheetModel } from './sheetModel';

export interface FormulaContext {
  /** The tab a sheet-qualified reference names (undefined: no such tab). */
  sheetNamed: (name: string) => SheetModel | undefined;
  /** Where the formula is: unqualified references point at `self`. */
  self: SheetModel;
  row: number;
  col: number;
}

const REF_ERROR: unique symbol = Symbol('#REF!');
type TermValue = number | string | typeof REF_ERROR;
type Term = { fn: FunctionName; ref: FormulaRef | null } | { value: number | string };

const FUNCTIONS = ['COUNTA', 'ROW', 'ROWS', 'COLUMN', 'COLUMNS'] as const;
type FunctionName = (typeof FUNCTIONS)[number];

/** The terms of a formula in the grammar, or null when it is not one. */
function parse(tokens: readonly Token[]): Term[] | null {
  const first = tokens[0];
  if (!first || first.kind !== 'symbol' || first.value !== '=') return null;
  const terms: Term[] = [];
  let i = 1;
  const symbol = (value: string): boolean => {
    const t = tokens[i];
    if (t?.kind !== 'symbol' || t.value !== value) return false;
    i++;
    return true;
  };
  do {
    const t = tokens[i++];
    if (!t) return null;
    if (t.kind === 'string' || t.kind === 'number') {
      terms.push({ value: t.value });
      continue;
    }
    const name = t.kind === 'name' ? t.value.toUpperCase() : '';
    const fn = FUNCTIONS.find((f) => f === name);
    if (!fn || !symbol('(')) return null;
    const arg = tokens[i++];
    if (arg?.kind !== 'ref' || !symbol(')')) return null;
    terms.push({ fn, ref: arg.ref });
  } while (symbol('&'));
  return i === tokens.length ? terms : null;
}

// Cells whose formulas are being evaluated, innermost last: meeting one again is a cycle.
const evaluating: { sheet: SheetModel; row: number; col: number }[] = [];
class CircularDependency extends Error {}

function countA(sheet: SheetModel, g: GridRef): number {
  const { lastRow } = sheet.extent();
  let n = 0;
  for (let r = g.row; r < g.row + g.numRows && r <= lastRow; r++) {
    for (let c = g.col; c < g.col + g.numCols; c++) {
      const v = sheet.getCell(r, c);
      if (v !== '' && v !== null) n++;
    }
  }
  return n;
}

function evaluateTerm(term: Term, ctx: FormulaContext): TermValue {
  if ('value' in term) return term.value;
  const { ref } = term;
  if (!ref) return REF_ERROR;
  const sheet = ref.sheet === null ? ctx.self : ctx.sheetNamed(ref.sheet);
  if (!sheet) return REF_ERROR;
  const end = ref.end ?? ref.start;
  const g = resolveA1(
    { sheetName: ref.sheet, startRow: ref.start.row, startCol: ref.start.col, endRow: end.row, endCol: end.col },
    sheet.maxRows,
    sheet.maxColumns,
  );
  switch (term.fn) {
    case 'COUNTA':
      return countA(sheet, g);
    case 'ROW':
      return g.row;
    case 'ROWS':
      return g.numRows;
    case 'COLUMN':
      return g.col;
    case 'COLUMNS':
      return g.numCols;
  }
}

/** Sheets turns a number into text with up to 15 significant digits (0.1+0.2 reads "0.3"). */
function asText(v: number | string): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(15))) : v;
}

export function evaluateFormula(formula: string, ctx: FormulaContext): CellValue {
  const terms = parse(lexFormula(formula));
  if (!terms) return '#ERROR!';
  if (evaluating.some((e) => e.sheet === ctx.self && e.row === ctx.row && e.col === ctx.col)) throw new CircularDependency();
  evaluating.push({ sheet: ctx.self, row: ctx.row, col: ctx.col });
  try {
    const values = terms.map((t) => evaluateTerm(t, ctx));
    if (values.some((v) => v === REF_ERROR)) return '#REF!';
    const plain = values as (number | string)[];
    return plain.length === 1 ? plain[0] : plain.map(asText).join('');
  } catch (e) {
    // The outermost formula of the cycle answers '#REF!'; the ones inside it unwind.
    if (e instanceof CircularDependency && evaluating.length === 1) return '#REF!';
    throw e;
  } finally {
    evaluating.pop();
  }
}
