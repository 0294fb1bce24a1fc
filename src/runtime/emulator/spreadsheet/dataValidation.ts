/** DataValidation and its builder. Rules are stored on cells as plain ValidationSpec data. */
import { Env } from '../env';
import { signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { isDateValue, toHostDate } from '../model/cellValue';
import { CriteriaArg, SheetRangeRef, ValidationSpec } from '../model/specs';
import { Workbook } from '../model/workbook';
import { EmuRange } from './range';

const specs = new WeakMap<object, ValidationSpec>();

/** The stored spec behind a DataValidation (undefined for anything else). */
export function validationSpecOf(v: unknown): ValidationSpec | undefined {
  return v !== null && typeof v === 'object' ? specs.get(v) : undefined;
}

/** Ranges inside criteria are stored by reference, Dates as host copies. */
function toStored(arg: unknown): CriteriaArg {
  if (arg instanceof EmuRange) {
    return { sheetId: arg.getGridId(), row: arg.getRow(), col: arg.getColumn(), numRows: arg.getNumRows(), numCols: arg.getNumColumns() };
  }
  if (isDateValue(arg)) return toHostDate(arg);
  if (Array.isArray(arg)) return arg.map(toStored);
  if (arg === undefined) return null;
  return arg as CriteriaArg;
}

function isRangeRef(a: CriteriaArg): a is SheetRangeRef {
  return a !== null && typeof a === 'object' && !Array.isArray(a) && !isDateValue(a) && 'sheetId' in a;
}

function toReturned(env: Env, wb: Workbook, arg: CriteriaArg): unknown {
  if (isRangeRef(arg)) {
    const sheet = wb.getSheetById(arg.sheetId);
    return sheet ? new EmuRange(env, wb, sheet, { row: arg.row, col: arg.col, numRows: arg.numRows, numCols: arg.numCols }) : null;
  }
  if (isDateValue(arg)) return env.date(arg.getTime());
  if (Array.isArray(arg)) return arg.map((a) => toReturned(env, wb, a));
  return arg;
}

export class EmuDataValidation extends Service {
  constructor(
    private readonly env: Env,
    private readonly wb: Workbook,
    spec: ValidationSpec,
  ) {
    super();
    specs.set(this, spec);
  }
  private get _spec(): ValidationSpec {
    return specs.get(this) as ValidationSpec;
  }
  copy(): EmuDataValidationBuilder {
    return new EmuDataValidationBuilder(this.env, this.wb, structuredClone(this._spec));
  }
  getAllowInvalid(): boolean {
    return this._spec.allowInvalid;
  }
  getCriteriaType(): string {
    return this._spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this._spec.args.map((a) => toReturned(this.env, this.wb, a));
  }
  getHelpText(): string {
    return this._spec.helpText ?? '';
  }
}

export class EmuDataValidationBuilder extends Service {
  constructor(
    private readonly env: Env,
    private readonly wb: Workbook,
    private spec: ValidationSpec = { criteria: '', args: [], allowInvalid: true, helpText: null },
  ) {
    super();
  }
  private _set(criteria: string, args: unknown[]): this {
    this.spec = { ...this.spec, criteria, args: args.map(toStored) };
    return this;
  }
  build(): EmuDataValidation {
    if (!this.spec.criteria) throw signatureError('SpreadsheetApp.DataValidationBuilder.build', []);
    return new EmuDataValidation(this.env, this.wb, structuredClone(this.spec));
  }
  copy(): EmuDataValidationBuilder {
    return new EmuDataValidationBuilder(this.env, this.wb, structuredClone(this.spec));
  }
  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }
  getCriteriaType(): string {
    return this.spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.spec.args.map((a) => toReturned(this.env, this.wb, a));
  }
  getHelpText(): string | null {
    return this.spec.helpText;
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.spec = { ...this.spec, allowInvalid: !!allowInvalidData };
    return this;
  }
  setHelpText(helpText: string): this {
    this.spec = { ...this.spec, helpText: String(helpText) };
    return this;
  }
  withCriteria(criteria: string, args: unknown[]): this {
    return this._set(String(criteria), args ?? []);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    return this._set(
      'CHECKBOX',
      [checkedValue, uncheckedValue].filter((v) => v !== undefined),
    );
  }
  requireDate(): this {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): this {
    return this._set('DATE_AFTER', [date]);
  }
  requireDateBefore(date: Date): this {
    return this._set('DATE_BEFORE', [date]);
  }
  requireDateBetween(start: Date, end: Date): this {
    return this._set('DATE_BETWEEN', [start, end]);
  }
  requireDateEqualTo(date: Date): this {
    return this._set('DATE_EQUAL_TO', [date]);
  }
  requireDateNotBetween(start: Date, end: Date): this {
    return this._set('DATE_NOT_BETWEEN', [start, end]);
  }
  requireDateOnOrAfter(date: Date): this {
    return this._set('DATE_ON_OR_AFTER', [date]);
  }
  requireDateOnOrBefore(date: Date): this {
    return this._set('DATE_ON_OR_BEFORE', [date]);
  }
  requireFormulaSatisfied(formula: string): this {
    return this._set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this._set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(number: number): this {
    return this._set('NUMBER_EQUAL_TO', [number]);
  }
  requireNumberGreaterThan(number: number): this {
    return this._set('NUMBER_GREATER_THAN', [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): this {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberLessThan(number: number): this {
    return this._set('NUMBER_LESS_THAN', [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): this {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    return this._set('NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberNotEqualTo(number: number): this {
    return this._set('NUMBER_NOT_EQUAL_TO', [number]);
  }
  requireTextContains(text: string): this {
    return this._set('TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): this {
    return this._set('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): this {
    return this._set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): this {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this._set('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values)) throw signatureError('SpreadsheetApp.DataValidationBuilder.requireValueInList', [values]);
    return this._set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: EmuRange, showDropdown = true): this {
    if (!(range instanceof EmuRange)) throw signatureError('SpreadsheetApp.DataValidationBuilder.requireValueInRange', [range]);
    return this._set('VALUE_IN_RANGE', [range, showDropdown]);
  }
}

registerService(EmuDataValidation, 'DataValidation', { allLocal: true });
registerService(EmuDataValidationBuilder, 'DataValidationBuilder', { allLocal: true });
conforms<EmuDataValidation, GoogleAppsScript.Spreadsheet.DataValidation>(true);
conforms<EmuDataValidationBuilder, GoogleAppsScript.Spreadsheet.DataValidationBuilder>(true);
