/** Host-side spreadsheet model: sheets, metadata and the script state that persists with it. */
import { evaluateFormula } from './formulas';
import { Axis, shiftFormulaRefs } from './formulaRefs';
import { randomBytes } from 'node:crypto';
import { GasError } from '../errors';
import { SheetModel } from './sheetModel';
import { RuntimeState, emptyRuntimeState } from './specs';

export const MAX_WORKBOOK_CELLS = 10_000_000;

export interface WorkbookOptions {
  id?: string;
  name?: string;
  locale?: string;
  timeZone?: string;
  owner?: string;
  /** Create the default first sheet (Sheet1 / 工作表1). Default true. */
  withDefaultSheet?: boolean;
}

export class WorkbookError extends GasError {}

export function newFileId(): string {
  return randomBytes(33).toString('base64url').slice(0, 44);
}

export class Workbook {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  owner: string;
  editors: string[] = [];
  private tabs: SheetModel[] = [];
  /** The tabs in order. Assigning a list adopts every sheet (its formulas evaluate against this workbook). */
  get sheets(): SheetModel[] {
    return this.tabs;
  }
  set sheets(list: SheetModel[]) {
    list.forEach((s) => this.adopt(s));
    this.tabs = list;
  }
  activeSheetId = 0;
  state: RuntimeState = emptyRuntimeState();
  private nextSheetId = 0;
  private nextObjectId = 1;

  constructor(options: WorkbookOptions = {}) {
    this.id = options.id ?? newFileId();
    this.name = options.name ?? 'Untitled spreadsheet';
    this.locale = options.locale ?? 'zh_CN';
    this.timeZone = options.timeZone ?? 'Asia/Shanghai';
    this.owner = options.owner ?? 'owner@example.com';
    if (options.withDefaultSheet !== false) this.insertSheet(this.defaultSheetName());
  }

  /** What Sheets calls an unnamed new sheet in this locale. */
  defaultSheetName(): string {
    const base = this.locale.startsWith('zh') ? '工作表' : 'Sheet';
    for (let n = this.sheets.length + 1; ; n++) if (!this.getSheet(base + n)) return base + n;
  }

  get cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.cellCount, 0);
  }

  /** Throws when growing the workbook by `extraCells` would pass the 10M-cell limit. */
  assertCellBudget(extraCells: number): void {
    if (extraCells > 0 && this.cellCount + extraCells > MAX_WORKBOOK_CELLS) {
      throw new WorkbookError(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_WORKBOOK_CELLS} cells.`,
      );
    }
  }

  getSheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  getSheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  assertNameFree(name: string, except?: SheetModel): void {
    const clash = this.sheets.find((s) => s !== except && s.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new WorkbookError(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  /** Host-side and service-side sheet creation (1000 x 26). `index` is 0-based; `id` one the caller chose (Sheets API addSheet). */
  insertSheet(name: string, index = this.sheets.length, rows?: number, columns?: number, id?: number): SheetModel {
    this.assertNameFree(name);
    if (id !== undefined && this.getSheetById(id)) throw new WorkbookError(`A sheet with id ${id} already exists.`);
    const sheet = this.adopt(new SheetModel(id ?? this.nextSheetId, name));
    // First sheet is gid 0 like Sheets; later ones get gid-like numbers from a deterministic LCG.
    if (id === undefined) this.nextSheetId = (this.nextSheetId * 48271 + 1234567) % 2147483647 || 1;
    while (this.getSheetById(this.nextSheetId)) this.nextSheetId = (this.nextSheetId * 48271 + 1234567) % 2147483647 || 1;
    if (rows) sheet.maxRows = rows;
    if (columns) sheet.maxColumns = columns;
    this.assertCellBudget(sheet.cellCount);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    if (this.sheets.length === 1) this.activeSheetId = sheet.id;
    return sheet;
  }

  /**
   * Makes a sheet's formulas evaluate against this workbook (a new, copied or loaded sheet), and
   * its inserted or deleted rows/columns adjust the formulas of every tab that point at it.
   */
  adopt(sheet: SheetModel): SheetModel {
    sheet.evaluate = (f, row, col) => evaluateFormula(f, { sheetNamed: (n) => this.sheetInFormula(n), self: sheet, row, col });
    sheet.onStructureChange = (axis, at, count) => this.shiftFormulaRefs(sheet, axis, at, count);
    return sheet;
  }

  /** Formulas name tabs case-insensitively (names are unique that way, see assertNameFree). */
  private sheetInFormula(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Rewrites every formula's references to `changed` after its rows/columns moved (see shiftFormulaRefs). */
  private shiftFormulaRefs(changed: SheetModel, axis: Axis, at: number, count: number): void {
    if (!this.sheets.includes(changed)) return; // a removed tab's changes reach no formula
    const name = changed.name.toLowerCase();
    for (const sheet of this.sheets) {
      if (sheet.formulas.isEmpty) continue;
      const pointsAtTab = (ref: string | null): boolean => (ref === null ? sheet === changed : ref.toLowerCase() === name);
      for (const [row, col, formula] of [...sheet.formulas.entries()]) {
        const shifted = shiftFormulaRefs(formula, pointsAtTab, axis, at, count);
        if (shifted !== formula) sheet.formulas.set(row, col, shifted);
      }
    }
  }

  deleteSheet(sheet: SheetModel): void {
    if (this.sheets.length <= 1) throw new WorkbookError("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.activeSheetId === sheet.id) this.activeSheetId = this.sheets[0].id;
  }

  get activeSheet(): SheetModel {
    return this.getSheetById(this.activeSheetId) ?? this.sheets[0];
  }

  /** Ids for protections and charts, unique within the workbook. */
  nextId(): number {
    return this.nextObjectId++;
  }

  /** Deep copy with a new id and name (Drive makeCopy / Spreadsheet.copy). Script state is not copied. */
  clone(name: string, id = newFileId()): Workbook {
    const wb = new Workbook({ id, name, locale: this.locale, timeZone: this.timeZone, owner: this.owner, withDefaultSheet: false });
    wb.editors = [...this.editors];
    wb.sheets = this.sheets.map((s) => s.clone(s.id));
    wb.activeSheetId = this.activeSheetId;
    wb.nextSheetId = this.nextSheetId;
    wb.nextObjectId = this.nextObjectId;
    return wb;
  }

  /** Restores counters after loading from a file. */
  restoreCounters(nextSheetId: number, nextObjectId: number): void {
    this.nextSheetId = Math.max(this.nextSheetId, nextSheetId);
    this.nextObjectId = Math.max(this.nextObjectId, nextObjectId);
  }

  /** Puts the counters back exactly (a failed Sheets API batchUpdate). */
  resetCounters(c: { nextSheetId: number; nextObjectId: number }): void {
    this.nextSheetId = c.nextSheetId;
    this.nextObjectId = c.nextObjectId;
  }

  get counters(): { nextSheetId: number; nextObjectId: number } {
    return { nextSheetId: this.nextSheetId, nextObjectId: this.nextObjectId };
  }
}
