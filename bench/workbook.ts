/**
 * One benchmark workbook per size: a spreadsheet set up by the built bundle's setupWorkbook(), then
 * filled with the deterministic demo history of N customers straight into the model (writeDataset:
 * no service calls), as if people had typed it over the years.
 */
import {
  CUSTOMER_CHILD_TABLES,
  DATA_TABLE_KEYS,
  hasFlag,
  LEAD_STATUSES,
  tableDef,
  TABLE_KEYS,
  type DataTableKey,
  type SettingsRow,
  type TableKey,
} from '../src/schema';
import { roleLabel } from '../src/core';
import { createRuntime, loadBundle, type BundleContext, type Runtime } from '../src/runtime';
import { generateDataset, writeDataset, type Dataset } from '../src/runtime/demo';
import type { Workbook } from '../src/runtime';
import { measure, type OpResult } from './measure';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Fixed seed and day: the same size always gives the same workbook. */
export const BENCH_SEED = 42;
/** 10:00 in Shanghai on the demo generator's default "today" (2026-11-23). */
export const BENCH_NOW = new Date('2026-11-23T02:00:00Z');
export const BENCH_USER = 'owner@example.com';

export interface TabShape {
  table: TableKey;
  tab: string;
  /** Data rows the generator wrote. */
  rows: number;
  /** Grid rows right after setupWorkbook(), before data (a new tab has 1,000). */
  setupRows: number;
  /** The tab's grid (Sheets counts all of it against the 10M-cell limit). */
  maxRows: number;
  maxColumns: number;
  /** Columns the table actually uses (its header width). */
  usedColumns: number;
}

/** Records the operations work on, picked before the dataset is dropped (it is large at 100k). */
export interface Picks {
  customerId: string;
  searchText: string;
  openLeadId: string;
  /** Existing customers with distinct names: the targets of the 500-row bulk update. */
  updateTargets: { id: string; name: string }[];
  /** Per data table, one generated record (the middle row): saveRecord create copies it, update changes it. */
  records: Record<DataTableKey, Record<string, unknown>>;
  /** A sales rep (role 销售 on the settings tab) who owns customers: the sidebar is opened as them. */
  rep: string;
  /** Two customers with children (contacts and follow-ups at least): mergeCustomers(keep, merge). */
  merge: { keepId: string; mergeId: string };
  /** An open to-do (the middle one): completeTodo(id, version). */
  openTodo: { id: string; version: number };
  /**
   * What saveRecord create of a delivery note ships: 1 of the first line of an order still to ship
   * (the middle one). The generated notes' lines are shipped already: a copy would over-ship.
   */
  deliveryNote: Record<string, unknown>;
}

export interface BenchWorkbook {
  customers: number;
  rt: Runtime;
  api: BundleContext;
  tabs: TabShape[];
  /** Data rows in all tables together: the x axis of the plot. */
  totalRows: number;
  /** Grid cells right after setupWorkbook(), before any data (headers, settings, summary tabs). */
  setupCells: number;
  workbookCells: number;
  overCellLimit: boolean;
  generateMs: number;
  writeMs: number;
  picks: Picks;
  freshSetup: OpResult;
  /** Whether last night's daily job could write (near the cell limit it may not). */
  dailyJobFits: boolean;
  /** Building the key index from the generated rows (they bypass the CRM). */
  indexBuild: OpResult;
}

export const BULK_UPDATE_ROWS = 500;
/** Campaign memberships of the lead convertLead converts (see pick). */
export const LEAD_MEMBERSHIPS = 1;

function pick(data: Dataset, customers: number): Picks {
  const all = data.customers ?? [];
  const middle = all[Math.floor(all.length / 2)];
  if (!middle) throw new Error('the benchmark needs at least one customer');
  // convertLead writes one block per run of contiguous rows it changes (store.updateMany), so its
  // calls follow how many campaign memberships the lead has, not the table sizes: the same kind of
  // lead (exactly one membership) is converted at every size.
  const memberships = new Map<string, number>();
  for (const m of data.campaignMembers ?? []) if (m.leadId) memberships.set(String(m.leadId), (memberships.get(String(m.leadId)) ?? 0) + 1);
  const open = (data.leads ?? []).filter((l) => hasFlag(LEAD_STATUSES, l.status, 'open'));
  const lead = open.find((l) => memberships.get(String(l.id)) === LEAD_MEMBERSHIPS) ?? open[0];
  if (!lead) throw new Error(`no open lead among ${customers} customers`);
  const seen = new Set<string>();
  const updateTargets: Picks['updateTargets'] = [];
  for (const c of all) {
    const name = String(c.name);
    if (seen.has(name)) continue;
    seen.add(name);
    if (updateTargets.length < BULK_UPDATE_ROWS) updateTargets.push({ id: String(c.id), name });
  }
  const records = Object.fromEntries(
    DATA_TABLE_KEYS.map((t) => {
      const rows = data[t] ?? [];
      const r = rows[Math.floor(rows.length / 2)];
      if (!r) throw new Error(`no generated ${t} record to save`);
      return [t, { ...r }];
    }),
  ) as Picks['records'];
  const reps = (data.settings ?? [])
    .filter((s) => s.type === ('用户' satisfies SettingsRow['type']) && s.role === roleLabel('sales').zh)
    .map((s) => String(s.key));
  const owners = new Set(all.map((c) => String(c.owner)));
  const rep = reps.find((r) => owners.has(r));
  if (!rep) throw new Error('no sales rep owns a customer');
  const children = new Map(CUSTOMER_CHILD_TABLES.map((t) => [t as string, new Set((data[t] ?? []).map((r) => String(r.customerId)))]));
  const withChildren = (c: (typeof all)[number]) => ['contacts', 'followUps'].every((t) => children.get(t)?.has(String(c.id)));
  const from = (at: number) => all.slice(at).find((c) => c.id !== middle.id && withChildren(c));
  const keep = from(Math.floor(all.length / 3));
  const merge = from(Math.floor((all.length * 2) / 3));
  if (!keep || !merge || keep.id === merge.id) throw new Error('no two customers with children to merge');
  const openTodos = (data.todos ?? []).filter((t) => t.done !== true);
  const todo = openTodos[Math.floor(openTodos.length / 2)];
  if (!todo) throw new Error('no open to-do to complete');
  const shipped = new Set((data.deliveryNotes ?? []).map((n) => String(n.orderId)));
  const toShip = (data.orders ?? []).filter((o) => o.deliveryStatus === '待发货' && !shipped.has(String(o.id)));
  const order = toShip[Math.floor(toShip.length / 2)];
  const line = (data.lineItems ?? []).find((l) => l.docType === '订单' && order && l.docId === order.id);
  if (!order || !line) throw new Error('no order still to ship');
  const deliveryNote = {
    noteNo: 'FH-基准',
    orderId: order.id,
    customerId: order.customerId,
    lineId: line.id,
    quantity: 1,
    shipDate: order.orderDate,
    carrier: '顺丰速运',
    trackingNo: 'SF000000001',
  };
  // The search: 3 characters of a customer name.
  return {
    deliveryNote,
    openTodo: { id: String(todo.id), version: Number(todo.version) },
    customerId: String(middle.id),
    searchText: String(middle.name).slice(0, 3),
    openLeadId: String(lead.id),
    updateTargets,
    records,
    rep,
    merge: { keepId: String(keep.id), mergeId: String(merge.id) },
  };
}

function shapes(workbook: Workbook, rows: Partial<Record<TableKey, number>>, setupRows: ReadonlyMap<string, number>): TabShape[] {
  const out: TabShape[] = [];
  for (const table of TABLE_KEYS) {
    const tab = tableDef(table).tab.zh;
    const sheet = workbook.getSheet(tab);
    if (!sheet) continue;
    out.push({
      table,
      tab,
      rows: rows[table] ?? 0,
      setupRows: setupRows.get(tab) ?? sheet.maxRows,
      maxRows: sheet.maxRows,
      maxColumns: sheet.maxColumns,
      usedColumns: sheet.extent().lastColumn,
    });
  }
  return out;
}

/**
 * Over 10M cells the emulator (rightly) refuses to grow any tab, so no write could be measured at
 * 100k customers. For that size only, the guard is lifted on this one workbook: the counts then
 * show whether calls stay flat, while the report says Sheets itself would refuse the workbook.
 */
export function liftCellLimit(workbook: Workbook): void {
  workbook.assertCellBudget = () => undefined;
}

export function buildWorkbook(customers: number, bundlePath: string): BenchWorkbook {
  // The sidebar's page beside the bundle (doGet serves it to the web app), as clasp pushes both.
  const sidebar = join(dirname(bundlePath), 'Sidebar.html');
  const htmlFiles = existsSync(sidebar) ? { Sidebar: readFileSync(sidebar, 'utf8') } : undefined;
  const rt = createRuntime({ locale: 'zh_CN', timeZone: 'Asia/Shanghai', now: BENCH_NOW, user: BENCH_USER, owner: BENCH_USER, htmlFiles });
  const api = loadBundle(rt, bundlePath);
  const freshSetup = measure(rt, 'crm', 'setupWorkbook (new workbook)', () => api.setupWorkbook()).stats;
  const setupCells = rt.workbook.cellCount;
  const setupRows = new Map(rt.workbook.sheets.map((sheet) => [sheet.name, sheet.maxRows]));
  let t = Date.now();
  let data: Dataset | null = generateDataset({ customers, seed: BENCH_SEED });
  const generateMs = Date.now() - t;
  t = Date.now();
  const report = writeDataset(rt.workbook, data, 'zh');
  const writeMs = Date.now() - t;
  // The generated rows went straight into the model: the CRM builds its key index from them once
  // (what the daily job or rebuildIndex does after rows arrive by other means), measured on its own.
  const indexBuild = measure(rt, 'crm', 'rebuildIndex (all columns, cold)', () => api.rebuildIndex({ all: true })).stats;
  // A workbook in daily use has had last night's daily job (derived fields, the reminders agenda):
  // run once, unmeasured here (runDailyJobs is measured with the other operations).
  // Near the 10M-cell limit it may be refused (its writes would not fit): then the workbook leaves
  // no room for the measured writes either, and the fit search counts it as too big.
  let dailyJobFits = true;
  try {
    api.runDailyJobs();
  } catch {
    dailyJobFits = false;
  }
  const picks = pick(data, customers);
  data = null; // the records are in the workbook now; at 100k the dataset alone is ~1 GB
  const tabs = shapes(rt.workbook, report.rows, setupRows);
  return {
    customers,
    rt,
    api,
    tabs,
    totalRows: tabs.reduce((n, s) => n + s.rows, 0),
    setupCells,
    workbookCells: report.workbookCells,
    overCellLimit: report.overCellLimit,
    dailyJobFits,
    generateMs,
    writeMs,
    picks,
    freshSetup,
    indexBuild,
  };
}
