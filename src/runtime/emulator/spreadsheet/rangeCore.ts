/**
 * Range, part 1: geometry (local arithmetic, not round trips) and contents (values, formulas,
 * notes). Formatting, validation and protection are in range.ts.
 */
import { Env } from '../env';
import { gasError, signatureError } from '../errors';
import { Service } from '../instrument';
import { GridRef, rangeA1 } from '../model/a1';
import { CellValue } from '../model/cellValue';
import { formatDisplay } from '../model/displayFormat';
import { SheetModel } from '../model/sheetModel';
import { Workbook } from '../model/workbook';
import { parseBlock, realmCell, writeBlock } from './cellWriter';
import { assertEditable, checkGrid } from './guards';
import { EmuSheet } from './sheet';

export abstract class RangeCore extends Service {
  constructor(
    protected readonly env: Env,
    protected readonly wb: Workbook,
    protected readonly sheetModel: SheetModel,
    protected readonly ref: GridRef,
  ) {
    super();
  }

  protected abstract _make(ref: GridRef): RangeCore;

  // ---- geometry (local)
  getA1Notation(): string {
    return rangeA1(this.ref);
  }
  getRow(): number {
    return this.ref.row;
  }
  getRowIndex(): number {
    return this.ref.row;
  }
  getColumn(): number {
    return this.ref.col;
  }
  getNumRows(): number {
    return this.ref.numRows;
  }
  getNumColumns(): number {
    return this.ref.numCols;
  }
  getHeight(): number {
    return this.ref.numRows;
  }
  getWidth(): number {
    return this.ref.numCols;
  }
  getLastRow(): number {
    return this.ref.row + this.ref.numRows - 1;
  }
  getLastColumn(): number {
    return this.ref.col + this.ref.numCols - 1;
  }
  getGridId(): number {
    return this.sheetModel.id;
  }
  getSheet(): EmuSheet {
    return new EmuSheet(this.env, this.wb, this.sheetModel);
  }

  getCell(row: number, column: number): RangeCore {
    if (row < 1 || column < 1 || row > this.ref.numRows || column > this.ref.numCols) {
      throw gasError('Cell reference out of range');
    }
    return this._make({ row: this.ref.row + row - 1, col: this.ref.col + column - 1, numRows: 1, numCols: 1 });
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeCore {
    return this._make(
      checkGrid(this.sheetModel, {
        row: this.ref.row + rowOffset,
        col: this.ref.col + columnOffset,
        numRows: numRows ?? this.ref.numRows,
        numCols: numColumns ?? this.ref.numCols,
      }),
    );
  }

  // ---- helpers
  protected get _cells(): number {
    return this.ref.numRows * this.ref.numCols;
  }
  protected get _topLeft(): GridRef {
    return { row: this.ref.row, col: this.ref.col, numRows: 1, numCols: 1 };
  }

  protected _assertEditable(): void {
    assertEditable(this.env, this.wb, this.sheetModel, this.ref);
  }

  protected _read<T>(ref: GridRef, cell: (r: number, c: number) => T): T[][] {
    this.env.instrument.cellsRead(ref.numRows * ref.numCols);
    const out: T[][] = new Array(ref.numRows);
    for (let i = 0; i < ref.numRows; i++) {
      const row: T[] = new Array(ref.numCols);
      for (let j = 0; j < ref.numCols; j++) row[j] = cell(ref.row + i, ref.col + j);
      out[i] = row;
    }
    return out;
  }

  protected _fill<T>(value: T): T[][] {
    return Array.from({ length: this.ref.numRows }, () => new Array<T>(this.ref.numCols).fill(value));
  }

  /** Checks a 2-D argument against the range size with Apps Script's messages. */
  protected _checkDims(method: string, data: unknown): void {
    if (!Array.isArray(data) || data.some((r) => !Array.isArray(r))) throw signatureError(`SpreadsheetApp.Range.${method}`, [data]);
    if (data.length !== this.ref.numRows) {
      throw gasError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.ref.numRows}.`,
      );
    }
    for (const row of data as unknown[][]) {
      if (row.length !== this.ref.numCols) {
        throw gasError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.ref.numCols}.`,
        );
      }
    }
  }

  /** Writes a per-cell sparse layer from a 2-D array (null/'' clears). */
  protected _writeLayer(method: string, data: unknown, set: (r: number, c: number, v: unknown) => void): this {
    this._checkDims(method, data);
    this._assertEditable();
    const rows = data as unknown[][];
    rows.forEach((row, i) => row.forEach((v, j) => set(this.ref.row + i, this.ref.col + j, v)));
    this.env.instrument.cellsWritten(this._cells);
    return this;
  }

  // ---- values
  getValues(): CellValue[][] {
    this.env.instrument.cellsRead(this._cells);
    return this.sheetModel.readBlock(this.ref, (v) => realmCell(v, (ms) => this.env.date(ms)));
  }

  getValue(): CellValue {
    this.env.instrument.cellsRead(1);
    return realmCell(this.sheetModel.getCell(this.ref.row, this.ref.col), (ms) => this.env.date(ms));
  }

  setValues(values: unknown[][]): this {
    this._checkDims('setValues', values);
    this._assertEditable();
    const parsed = parseBlock(this.sheetModel, this.ref, values, this.wb.timeZone);
    writeBlock(this.sheetModel, this.ref.row, this.ref.col, parsed);
    this.env.instrument.cellsWritten(this._cells);
    return this;
  }

  /** Apps Script's setValue writes the value into every cell of the range. */
  setValue(value: unknown): this {
    this._assertEditable();
    const parsed = parseBlock(this.sheetModel, this.ref, this._fill(value), this.wb.timeZone);
    writeBlock(this.sheetModel, this.ref.row, this.ref.col, parsed);
    this.env.instrument.cellsWritten(this._cells);
    return this;
  }

  getDisplayValues(): string[][] {
    const { locale, timeZone } = this.wb;
    const s = this.sheetModel;
    return this._read(this.ref, (r, c) => formatDisplay(s.getCell(r, c), s.numberFormats.get(r, c), locale, timeZone));
  }

  getDisplayValue(): string {
    const s = this.sheetModel;
    this.env.instrument.cellsRead(1);
    return formatDisplay(
      s.getCell(this.ref.row, this.ref.col),
      s.numberFormats.get(this.ref.row, this.ref.col),
      this.wb.locale,
      this.wb.timeZone,
    );
  }

  isBlank(): boolean {
    this.env.instrument.cellsRead(this._cells);
    return this.sheetModel.readBlock(this.ref, (v) => v).every((row) => row.every((v) => v === ''));
  }

  // ---- formulas
  getFormulas(): string[][] {
    return this._read(this.ref, (r, c) => this.sheetModel.formulas.get(r, c) ?? '');
  }

  getFormula(): string {
    return this._read(this._topLeft, (r, c) => this.sheetModel.formulas.get(r, c) ?? '')[0][0];
  }

  setFormulas(formulas: string[][]): this {
    this._checkDims('setFormulas', formulas);
    const asInput = formulas.map((row) => row.map((f) => (f && !String(f).startsWith('=') ? `=${f}` : f)));
    return this.setValues(asInput);
  }

  setFormula(formula: string): this {
    return this.setValue(formula && !formula.startsWith('=') ? `=${formula}` : formula);
  }

  // ---- notes
  getNotes(): string[][] {
    return this._read(this.ref, (r, c) => this.sheetModel.notes.get(r, c) ?? '');
  }

  getNote(): string {
    return this._read(this._topLeft, (r, c) => this.sheetModel.notes.get(r, c) ?? '')[0][0];
  }

  setNotes(notes: (string | null)[][]): this {
    return this._writeLayer('setNotes', notes, (r, c, v) =>
      this.sheetModel.notes.set(r, c, v === null || v === undefined || v === '' ? undefined : String(v)),
    );
  }

  setNote(note: string | null): this {
    return this.setNotes(this._fill(note));
  }

  clearNote(): this {
    this._assertEditable();
    this.sheetModel.notes.clear(this.ref.row, this.ref.col, this.ref.numRows, this.ref.numCols);
    return this;
  }
}
