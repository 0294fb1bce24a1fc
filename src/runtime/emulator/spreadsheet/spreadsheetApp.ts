/** SpreadsheetApp: entry point to the bound spreadsheet, builders, enums and the UI. */
import { Env } from '../env';
import { Enums } from '../enums';
import { gasError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { Workbook } from '../model/workbook';
import { EmuDataValidationBuilder } from './dataValidation';
import { EmuRange } from './range';
import { EmuSheet } from './sheet';
import { EmuSpreadsheet } from './spreadsheet';
import { EmuUi } from './ui';

export class EmuSpreadsheetApp extends Service {
  constructor(private readonly env: Env) {
    super();
  }

  get DataValidationCriteria(): Record<string, string> {
    return Enums.DataValidationCriteria;
  }
  get ProtectionType(): Record<string, string> {
    return Enums.ProtectionType;
  }
  get WrapStrategy(): Record<string, string> {
    return Enums.WrapStrategy;
  }
  get Dimension(): Record<string, string> {
    return Enums.Dimension;
  }
  get SheetType(): Record<string, string> {
    return Enums.SheetType;
  }

  getActive(): EmuSpreadsheet {
    return new EmuSpreadsheet(this.env, this.env.workbook);
  }
  getActiveSpreadsheet(): EmuSpreadsheet {
    return this.getActive();
  }
  getActiveSheet(): EmuSheet {
    return this.getActive().getActiveSheet();
  }
  getActiveRange(): EmuRange {
    return this.getActiveSheet().getRange(1, 1);
  }
  getCurrentCell(): EmuRange {
    return this.getActiveRange();
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    return sheet.activate();
  }
  openById(id: string): EmuSpreadsheet {
    const wb = this.env.workbooks.get(String(id));
    const entry = this.env.drive.get(String(id));
    if (!wb || entry?.trashed) throw gasError('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return new EmuSpreadsheet(this.env, wb);
  }
  openByUrl(url: string): EmuSpreadsheet {
    const m = /\/d\/([\w-]+)/.exec(String(url));
    if (!m) throw gasError('Invalid argument: url');
    return this.openById(m[1]);
  }
  create(name: string, rows?: number, columns?: number): EmuSpreadsheet {
    const wb = new Workbook({
      name: String(name),
      locale: this.env.workbook.locale,
      timeZone: this.env.workbook.timeZone,
      owner: this.env.runAs,
    });
    if (rows || columns) {
      const first = wb.sheets[0];
      first.maxRows = rows ?? first.maxRows;
      first.maxColumns = columns ?? first.maxColumns;
    }
    this.env.addWorkbook(wb);
    return new EmuSpreadsheet(this.env, wb);
  }
  /** Writes are applied immediately here, but on Apps Script flush is a round trip (it sends pending writes). */
  flush(): void {}
  getUi(): EmuUi {
    return new EmuUi(this.env);
  }
  newDataValidation(): EmuDataValidationBuilder {
    return new EmuDataValidationBuilder(this.env, this.env.workbook);
  }
}

registerService(EmuSpreadsheetApp, 'SpreadsheetApp', {
  local: ['getActive', 'getActiveSpreadsheet', 'getActiveSheet', 'getActiveRange', 'getCurrentCell', 'getUi', 'newDataValidation'],
});
conforms<EmuSpreadsheetApp, GoogleAppsScript.Spreadsheet.SpreadsheetApp>(true);
