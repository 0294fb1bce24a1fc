/** Spreadsheet: the file-level handle (sheets, locale/time zone, owner/editors, toasts, copies). */
import { Env } from '../env';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { isValidTimeZone } from '../model/timeZone';
import { parseA1, resolveA1 } from '../model/a1';
import { Workbook } from '../model/workbook';
import { EmuUser } from '../services/session';
import { checkGrid } from './guards';
import { EmuProtection } from './protection';
import { EmuRange } from './range';
import { EmuRangeList } from './rangeList';
import { EmuSheet } from './sheet';

export function spreadsheetUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

export class EmuSpreadsheet extends Service {
  constructor(
    private readonly env: Env,
    private readonly wb: Workbook,
  ) {
    super();
  }

  // ---- handles (local)
  getId(): string {
    return this.wb.id;
  }
  getUrl(): string {
    return spreadsheetUrl(this.wb.id);
  }
  getSheets(): EmuSheet[] {
    return this.wb.sheets.map((s) => new EmuSheet(this.env, this.wb, s));
  }
  getSheetByName(name: string): EmuSheet | null {
    const s = this.wb.getSheet(name);
    return s ? new EmuSheet(this.env, this.wb, s) : null;
  }
  getSheetById(id: number): EmuSheet | null {
    const s = this.wb.getSheetById(id);
    return s ? new EmuSheet(this.env, this.wb, s) : null;
  }
  getActiveSheet(): EmuSheet {
    return new EmuSheet(this.env, this.wb, this.wb.activeSheet);
  }
  /** "Sheet1!A1:B2"; without a sheet name, the active sheet. */
  getRange(a1Notation: string): EmuRange {
    const ref = parseA1(String(a1Notation));
    if (!ref) throw gasError('Range not found');
    const model = ref.sheetName === null ? this.wb.activeSheet : this.wb.getSheet(ref.sheetName);
    if (!model) throw gasError('Range not found');
    return new EmuRange(this.env, this.wb, model, checkGrid(model, resolveA1(ref, model.maxRows, model.maxColumns)));
  }
  getRangeList(a1Notations: string[]): EmuRangeList {
    return new EmuRangeList(a1Notations.map((a1) => this.getRange(a1)));
  }

  // ---- metadata (round trips)
  getName(): string {
    return this.wb.name;
  }
  rename(newName: string): void {
    this.wb.name = String(newName);
    const f = this.env.drive.get(this.wb.id);
    if (f) f.name = this.wb.name;
  }
  getNumSheets(): number {
    return this.wb.sheets.length;
  }
  getSpreadsheetLocale(): string {
    return this.wb.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.wb.locale = String(locale);
  }
  getSpreadsheetTimeZone(): string {
    return this.wb.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    if (!isValidTimeZone(timezone)) throw gasError(`Invalid argument: timeZone`);
    this.wb.timeZone = timezone;
  }
  getOwner(): EmuUser {
    return new EmuUser(this.wb.owner);
  }
  getEditors(): EmuUser[] {
    return [this.wb.owner, ...this.wb.editors.filter((e) => e !== this.wb.owner)].map((e) => new EmuUser(e));
  }
  addEditor(emailAddress: string | EmuUser): this {
    return this.addEditors([emailAddress instanceof EmuUser ? emailAddress.getEmail() : emailAddress]);
  }
  addEditors(emailAddresses: string[]): this {
    for (const e of emailAddresses.map(String)) if (!this.wb.editors.includes(e) && e !== this.wb.owner) this.wb.editors.push(e);
    return this;
  }
  removeEditor(emailAddress: string | EmuUser): this {
    const email = emailAddress instanceof EmuUser ? emailAddress.getEmail() : String(emailAddress);
    this.wb.editors = this.wb.editors.filter((e) => e !== email);
    return this;
  }

  // ---- sheets
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    if (!(sheet instanceof EmuSheet)) throw signatureError('SpreadsheetApp.Spreadsheet.setActiveSheet', [sheet]);
    return sheet.activate();
  }
  /** insertSheet(), (index), (name), (name, index), (name, index, options), (options); index is 0-based. */
  insertSheet(a?: string | number | object, b?: number | object): EmuSheet {
    const name = typeof a === 'string' ? a : this.wb.defaultSheetName();
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : this.wb.sheets.length;
    if (!name.trim()) throw signatureError('SpreadsheetApp.Spreadsheet.insertSheet', [a, b]);
    const model = this.wb.insertSheet(name, index);
    this.wb.activeSheetId = model.id;
    return new EmuSheet(this.env, this.wb, model);
  }
  deleteSheet(sheet: EmuSheet): void {
    if (!(sheet instanceof EmuSheet)) throw signatureError('SpreadsheetApp.Spreadsheet.deleteSheet', [sheet]);
    const model = this.wb.getSheetById(sheet.getSheetId());
    if (!model) throw gasError('Sheet not found');
    this.wb.deleteSheet(model);
  }
  moveActiveSheet(pos: number): void {
    const s = this.wb.activeSheet;
    this.wb.sheets = this.wb.sheets.filter((x) => x !== s);
    this.wb.sheets.splice(Math.max(0, Math.min(pos - 1, this.wb.sheets.length)), 0, s);
  }
  getProtections(type: string): EmuProtection[] {
    return this.getSheets().flatMap((s) => s.getProtections(type));
  }

  // ---- UI and copies
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    void timeoutSeconds;
    this.env.ui.toasts.push(title ? `${title}: ${msg}` : String(msg));
  }
  /** A deep copy registered in Drive, openable by SpreadsheetApp.openById. */
  copy(name: string): EmuSpreadsheet {
    const clone = this.wb.clone(String(name));
    this.env.addWorkbook(clone);
    return new EmuSpreadsheet(this.env, clone);
  }
}

registerService(EmuSpreadsheet, 'Spreadsheet', {
  local: ['getId', 'getUrl', 'getSheets', 'getSheetByName', 'getSheetById', 'getActiveSheet', 'getRange', 'getRangeList'],
});
conforms<EmuSpreadsheet, GoogleAppsScript.Spreadsheet.Spreadsheet>(true);
