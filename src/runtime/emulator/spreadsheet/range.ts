/** Range, part 2: formats, styles, validation, checkboxes, clearing, protection. */
import { conforms, registerService } from '../instrument';
import { GridRef } from '../model/a1';
import { StyleKey, StyleValue } from '../model/sheetModel';
import { ValidationSpec } from '../model/specs';
import { EmuDataValidation, validationSpecOf } from './dataValidation';
import { EmuProtection, newProtection } from './protection';
import { RangeCore } from './rangeCore';
import { signatureError } from '../errors';

/** What a fresh cell reports through getNumberFormat. */
export const DEFAULT_NUMBER_FORMAT = '0.###############';
const STYLE_DEFAULTS: Record<StyleKey, StyleValue> = {
  fontWeight: 'normal',
  fontColor: '#000000',
  fontSize: 10,
  fontStyle: 'normal',
  fontFamily: 'Arial',
  hAlign: 'general',
  vAlign: 'bottom',
  wrap: false,
  wrapStrategy: 'OVERFLOW',
};

export class EmuRange extends RangeCore {
  protected _make(ref: GridRef): EmuRange {
    return new EmuRange(this.env, this.wb, this.sheetModel, ref);
  }

  // ---- backgrounds and number formats
  getBackgrounds(): string[][] {
    return this._read(this.ref, (r, c) => this.sheetModel.backgrounds.get(r, c) ?? '#ffffff');
  }
  getBackground(): string {
    return this._read(this._topLeft, (r, c) => this.sheetModel.backgrounds.get(r, c) ?? '#ffffff')[0][0];
  }
  setBackgrounds(colors: (string | null)[][]): this {
    return this._writeLayer('setBackgrounds', colors, (r, c, v) =>
      this.sheetModel.backgrounds.set(r, c, v ? String(v).toLowerCase() : undefined),
    );
  }
  setBackground(color: string | null): this {
    return this.setBackgrounds(this._fill(color));
  }
  setBackgroundRGB(red: number, green: number, blue: number): this {
    const hex = [red, green, blue].map((n) => Math.max(0, Math.min(255, n)).toString(16).padStart(2, '0')).join('');
    return this.setBackground(`#${hex}`);
  }

  getNumberFormats(): string[][] {
    return this._read(this.ref, (r, c) => this.sheetModel.numberFormats.get(r, c) ?? DEFAULT_NUMBER_FORMAT);
  }
  getNumberFormat(): string {
    return this._read(this._topLeft, (r, c) => this.sheetModel.numberFormats.get(r, c) ?? DEFAULT_NUMBER_FORMAT)[0][0];
  }
  setNumberFormats(formats: string[][]): this {
    return this._writeLayer('setNumberFormats', formats, (r, c, v) => this.sheetModel.numberFormats.set(r, c, v ? String(v) : undefined));
  }
  setNumberFormat(numberFormat: string): this {
    return this.setNumberFormats(this._fill(numberFormat));
  }

  // ---- text styles
  private _getStyle(key: StyleKey): StyleValue[][] {
    const g = this.sheetModel.styles.get(key);
    return this._read(this.ref, (r, c) => g?.get(r, c) ?? STYLE_DEFAULTS[key]);
  }
  private _setStyle(key: StyleKey, method: string, values: unknown): this {
    const g = this.sheetModel.style(key);
    return this._writeLayer(method, values, (r, c, v) =>
      g.set(r, c, v === null || v === undefined || v === STYLE_DEFAULTS[key] ? undefined : (v as StyleValue)),
    );
  }
  getFontWeight(): string {
    return String(this._getStyle('fontWeight')[0][0]);
  }
  getFontWeights(): string[][] {
    return this._getStyle('fontWeight') as string[][];
  }
  setFontWeight(fontWeight: string | null): this {
    return this._setStyle('fontWeight', 'setFontWeight', this._fill(fontWeight));
  }
  setFontWeights(fontWeights: (string | null)[][]): this {
    return this._setStyle('fontWeight', 'setFontWeights', fontWeights);
  }
  setFontColor(color: string | null): this {
    return this._setStyle('fontColor', 'setFontColor', this._fill(color));
  }
  setFontColors(colors: (string | null)[][]): this {
    return this._setStyle('fontColor', 'setFontColors', colors);
  }
  getFontSize(): number {
    return Number(this._getStyle('fontSize')[0][0]);
  }
  getFontSizes(): number[][] {
    return this._getStyle('fontSize') as number[][];
  }
  setFontSize(size: number): this {
    return this._setStyle('fontSize', 'setFontSize', this._fill(size));
  }
  getFontStyle(): string {
    return String(this._getStyle('fontStyle')[0][0]);
  }
  setFontStyle(fontStyle: string | null): this {
    return this._setStyle('fontStyle', 'setFontStyle', this._fill(fontStyle));
  }
  getFontFamily(): string {
    return String(this._getStyle('fontFamily')[0][0]);
  }
  setFontFamily(fontFamily: string | null): this {
    return this._setStyle('fontFamily', 'setFontFamily', this._fill(fontFamily));
  }
  getHorizontalAlignment(): string {
    return String(this._getStyle('hAlign')[0][0]);
  }
  getHorizontalAlignments(): string[][] {
    return this._getStyle('hAlign') as string[][];
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this._setStyle('hAlign', 'setHorizontalAlignment', this._fill(alignment));
  }
  setHorizontalAlignments(alignments: (string | null)[][]): this {
    return this._setStyle('hAlign', 'setHorizontalAlignments', alignments);
  }
  getVerticalAlignment(): string {
    return String(this._getStyle('vAlign')[0][0]);
  }
  setVerticalAlignment(alignment: string | null): this {
    return this._setStyle('vAlign', 'setVerticalAlignment', this._fill(alignment));
  }
  getWrap(): boolean {
    return this._getStyle('wrap')[0][0] === true;
  }
  getWraps(): boolean[][] {
    return this._getStyle('wrap') as boolean[][];
  }
  setWrap(isWrapEnabled: boolean): this {
    this._setStyle('wrapStrategy', 'setWrap', this._fill(isWrapEnabled ? 'WRAP' : 'OVERFLOW'));
    return this._setStyle('wrap', 'setWrap', this._fill(isWrapEnabled));
  }
  setWraps(isWrapEnabled: boolean[][]): this {
    return this._setStyle('wrap', 'setWraps', isWrapEnabled);
  }
  getWrapStrategy(): string {
    return String(this._getStyle('wrapStrategy')[0][0]);
  }
  setWrapStrategy(strategy: string): this {
    return this._setStyle('wrapStrategy', 'setWrapStrategy', this._fill(String(strategy)));
  }

  // ---- data validation and checkboxes
  getDataValidations(): (EmuDataValidation | null)[][] {
    return this._read(this.ref, (r, c) => {
      const spec = this.sheetModel.validations.get(r, c);
      return spec ? new EmuDataValidation(this.env, this.wb, spec) : null;
    });
  }
  getDataValidation(): EmuDataValidation | null {
    const spec = this.sheetModel.validations.get(this.ref.row, this.ref.col);
    this.env.instrument.cellsRead(1);
    return spec ? new EmuDataValidation(this.env, this.wb, spec) : null;
  }
  setDataValidations(rules: (EmuDataValidation | null)[][]): this {
    return this._writeLayer('setDataValidations', rules, (r, c, v) =>
      this.sheetModel.validations.set(r, c, v ? this._specOf(v) : undefined),
    );
  }
  setDataValidation(rule: EmuDataValidation | null): this {
    const spec = rule ? this._specOf(rule) : undefined;
    return this._writeLayer('setDataValidation', this._fill(null), (r, c) => this.sheetModel.validations.set(r, c, spec));
  }
  clearDataValidations(): this {
    this._assertEditable();
    this.sheetModel.validations.clear(this.ref.row, this.ref.col, this.ref.numRows, this.ref.numCols);
    return this;
  }
  private _specOf(v: unknown): ValidationSpec {
    const spec = validationSpecOf(v);
    if (!spec) throw signatureError('SpreadsheetApp.Range.setDataValidation', [v]);
    return spec;
  }

  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args = checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue];
    const spec: ValidationSpec = { criteria: 'CHECKBOX', args: args as ValidationSpec['args'], allowInvalid: false, helpText: null };
    this._writeLayer('insertCheckboxes', this._fill(null), (r, c) => this.sheetModel.validations.set(r, c, spec));
    return this.setValue(uncheckedValue ?? false);
  }
  removeCheckboxes(): this {
    this._assertEditable();
    for (let r = this.ref.row; r < this.ref.row + this.ref.numRows; r++) {
      for (let c = this.ref.col; c < this.ref.col + this.ref.numCols; c++) {
        if (this.sheetModel.validations.get(r, c)?.criteria !== 'CHECKBOX') continue;
        this.sheetModel.validations.set(r, c, undefined);
        this.sheetModel.setCell(r, c, '');
      }
    }
    return this;
  }
  isChecked(): boolean | null {
    const vals = this.sheetModel.readBlock(this.ref, (v) => v).flat();
    this.env.instrument.cellsRead(this._cells);
    if (vals.every((v) => v === true)) return true;
    return vals.every((v) => v === false || v === '') ? false : null;
  }
  check(): this {
    return this.setValue(true);
  }
  uncheck(): this {
    return this.setValue(false);
  }

  // ---- clearing
  clearContent(): this {
    this._assertEditable();
    this.sheetModel.clearValues(this.ref);
    this.env.instrument.cellsWritten(this._cells);
    return this;
  }
  clearFormat(): this {
    this._assertEditable();
    const { row, col, numRows, numCols } = this.ref;
    for (const g of [this.sheetModel.numberFormats, this.sheetModel.backgrounds, ...this.sheetModel.styles.values()])
      g.clear(row, col, numRows, numCols);
    return this;
  }
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): this {
    const o = options ?? {};
    const all = !o.commentsOnly && !o.contentsOnly && !o.formatOnly && !o.validationsOnly;
    if (all || o.contentsOnly) this.clearContent();
    if (all || o.formatOnly) this.clearFormat();
    if (o.commentsOnly) this.clearNote();
    if (o.validationsOnly) this.clearDataValidations();
    return this;
  }

  // ---- protection and selection
  protect(): EmuProtection {
    return newProtection(this.env, this.wb, this.sheetModel, { ...this.ref });
  }
  canEdit(): boolean {
    try {
      this._assertEditable();
      return true;
    } catch {
      return false;
    }
  }
  activate(): this {
    this.wb.activeSheetId = this.sheetModel.id;
    return this;
  }
}

registerService(EmuRange, 'Range', {
  local: [
    'getA1Notation',
    'getRow',
    'getRowIndex',
    'getColumn',
    'getNumRows',
    'getNumColumns',
    'getHeight',
    'getWidth',
    'getLastRow',
    'getLastColumn',
    'getGridId',
    'getSheet',
    'getCell',
    'offset',
  ],
  grids: ['getDataValidations', 'setDataValidations'],
});
conforms<EmuRange, GoogleAppsScript.Spreadsheet.Range>(true);
