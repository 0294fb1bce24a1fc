/** Whether a value satisfies a data-validation rule (used when a person types into a cell). */
import { CellValue } from '../model/cellValue';
import { SheetModel } from '../model/sheetModel';
import { CriteriaArg, SheetRangeRef, ValidationSpec } from '../model/specs';
import { Workbook } from '../model/workbook';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^(https?:\/\/)?[\w-]+(\.[\w-]+)+\S*$/i;

function num(a: CriteriaArg | undefined): number {
  return typeof a === 'number' ? a : a instanceof Date ? a.getTime() : Number(a);
}

function rangeValues(wb: Workbook, ref: SheetRangeRef): string[] {
  const sheet: SheetModel | undefined = wb.getSheetById(ref.sheetId);
  return sheet
    ? sheet
        .readBlock(ref, (v) => v)
        .flat()
        .filter((v) => v !== '')
        .map(String)
    : [];
}

/**
 * satisfiesRule for many cells at once (a page of the dev server's grid): each source range of a
 * VALUE_IN_RANGE rule is read once.
 */
export function ruleChecker(wb: Workbook): (value: CellValue, rule: ValidationSpec) => boolean {
  const sources = new Map<string, Set<string>>();
  return (value, rule) => {
    const [a] = rule.args;
    if (rule.criteria !== 'VALUE_IN_RANGE' || value === '' || !a || typeof a !== 'object' || Array.isArray(a) || a instanceof Date)
      return satisfiesRule(value, rule, wb);
    const key = JSON.stringify(a);
    let set = sources.get(key);
    if (!set) sources.set(key, (set = new Set(rangeValues(wb, a))));
    return set.has(String(value));
  };
}

export function satisfiesRule(value: CellValue, rule: ValidationSpec, wb: Workbook): boolean {
  if (value === '') return true;
  const [a, b] = rule.args;
  const n = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : NaN;
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return Array.isArray(a) && a.map(String).includes(String(value));
    case 'VALUE_IN_RANGE':
      return !!a && typeof a === 'object' && !Array.isArray(a) && !(a instanceof Date) && rangeValues(wb, a).includes(String(value));
    case 'CHECKBOX':
      return a === undefined ? typeof value === 'boolean' : value === a || value === b;
    case 'TEXT_IS_VALID_EMAIL':
      return EMAIL.test(String(value));
    case 'TEXT_IS_VALID_URL':
      return URL_RE.test(String(value));
    case 'TEXT_CONTAINS':
      return String(value).includes(String(a));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !String(value).includes(String(a));
    case 'TEXT_EQUAL_TO':
      return String(value) === String(a);
    case 'NUMBER_BETWEEN':
    case 'DATE_BETWEEN':
      return n >= num(a) && n <= num(b);
    case 'NUMBER_NOT_BETWEEN':
    case 'DATE_NOT_BETWEEN':
      return !Number.isNaN(n) && !(n >= num(a) && n <= num(b));
    case 'NUMBER_EQUAL_TO':
    case 'DATE_EQUAL_TO':
      return n === num(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return !Number.isNaN(n) && n !== num(a);
    case 'NUMBER_GREATER_THAN':
    case 'DATE_AFTER':
      return n > num(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
    case 'DATE_ON_OR_AFTER':
      return n >= num(a);
    case 'NUMBER_LESS_THAN':
    case 'DATE_BEFORE':
      return n < num(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
    case 'DATE_ON_OR_BEFORE':
      return n <= num(a);
    case 'DATE_IS_VALID_DATE':
      return value instanceof Date;
    default:
      return true; // custom formulas are not evaluated
  }
}
