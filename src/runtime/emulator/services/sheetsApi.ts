/**
 * The Sheets advanced service (REST API v4), only the calls the bundle uses:
 * Sheets.Spreadsheets.Values.batchGet / batchGetByDataFilter / get / batchUpdate, and Sheets.Spreadsheets.batchUpdate / get
 * (see sheetsBatch.ts for the request kinds). It exists as a global only when
 * appsscript.json enables it (see globals.ts). Each call is one round trip; cells read are the cells of
 * every requested range (clipped to the grid, empty ones included), cells written the cells of every
 * values block written. Errors are GoogleJsonResponseExceptions ("API call to ... failed with error: ...").
 */
import { Env } from '../env';
import { ApiError, GasError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { A1Ref, GridRef, columnToLetters, parseA1, rangeA1, resolveA1 } from '../model/a1';
import { CellValue } from '../model/cellValue';
import { formatDisplay } from '../model/displayFormat';
import { MAX_CELL_CHARS, ParsedInput, parseInput } from '../model/parseInput';
import { SheetModel } from '../model/sheetModel';
import { wallClock } from '../model/timeZone';
import { Workbook } from '../model/workbook';
import { writeBlock } from '../spreadsheet/cellWriter';
import { canEditRange } from '../spreadsheet/guards';
import { batchUpdateSpreadsheet, getSpreadsheet, RestError } from './sheetsBatch';

type Dimension = 'ROWS' | 'COLUMNS';
type ValueRender = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';
type DateRender = 'SERIAL_NUMBER' | 'FORMATTED_STRING';
type InputOption = 'RAW' | 'USER_ENTERED';

export interface ValueRange {
  range: string;
  majorDimension: Dimension;
  values?: unknown[][];
}
export interface MatchedValueRange {
  valueRange: ValueRange;
  dataFilters: { a1Range: string }[];
}

/**
 * Assumed longest request URL Google's front ends accept. Google documents no figure; they answer
 * HTTP 414 / "URL too large" for URLs in this region. It matters for values.batchGet, a GET whose URL
 * carries every range: hundreds of scattered ranges on tabs with Chinese names (9 characters per
 * character once encoded) pass it, and must go by POST (values.batchGetByDataFilter) instead.
 */
export const MAX_URL_CHARS = 16_384;

const DIMENSIONS: readonly Dimension[] = ['ROWS', 'COLUMNS'];
const VALUE_RENDERS: readonly ValueRender[] = ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'];
const DATE_RENDERS: readonly DateRender[] = ['SERIAL_NUMBER', 'FORMATTED_STRING'];
const INPUT_OPTIONS: readonly InputOption[] = ['RAW', 'USER_ENTERED'];
const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

function enumArg<T extends string>(value: unknown, allowed: readonly T[], fallback: T, field: string, type: string): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new RestError(`Invalid value at '${field}' (type.googleapis.com/google.apps.sheets.v4.${type}), "${String(value)}"`);
}

/** How the Sheets API writes a sheet name in A1: bare when it is a plain identifier that is not a cell reference. */
export function quoteSheetName(name: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name) && !/^(TRUE|FALSE)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

interface Target {
  sheet: SheetModel;
  /** The range resolved against the grid (open ends run to the grid's edge). */
  ref: GridRef;
  /** A single cell or a bare sheet name: a write anchors there and extends with the values. */
  anchor: boolean;
  /** Normalised A1 with the sheet name. */
  a1: string;
}

function unquote(name: string): string {
  return name.length >= 2 && name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function findSheet(wb: Workbook, name: string): SheetModel | undefined {
  return wb.getSheet(name) ?? wb.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

function gridError(sheet: SheetModel, a1: string): RestError {
  return new RestError(
    `Range ('${sheet.name.replace(/'/g, "''")}'!${a1}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
  );
}

/** Parses a request range: "Sheet!A1", "Sheet!A1:C3", "Sheet!A:A", "Sheet!2:2", "Sheet!A2:A", "Sheet", "A1:B2" (first visible sheet). */
function resolveTarget(wb: Workbook, raw: unknown): Target {
  if (typeof raw !== 'string' || !raw.trim()) throw new RestError(`Unable to parse range: ${String(raw ?? '')}`);
  const text = raw.trim();
  const whole = text.includes('!') ? undefined : findSheet(wb, unquote(text));
  let sheet: SheetModel | undefined;
  let ref: A1Ref | null;
  if (whole) {
    sheet = whole;
    ref = { sheetName: whole.name, startRow: null, startCol: null, endRow: null, endCol: null };
  } else {
    ref = parseA1(text);
    if (!ref) throw new RestError(`Unable to parse range: ${text}`);
    sheet = ref.sheetName === null ? (wb.sheets.find((s) => !s.hidden) ?? wb.sheets[0]) : findSheet(wb, ref.sheetName);
    if (!sheet) throw new RestError(`Unable to parse range: ${text}`);
  }
  const asWritten = text.includes('!')
    ? text
        .slice(text.lastIndexOf('!') + 1)
        .replace(/\$/g, '')
        .toUpperCase()
    : text.toUpperCase();
  const { startRow, endRow, startCol, endCol } = ref;
  if (
    [startRow, endRow].some((r) => r !== null && r > sheet.maxRows) ||
    [startCol, endCol].some((c) => c !== null && c > sheet.maxColumns)
  ) {
    throw gridError(sheet, asWritten);
  }
  const grid = resolveA1(ref, sheet.maxRows, sheet.maxColumns);
  const single = !whole && startRow !== null && startCol !== null && startRow === endRow && startCol === endCol;
  return { sheet, ref: grid, anchor: Boolean(whole) || single, a1: `${quoteSheetName(sheet.name)}!${rangeA1(grid)}` };
}

/** A date as Sheets' serial number (days since 1899-12-30, wall clock in `tz`), as values.get returns it. */
export function serialNumber(d: Date, tz: string): number {
  const w = wallClock(d.getTime(), tz);
  return (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - SERIAL_EPOCH) / DAY_MS;
}

interface ReadOptions {
  majorDimension: Dimension;
  valueRender: ValueRender;
  dateRender: DateRender;
}

/** One ValueRange the way the API returns it: trailing empty rows and cells dropped, `values` absent when empty. */
function readValueRange(env: Env, t: Target, o: ReadOptions): ValueRange {
  const { sheet, ref } = t;
  const wb = env.workbook;
  env.instrument.cellsRead(ref.numRows * ref.numCols);
  const render = (v: CellValue, r: number, c: number): unknown => {
    if (o.valueRender === 'FORMULA') {
      const f = sheet.formulas.get(r, c);
      if (f !== undefined) return f;
    }
    if (v === '') return '';
    if (o.valueRender === 'FORMATTED_VALUE') return formatDisplay(v, sheet.numberFormats.get(r, c), wb.locale, wb.timeZone);
    if (v instanceof Date) {
      return o.dateRender === 'SERIAL_NUMBER'
        ? serialNumber(v, wb.timeZone)
        : formatDisplay(v, sheet.numberFormats.get(r, c), wb.locale, wb.timeZone);
    }
    return v;
  };
  const rows = o.majorDimension === 'ROWS' ? ref.numRows : ref.numCols;
  const cols = o.majorDimension === 'ROWS' ? ref.numCols : ref.numRows;
  const lines: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const line: unknown[] = [];
    let last = -1;
    for (let j = 0; j < cols; j++) {
      const r = ref.row + (o.majorDimension === 'ROWS' ? i : j);
      const c = ref.col + (o.majorDimension === 'ROWS' ? j : i);
      const v = render(sheet.getCell(r, c), r, c);
      line.push(v);
      if (v !== '') last = j;
    }
    line.length = last + 1;
    lines.push(line);
  }
  while (lines.length && lines[lines.length - 1].length === 0) lines.pop();
  const out: ValueRange = { range: t.a1, majorDimension: o.majorDimension };
  if (lines.length) out.values = lines;
  return out;
}

function readOptions(args: Record<string, unknown>, prefix = ''): ReadOptions {
  const key = (k: string): string => (prefix ? prefix + k[0].toUpperCase() + k.slice(1) : k);
  return {
    majorDimension: prefix ? 'ROWS' : enumArg(args.majorDimension, DIMENSIONS, 'ROWS', 'major_dimension', 'Dimension'),
    valueRender: enumArg(args[key('valueRenderOption')], VALUE_RENDERS, 'FORMATTED_VALUE', 'value_render_option', 'ValueRenderOption'),
    dateRender: enumArg(
      args[key('dateTimeRenderOption')],
      DATE_RENDERS,
      'SERIAL_NUMBER',
      'date_time_render_option',
      'DateTimeRenderOption',
    ),
  };
}

/** A JSON-ish description of a value the API rejects. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'list_value {\n}';
  return 'struct_value {\n}';
}

/** One data entry, validated and parsed; nothing is written until every entry passes. */
interface PlannedWrite {
  sheet: SheetModel;
  row: number;
  col: number;
  cells: (ParsedInput | null)[][];
  a1: string;
  rows: number;
  cols: number;
  updatedRows: number;
  updatedColumns: number;
  updatedCells: number;
}

function planWrite(env: Env, entry: unknown, option: InputOption): PlannedWrite {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    throw new RestError('Invalid JSON payload received. Expected an object for data.');
  const e = entry as { range?: unknown; values?: unknown; majorDimension?: unknown };
  const t = resolveTarget(env.workbook, e.range);
  const dim = enumArg(e.majorDimension, DIMENSIONS, 'ROWS', 'major_dimension', 'Dimension');
  if (e.values !== undefined && e.values !== null && (!Array.isArray(e.values) || e.values.some((r) => !Array.isArray(r)))) {
    throw new RestError(`Invalid values: ${kindOf(e.values)}`);
  }
  let values = (e.values ?? []) as unknown[][];
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v !== null && v !== undefined && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        throw new RestError(`Invalid values[${i}][${j}]: ${kindOf(v)}`);
      }
    }),
  );
  if (dim === 'COLUMNS') {
    const width = values.reduce((w, r) => Math.max(w, r.length), 0);
    values = Array.from({ length: width }, (_, c) => values.map((r) => r[c]));
  }
  const rows = values.length;
  const cols = values.reduce((w, r) => Math.max(w, r.length), 0);
  const { sheet, ref } = t;
  if (!t.anchor) {
    if (rows > ref.numRows)
      throw new RestError(`Requested writing within range [${t.a1}], but tried writing to row [${ref.row + ref.numRows}]`);
    if (cols > ref.numCols)
      throw new RestError(
        `Requested writing within range [${t.a1}], but tried writing to column [${columnToLetters(ref.col + ref.numCols)}]`,
      );
  } else if (rows && cols && (ref.row + rows - 1 > sheet.maxRows || ref.col + cols - 1 > sheet.maxColumns)) {
    throw gridError(sheet, rangeA1({ row: ref.row, col: ref.col, numRows: rows, numCols: cols }));
  }
  const area: GridRef = { row: ref.row, col: ref.col, numRows: Math.max(rows, 1), numCols: Math.max(cols, 1) };
  if (rows && cols && !canEditRange(env.workbook, sheet, area, env.runAs)) {
    throw new RestError(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
  }
  const formats = sheet.numberFormats.isEmpty ? null : sheet.numberFormats;
  const touchedCols = new Set<number>();
  let updatedRows = 0;
  let updatedCells = 0;
  const cells = values.map((row, i) => {
    let touched = false;
    const out = row.map((v, j): ParsedInput | null => {
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return null; // JSON null: skip the cell
      touched = true;
      touchedCols.add(j);
      updatedCells++;
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
        throw new RestError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
      }
      if (option === 'RAW') return { kind: 'value', value: v as string | number | boolean };
      return parseInput(v, formats?.get(ref.row + i, ref.col + j), env.workbook.timeZone);
    });
    if (touched) updatedRows++;
    return out;
  });
  const a1 = rows && cols ? `${quoteSheetName(sheet.name)}!${rangeA1(area)}` : t.a1;
  return { sheet, row: ref.row, col: ref.col, cells, a1, rows, cols, updatedRows, updatedColumns: touchedCols.size, updatedCells };
}

/** The URL Apps Script sends for values.batchGet: every argument a query parameter, `ranges` repeated. */
export function batchGetUrl(spreadsheetId: string, args: Record<string, unknown>): string {
  const params: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) params.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
  }
  return `https://sheets.googleapis.com/v4/spreadsheets/${encodeURIComponent(spreadsheetId)}/values:batchGet?${params.join('&')}`;
}

const FILTER_FIELDS = ['a1Range', 'gridRange', 'developerMetadataLookup'];
const BY_FILTER_FIELDS = ['dataFilters', 'majorDimension', 'valueRenderOption', 'dateTimeRenderOption'];

function unknownField(name: string, where: string): RestError {
  return new RestError(`Invalid JSON payload received. Unknown name "${name}"${where ? ` at '${where}'` : ''}: Cannot find field.`);
}

/** The a1Range of each DataFilter; the other kinds of filter (grid ranges, developer metadata) are not modelled. */
function filterRanges(resource: unknown): string[] {
  if (resource === null || typeof resource !== 'object' || Array.isArray(resource))
    throw new RestError('Invalid JSON payload received. Expected an object.');
  const req = resource as Record<string, unknown>;
  for (const k of Object.keys(req)) if (!BY_FILTER_FIELDS.includes(k)) throw unknownField(k, '');
  const filters = req.dataFilters === undefined || req.dataFilters === null ? [] : req.dataFilters;
  if (!Array.isArray(filters)) throw new RestError('Invalid JSON payload received. Expected a list for dataFilters.');
  return filters.map((f: unknown, i) => {
    if (f === null || typeof f !== 'object' || Array.isArray(f))
      throw new RestError(`Invalid JSON payload received. Expected an object for dataFilters[${i}].`);
    const filter = f as Record<string, unknown>;
    for (const k of Object.keys(filter)) if (!FILTER_FIELDS.includes(k)) throw unknownField(k, `data_filters[${i}]`);
    const set = FILTER_FIELDS.filter((k) => filter[k] !== undefined && filter[k] !== null);
    if (set.length > 1)
      throw new RestError(`Invalid dataFilters[${i}]: a DataFilter sets only one of ${FILTER_FIELDS.join(', ')} (got ${set.join(', ')})`);
    if (set.length === 0) throw new RestError(`Invalid dataFilters[${i}]: a DataFilter needs one of ${FILTER_FIELDS.join(', ')}`);
    if (set[0] !== 'a1Range')
      throw new RestError(`dataFilters[${i}]: ${set[0]} is not supported by the local runtime (supported: a1Range)`);
    if (typeof filter.a1Range !== 'string')
      throw new RestError(`Invalid value at 'data_filters[${i}].a1_range' (TYPE_STRING), ${JSON.stringify(filter.a1Range)}`);
    return filter.a1Range;
  });
}

/** Runs one REST call against the open spreadsheet, turning its failures into GoogleJsonResponseExceptions. */
function runRest<T>(env: Env, method: string, spreadsheetId: unknown, body: () => T): T {
  try {
    if (typeof spreadsheetId !== 'string' || spreadsheetId !== env.workbook.id) throw new RestError('Requested entity was not found.');
    return body();
  } catch (e) {
    if (e instanceof RestError || (e instanceof GasError && !(e instanceof ApiError))) throw new ApiError(method, e.message);
    throw e;
  }
}

export class EmuValuesCollection extends Service {
  constructor(private readonly env: Env) {
    super();
  }

  private _run<T>(method: string, spreadsheetId: unknown, body: () => T): T {
    return runRest(this.env, `sheets.spreadsheets.values.${method}`, spreadsheetId, body);
  }

  batchGet(spreadsheetId: string, optionalArgs?: object): { spreadsheetId: string; valueRanges?: ValueRange[] } {
    return this._run('batchGet', spreadsheetId, () => {
      const args = (optionalArgs ?? {}) as Record<string, unknown>;
      const o = readOptions(args);
      const ranges = args.ranges === undefined || args.ranges === null ? [] : Array.isArray(args.ranges) ? args.ranges : [args.ranges];
      if (process.env.DEBUG_SHEETS_API) console.log('batchGet', ranges.join(' ').slice(0, 500));
      // Refused before anything is read, as a front end refuses the URL before the API sees it.
      const url = batchGetUrl(spreadsheetId, args).length;
      if (url > MAX_URL_CHARS) {
        throw new RestError(
          `Request URL too long: ${url} characters (the local runtime assumes Google refuses more than ${MAX_URL_CHARS}, HTTP 414). ` +
            'batchGet puts every range in its URL; read many ranges with values.batchGetByDataFilter (a POST) instead.',
        );
      }
      const targets = ranges.map((r) => resolveTarget(this.env.workbook, r));
      if (!targets.length) return { spreadsheetId };
      return { spreadsheetId, valueRanges: targets.map((t) => readValueRange(this.env, t, o)) };
    });
  }

  /**
   * The POST twin of batchGet for a1Range filters: same parsing, clipping, rendering, errors and cost
   * (one round trip, the cells of every range). One MatchedValueRange per filter, in request order,
   * each echoing its filter (the API does not promise the order: callers match by the filter).
   */
  batchGetByDataFilter(resource: object, spreadsheetId: string): { spreadsheetId: string; valueRanges?: MatchedValueRange[] } {
    return this._run('batchGetByDataFilter', spreadsheetId, () => {
      const ranges = filterRanges(resource);
      const o = readOptions(resource as Record<string, unknown>);
      if (process.env.DEBUG_SHEETS_API) console.log('batchGetByDataFilter', ranges.join(' ').slice(0, 500));
      const targets = ranges.map((r) => resolveTarget(this.env.workbook, r));
      if (!targets.length) return { spreadsheetId };
      return {
        spreadsheetId,
        valueRanges: targets.map((t, i) => ({ valueRange: readValueRange(this.env, t, o), dataFilters: [{ a1Range: ranges[i] }] })),
      };
    });
  }

  get(spreadsheetId: string, range: string, optionalArgs?: object): ValueRange {
    return this._run('get', spreadsheetId, () => {
      const o = readOptions((optionalArgs ?? {}) as Record<string, unknown>);
      return readValueRange(this.env, resolveTarget(this.env.workbook, range), o);
    });
  }

  batchUpdate(resource: object, spreadsheetId: string): object {
    return this._run('batchUpdate', spreadsheetId, () => {
      const req = (resource ?? {}) as { valueInputOption?: unknown; data?: unknown; includeValuesInResponse?: unknown } & Record<
        string,
        unknown
      >;
      if (req.valueInputOption === undefined || req.valueInputOption === null)
        throw new RestError("'valueInputOption' is required but not specified");
      const option = enumArg(req.valueInputOption, INPUT_OPTIONS, 'RAW', 'value_input_option', 'ValueInputOption');
      const data = req.data === undefined || req.data === null ? [] : req.data;
      if (!Array.isArray(data))
        throw new RestError('Invalid JSON payload received. Unknown name "data": Proto field is not repeating, cannot start list.');
      if (process.env.DEBUG_SHEETS_API)
        console.log(
          'batchUpdate',
          data
            .map((d: { range?: unknown }) => d.range)
            .join(' ')
            .slice(0, 500),
        );
      const responseRead = readOptions(req, 'response');
      const plans = data.map((entry, i) => {
        try {
          return planWrite(this.env, entry, option);
        } catch (e) {
          if (e instanceof RestError || e instanceof GasError) throw new RestError(`Invalid data[${i}]: ${e.message}`);
          throw e;
        }
      });
      for (const p of plans) {
        writeBlock(p.sheet, p.row, p.col, p.cells);
        this.env.instrument.cellsWritten(p.rows * p.cols);
      }
      const responses = plans.map((p) => {
        const r: Record<string, unknown> = {
          spreadsheetId,
          updatedRange: p.a1,
          updatedRows: p.updatedRows,
          updatedColumns: p.updatedColumns,
          updatedCells: p.updatedCells,
        };
        if (req.includeValuesInResponse === true)
          r.updatedData = readValueRange(this.env, resolveTarget(this.env.workbook, p.a1), responseRead);
        return r;
      });
      const sum = (k: 'updatedRows' | 'updatedColumns' | 'updatedCells'): number => plans.reduce((n, p) => n + p[k], 0);
      return {
        spreadsheetId,
        totalUpdatedRows: sum('updatedRows'),
        totalUpdatedColumns: sum('updatedColumns'),
        totalUpdatedCells: sum('updatedCells'),
        totalUpdatedSheets: new Set(plans.filter((p) => p.updatedCells > 0).map((p) => p.sheet)).size,
        responses,
      };
    });
  }
}

export class EmuSpreadsheetsCollection extends Service {
  private readonly values: EmuValuesCollection;
  constructor(private readonly env: Env) {
    super();
    this.values = new EmuValuesCollection(env);
  }
  get Values(): EmuValuesCollection {
    return this.values;
  }

  /** Applies requests in order, atomically (see sheetsBatch.ts): one round trip plus the cells of the ranges written. */
  batchUpdate(resource: object, spreadsheetId: string): object {
    return runRest(this.env, 'sheets.spreadsheets.batchUpdate', spreadsheetId, () => batchUpdateSpreadsheet(this.env, resource));
  }

  /** Metadata only (no grid data): properties, sheets' properties and protected ranges, filtered by `fields`. */
  get(spreadsheetId: string, optionalArgs?: object): object {
    return runRest(this.env, 'sheets.spreadsheets.get', spreadsheetId, () => getSpreadsheet(this.env, optionalArgs));
  }
}

/** The `Sheets` global (userSymbol from the manifest). */
export class EmuSheetsAdvanced extends Service {
  private readonly spreadsheets: EmuSpreadsheetsCollection;
  constructor(env: Env) {
    super();
    this.spreadsheets = new EmuSpreadsheetsCollection(env);
  }
  get Spreadsheets(): EmuSpreadsheetsCollection {
    return this.spreadsheets;
  }
}

registerService(EmuValuesCollection, 'Sheets.Spreadsheets.Values');
registerService(EmuSpreadsheetsCollection, 'Sheets.Spreadsheets');
registerService(EmuSheetsAdvanced, 'Sheets', { allLocal: true });
conforms<EmuValuesCollection, GoogleAppsScript.Sheets.Collection.Spreadsheets.ValuesCollection>(true);
conforms<EmuSpreadsheetsCollection, GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection>(true);
conforms<EmuSheetsAdvanced, GoogleAppsScript.Sheets>(true);
