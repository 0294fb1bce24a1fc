/** Embedded charts kept as specs (type, ranges, options, position) on the sheet model. */
import { Env } from '../env';
import { Enums } from '../enums';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { SheetModel } from '../model/sheetModel';
import { ChartSpec } from '../model/specs';
import { Workbook } from '../model/workbook';
import { EmuRange } from './range';

const chartSpecs = new WeakMap<object, ChartSpec>();

function newSpec(): ChartSpec {
  return {
    id: 0,
    chartType: 'COLUMN',
    ranges: [],
    options: {},
    position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
    numHeaders: -1,
    transpose: false,
    hiddenDimensionStrategy: null,
    mergeStrategy: null,
  };
}

function specOfChart(chart: unknown): ChartSpec {
  const spec = chart !== null && typeof chart === 'object' ? chartSpecs.get(chart) : undefined;
  if (!spec) throw signatureError('SpreadsheetApp.Sheet.insertChart', [chart]);
  return spec;
}

function rangesOf(env: Env, wb: Workbook, spec: ChartSpec): EmuRange[] {
  return spec.ranges.flatMap((r) => {
    const sheet = wb.getSheetById(r.sheetId);
    return sheet ? [new EmuRange(env, wb, sheet, { row: r.row, col: r.col, numRows: r.numRows, numCols: r.numCols })] : [];
  });
}

/** Sheet.insertChart / updateChart / removeChart. */
export const EmbeddedChartSpecs = {
  insert(sheet: SheetModel, chart: unknown): void {
    const spec = specOfChart(chart);
    if (sheet.charts.includes(spec)) return;
    sheet.charts.push(spec);
  },
  update(sheet: SheetModel, chart: unknown): void {
    const spec = specOfChart(chart);
    const i = sheet.charts.findIndex((c) => c.id === spec.id);
    if (i < 0) throw gasError('The chart does not exist on this sheet.');
    sheet.charts[i] = spec;
  },
  remove(sheet: SheetModel, chart: unknown): void {
    const spec = specOfChart(chart);
    sheet.charts = sheet.charts.filter((c) => c.id !== spec.id);
  },
};

export class EmuChartOptions extends Service {
  constructor(private readonly options: Record<string, unknown>) {
    super();
  }
  get(option: string): unknown {
    return this.options[option] ?? null;
  }
}

export class EmuContainerInfo extends Service {
  constructor(private readonly pos: ChartSpec['position']) {
    super();
  }
  getAnchorColumn(): number {
    return this.pos.column;
  }
  getAnchorRow(): number {
    return this.pos.row;
  }
  getOffsetX(): number {
    return this.pos.offsetX;
  }
  getOffsetY(): number {
    return this.pos.offsetY;
  }
}

export class EmuEmbeddedChart extends Service {
  constructor(
    private readonly env: Env,
    private readonly wb: Workbook,
    private readonly sheet: SheetModel,
    spec: ChartSpec,
  ) {
    super();
    chartSpecs.set(this, spec);
  }
  private get _spec(): ChartSpec {
    return chartSpecs.get(this) as ChartSpec;
  }
  getChartId(): number | null {
    return this._spec.id || null;
  }
  getOptions(): EmuChartOptions {
    return new EmuChartOptions(this._spec.options);
  }
  getRanges(): EmuRange[] {
    return rangesOf(this.env, this.wb, this._spec);
  }
  getNumHeaders(): number {
    return this._spec.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this._spec.transpose;
  }
  getHiddenDimensionStrategy(): string | null {
    return this._spec.hiddenDimensionStrategy;
  }
  getMergeStrategy(): string | null {
    return this._spec.mergeStrategy;
  }
  getContainerInfo(): EmuContainerInfo {
    return new EmuContainerInfo(this._spec.position);
  }
  modify(): EmuEmbeddedChartBuilder {
    return new EmuEmbeddedChartBuilder(this.env, this.wb, this.sheet, structuredClone(this._spec));
  }
}

export class EmuEmbeddedChartBuilder extends Service {
  constructor(
    protected readonly env: Env,
    protected readonly wb: Workbook,
    protected readonly sheet: SheetModel,
    protected readonly spec: ChartSpec = newSpec(),
  ) {
    super();
  }
  protected _opt(name: string, value: unknown): this {
    this.spec.options[name] = value;
    return this;
  }
  addRange(range: EmuRange): this {
    if (!(range instanceof EmuRange)) throw signatureError('SpreadsheetApp.EmbeddedChartBuilder.addRange', [range]);
    this.spec.ranges.push({
      sheetId: range.getGridId(),
      row: range.getRow(),
      col: range.getColumn(),
      numRows: range.getNumRows(),
      numCols: range.getNumColumns(),
    });
    return this;
  }
  removeRange(range: EmuRange): this {
    this.spec.ranges = this.spec.ranges.filter(
      (r) =>
        !(
          r.sheetId === range.getGridId() &&
          r.row === range.getRow() &&
          r.col === range.getColumn() &&
          r.numRows === range.getNumRows() &&
          r.numCols === range.getNumColumns()
        ),
    );
    return this;
  }
  clearRanges(): this {
    this.spec.ranges = [];
    return this;
  }
  getRanges(): EmuRange[] {
    return rangesOf(this.env, this.wb, this.spec);
  }
  getChartType(): string {
    return this.spec.chartType;
  }
  setChartType(type: string): this {
    this.spec.chartType = String(type);
    return this;
  }
  setOption(option: string, value: unknown): this {
    return this._opt(String(option), value);
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.spec.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  setNumHeaders(headers: number): this {
    this.spec.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.spec.transpose = !!transpose;
    return this;
  }
  setHiddenDimensionStrategy(strategy: string): this {
    this.spec.hiddenDimensionStrategy = String(strategy);
    return this;
  }
  setMergeStrategy(mergeStrategy: string): this {
    this.spec.mergeStrategy = String(mergeStrategy);
    return this;
  }
  asPieChart(): EmuEmbeddedPieChartBuilder {
    return this._as(EmuEmbeddedPieChartBuilder, 'PIE');
  }
  asColumnChart(): EmuEmbeddedColumnChartBuilder {
    return this._as(EmuEmbeddedColumnChartBuilder, 'COLUMN');
  }
  asBarChart(): EmuEmbeddedBarChartBuilder {
    return this._as(EmuEmbeddedBarChartBuilder, 'BAR');
  }
  asLineChart(): EmuEmbeddedLineChartBuilder {
    return this._as(EmuEmbeddedLineChartBuilder, 'LINE');
  }
  asAreaChart(): EmuEmbeddedAreaChartBuilder {
    return this._as(EmuEmbeddedAreaChartBuilder, 'AREA');
  }
  private _as<T extends EmuEmbeddedChartBuilder>(
    ctor: new (env: Env, wb: Workbook, sheet: SheetModel, spec: ChartSpec) => T,
    type: string,
  ): T {
    this.spec.chartType = type;
    return new ctor(this.env, this.wb, this.sheet, this.spec);
  }
  /** Ids are assigned at build time so insertChart/updateChart/removeChart can match them. */
  build(): EmuEmbeddedChart {
    const spec = structuredClone(this.spec);
    if (!spec.id) spec.id = this.wb.nextId();
    return new EmuEmbeddedChart(this.env, this.wb, this.sheet, spec);
  }
}

/** Options every typed builder (pie, column, bar, line, area) shares. */
class TypedChartBuilder extends EmuEmbeddedChartBuilder {
  setTitle(chartTitle: string): this {
    return this._opt('title', chartTitle);
  }
  setColors(cssValues: string[]): this {
    return this._opt('colors', [...cssValues]);
  }
  setLegendPosition(position: string): this {
    return this._opt('legend.position', String(position).toLowerCase());
  }
  setBackgroundColor(cssValue: string): this {
    return this._opt('backgroundColor', cssValue);
  }
  reverseCategories(): this {
    return this._opt('reverseCategories', true);
  }
}

export class EmuEmbeddedPieChartBuilder extends TypedChartBuilder {
  set3D(): this {
    return this._opt('is3D', true);
  }
}

class AxisChartBuilder extends TypedChartBuilder {
  setXAxisTitle(title: string): this {
    return this._opt('hAxis.title', title);
  }
  setYAxisTitle(title: string): this {
    return this._opt('vAxis.title', title);
  }
  useLogScale(): this {
    return this._opt('vAxis.logScale', true);
  }
  setRange(start: number, end: number): this {
    this._opt('vAxis.viewWindow.min', start);
    return this._opt('vAxis.viewWindow.max', end);
  }
}

export class EmuEmbeddedLineChartBuilder extends AxisChartBuilder {}
export class EmuEmbeddedColumnChartBuilder extends AxisChartBuilder {
  setStacked(): this {
    return this._opt('isStacked', true);
  }
}
export class EmuEmbeddedBarChartBuilder extends EmuEmbeddedColumnChartBuilder {}
export class EmuEmbeddedAreaChartBuilder extends EmuEmbeddedColumnChartBuilder {}

/** The Charts service: only its enums are used with embedded charts. */
export class EmuCharts extends Service {
  get ChartType(): Record<string, string> {
    return Enums.ChartType;
  }
  get Position(): Record<string, string> {
    return Enums.Position;
  }
  get ChartMergeStrategy(): Record<string, string> {
    return Enums.ChartMergeStrategy;
  }
  get ChartHiddenDimensionStrategy(): Record<string, string> {
    return Enums.ChartHiddenDimensionStrategy;
  }
}

const builderLocal = { allLocal: true } as const;
registerService(EmuChartOptions, 'ChartOptions', builderLocal);
registerService(EmuContainerInfo, 'ContainerInfo', builderLocal);
registerService(EmuEmbeddedChart, 'EmbeddedChart', builderLocal);
registerService(EmuEmbeddedChartBuilder, 'EmbeddedChartBuilder', builderLocal);
registerService(EmuEmbeddedPieChartBuilder, 'EmbeddedPieChartBuilder', builderLocal);
registerService(EmuEmbeddedLineChartBuilder, 'EmbeddedLineChartBuilder', builderLocal);
registerService(EmuEmbeddedColumnChartBuilder, 'EmbeddedColumnChartBuilder', builderLocal);
registerService(EmuEmbeddedBarChartBuilder, 'EmbeddedBarChartBuilder', builderLocal);
registerService(EmuEmbeddedAreaChartBuilder, 'EmbeddedAreaChartBuilder', builderLocal);
registerService(EmuCharts, 'Charts', builderLocal);
conforms<EmuChartOptions, GoogleAppsScript.Charts.ChartOptions>(true);
conforms<EmuContainerInfo, GoogleAppsScript.Spreadsheet.ContainerInfo>(true);
conforms<EmuEmbeddedChart, GoogleAppsScript.Spreadsheet.EmbeddedChart>(true);
conforms<EmuEmbeddedChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder>(true);
conforms<EmuEmbeddedPieChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder>(true);
conforms<EmuEmbeddedLineChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder>(true);
conforms<EmuEmbeddedColumnChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder>(true);
conforms<EmuEmbeddedBarChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder>(true);
conforms<EmuEmbeddedAreaChartBuilder, GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder>(true);
conforms<EmuCharts, GoogleAppsScript.Charts.Charts>(true);
