/**
 * Sheets API v4 spreadsheet-level calls: Spreadsheets.batchUpdate (the subset of Request kinds the
 * bundle uses) and Spreadsheets.get (metadata only: properties, sheets' properties and protected
 * ranges, filtered by a `fields` mask). Results land in the same model objects SpreadsheetApp uses
 * (sheets, protections, validations, formats), so SpreadsheetApp reads see them.
 *
 * batchUpdate applies its requests in order and atomically: when one fails, every sheet it touched
 * is restored and the call throws "Invalid requests[i].<kind>: ..." (nothing changed, no cells
 * counted). Cells written: the cells of the ranges repeatCell / setDataValidation / updateCells
 * cover, as SpreadsheetApp counts setNumberFormats or setDataValidations over the same ranges.
 */
import { Env } from '../env';
import { GasError } from '../errors';
import { GridRef, parseA1, resolveA1 } from '../model/a1';
import { SheetModel, StyleKey } from '../model/sheetModel';
import { ChartSpec, CriteriaArg, ProtectionSpec, ValidationSpec } from '../model/specs';
import { Workbook } from '../model/workbook';
import { canEditRange } from '../spreadsheet/guards';
import { writeBlock } from '../spreadsheet/cellWriter';
import { spreadsheetUrl } from '../spreadsheet/spreadsheet';

/** A REST failure inside one call; turned into an ApiError naming the REST method. */
export class RestError extends Error {}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown, what: string): Json => {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) throw new RestError(`Invalid value at '${what}': expected an object`);
  return v;
};
const int = (v: unknown, what: string, fallback: number): number => {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new RestError(`Invalid value at '${what}' (TYPE_INT32), ${JSON.stringify(v)}`);
  return v;
};

// ---------------------------------------------------------------------------------------------
// Field masks ("a,b(c,d.e),f.g") as a tree; '*' selects everything.

export type Mask = Map<string, Mask>;

export function parseMask(text: string): Mask {
  const root: Mask = new Map();
  let i = 0;
  const s = text.replace(/\s+/g, '');
  const list = (into: Mask): void => {
    for (;;) {
      const start = i;
      while (i < s.length && /[A-Za-z0-9_*.]/.test(s[i])) i++;
      const path = s.slice(start, i);
      if (!path) throw new RestError(`Invalid field mask: ${text}`);
      let node = into;
      for (const part of path.split('.')) {
        if (!part) throw new RestError(`Invalid field mask: ${text}`);
        if (!node.has(part)) node.set(part, new Map());
        node = node.get(part) as Mask;
      }
      if (s[i] === '(') {
        i++;
        list(node);
        if (s[i] !== ')') throw new RestError(`Invalid field mask: ${text}`);
        i++;
      }
      if (s[i] === ',') {
        i++;
        continue;
      }
      return;
    }
  };
  if (!s) throw new RestError("At least one field must be updated, but 'fields' is empty.");
  list(root);
  if (i !== s.length) throw new RestError(`Invalid field mask: ${text}`);
  return root;
}

/** The sub-mask at `path`: everything (empty map) when an ancestor or '*' is selected; null when not selected. */
function sub(mask: Mask, path: string): Mask | null {
  let node: Mask = mask;
  for (const part of path.split('.')) {
    if (node.size === 0 || node.has('*')) return new Map();
    const next = node.get(part);
    if (!next) return null;
    node = next;
  }
  return node;
}
const selects = (mask: Mask, path: string): boolean => sub(mask, path) !== null;

/** Throws on a selected field the emulator does not model (instead of silently ignoring it). */
function onlyFields(mask: Mask, supported: readonly string[], where: string, prefix = ''): void {
  for (const [k, child] of mask) {
    if (k === '*') continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (supported.includes(path)) continue;
    if (child.size && supported.some((p) => p.startsWith(`${path}.`))) {
      onlyFields(child, supported, where, path);
      continue;
    }
    if (!child.size && supported.some((p) => p.startsWith(`${path}.`))) continue; // a parent: its modelled children
    throw new RestError(`${where}: field '${path}' is not supported by the local runtime (supported: ${supported.join(', ')})`);
  }
}

function project(value: unknown, mask: Mask): unknown {
  if (mask.size === 0 || mask.has('*')) return value;
  if (Array.isArray(value)) return value.map((v) => project(v, mask));
  if (!isObj(value)) return value;
  const out: Json = {};
  for (const [k, child] of mask) if (value[k] !== undefined) out[k] = project(value[k], child);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Model <-> REST shapes

function gridProperties(s: SheetModel): Json {
  const g: Json = { rowCount: s.maxRows, columnCount: s.maxColumns };
  if (s.frozenRows) g.frozenRowCount = s.frozenRows;
  if (s.frozenColumns) g.frozenColumnCount = s.frozenColumns;
  return g;
}

function sheetProperties(wb: Workbook, s: SheetModel): Json {
  const p: Json = { sheetId: s.id, title: s.name, index: wb.sheets.indexOf(s), sheetType: 'GRID', gridProperties: gridProperties(s) };
  if (s.hidden) p.hidden = true;
  return p;
}

function gridRangeJson(sheetId: number, r: GridRef): Json {
  return {
    sheetId,
    startRowIndex: r.row - 1,
    endRowIndex: r.row - 1 + r.numRows,
    startColumnIndex: r.col - 1,
    endColumnIndex: r.col - 1 + r.numCols,
  };
}

function protectionJson(p: ProtectionSpec, user: string, owner: string): Json {
  const out: Json = {
    protectedRangeId: p.id,
    range: p.range ? gridRangeJson(p.sheetId, p.range) : { sheetId: p.sheetId },
  };
  if (p.description) out.description = p.description;
  if (p.warningOnly) out.warningOnly = true;
  const canEdit = user === owner || p.editors.includes(user);
  out.requestingUserCanEdit = canEdit || p.warningOnly;
  if (canEdit) out.editors = p.domainEdit ? { users: [...p.editors], domainUsersCanEdit: true } : { users: [...p.editors] };
  if (p.unprotected.length) out.unprotectedRanges = p.unprotected.map((u) => gridRangeJson(p.sheetId, u));
  return out;
}

/** Sheets API chart types of the Charts.ChartType names the emulator stores (others: basicChart COMBO is not modelled). */
const BASIC_CHART_TYPES: Record<string, string> = { COLUMN: 'COLUMN', BAR: 'BAR', LINE: 'LINE', AREA: 'AREA', SCATTER: 'SCATTER' };

/**
 * An embedded chart as Spreadsheets.get lists it: its ID, title and type (pieChart, or basicChart
 * with its chartType) and its overlay position. Series, domains and styling are not modelled, so a
 * mask asking for them gets nothing (read ranges with Sheet.getCharts when needed).
 */
function chartJson(sheetId: number, c: ChartSpec): Json {
  const spec: Json = {};
  if (typeof c.options.title === 'string') spec.title = c.options.title;
  if (c.chartType === 'PIE') spec.pieChart = {};
  else if (BASIC_CHART_TYPES[c.chartType]) spec.basicChart = { chartType: BASIC_CHART_TYPES[c.chartType] };
  const overlay: Json = { anchorCell: { sheetId, rowIndex: c.position.row - 1, columnIndex: c.position.column - 1 } };
  if (c.position.offsetX) overlay.offsetXPixels = c.position.offsetX;
  if (c.position.offsetY) overlay.offsetYPixels = c.position.offsetY;
  if (typeof c.options.width === 'number') overlay.widthPixels = c.options.width;
  if (typeof c.options.height === 'number') overlay.heightPixels = c.options.height;
  return { chartId: c.id, spec, position: { overlayPosition: overlay } };
}

/** The spreadsheet as Spreadsheets.get returns it without grid data. */
export function spreadsheetJson(env: Env): Json {
  const wb = env.workbook;
  return {
    spreadsheetId: wb.id,
    properties: { title: wb.name, locale: wb.locale, timeZone: wb.timeZone, autoRecalc: 'ON_CHANGE' },
    sheets: wb.sheets.map((s) => {
      const out: Json = { properties: sheetProperties(wb, s) };
      if (s.protections.length) out.protectedRanges = s.protections.map((p) => protectionJson(p, env.runAs, wb.owner));
      if (s.charts.length) out.charts = s.charts.map((c) => chartJson(s.id, c));
      return out;
    }),
    spreadsheetUrl: spreadsheetUrl(wb.id),
  };
}

export function getSpreadsheet(env: Env, optionalArgs: unknown): Json {
  const args = obj(optionalArgs, 'optionalArgs');
  const ranges = args.ranges;
  if (args.includeGridData === true || (ranges !== undefined && ranges !== null && (!Array.isArray(ranges) || ranges.length))) {
    throw new RestError(
      "includeGridData / ranges: grid data is not supported by the local runtime's Spreadsheets.get (read values with Values.batchGet)",
    );
  }
  const full = spreadsheetJson(env);
  if (args.fields === undefined || args.fields === null) return full;
  if (typeof args.fields !== 'string') throw new RestError('Invalid value for fields');
  return project(full, parseMask(args.fields)) as Json;
}

// ---------------------------------------------------------------------------------------------
// batchUpdate

/** Sheets touched by a batch, snapshotted before their first change so a failure restores them. */
class Transaction {
  private readonly sheets: SheetModel[];
  private readonly snaps = new Map<SheetModel, SheetModel>();
  private readonly counters: { nextSheetId: number; nextObjectId: number };
  private readonly active: number;
  constructor(private readonly wb: Workbook) {
    this.sheets = [...wb.sheets];
    this.counters = wb.counters;
    this.active = wb.activeSheetId;
  }
  touch(s: SheetModel): SheetModel {
    if (!this.snaps.has(s) && this.sheets.includes(s)) this.snaps.set(s, s.clone(s.id, s.name));
    return s;
  }
  /** Before rows/columns of `s` are inserted or deleted: formulas on any tab may be rewritten too. */
  touchStructure(s: SheetModel): SheetModel {
    for (const other of this.wb.sheets) if (!other.formulas.isEmpty) this.touch(other);
    return this.touch(s);
  }
  rollback(): void {
    for (const [s, snap] of this.snaps) Object.assign(s, snap);
    this.wb.sheets = this.sheets;
    this.wb.activeSheetId = this.active;
    this.wb.resetCounters(this.counters);
  }
}

interface Ctx {
  env: Env;
  wb: Workbook;
  tx: Transaction;
  cells: number;
}

function sheetById(ctx: Ctx, id: unknown): SheetModel {
  const sheetId = int(id, 'sheetId', 0);
  const s = ctx.wb.getSheetById(sheetId);
  if (!s) throw new RestError(`No grid with id: ${sheetId}`);
  return s;
}

/** A GridRange resolved against its sheet (unbounded ends run to the grid's edge). */
function resolveRange(ctx: Ctx, raw: unknown, what = 'range'): { sheet: SheetModel; ref: GridRef; bounded: boolean } {
  const r = obj(raw, what);
  const sheet = sheetById(ctx, r.sheetId);
  const r0 = int(r.startRowIndex, `${what}.startRowIndex`, 0);
  const r1 = int(r.endRowIndex, `${what}.endRowIndex`, sheet.maxRows);
  const c0 = int(r.startColumnIndex, `${what}.startColumnIndex`, 0);
  const c1 = int(r.endColumnIndex, `${what}.endColumnIndex`, sheet.maxColumns);
  if (r0 < 0 || c0 < 0 || r1 < r0 || c1 < c0)
    throw new RestError(`Invalid ${what}: start index must be non-negative and not after the end index`);
  if (r1 > sheet.maxRows || c1 > sheet.maxColumns) {
    throw new RestError(
      `Range ('${sheet.name}'!R${r0 + 1}C${c0 + 1}:R${r1}C${c1}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
    );
  }
  const bounded = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'].some((k) => r[k] !== undefined && r[k] !== null);
  return { sheet, ref: { row: r0 + 1, col: c0 + 1, numRows: r1 - r0, numCols: c1 - c0 }, bounded };
}

function assertEditable(ctx: Ctx, sheet: SheetModel, ref: GridRef): void {
  if (ref.numRows && ref.numCols && !canEditRange(ctx.wb, sheet, ref, ctx.env.runAs)) {
    throw new RestError(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
  }
}

// ---- data validation rules

/** REST condition types and the SpreadsheetApp criteria they are (same stored rule either way). */
const CONDITIONS: Record<
  string,
  { criteria: string; values: [number, number]; kind: 'none' | 'number' | 'text' | 'list' | 'range' | 'bool' }
> = {
  ONE_OF_LIST: { criteria: 'VALUE_IN_LIST', values: [1, 500], kind: 'list' },
  ONE_OF_RANGE: { criteria: 'VALUE_IN_RANGE', values: [1, 1], kind: 'range' },
  BOOLEAN: { criteria: 'CHECKBOX', values: [0, 2], kind: 'bool' },
  DATE_IS_VALID: { criteria: 'DATE_IS_VALID_DATE', values: [0, 0], kind: 'none' },
  TEXT_IS_EMAIL: { criteria: 'TEXT_IS_VALID_EMAIL', values: [0, 0], kind: 'none' },
  TEXT_IS_URL: { criteria: 'TEXT_IS_VALID_URL', values: [0, 0], kind: 'none' },
  TEXT_CONTAINS: { criteria: 'TEXT_CONTAINS', values: [1, 1], kind: 'text' },
  TEXT_NOT_CONTAINS: { criteria: 'TEXT_DOES_NOT_CONTAIN', values: [1, 1], kind: 'text' },
  TEXT_EQ: { criteria: 'TEXT_EQUAL_TO', values: [1, 1], kind: 'text' },
  CUSTOM_FORMULA: { criteria: 'CUSTOM_FORMULA', values: [1, 1], kind: 'text' },
  NUMBER_BETWEEN: { criteria: 'NUMBER_BETWEEN', values: [2, 2], kind: 'number' },
  NUMBER_NOT_BETWEEN: { criteria: 'NUMBER_NOT_BETWEEN', values: [2, 2], kind: 'number' },
  NUMBER_EQ: { criteria: 'NUMBER_EQUAL_TO', values: [1, 1], kind: 'number' },
  NUMBER_NOT_EQ: { criteria: 'NUMBER_NOT_EQUAL_TO', values: [1, 1], kind: 'number' },
  NUMBER_GREATER: { criteria: 'NUMBER_GREATER_THAN', values: [1, 1], kind: 'number' },
  NUMBER_GREATER_THAN_EQ: { criteria: 'NUMBER_GREATER_THAN_OR_EQUAL_TO', values: [1, 1], kind: 'number' },
  NUMBER_LESS: { criteria: 'NUMBER_LESS_THAN', values: [1, 1], kind: 'number' },
  NUMBER_LESS_THAN_EQ: { criteria: 'NUMBER_LESS_THAN_OR_EQUAL_TO', values: [1, 1], kind: 'number' },
};

function ruleSpec(ctx: Ctx, raw: unknown): ValidationSpec {
  const rule = obj(raw, 'rule');
  const cond = obj(rule.condition, 'rule.condition');
  const type = String(cond.type ?? '');
  const def = CONDITIONS[type];
  if (!def)
    throw new RestError(
      `Invalid ConditionType ${JSON.stringify(cond.type)} for data validation (the local runtime supports ${Object.keys(CONDITIONS).join(', ')})`,
    );
  const values = (cond.values ?? []) as unknown[];
  if (!Array.isArray(values)) throw new RestError('Invalid rule.condition.values');
  const texts = values.map((v, i) => {
    const x = obj(v, `rule.condition.values[${i}]`);
    if (typeof x.userEnteredValue !== 'string')
      throw new RestError(`Invalid rule.condition.values[${i}]: userEnteredValue is required (relativeDate is not supported)`);
    return x.userEnteredValue;
  });
  if (texts.length < def.values[0] || texts.length > def.values[1]) {
    throw new RestError(
      `Invalid data validation rule: condition ${type} takes ${def.values[0] === def.values[1] ? def.values[0] : `${def.values[0]} to ${def.values[1]}`} values, got ${texts.length}`,
    );
  }
  const showDropdown = rule.showCustomUi === true;
  let args: CriteriaArg[];
  switch (def.kind) {
    case 'none':
      args = [];
      break;
    case 'text':
      args = texts;
      break;
    case 'bool':
      args = texts;
      break;
    case 'number':
      args = texts.map((t) => {
        const n = Number(t);
        if (t.trim() === '' || !Number.isFinite(n))
          throw new RestError(`Invalid data validation rule: ${type} needs numbers, got ${JSON.stringify(t)}`);
        return n;
      });
      break;
    case 'list':
      args = [texts, showDropdown];
      break;
    case 'range': {
      const a1 = parseA1(texts[0].replace(/^=/, ''));
      const sheet = a1 && (a1.sheetName === null ? ctx.wb.sheets[0] : ctx.wb.getSheet(a1.sheetName));
      if (!a1 || !sheet)
        throw new RestError(
          `Invalid data validation rule: ONE_OF_RANGE needs a range such as =Sheet1!A1:A10, got ${JSON.stringify(texts[0])}`,
        );
      args = [{ sheetId: sheet.id, ...resolveA1(a1, sheet.maxRows, sheet.maxColumns) }, showDropdown];
      break;
    }
  }
  const msg = rule.inputMessage;
  return { criteria: def.criteria, args, allowInvalid: rule.strict !== true, helpText: typeof msg === 'string' && msg ? msg : null };
}

// ---- cell data (repeatCell / updateCells)

const CELL_FIELDS = [
  'userEnteredValue',
  'note',
  'dataValidation',
  'userEnteredFormat.numberFormat',
  'userEnteredFormat.backgroundColor',
  'userEnteredFormat.backgroundColorStyle',
  'userEnteredFormat.textFormat.bold',
  'userEnteredFormat.textFormat.italic',
  'userEnteredFormat.textFormat.fontSize',
  'userEnteredFormat.textFormat.fontFamily',
  'userEnteredFormat.textFormat.foregroundColor',
  'userEnteredFormat.textFormat.foregroundColorStyle',
  'userEnteredFormat.horizontalAlignment',
  'userEnteredFormat.wrapStrategy',
];
const NUMBER_FORMAT_TYPES = ['TEXT', 'NUMBER', 'PERCENT', 'CURRENCY', 'DATE', 'TIME', 'DATE_TIME', 'SCIENTIFIC'];
const H_ALIGN: Record<string, string> = { LEFT: 'left', CENTER: 'center', RIGHT: 'right' };

function colorHex(c: unknown): string | undefined {
  if (!isObj(c)) return undefined;
  const ch = (v: unknown) =>
    Math.max(0, Math.min(255, Math.round((typeof v === 'number' ? v : 0) * 255)))
      .toString(16)
      .padStart(2, '0');
  return `#${ch(c.red)}${ch(c.green)}${ch(c.blue)}`;
}

type CellOp = (s: SheetModel, r: number, c: number) => void;

/** Compiles one CellData under a field mask into a per-cell operation (validated once, up front). */
function compileCell(ctx: Ctx, rawCell: unknown, mask: Mask, where: string): { op: CellOp; writesValue: boolean } {
  const cell = obj(rawCell, 'cell');
  const fmt = obj(cell.userEnteredFormat, 'cell.userEnteredFormat');
  const text = obj(fmt.textFormat, 'cell.userEnteredFormat.textFormat');
  const ops: CellOp[] = [];
  // The whole userEnteredFormat selected replaces the cell's format: every layer is reset first,
  // modelled or not (vertical alignment, wrap), then the fields given are set.
  const whole = sub(mask, 'userEnteredFormat');
  if (whole !== null && whole.size === 0) {
    ops.push((s, r, c) => {
      s.numberFormats.set(r, c, undefined);
      s.backgrounds.set(r, c, undefined);
      for (const g of s.styles.values()) g.set(r, c, undefined);
    });
  }
  const style = (key: StyleKey, path: string, value: string | number | boolean | undefined) => {
    if (selects(mask, path)) ops.push((s, r, c) => s.style(key).set(r, c, value));
  };
  if (selects(mask, 'userEnteredFormat.numberFormat')) {
    const nf = fmt.numberFormat === undefined ? undefined : obj(fmt.numberFormat, 'numberFormat');
    if (nf && !NUMBER_FORMAT_TYPES.includes(String(nf.type)))
      throw new RestError(`${where}: numberFormat.type must be one of ${NUMBER_FORMAT_TYPES.join(', ')}, got ${JSON.stringify(nf.type)}`);
    const pattern = nf && typeof nf.pattern === 'string' && nf.pattern ? nf.pattern : undefined;
    ops.push((s, r, c) => s.numberFormats.set(r, c, pattern));
  }
  if (selects(mask, 'userEnteredFormat.backgroundColor') || selects(mask, 'userEnteredFormat.backgroundColorStyle')) {
    const style = obj(fmt.backgroundColorStyle, 'backgroundColorStyle');
    const hex = colorHex(style.rgbColor) ?? colorHex(fmt.backgroundColor);
    ops.push((s, r, c) => s.backgrounds.set(r, c, hex === '#ffffff' ? undefined : hex));
  }
  style('fontWeight', 'userEnteredFormat.textFormat.bold', text.bold === true ? 'bold' : undefined);
  style('fontStyle', 'userEnteredFormat.textFormat.italic', text.italic === true ? 'italic' : undefined);
  style(
    'fontSize',
    'userEnteredFormat.textFormat.fontSize',
    typeof text.fontSize === 'number' && text.fontSize !== 10 ? text.fontSize : undefined,
  );
  style(
    'fontFamily',
    'userEnteredFormat.textFormat.fontFamily',
    typeof text.fontFamily === 'string' && text.fontFamily !== 'Arial' ? text.fontFamily : undefined,
  );
  if (selects(mask, 'userEnteredFormat.textFormat.foregroundColor') || selects(mask, 'userEnteredFormat.textFormat.foregroundColorStyle')) {
    // foregroundColorStyle wins over the deprecated foregroundColor, as for backgrounds; black is the default (stored as unset).
    const fg = obj(text.foregroundColorStyle, 'foregroundColorStyle');
    const hex = colorHex(fg.rgbColor) ?? colorHex(text.foregroundColor);
    ops.push((s, r, c) => s.style('fontColor').set(r, c, hex === '#000000' ? undefined : hex));
  }
  style('hAlign', 'userEnteredFormat.horizontalAlignment', H_ALIGN[String(fmt.horizontalAlignment)]);
  style(
    'wrapStrategy',
    'userEnteredFormat.wrapStrategy',
    fmt.wrapStrategy === 'WRAP' || fmt.wrapStrategy === 'CLIP' ? String(fmt.wrapStrategy) : undefined,
  );
  if (selects(mask, 'note')) {
    const note = typeof cell.note === 'string' && cell.note ? cell.note : undefined;
    ops.push((s, r, c) => s.notes.set(r, c, note));
  }
  if (selects(mask, 'dataValidation')) {
    const spec = cell.dataValidation === undefined || cell.dataValidation === null ? undefined : ruleSpec(ctx, cell.dataValidation);
    ops.push((s, r, c) => s.validations.set(r, c, spec));
  }
  let writesValue = false;
  if (selects(mask, 'userEnteredValue')) {
    writesValue = true;
    const v = obj(cell.userEnteredValue, 'userEnteredValue');
    const keys = Object.keys(v).filter((k) => v[k] !== undefined && v[k] !== null);
    if (keys.length > 1) throw new RestError(`${where}: userEnteredValue sets more than one of ${keys.join(', ')}`);
    const k = keys[0];
    let parsed: Parameters<typeof writeBlock>[3][0][0];
    if (k === undefined) parsed = { kind: 'value', value: '' };
    else if (k === 'stringValue' && typeof v.stringValue === 'string') parsed = { kind: 'value', value: v.stringValue };
    else if (k === 'numberValue' && typeof v.numberValue === 'number' && Number.isFinite(v.numberValue))
      parsed = { kind: 'value', value: v.numberValue };
    else if (k === 'boolValue' && typeof v.boolValue === 'boolean') parsed = { kind: 'value', value: v.boolValue };
    else if (k === 'formulaValue' && typeof v.formulaValue === 'string' && v.formulaValue.startsWith('='))
      parsed = { kind: 'formula', formula: v.formulaValue };
    else throw new RestError(`${where}: invalid userEnteredValue ${JSON.stringify(v)}`);
    const p = parsed;
    ops.push((s, r, c) => writeBlock(s, r, c, [[p]]));
  }
  return {
    op: (s, r, c) => {
      for (const o of ops) o(s, r, c);
    },
    writesValue,
  };
}

function cellMask(ctx: Ctx, fields: unknown, where: string): Mask {
  if (typeof fields !== 'string') throw new RestError(`${where}: 'fields' is required`);
  const mask = parseMask(fields);
  onlyFields(mask, CELL_FIELDS, where);
  void ctx;
  return mask;
}

// ---- charts (addChart)

const LEGENDS: Record<string, string> = {
  BOTTOM_LEGEND: 'bottom',
  TOP_LEGEND: 'top',
  LEFT_LEGEND: 'left',
  RIGHT_LEGEND: 'right',
  NO_LEGEND: 'none',
  INSIDE_LEGEND: 'in',
};

/** The GridRanges of a ChartData's sourceRange. */
function chartSources(ctx: Ctx, raw: unknown, what: string): { sheet: SheetModel; ref: GridRef }[] {
  const data = obj(raw, what);
  const sources = obj(data.sourceRange, `${what}.sourceRange`).sources ?? [];
  if (!Array.isArray(sources) || !sources.length) throw new RestError(`${what}.sourceRange.sources must list at least one range`);
  return sources.map((r, i) => resolveRange(ctx, r, `${what}.sourceRange.sources[${i}]`));
}

/**
 * An EmbeddedChart (pieChart or basicChart COLUMN/BAR/LINE/AREA/SCATTER, an overlay position) as
 * the model's chart: the domain's and series' ranges in order, side-by-side columns of the same
 * rows joined into one range (as a builder's addRange of the block would hold them); title, legend
 * position and the overlay's size as the options SpreadsheetApp's builder sets. A pie has no header
 * count in the API: Sheets guesses, which the model holds as -1 (as a builder that never set it).
 */
function chartSpecOf(ctx: Ctx, chart: Json): { sheetId: number; chart: ChartSpec } {
  const spec = obj(chart.spec, 'chart.spec');
  const pie = spec.pieChart === undefined ? null : obj(spec.pieChart, 'spec.pieChart');
  const basic = spec.basicChart === undefined ? null : obj(spec.basicChart, 'spec.basicChart');
  if ((pie === null) === (basic === null))
    throw new RestError('addChart: the local runtime supports spec.pieChart or spec.basicChart, exactly one');
  const kind = basic ? String(basic.chartType ?? '') : 'PIE';
  if (basic && !BASIC_CHART_TYPES[kind])
    throw new RestError(
      `addChart: basicChart.chartType ${JSON.stringify(basic.chartType)} is not supported (${Object.keys(BASIC_CHART_TYPES).join(', ')})`,
    );
  const body = (pie ?? basic) as Json;
  const parts: { sheet: SheetModel; ref: GridRef }[] = [];
  if (pie) parts.push(...chartSources(ctx, pie.domain, 'pieChart.domain'), ...chartSources(ctx, pie.series, 'pieChart.series'));
  else {
    const domains = (basic?.domains ?? []) as unknown[];
    const series = (basic?.series ?? []) as unknown[];
    if (!Array.isArray(domains) || !Array.isArray(series)) throw new RestError('basicChart.domains and series must be lists');
    domains.forEach((d, i) => parts.push(...chartSources(ctx, obj(d, `domains[${i}]`).domain, `basicChart.domains[${i}].domain`)));
    series.forEach((d, i) => parts.push(...chartSources(ctx, obj(d, `series[${i}]`).series, `basicChart.series[${i}].series`)));
  }
  const ranges: ChartSpec['ranges'] = [];
  for (const { sheet, ref } of parts) {
    const last = ranges[ranges.length - 1];
    if (last && last.sheetId === sheet.id && last.row === ref.row && last.numRows === ref.numRows && last.col + last.numCols === ref.col)
      last.numCols += ref.numCols;
    else ranges.push({ sheetId: sheet.id, row: ref.row, col: ref.col, numRows: ref.numRows, numCols: ref.numCols });
  }
  const overlay = obj(obj(chart.position, 'chart.position').overlayPosition, 'position.overlayPosition');
  const anchor = obj(overlay.anchorCell, 'overlayPosition.anchorCell');
  const sheet = sheetById(ctx, anchor.sheetId);
  const row = int(anchor.rowIndex, 'anchorCell.rowIndex', 0) + 1;
  const column = int(anchor.columnIndex, 'anchorCell.columnIndex', 0) + 1;
  if (row > sheet.maxRows || column > sheet.maxColumns) throw new RestError(`addChart: anchorCell is outside the grid of '${sheet.name}'`);
  const options: Record<string, unknown> = {};
  if (typeof spec.title === 'string') options.title = spec.title;
  if (overlay.widthPixels !== undefined) options.width = int(overlay.widthPixels, 'widthPixels', 0);
  if (overlay.heightPixels !== undefined) options.height = int(overlay.heightPixels, 'heightPixels', 0);
  if (body.legendPosition !== undefined) {
    const legend = LEGENDS[String(body.legendPosition)];
    if (!legend) throw new RestError(`addChart: legendPosition ${JSON.stringify(body.legendPosition)} is not supported`);
    options.legend = { position: legend };
  }
  const headers = basic && basic.headerCount !== undefined ? int(basic.headerCount, 'basicChart.headerCount', 0) : -1;
  return {
    sheetId: sheet.id,
    chart: {
      id: ctx.wb.nextId(),
      chartType: kind,
      ranges,
      options,
      position: {
        row,
        column,
        offsetX: int(overlay.offsetXPixels, 'offsetXPixels', 0),
        offsetY: int(overlay.offsetYPixels, 'offsetYPixels', 0),
      },
      numHeaders: headers,
      transpose: false,
      hiddenDimensionStrategy: null,
      mergeStrategy: null,
    },
  };
}

// ---- the request kinds

type Handler = (ctx: Ctx, body: Json) => Json | undefined;

function protectionById(ctx: Ctx, id: unknown): { sheet: SheetModel; spec: ProtectionSpec } {
  const pid = int(id, 'protectedRangeId', 0);
  for (const sheet of ctx.wb.sheets) {
    const spec = sheet.protections.find((p) => p.id === pid);
    if (spec) return { sheet, spec };
  }
  throw new RestError(`No protected range with id: ${pid}`);
}

function mayModify(ctx: Ctx, spec: ProtectionSpec): void {
  if (ctx.env.runAs !== ctx.wb.owner && !spec.editors.includes(ctx.env.runAs)) {
    throw new RestError('You do not have permission to modify this protected range.');
  }
}

/** Editors as stored: the owner and the requesting user always keep access, as with Protection.removeEditors. */
function editorsOf(ctx: Ctx, users: unknown): string[] {
  if (users !== undefined && (!Array.isArray(users) || users.some((u) => typeof u !== 'string')))
    throw new RestError('Invalid editors.users');
  return [...new Set([ctx.wb.owner, ctx.env.runAs, ...((users ?? []) as string[])].filter(Boolean))];
}

function unprotectedOf(ctx: Ctx, sheet: SheetModel, raw: unknown): GridRef[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new RestError('Invalid unprotectedRanges');
  return raw.map((u, i) => {
    const r = resolveRange(ctx, u, `unprotectedRanges[${i}]`);
    if (r.sheet !== sheet) throw new RestError('Unprotected ranges must be on the protected sheet');
    return r.ref;
  });
}

function applySheetProperties(ctx: Ctx, sheet: SheetModel, p: Json, mask: Mask, where: string): void {
  onlyFields(
    mask,
    [
      'title',
      'index',
      'hidden',
      'gridProperties.rowCount',
      'gridProperties.columnCount',
      'gridProperties.frozenRowCount',
      'gridProperties.frozenColumnCount',
    ],
    where,
  );
  const g = obj(p.gridProperties, 'properties.gridProperties');
  const wb = ctx.wb;
  ctx.tx.touch(sheet);
  if (selects(mask, 'title')) {
    const title = typeof p.title === 'string' ? p.title : '';
    if (!title.trim()) throw new RestError('Sheet title must not be empty');
    if (wb.sheets.some((s) => s !== sheet && s.name.toLowerCase() === title.toLowerCase())) {
      throw new RestError(`A sheet with the name "${title}" already exists. Please enter another name.`);
    }
    sheet.name = title;
  }
  const rows = selects(mask, 'gridProperties.rowCount') ? int(g.rowCount, 'rowCount', sheet.maxRows) : sheet.maxRows;
  const cols = selects(mask, 'gridProperties.columnCount') ? int(g.columnCount, 'columnCount', sheet.maxColumns) : sheet.maxColumns;
  const frozenRows = selects(mask, 'gridProperties.frozenRowCount') ? int(g.frozenRowCount, 'frozenRowCount', 0) : sheet.frozenRows;
  const frozenCols = selects(mask, 'gridProperties.frozenColumnCount')
    ? int(g.frozenColumnCount, 'frozenColumnCount', 0)
    : sheet.frozenColumns;
  if (rows < 1 || cols < 1) throw new RestError('Grid must have at least one row and one column');
  if (frozenRows < 0 || frozenCols < 0) throw new RestError('Frozen counts must not be negative');
  if (frozenRows >= rows) throw new RestError("You can't freeze all visible rows on the sheet.");
  if (frozenCols >= cols) throw new RestError("You can't freeze all visible columns on the sheet.");
  wb.assertCellBudget(rows * cols - sheet.cellCount);
  if (rows !== sheet.maxRows || cols !== sheet.maxColumns) ctx.tx.touchStructure(sheet);
  if (rows < sheet.maxRows) sheet.deleteRows(rows + 1, sheet.maxRows - rows);
  else if (rows > sheet.maxRows) sheet.insertRows(sheet.maxRows + 1, rows - sheet.maxRows);
  if (cols < sheet.maxColumns) sheet.deleteColumns(cols + 1, sheet.maxColumns - cols);
  else if (cols > sheet.maxColumns) sheet.insertColumns(sheet.maxColumns + 1, cols - sheet.maxColumns);
  sheet.frozenRows = frozenRows;
  sheet.frozenColumns = frozenCols;
  if (selects(mask, 'hidden')) {
    if (p.hidden === true && !wb.sheets.some((s) => s !== sheet && !s.hidden))
      throw new RestError('Sorry, it is not possible to hide all the sheets in a document.');
    sheet.hidden = p.hidden === true;
  }
  if (selects(mask, 'index')) {
    const index = int(p.index, 'index', 0);
    wb.sheets = wb.sheets.filter((s) => s !== sheet);
    wb.sheets.splice(Math.max(0, Math.min(index, wb.sheets.length)), 0, sheet);
  }
}

function dimensionRange(ctx: Ctx, raw: unknown): { sheet: SheetModel; rows: boolean; start: number; end: number } {
  const r = obj(raw, 'range');
  const sheet = sheetById(ctx, r.sheetId);
  if (r.dimension !== 'ROWS' && r.dimension !== 'COLUMNS')
    throw new RestError(`Invalid range.dimension: ${JSON.stringify(r.dimension)} (ROWS or COLUMNS)`);
  const rows = r.dimension === 'ROWS';
  const size = rows ? sheet.maxRows : sheet.maxColumns;
  const start = int(r.startIndex, 'range.startIndex', 0);
  const end = int(r.endIndex, 'range.endIndex', size);
  if (start < 0 || end <= start) throw new RestError('Invalid range: startIndex must be non-negative and less than endIndex');
  return { sheet, rows, start, end };
}

const HANDLERS: Record<string, Handler> = {
  addSheet(ctx, body) {
    const p = obj(body.properties, 'properties');
    const g = obj(p.gridProperties, 'properties.gridProperties');
    const wb = ctx.wb;
    const title = p.title === undefined ? wb.defaultSheetName() : String(p.title);
    if (!title.trim()) throw new RestError('Sheet title must not be empty');
    if (wb.sheets.some((s) => s.name.toLowerCase() === title.toLowerCase()))
      throw new RestError(`A sheet with the name "${title}" already exists. Please enter another name.`);
    const id = p.sheetId === undefined ? undefined : int(p.sheetId, 'properties.sheetId', 0);
    if (id !== undefined && (id < 0 || wb.getSheetById(id)))
      throw new RestError(`Invalid sheetId ${id}: ${id < 0 ? 'must be non-negative' : 'a sheet with this id already exists'}`);
    const rows = int(g.rowCount, 'rowCount', 1000);
    const cols = int(g.columnCount, 'columnCount', 26);
    if (rows < 1 || cols < 1) throw new RestError('Grid must have at least one row and one column');
    const frozenRows = int(g.frozenRowCount, 'frozenRowCount', 0);
    const frozenCols = int(g.frozenColumnCount, 'frozenColumnCount', 0);
    if (frozenRows < 0 || frozenRows >= rows) throw new RestError("You can't freeze all visible rows on the sheet.");
    if (frozenCols < 0 || frozenCols >= cols) throw new RestError("You can't freeze all visible columns on the sheet.");
    try {
      const sheet = wb.insertSheet(title, int(p.index, 'properties.index', wb.sheets.length), rows, cols, id);
      sheet.frozenRows = frozenRows;
      sheet.frozenColumns = frozenCols;
      if (p.hidden === true) {
        if (!wb.sheets.some((s) => s !== sheet && !s.hidden))
          throw new RestError('Sorry, it is not possible to hide all the sheets in a document.');
        sheet.hidden = true;
      }
      return { addSheet: { properties: sheetProperties(wb, sheet) } };
    } catch (e) {
      if (e instanceof GasError) throw new RestError(e.message);
      throw e;
    }
  },

  deleteSheet(ctx, body) {
    const sheet = sheetById(ctx, body.sheetId);
    if (ctx.wb.sheets.length <= 1) throw new RestError("You can't remove all the sheets in a document.");
    assertEditable(ctx, sheet, { row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxColumns });
    ctx.wb.deleteSheet(sheet);
    return undefined;
  },

  updateSheetProperties(ctx, body) {
    const p = obj(body.properties, 'properties');
    if (typeof body.fields !== 'string') throw new RestError("'fields' is required");
    applySheetProperties(ctx, sheetById(ctx, p.sheetId), p, parseMask(body.fields), 'updateSheetProperties');
    return undefined;
  },

  insertDimension(ctx, body) {
    const d = dimensionRange(ctx, body.range);
    const count = d.end - d.start;
    const size = d.rows ? d.sheet.maxRows : d.sheet.maxColumns;
    if (d.start > size) throw new RestError(`Invalid range: startIndex ${d.start} is past the grid (${size})`);
    if (body.inheritFromBefore === true && d.start === 0) throw new RestError('Cannot inherit from before when inserting at index 0');
    ctx.wb.assertCellBudget(count * (d.rows ? d.sheet.maxColumns : d.sheet.maxRows));
    ctx.tx.touchStructure(d.sheet);
    if (d.rows) d.sheet.insertRows(d.start + 1, count);
    else d.sheet.insertColumns(d.start + 1, count);
    return undefined;
  },

  deleteDimension(ctx, body) {
    const d = dimensionRange(ctx, body.range);
    const s = d.sheet;
    const size = d.rows ? s.maxRows : s.maxColumns;
    if (d.end > size) throw new RestError(`Invalid range: endIndex ${d.end} is past the grid (${size})`);
    const count = d.end - d.start;
    if (size - count <= (d.rows ? s.frozenRows : s.frozenColumns)) {
      throw new RestError(`Sorry, it is not possible to delete all non-frozen ${d.rows ? 'rows' : 'columns'}.`);
    }
    const ref = d.rows
      ? { row: d.start + 1, col: 1, numRows: count, numCols: s.maxColumns }
      : { row: 1, col: d.start + 1, numRows: s.maxRows, numCols: count };
    assertEditable(ctx, s, ref);
    ctx.tx.touchStructure(s);
    if (d.rows) s.deleteRows(d.start + 1, count);
    else s.deleteColumns(d.start + 1, count);
    return undefined;
  },

  updateDimensionProperties(ctx, body) {
    const d = dimensionRange(ctx, body.range);
    if (typeof body.fields !== 'string') throw new RestError("'fields' is required");
    const mask = parseMask(body.fields);
    onlyFields(mask, ['pixelSize', 'hiddenByUser'], 'updateDimensionProperties');
    const p = obj(body.properties, 'properties');
    const size = d.rows ? d.sheet.maxRows : d.sheet.maxColumns;
    if (d.end > size) throw new RestError(`Invalid range: endIndex ${d.end} is past the grid (${size})`);
    const px = selects(mask, 'pixelSize') ? int(p.pixelSize, 'pixelSize', 0) : null;
    if (px !== null && px < 0) throw new RestError('pixelSize must not be negative');
    ctx.tx.touch(d.sheet);
    for (let i = d.start + 1; i <= d.end; i++) {
      // Row heights are not modelled (as Sheet.setRowHeight); column widths are.
      if (px !== null && !d.rows) d.sheet.columnWidths.set(i, px);
      if (selects(mask, 'hiddenByUser')) {
        const set = d.rows ? d.sheet.hiddenRows : d.sheet.hiddenColumns;
        if (p.hiddenByUser === true) set.add(i);
        else set.delete(i);
      }
    }
    return undefined;
  },

  repeatCell(ctx, body) {
    const { sheet, ref } = resolveRange(ctx, body.range);
    const { op } = compileCell(ctx, body.cell, cellMask(ctx, body.fields, 'repeatCell'), 'repeatCell');
    assertEditable(ctx, sheet, ref);
    ctx.tx.touch(sheet);
    for (let r = ref.row; r < ref.row + ref.numRows; r++) for (let c = ref.col; c < ref.col + ref.numCols; c++) op(sheet, r, c);
    ctx.cells += ref.numRows * ref.numCols;
    return undefined;
  },

  updateCells(ctx, body) {
    const mask = cellMask(ctx, body.fields, 'updateCells');
    const rows = (body.rows ?? []) as unknown[];
    if (!Array.isArray(rows)) throw new RestError('Invalid rows');
    if ((body.start === undefined) === (body.range === undefined)) throw new RestError('updateCells needs exactly one of start or range');
    const grid = rows.map((row, i) => {
      const values = obj(row, `rows[${i}]`).values ?? [];
      if (!Array.isArray(values)) throw new RestError(`Invalid rows[${i}].values`);
      return values.map((v, j) => compileCell(ctx, v, mask, `updateCells rows[${i}].values[${j}]`).op);
    });
    let sheet: SheetModel;
    let ref: GridRef;
    if (body.range !== undefined) {
      ({ sheet, ref } = resolveRange(ctx, body.range));
      if (grid.length > ref.numRows || grid.some((r) => r.length > ref.numCols))
        throw new RestError('updateCells: rows do not fit in the range');
    } else {
      const st = obj(body.start, 'start');
      sheet = sheetById(ctx, st.sheetId);
      const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
      ref = {
        row: int(st.rowIndex, 'start.rowIndex', 0) + 1,
        col: int(st.columnIndex, 'start.columnIndex', 0) + 1,
        numRows: grid.length,
        numCols: width,
      };
      if (ref.row < 1 || ref.col < 1 || ref.row + ref.numRows - 1 > sheet.maxRows || ref.col + ref.numCols - 1 > sheet.maxColumns) {
        throw new RestError(`updateCells: the rows exceed grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`);
      }
    }
    assertEditable(ctx, sheet, ref);
    ctx.tx.touch(sheet);
    // With a range, its cells past the rows given are cleared of the masked fields (as the API does).
    const clear = body.range !== undefined ? compileCell(ctx, {}, mask, 'updateCells').op : null;
    let cells = 0;
    for (let i = 0; i < (clear ? ref.numRows : grid.length); i++) {
      for (let j = 0; j < (clear ? ref.numCols : grid[i].length); j++) {
        (grid[i]?.[j] ?? (clear as CellOp))(sheet, ref.row + i, ref.col + j);
        cells++;
      }
    }
    ctx.cells += cells;
    return undefined;
  },

  setDataValidation(ctx, body) {
    const { sheet, ref } = resolveRange(ctx, body.range);
    const spec = body.rule === undefined || body.rule === null ? undefined : ruleSpec(ctx, body.rule);
    assertEditable(ctx, sheet, ref);
    ctx.tx.touch(sheet);
    if (!spec) sheet.validations.clear(ref.row, ref.col, ref.numRows, ref.numCols);
    else
      for (let r = ref.row; r < ref.row + ref.numRows; r++)
        for (let c = ref.col; c < ref.col + ref.numCols; c++) sheet.validations.set(r, c, spec);
    ctx.cells += ref.numRows * ref.numCols;
    return undefined;
  },

  addChart(ctx, body) {
    const chart = obj(body.chart, 'chart');
    if (chart.chartId !== undefined) throw new RestError('addChart: chartId is assigned by the local runtime');
    const spec = chartSpecOf(ctx, chart);
    const sheet = ctx.wb.getSheetById(spec.sheetId) as SheetModel;
    ctx.tx.touch(sheet);
    sheet.charts.push(spec.chart);
    return { addChart: { chart: chartJson(sheet.id, spec.chart) } };
  },

  addProtectedRange(ctx, body) {
    const pr = obj(body.protectedRange, 'protectedRange');
    if (pr.namedRangeId !== undefined) throw new RestError('namedRangeId is not supported by the local runtime');
    const r = obj(pr.range, 'protectedRange.range');
    const { sheet, ref, bounded } = resolveRange(ctx, r, 'protectedRange.range');
    const wb = ctx.wb;
    if (!bounded && sheet.protections.some((p) => p.type === 'SHEET'))
      throw new RestError(`Sheet '${sheet.name}' is already protected (update its protected range instead)`);
    const unprotected = unprotectedOf(ctx, sheet, pr.unprotectedRanges);
    if (unprotected.length && bounded) throw new RestError('Unprotected ranges are only supported on protected sheets.');
    const id = pr.protectedRangeId === undefined ? wb.nextId() : int(pr.protectedRangeId, 'protectedRangeId', 0);
    if (wb.sheets.some((s) => s.protections.some((p) => p.id === id)))
      throw new RestError(`A protected range with id ${id} already exists`);
    const editors = obj(pr.editors, 'protectedRange.editors');
    const warningOnly = pr.warningOnly === true;
    ctx.tx.touch(sheet);
    const spec: ProtectionSpec = {
      id,
      type: bounded ? 'RANGE' : 'SHEET',
      sheetId: sheet.id,
      range: bounded ? ref : null,
      description: typeof pr.description === 'string' ? pr.description : '',
      warningOnly,
      // Editors are ignored on a warning-only protection (it keeps the defaults protect() gives).
      editors: editorsOf(ctx, warningOnly ? undefined : editors.users),
      unprotected,
      domainEdit: !warningOnly && editors.domainUsersCanEdit === true,
    };
    sheet.protections.push(spec);
    return { addProtectedRange: { protectedRange: protectionJson(spec, ctx.env.runAs, wb.owner) } };
  },

  updateProtectedRange(ctx, body) {
    const pr = obj(body.protectedRange, 'protectedRange');
    const { sheet, spec } = protectionById(ctx, pr.protectedRangeId);
    if (typeof body.fields !== 'string') throw new RestError("'fields' is required");
    const mask = parseMask(body.fields);
    onlyFields(
      mask,
      ['description', 'warningOnly', 'editors.users', 'editors.domainUsersCanEdit', 'range', 'unprotectedRanges'],
      'updateProtectedRange',
    );
    mayModify(ctx, spec);
    ctx.tx.touch(sheet);
    const live = sheet.protections.find((p) => p.id === spec.id) as ProtectionSpec;
    if (selects(mask, 'range')) {
      const { sheet: on, ref, bounded } = resolveRange(ctx, pr.range, 'protectedRange.range');
      if (on !== sheet) throw new RestError('A protected range cannot move to another sheet');
      if (bounded !== (live.type === 'RANGE')) throw new RestError('A sheet protection cannot become a range protection or the reverse');
      if (bounded) live.range = ref;
    }
    if (selects(mask, 'description')) live.description = typeof pr.description === 'string' ? pr.description : '';
    const wasWarning = live.warningOnly;
    if (selects(mask, 'warningOnly')) live.warningOnly = pr.warningOnly === true;
    const editors = obj(pr.editors, 'protectedRange.editors');
    if (selects(mask, 'editors.users') && !live.warningOnly) live.editors = editorsOf(ctx, editors.users ?? []);
    else if (wasWarning && !live.warningOnly) live.editors = [...new Set([ctx.wb.owner, ...ctx.wb.editors])]; // every editor of the document
    if (selects(mask, 'editors.domainUsersCanEdit')) live.domainEdit = editors.domainUsersCanEdit === true;
    if (selects(mask, 'unprotectedRanges')) {
      const u = unprotectedOf(ctx, sheet, pr.unprotectedRanges);
      if (u.length && live.type !== 'SHEET') throw new RestError('Unprotected ranges are only supported on protected sheets.');
      live.unprotected = u;
    }
    return undefined;
  },

  deleteProtectedRange(ctx, body) {
    const { sheet, spec } = protectionById(ctx, body.protectedRangeId);
    mayModify(ctx, spec);
    ctx.tx.touch(sheet);
    sheet.protections = sheet.protections.filter((p) => p.id !== spec.id);
    return undefined;
  },
};

export const BATCH_REQUEST_KINDS = Object.keys(HANDLERS);

export function batchUpdateSpreadsheet(env: Env, resource: unknown): Json {
  const req = obj(resource, 'resource');
  const requests = req.requests ?? [];
  if (!Array.isArray(requests))
    throw new RestError('Invalid JSON payload received. Unknown name "requests": Proto field is not repeating, cannot start list.');
  for (const k of ['includeSpreadsheetInResponse', 'responseIncludeGridData', 'responseRanges']) {
    if (req[k] !== undefined && req[k] !== false && !(Array.isArray(req[k]) && (req[k] as unknown[]).length === 0))
      throw new RestError(`${k} is not supported by the local runtime`);
  }
  const wb = env.workbook;
  const ctx: Ctx = { env, wb, tx: new Transaction(wb), cells: 0 };
  const replies: Json[] = [];
  requests.forEach((raw, i) => {
    try {
      const r = obj(raw, `requests[${i}]`);
      const kinds = Object.keys(r).filter((k) => r[k] !== undefined && r[k] !== null);
      if (kinds.length !== 1) throw new RestError(`a Request sets exactly one kind, got ${kinds.length ? kinds.join(', ') : 'none'}`);
      const handler = HANDLERS[kinds[0]];
      if (!handler) {
        throw new RestError(
          `request kind '${kinds[0]}' is not supported by the local runtime's Spreadsheets.batchUpdate (supported: ${BATCH_REQUEST_KINDS.join(', ')})`,
        );
      }
      replies.push(handler(ctx, obj(r[kinds[0]], kinds[0])) ?? {});
    } catch (e) {
      ctx.tx.rollback();
      const kind = isObj(raw) ? Object.keys(raw)[0] : undefined;
      if (e instanceof RestError || e instanceof GasError)
        throw new RestError(`Invalid requests[${i}]${kind ? `.${kind}` : ''}: ${e.message}`);
      throw e;
    }
  });
  env.instrument.cellsWritten(ctx.cells);
  return { spreadsheetId: wb.id, replies };
}
