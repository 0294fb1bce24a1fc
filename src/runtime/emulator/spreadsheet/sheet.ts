/** Sheet: grid metadata, row/column structure, appendRow, protections and charts. */
import { Env } from '../env';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { GridRef, parseA1, resolveA1 } from '../model/a1';
import { SheetModel } from '../model/sheetModel';
import { Workbook } from '../model/workbook';
import { EmbeddedChartSpecs, EmuEmbeddedChart, EmuEmbeddedChartBuilder } from './charts';
import { parseBlock, writeBlock } from './cellWriter';
import { assertEditable, checkGrid, ensureGrid } from './guards';
import { EmuProtection, newProtection } from './protection';
import { EmuRange } from './range';
import { EmuRangeList } from './rangeList';
import { EmuSpreadsheet } from './spreadsheet';

const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;

export class EmuSheet extends Service {
  constructor(
    private readonly env: Env,
    private readonly wb: Workbook,
    private readonly model: SheetModel,
  ) {
    super();
  }

  private get _live(): SheetModel {
    if (!this.wb.sheets.includes(this.model)) throw gasError('Sheet not found'); // deleted meanwhile
    return this.model;
  }
  private _range(ref: GridRef): EmuRange {
    return new EmuRange(this.env, this.wb, this._live, checkGrid(this._live, ref));
  }
  private _whole(): GridRef {
    return { row: 1, col: 1, numRows: this.model.maxRows, numCols: this.model.maxColumns };
  }
  private _edit(ref: GridRef = this._whole()): void {
    assertEditable(this.env, this.wb, this._live, ref);
  }

  // ---- identity (getParent is a handle; the rest read sheet metadata)
  getParent(): EmuSpreadsheet {
    return new EmuSpreadsheet(this.env, this.wb);
  }
  getName(): string {
    return this._live.name;
  }
  getSheetName(): string {
    return this._live.name;
  }
  getSheetId(): number {
    return this._live.id;
  }
  getIndex(): number {
    return this.wb.sheets.indexOf(this._live) + 1;
  }
  setName(name: string): this {
    if (typeof name !== 'string' || !name.trim()) throw signatureError('SpreadsheetApp.Sheet.setName', [name]);
    this.wb.assertNameFree(name, this._live);
    this.model.name = name;
    return this;
  }
  activate(): this {
    this.wb.activeSheetId = this._live.id;
    this.model.hidden = false;
    return this;
  }

  // ---- ranges (handles)
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): EmuRange {
    if (typeof a === 'string') {
      const ref = parseA1(a);
      if (!ref) throw gasError('Range not found');
      return this._range(resolveA1(ref, this._live.maxRows, this.model.maxColumns));
    }
    if (typeof a !== 'number' || typeof column !== 'number')
      throw signatureError('SpreadsheetApp.Sheet.getRange', [a, column, numRows, numColumns]);
    return this._range({ row: a, col: column, numRows: numRows ?? 1, numCols: numColumns ?? 1 });
  }
  getRangeList(a1Notations: string[]): EmuRangeList {
    return new EmuRangeList(a1Notations.map((a1) => this.getRange(a1)));
  }
  getDataRange(): EmuRange {
    const { lastRow, lastColumn } = this._live.extent();
    return this._range({ row: 1, col: 1, numRows: Math.max(1, lastRow), numCols: Math.max(1, lastColumn) });
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const { lastRow, lastColumn } = this._live.extent();
    const rows = numRows === -1 ? lastRow - startRow + 1 : numRows;
    const cols = numColumns === -1 ? lastColumn - startColumn + 1 : numColumns;
    return this._range({ row: startRow, col: startColumn, numRows: rows, numCols: cols }).getValues();
  }

  // ---- extent and grid size (metadata round trips)
  getLastRow(): number {
    return this._live.extent().lastRow;
  }
  getLastColumn(): number {
    return this._live.extent().lastColumn;
  }
  getMaxRows(): number {
    return this._live.maxRows;
  }
  getMaxColumns(): number {
    return this._live.maxColumns;
  }

  /** Writes after the last row with content, growing the grid when it is full. */
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents)) throw signatureError('SpreadsheetApp.Sheet.appendRow', [rowContents]);
    const s = this._live;
    const row = s.extent().lastRow + 1;
    const width = Math.max(1, rowContents.length);
    const ref = { row, col: 1, numRows: 1, numCols: width };
    const parsed = parseBlock(s, ref, [rowContents], this.wb.timeZone);
    ensureGrid(this.wb, s, row, width);
    this._edit(ref);
    writeBlock(s, row, 1, parsed);
    this.env.instrument.cellsWritten(rowContents.length);
    return this;
  }

  // ---- structure
  private _insertRows(at: number, count: number): this {
    const s = this._live;
    if (at < 1 || at > s.maxRows + 1 || count < 1) throw gasError('Those rows are out of bounds.');
    this.wb.assertCellBudget(count * s.maxColumns);
    s.insertRows(at, count);
    return this;
  }
  private _insertColumns(at: number, count: number): this {
    const s = this._live;
    if (at < 1 || at > s.maxColumns + 1 || count < 1) throw gasError('Those columns are out of bounds.');
    this.wb.assertCellBudget(count * s.maxRows);
    s.insertColumns(at, count);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    return this._insertRows(afterPosition + 1, 1);
  }
  insertRowBefore(beforePosition: number): this {
    return this._insertRows(beforePosition, 1);
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    return this._insertRows(afterPosition + 1, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this._insertRows(beforePosition, howMany);
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this._insertRows(rowIndex, numRows);
  }
  insertColumnAfter(afterPosition: number): this {
    return this._insertColumns(afterPosition + 1, 1);
  }
  insertColumnBefore(beforePosition: number): this {
    return this._insertColumns(beforePosition, 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    return this._insertColumns(afterPosition + 1, howMany);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    return this._insertColumns(beforePosition, howMany);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this._insertColumns(columnIndex, numColumns);
  }

  deleteRows(rowPosition: number, howMany: number): void {
    const s = this._live;
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > s.maxRows) throw gasError('Those rows are out of bounds.');
    if (s.maxRows - howMany <= s.frozenRows) throw gasError('Sorry, it is not possible to delete all non-frozen rows.');
    this._edit({ row: rowPosition, col: 1, numRows: howMany, numCols: s.maxColumns });
    s.deleteRows(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): this {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const s = this._live;
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > s.maxColumns)
      throw gasError('Those columns are out of bounds.');
    if (s.maxColumns - howMany <= s.frozenColumns) throw gasError('Sorry, it is not possible to delete all non-frozen columns.');
    this._edit({ row: 1, col: columnPosition, numRows: s.maxRows, numCols: howMany });
    s.deleteColumns(columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): this {
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  // ---- clearing
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    this._range(this._whole()).clear(options);
    return this;
  }
  clearContents(): this {
    this._range(this._whole()).clearContent();
    return this;
  }
  clearFormats(): this {
    this._range(this._whole()).clearFormat();
    return this;
  }
  clearNotes(): this {
    this._range(this._whole()).clearNote();
    return this;
  }

  // ---- frozen panes, sizes, visibility
  getFrozenRows(): number {
    return this._live.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this._live.frozenRows = rows;
  }
  getFrozenColumns(): number {
    return this._live.frozenColumns;
  }
  setFrozenColumns(columns: number): void {
    this._live.frozenColumns = columns;
  }
  getColumnWidth(columnPosition: number): number {
    return this._live.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  setColumnWidth(columnPosition: number, width: number): this {
    this._live.columnWidths.set(columnPosition, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) this._live.columnWidths.set(c, width);
    return this;
  }
  /** Approximates Sheets: about 7 px per character of the longest displayed value, plus padding. */
  autoResizeColumns(startColumn: number, numColumns: number): this {
    const s = this._live;
    const { lastRow } = s.extent();
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      for (let r = 1; r <= lastRow; r++) longest = Math.max(longest, String(s.getCell(r, c)).length);
      s.columnWidths.set(c, Math.max(30, Math.min(1000, longest * 7 + 14)));
    }
    return this;
  }
  autoResizeColumn(columnPosition: number): this {
    return this.autoResizeColumns(columnPosition, 1);
  }
  getRowHeight(rowPosition: number): number {
    void rowPosition;
    return DEFAULT_ROW_HEIGHT;
  }
  setRowHeight(rowPosition: number, height: number): this {
    void rowPosition;
    void height;
    return this;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._live.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this._live.hiddenColumns.delete(c);
  }
  hideColumn(column: EmuRange): void {
    this.hideColumns(column.getColumn(), column.getNumColumns());
  }
  unhideColumn(column: EmuRange): void {
    this.showColumns(column.getColumn(), column.getNumColumns());
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this._live.hiddenColumns.has(columnPosition);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++) this._live.hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++) this._live.hiddenRows.delete(r);
  }
  hideRow(row: EmuRange): void {
    this.hideRows(row.getRow(), row.getNumRows());
  }
  unhideRow(row: EmuRange): void {
    this.showRows(row.getRow(), row.getNumRows());
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this._live.hiddenRows.has(rowPosition);
  }
  hideSheet(): this {
    if (this.wb.sheets.filter((s) => !s.hidden && s !== this.model).length === 0) {
      throw gasError('Sorry, it is not possible to hide all the sheets in a document.');
    }
    this._live.hidden = true;
    return this;
  }
  showSheet(): this {
    this._live.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this._live.hidden;
  }
  getTabColor(): string | null {
    return this._live.tabColor;
  }
  setTabColor(color: string | null): this {
    this._live.tabColor = color;
    return this;
  }

  // ---- protections
  protect(): EmuProtection {
    return newProtection(this.env, this.wb, this._live, null);
  }
  getProtections(type: string): EmuProtection[] {
    return this._live.protections.filter((p) => p.type === String(type)).map((p) => new EmuProtection(this.env, this.wb, this.model, p));
  }

  // ---- charts (specs on the sheet model)
  newChart(): EmuEmbeddedChartBuilder {
    return new EmuEmbeddedChartBuilder(this.env, this.wb, this._live);
  }
  getCharts(): EmuEmbeddedChart[] {
    return this._live.charts.map((c) => new EmuEmbeddedChart(this.env, this.wb, this.model, c));
  }
  insertChart(chart: EmuEmbeddedChart): void {
    EmbeddedChartSpecs.insert(this._live, chart);
  }
  updateChart(chart: EmuEmbeddedChart): void {
    EmbeddedChartSpecs.update(this._live, chart);
  }
  removeChart(chart: EmuEmbeddedChart): void {
    EmbeddedChartSpecs.remove(this._live, chart);
  }

  /** Copies this sheet into `spreadsheet` as "Copy of <name>". */
  copyTo(spreadsheet: EmuSpreadsheet): EmuSheet {
    const target = this.env.workbooks.get(spreadsheet.getId()) ?? this.wb;
    let name = `Copy of ${this.model.name}`;
    for (let n = 2; target.getSheet(name); n++) name = `Copy of ${this.model.name} ${n}`;
    const fresh = target.insertSheet(name);
    const copy = this._live.clone(fresh.id, name);
    target.sheets[target.sheets.indexOf(fresh)] = target.adopt(copy);
    return new EmuSheet(this.env, target, copy);
  }
}

registerService(EmuSheet, 'Sheet', { local: ['getParent', 'getRange', 'getRangeList', 'newChart', 'activate'] });
conforms<EmuSheet, GoogleAppsScript.Spreadsheet.Sheet>(true);
