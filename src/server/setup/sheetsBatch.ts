/**
 * Setup through the Sheets advanced service (enabled in appsscript.json): the workbook's sheets and
 * protections read in one Spreadsheets.get, and structure, formats, dropdowns and protections
 * written as request lists, each list one Spreadsheets.batchUpdate (one round trip, atomic).
 * Without the service (a copy of the script without it) setup uses SpreadsheetApp call by call.
 */
type Request = GoogleAppsScript.Sheets.Schema.Request;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
export type RestProtection = GoogleAppsScript.Sheets.Schema.ProtectedRange;
export type SpreadsheetsApi = GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection;

/** The Spreadsheets collection of the advanced service, or null when the script runs without it. */
export function spreadsheetsApi(): SpreadsheetsApi | null {
  return typeof Sheets === 'undefined' || !Sheets ? null : Sheets.Spreadsheets;
}

export interface SheetState {
  sheetId: number;
  title: string;
  rows: number;
  columns: number;
}

/** What setup needs to know of the workbook before writing: its sheets (by title) and protections. */
export interface WorkbookState {
  sheets: Map<string, SheetState>;
  protections: RestProtection[];
}

export function readState(api: SpreadsheetsApi, spreadsheetId: string): WorkbookState {
  const res = api.get(spreadsheetId, {
    fields:
      'sheets(properties(sheetId,title,gridProperties(rowCount,columnCount)),protectedRanges(protectedRangeId,range,description,warningOnly,editors,unprotectedRanges))',
  });
  const sheets = new Map<string, SheetState>();
  const protections: RestProtection[] = [];
  for (const s of res.sheets ?? []) {
    const p = s.properties ?? {};
    sheets.set(p.title ?? '', {
      sheetId: p.sheetId ?? 0,
      title: p.title ?? '',
      rows: p.gridProperties?.rowCount ?? 0,
      columns: p.gridProperties?.columnCount ?? 0,
    });
    protections.push(...(s.protectedRanges ?? []));
  }
  return { sheets, protections };
}

/** Requests gathered for one batchUpdate. */
export class RequestBatch {
  requests: Request[] = [];
  constructor(
    private readonly api: SpreadsheetsApi,
    private readonly spreadsheetId: string,
    private readonly state: WorkbookState,
  ) {}

  push(...r: Request[]): void {
    this.requests.push(...r);
  }

  /** A sheet id for a new tab: stable for its title, never one in use. */
  newSheetId(title: string): number {
    let h = 7;
    for (let i = 0; i < title.length; i++) h = (h * 31 + title.charCodeAt(i)) % 1_000_000_007;
    let id = (h % 2_000_000_000) + 1;
    const used = new Set([...this.state.sheets.values()].map((s) => s.sheetId));
    while (used.has(id)) id = (id % 2_000_000_000) + 1;
    this.state.sheets.set(title, { sheetId: id, title, rows: 0, columns: 0 });
    return id;
  }

  sheetId(title: string): number | null {
    return this.state.sheets.get(title)?.sheetId ?? null;
  }

  /** A range as a formula reference ('Tab'!A2:A500), the tab's title known from the state (no call). */
  rangeRef(range: GoogleAppsScript.Spreadsheet.Range): string {
    const id = range.getGridId();
    const title = [...this.state.sheets.values()].find((s) => s.sheetId === id)?.title;
    if (title === undefined) throw new Error(`setup: no sheet with id ${id}`);
    return `'${title.replace(/'/g, "''")}'!${range.getA1Notation()}`;
  }

  /** Sends the requests gathered so far as one batchUpdate (nothing when there are none). */
  flush(): void {
    if (!this.requests.length) return;
    const requests = this.requests;
    this.requests = [];
    this.api.batchUpdate({ requests }, this.spreadsheetId);
  }
}

/** A '#rrggbb' colour as the API's Color. */
export const rgb = (hex: string) => {
  const n = parseInt(hex.replace('#', ''), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
};

/** A block of rows × columns (0-based, end exclusive) of a sheet. */
export function gridRange(
  sheetId: number,
  row: number,
  numRows: number,
  column: number,
  numColumns: number,
): GoogleAppsScript.Sheets.Schema.GridRange {
  return {
    sheetId,
    startRowIndex: row - 1,
    endRowIndex: row - 1 + numRows,
    startColumnIndex: column - 1,
    endColumnIndex: column - 1 + numColumns,
  };
}

/** Text cells written as they are (stringValue: never parsed, so no escaping), from (row, column). */
export function textRows(sheetId: number, row: number, column: number, rows: readonly (readonly string[])[]): Request {
  return {
    updateCells: {
      start: { sheetId, rowIndex: row - 1, columnIndex: column - 1 },
      fields: 'userEnteredValue',
      rows: rows.map((r) => ({ values: r.map((v) => (v === '' ? {} : { userEnteredValue: { stringValue: v } })) })),
    },
  };
}

export function boldAndBackground(
  sheetId: number,
  row: number,
  column: number,
  numColumns: number,
  background: string | null,
  fontSize?: number,
): Request {
  const fields = ['textFormat.bold', ...(fontSize ? ['textFormat.fontSize'] : []), ...(background ? ['backgroundColor'] : [])];
  return {
    repeatCell: {
      range: gridRange(sheetId, row, 1, column, numColumns),
      cell: {
        userEnteredFormat: {
          textFormat: fontSize ? { bold: true, fontSize } : { bold: true },
          ...(background ? { backgroundColor: rgb(background) } : {}),
        },
      },
      fields: `userEnteredFormat(${fields.join(',')})`,
    },
  };
}

export function frozenRows(sheetId: number, rows: number): Request {
  return {
    updateSheetProperties: { properties: { sheetId, gridProperties: { frozenRowCount: rows } }, fields: 'gridProperties.frozenRowCount' },
  };
}

export function columnWidths(sheetId: number, column: number, numColumns: number, width: number): Request {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: column - 1, endIndex: column - 1 + numColumns },
      properties: { pixelSize: width },
      fields: 'pixelSize',
    },
  };
}

export function hiddenColumn(sheetId: number, column: number): Request {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: 'COLUMNS', startIndex: column - 1, endIndex: column },
      properties: { hiddenByUser: true },
      fields: 'hiddenByUser',
    },
  };
}

/** The REST number format type of a pattern setup uses. */
function formatType(pattern: string): string {
  if (/h/i.test(pattern) && /d/i.test(pattern)) return 'DATE_TIME';
  if (/[yd]/i.test(pattern)) return 'DATE';
  if (pattern.includes('%')) return 'PERCENT';
  return 'NUMBER';
}

export function numberFormat(range: GoogleAppsScript.Sheets.Schema.GridRange, pattern: string): Request {
  return {
    repeatCell: {
      range,
      cell: { userEnteredFormat: { numberFormat: { type: formatType(pattern), pattern } } },
      fields: 'userEnteredFormat.numberFormat',
    },
  };
}

/** SpreadsheetApp criteria and their REST condition types (the ones setup builds). */
const CONDITION: Record<string, string> = {
  VALUE_IN_LIST: 'ONE_OF_LIST',
  VALUE_IN_RANGE: 'ONE_OF_RANGE',
  CHECKBOX: 'BOOLEAN',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_URL',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_EQ',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_EQ',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER',
  NUMBER_LESS_THAN: 'NUMBER_LESS',
};

/** How a rule's source range is named in a formula ('Tab'!A2:A500): RequestBatch.rangeRef. */
export type RangeRef = (range: GoogleAppsScript.Spreadsheet.Range) => string;

/** A rule built with SpreadsheetApp's builder as a REST DataValidationRule (the same rule once stored). */
export function restRule(dv: DataValidation, rangeRef: RangeRef): GoogleAppsScript.Sheets.Schema.DataValidationRule {
  const criteria = String(dv.getCriteriaType());
  const type = CONDITION[criteria];
  if (!type) throw new Error(`setup: no Sheets API condition for ${criteria}`);
  const args = dv.getCriteriaValues();
  const values =
    criteria === 'VALUE_IN_LIST'
      ? (args[0] as unknown[])
      : criteria === 'VALUE_IN_RANGE'
        ? [`=${rangeRef(args[0] as GoogleAppsScript.Spreadsheet.Range)}`]
        : criteria === 'CHECKBOX'
          ? args
          : args.filter((a) => typeof a === 'number');
  const help = dv.getHelpText();
  const dropdown = criteria === 'VALUE_IN_LIST' || criteria === 'VALUE_IN_RANGE';
  return {
    condition: { type, ...(values.length ? { values: values.map((v) => ({ userEnteredValue: String(v) })) } : {}) },
    strict: !dv.getAllowInvalid(),
    ...(dropdown ? { showCustomUi: args[1] !== false } : {}),
    ...(help ? { inputMessage: help } : {}),
  };
}

export function validation(range: GoogleAppsScript.Sheets.Schema.GridRange, dv: DataValidation, rangeRef: RangeRef): Request {
  return { setDataValidation: { range, rule: restRule(dv, rangeRef) } };
}
