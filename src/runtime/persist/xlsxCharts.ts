/**
 * Native charts in the saved .xlsx. ExcelJS cannot write charts, so the saved zip is completed
 * here: per sheet with chart specs, one DrawingML drawing part anchoring one chart part per chart
 * (xl/charts/chartN.xml: a bar, column, line, area or pie chart whose series reference the sheet's
 * cells, with cached values so a reader shows them before recalculating), the relationships, the
 * sheet's <drawing> element in its schema position, and the content types. Excel refuses a sheet
 * whose elements are out of the CT_Worksheet order, hence DRAWING_BEFORE.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { columnToLetters } from '../emulator/model/a1';
import { CellValue } from '../emulator/model/cellValue';
import { SheetModel } from '../emulator/model/sheetModel';
import { ChartSpec, SheetRangeRef } from '../emulator/model/specs';
import { Workbook } from '../emulator/model/workbook';

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  pkg: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const REL = { drawing: `${NS.r}/drawing`, chart: `${NS.r}/chart` };
const TYPE = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};
/** CT_Worksheet elements that come after <drawing>: it goes before the first one present. */
const DRAWING_BEFORE = [
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];
const EMU_PER_PX = 9525;
const DEFAULT_COLUMN_PX = 100;
const DEFAULT_ROW_PX = 21;
const DEFAULT_SIZE = { width: 520, height: 320 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `'Tab'!$A$5:$A$12` (one cell: `'Tab'!$A$5`). */
function ref(sheet: string, row: number, col: number, rows = 1): string {
  const cell = (r: number) => `$${columnToLetters(col)}$${r}`;
  return `'${sheet.replace(/'/g, "''")}'!${cell(row)}${rows > 1 ? `:${cell(row + rows - 1)}` : ''}`;
}

/** One column of a chart's data: its sheet, column and first row. */
interface DataColumn {
  sheet: SheetModel;
  col: number;
  row: number;
  rows: number;
}

/** Like Sheets: the ranges' columns in order; the first gives the categories, the others the series. */
function dataColumns(wb: Workbook, ranges: readonly SheetRangeRef[]): DataColumn[] {
  return ranges.flatMap((r) => {
    const sheet = wb.getSheetById(r.sheetId);
    return sheet ? Array.from({ length: r.numCols }, (_, i) => ({ sheet, col: r.col + i, row: r.row, rows: r.numRows })) : [];
  });
}

const text = (v: CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const number = (v: CellValue) => (typeof v === 'number' ? v : Number(String(v).replace(/[,¥%\s]/g, '')) || 0);

function strCache(values: readonly CellValue[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(text(v))}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(values: readonly CellValue[]): string {
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${number(v)}</c:v></c:pt>`).join('')}</c:numCache>`;
}

/** The series of a chart: name from the header row, categories and values below it. */
function seriesXml(spec: ChartSpec, columns: DataColumn[], names: (s: SheetModel) => string): string[] {
  const headers = spec.numHeaders > 0 ? spec.numHeaders : 1;
  const [cat, ...vals] = columns;
  if (!cat || !vals.length) return [];
  const n = Math.max(0, cat.rows - headers);
  const read = (c: DataColumn) => c.sheet.readBlock({ row: c.row + headers, col: c.col, numRows: n, numCols: 1 }).map((r) => r[0]);
  const cats = read(cat);
  return vals.map((v, i) => {
    const name = v.sheet.getCell(v.row, v.col);
    return (
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
      `<c:tx><c:strRef><c:f>${esc(ref(names(v.sheet), v.row, v.col))}</c:f>${strCache([name])}</c:strRef></c:tx>` +
      (spec.chartType === 'BAR' || spec.chartType === 'COLUMN' ? '<c:invertIfNegative val="0"/>' : '') +
      `<c:cat><c:strRef><c:f>${esc(ref(names(cat.sheet), cat.row + headers, cat.col, n))}</c:f>${strCache(cats)}</c:strRef></c:cat>` +
      `<c:val><c:numRef><c:f>${esc(ref(names(v.sheet), v.row + headers, v.col, n))}</c:f>${numCache(read(v))}</c:numRef></c:val>` +
      (spec.chartType === 'LINE' ? '<c:smooth val="0"/>' : '') +
      '</c:ser>'
    );
  });
}

const CAT_AX = 500001;
const VAL_AX = 500002;

function axes(horizontal: boolean): string {
  return (
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 't' : 'l'}"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** The plot of one chart type (element order per CT_BarChart / CT_LineChart / CT_AreaChart / CT_PieChart). */
function plotXml(type: string, series: string): string {
  const axIds = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;
  switch (type) {
    case 'PIE':
      return `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
    case 'LINE':
      return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axIds}</c:lineChart>${axes(false)}`;
    case 'AREA':
      return `<c:areaChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}${axIds}</c:areaChart>${axes(false)}`;
    default: {
      const horizontal = type === 'BAR';
      return `<c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="150"/>${axIds}</c:barChart>${axes(horizontal)}`;
    }
  }
}

export function chartXml(wb: Workbook, spec: ChartSpec, names: (s: SheetModel) => string): string {
  const title = typeof spec.options.title === 'string' ? spec.options.title : '';
  const series = seriesXml(spec, dataColumns(wb, spec.ranges), names).join('');
  const legend = spec.chartType === 'PIE' ? 'r' : 'b';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/><c:chart>` +
    (title
      ? `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${esc(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`
      : '<c:autoTitleDeleted val="1"/>') +
    `<c:plotArea><c:layout/>${plotXml(spec.chartType, series)}</c:plotArea>` +
    `<c:legend><c:legendPos val="${legend}"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    '</c:chart></c:chartSpace>'
  );
}

/** The cell (0-based) and offset (EMU) `px` pixels past the start of index `start`, walking `size(i)`. */
function walk(start: number, px: number, size: (i: number) => number): { index: number; offset: number } {
  let i = start;
  let left = px;
  while (left >= size(i)) {
    left -= size(i);
    i++;
  }
  return { index: i - 1, offset: Math.round(left * EMU_PER_PX) };
}

function anchorXml(sheet: SheetModel, spec: ChartSpec, n: number): string {
  const width = Number(spec.options.width) || DEFAULT_SIZE.width;
  const height = Number(spec.options.height) || DEFAULT_SIZE.height;
  const colPx = (c: number) => sheet.columnWidths.get(c) || DEFAULT_COLUMN_PX;
  const rowPx = () => DEFAULT_ROW_PX;
  const { row, column, offsetX, offsetY } = spec.position;
  const to = { col: walk(column, offsetX + width, colPx), row: walk(row, offsetY + height, rowPx) };
  const cell = (tag: string, col: number, colOff: number, r: number, rowOff: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>${colOff}</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>${rowOff}</xdr:rowOff></xdr:${tag}>`;
  return (
    '<xdr:twoCellAnchor editAs="oneCell">' +
    cell('from', column - 1, Math.round(offsetX * EMU_PER_PX), row - 1, Math.round(offsetY * EMU_PER_PX)) +
    cell('to', to.col.index, to.col.offset, to.row.index, to.row.offset) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${n + 1}" name="Chart ${n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="rId${n}"/></a:graphicData></a:graphic></xdr:graphicFrame>` +
    '<xdr:clientData/></xdr:twoCellAnchor>'
  );
}

function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkg}">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  );
}

/** Adds a relationship to a .rels part (created when missing); returns its id. */
function addRel(files: Unzipped, part: string, type: string, target: string): string {
  const existing = files[part] ? strFromU8(files[part]) : relsXml([]);
  const ids = [...existing.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
  const id = `rId${Math.max(0, ...ids) + 1}`;
  files[part] = strToU8(
    existing.replace('</Relationships>', `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`),
  );
  return id;
}

/** Worksheet part paths by sheet name, from the workbook part and its relationships. */
function worksheetParts(files: Unzipped): Map<string, string> {
  const book = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const target = new Map(
    [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/Id="([^"]+)"/.exec(m[0])?.[1], /Target="([^"]+)"/.exec(m[0])?.[1]]),
  );
  const out = new Map<string, string>();
  for (const m of book.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const rid = /r:id="([^"]+)"/.exec(m[0])?.[1];
    const t = rid ? target.get(rid) : undefined;
    if (name === undefined || !t) continue;
    const unescaped = name
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    out.set(unescaped, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  return out;
}

/** The sheet XML with `<drawing r:id>` placed where CT_Worksheet's element order wants it. */
function withDrawing(xml: string, rid: string): string {
  let out = xml;
  if (!/<worksheet\b[^>]*xmlns:r=/.test(out)) out = out.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.r}"`);
  const el = `<drawing r:id="${rid}"/>`;
  const at = DRAWING_BEFORE.map((tag) => out.search(new RegExp(`<${tag}[\\s/>]`))).filter((i) => i >= 0);
  const pos = at.length ? Math.min(...at) : out.lastIndexOf('</worksheet>');
  return out.slice(0, pos) + el + out.slice(pos);
}

/**
 * The saved package with every chart spec of `wb` as a native chart. `xlsxName` gives each sheet's
 * name in the file (see xlsxSheetName). Sheets without charts are left byte for byte.
 */
export function addNativeCharts(zip: Uint8Array, wb: Workbook, xlsxName: (s: SheetModel) => string): Uint8Array {
  const charted = wb.sheets.filter((s) => s.charts.length);
  if (!charted.length) return zip;
  const files = unzipSync(zip);
  const parts = worksheetParts(files);
  let types = strFromU8(files['[Content_Types].xml']);
  const count = (dir: string) => Object.keys(files).filter((f) => f.startsWith(dir) && f.endsWith('.xml')).length;
  let drawingNo = count('xl/drawings/drawing');
  let chartNo = count('xl/charts/chart');
  for (const sheet of charted) {
    const part = parts.get(xlsxName(sheet));
    if (!part) continue;
    const drawing = `drawing${++drawingNo}.xml`;
    const anchors: string[] = [];
    const drawingRels: { id: string; type: string; target: string }[] = [];
    sheet.charts.forEach((spec, i) => {
      const chart = `chart${++chartNo}.xml`;
      files[`xl/charts/${chart}`] = strToU8(chartXml(wb, spec, xlsxName));
      types = types.replace('</Types>', `<Override PartName="/xl/charts/${chart}" ContentType="${TYPE.chart}"/></Types>`);
      drawingRels.push({ id: `rId${i + 1}`, type: REL.chart, target: `../charts/${chart}` });
      anchors.push(anchorXml(sheet, spec, i + 1));
    });
    files[`xl/drawings/${drawing}`] = strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join('')}</xdr:wsDr>`,
    );
    files[`xl/drawings/_rels/${drawing}.rels`] = strToU8(relsXml(drawingRels));
    types = types.replace('</Types>', `<Override PartName="/xl/drawings/${drawing}" ContentType="${TYPE.drawing}"/></Types>`);
    const slash = part.lastIndexOf('/');
    const rels = `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
    const rid = addRel(files, rels, REL.drawing, `../drawings/${drawing}`);
    files[part] = strToU8(withDrawing(strFromU8(files[part]), rid));
  }
  files['[Content_Types].xml'] = strToU8(types);
  return zipSync(files, { level: 6 });
}
