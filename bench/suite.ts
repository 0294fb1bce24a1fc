/**
 * Everything measured at one size: build the workbook, then the CRM's operations and/or the
 * SheetQuery workload. A size can be split over two processes (parts), since every operation meets
 * the generated workbook (rollback.ts) and so does not depend on the others having run.
 */
import { CRM_OP_ORDER, runCrmOps, type CrmGroup } from './crmOps';
import { measure, plain, type OpResult } from './measure';
import { rollback, snapshot } from './rollback';
import { runSheetQuery } from './sheetquery/run';
import { buildWorkbook, liftCellLimit, type TabShape } from './workbook';

export type Part = CrmGroup | 'sheetquery';
export const ALL_PARTS: readonly Part[] = ['reads', 'writes', 'sheetquery'];

export interface SizeResult {
  customers: number;
  totalRows: number;
  tabs: TabShape[];
  setupCells: number;
  workbookCells: number;
  overCellLimit: boolean;
  /** Over 10M cells the emulator's growth guard was lifted so writes could run (Sheets would refuse). */
  limitLifted: boolean;
  generateMs: number;
  writeMs: number;
  /** setupWorkbook() on a new, empty spreadsheet (the same at every size). */
  freshSetup: OpResult;
  /** Over the limit only: a create with the guard in place, i.e. what Sheets would answer. */
  atLimit?: OpResult;
  ops: OpResult[];
  /** Heap in use after the operations (MB; the largest of a split size's processes), to size machines. */
  heapMb: number;
}

export interface SizeOptions {
  customers: number;
  bundlePath: string;
  sheetQueryScript: string | null;
  parts: readonly Part[];
  /** Let writes run over the 10M-cell limit (default true: measure anyway, and say so). */
  liftLimit?: boolean;
}

export function runSize(o: SizeOptions): SizeResult {
  const w = buildWorkbook(o.customers, o.bundlePath);
  let atLimit: OpResult | undefined;
  let limitLifted = false;
  if (w.overCellLimit && o.liftLimit !== false && o.parts.includes('writes')) {
    const before = snapshot(w.rt.workbook);
    atLimit = measure(
      w.rt,
      'crm',
      'saveRecord create (over the limit, guard on)',
      () => plain(w.api.saveRecord('customers', { name: '超限测试客户' })) as { ok: boolean },
      (r) => ({ ok: r.ok, error: r.ok ? undefined : JSON.stringify(r) }),
    ).stats;
    rollback(w.rt.workbook, before);
  }
  if (w.overCellLimit && o.liftLimit !== false) {
    liftCellLimit(w.rt.workbook);
    limitLifted = true;
  }
  const groups = o.parts.filter((p): p is CrmGroup => p !== 'sheetquery');
  const ops = groups.length ? [w.indexBuild, ...runCrmOps(w, groups)] : [];
  if (o.parts.includes('sheetquery') && o.sheetQueryScript) ops.push(...runSheetQuery(w, o.sheetQueryScript));
  return {
    customers: o.customers,
    totalRows: w.totalRows,
    tabs: w.tabs,
    setupCells: w.setupCells,
    workbookCells: w.workbookCells,
    overCellLimit: w.overCellLimit,
    limitLifted,
    generateMs: w.generateMs,
    writeMs: w.writeMs,
    freshSetup: w.freshSetup,
    ...(atLimit ? { atLimit } : {}),
    ops,
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
}

/** Results of the parts of one size run in different processes, as one. */
export function mergeParts(parts: readonly SizeResult[]): SizeResult {
  const [first, ...rest] = parts;
  const rank = (r: OpResult) => (r.impl === 'crm' ? 0 : 1000) + Math.max(0, CRM_OP_ORDER.indexOf(r.op));
  const ops = [first, ...rest].flatMap((p) => p.ops).sort((a, b) => rank(a) - rank(b));
  return {
    ...first,
    ops,
    atLimit: parts.find((p) => p.atLimit)?.atLimit,
    limitLifted: parts.some((p) => p.limitLifted),
    heapMb: Math.max(...parts.map((p) => p.heapMb)),
  };
}
