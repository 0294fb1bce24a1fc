/** RangeList: applies the same operation to several ranges (each still counted once, as one call). */
import { conforms, registerService, Service } from '../instrument';
import { EmuRange } from './range';

export class EmuRangeList extends Service {
  constructor(private readonly ranges: EmuRange[]) {
    super();
  }
  private _each(op: (r: EmuRange) => void): this {
    this.ranges.forEach(op);
    return this;
  }
  getRanges(): EmuRange[] {
    return [...this.ranges];
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    return this._each((r) => r.clear(options));
  }
  clearContent(): this {
    return this._each((r) => r.clearContent());
  }
  clearFormat(): this {
    return this._each((r) => r.clearFormat());
  }
  clearNote(): this {
    return this._each((r) => r.clearNote());
  }
  clearDataValidations(): this {
    return this._each((r) => r.clearDataValidations());
  }
  setValue(value: unknown): this {
    return this._each((r) => r.setValue(value));
  }
  setFormula(formula: string): this {
    return this._each((r) => r.setFormula(formula));
  }
  setNote(note: string | null): this {
    return this._each((r) => r.setNote(note));
  }
  setBackground(color: string | null): this {
    return this._each((r) => r.setBackground(color));
  }
  setFontWeight(fontWeight: string | null): this {
    return this._each((r) => r.setFontWeight(fontWeight));
  }
  setFontColor(color: string | null): this {
    return this._each((r) => r.setFontColor(color));
  }
  setNumberFormat(format: string): this {
    return this._each((r) => r.setNumberFormat(format));
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this._each((r) => r.setHorizontalAlignment(alignment));
  }
  setWrap(isWrapEnabled: boolean): this {
    return this._each((r) => r.setWrap(isWrapEnabled));
  }
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    return this._each((r) => r.insertCheckboxes(checkedValue, uncheckedValue));
  }
  removeCheckboxes(): this {
    return this._each((r) => r.removeCheckboxes());
  }
  check(): this {
    return this._each((r) => r.check());
  }
  uncheck(): this {
    return this._each((r) => r.uncheck());
  }
}

registerService(EmuRangeList, 'RangeList', { local: ['getRanges'] });
conforms<EmuRangeList, GoogleAppsScript.Spreadsheet.RangeList>(true);
