/**
 * Whole-table jobs read only the columns they use (docs/PERFORMANCE.md): the summary
 * rebuild, the digest and the daily jobs read fewer cells than the tabs hold, at most the listed
 * columns (plus headers, and short gaps joined when cheaper than a round trip), and a user column
 * full of data costs them nothing but its header cell.
 */
import { SUMMARY_COLUMNS } from '../../src/core/summaries';
import { REMINDER_COLUMNS } from '../../src/core/reminders';
import { generateDataset, writeDataset } from '../../src/runtime/demo';
import { tableDef, type TableKey } from '../../src/schema';
import { DAILY_COLUMNS } from '../../src/server/workflows/dailyJobs';
import { consecutiveRuns } from '../../src/store/layout';
import { CELLS_PER_ROUND_TRIP } from '../../src/store/columns';
import { loadCrm, measure, type Crm } from './harness';
import type { EntryName } from '../../src/server/entryNames';

type Lists = Partial<Record<TableKey, readonly string[]>>;

function demo(n: number, manifest?: object): Crm {
  const crm = loadCrm({ user: 'li.na@example.com', now: new Date('2026-11-23T02:00:00Z'), ...(manifest ? { manifest } : {}) });
  crm.call('setupWorkbook');
  writeDataset(crm.rt.workbook, generateDataset({ customers: n, today: '2026-11-23' }), 'zh');
  return crm;
}

const sheetOf = (crm: Crm, key: TableKey) => {
  const s = crm.rt.workbook.getSheet(tableDef(key).tab.zh);
  if (!s) throw new Error(`no tab for ${key}`);
  return s;
};

/** Cells of the tabs' data ranges (what SheetStore.load reads). */
function wholeTabs(crm: Crm, lists: Lists): number {
  return Object.keys(lists).reduce((s, k) => {
    const raw = sheetOf(crm, k as TableKey).getValuesRaw();
    return s + raw.length * Math.max(...raw.map((r) => r.length));
  }, 0);
}

/** Most cells the column reads of `lists` may take: listed columns, headers, gaps joined below a round trip's worth. */
function columnBound(crm: Crm, lists: Lists): number {
  return Object.entries(lists).reduce((s, [k, fields]) => {
    const raw = sheetOf(crm, k as TableKey).getValuesRaw();
    const header = raw[0] as string[];
    const def = tableDef(k as TableKey);
    const at = [...new Set(['id', 'deleted', ...(fields ?? [])])]
      .map((f) => header.indexOf(def.columns.find((c) => c.key === f)?.label.zh ?? ''))
      .filter((i) => i >= 0);
    const rows = raw.length - 1;
    return s + header.length + rows * at.length + CELLS_PER_ROUND_TRIP * (consecutiveRuns(at).length - 1);
  }, 0);
}

const union = (...lists: Lists[]): Lists => {
  const out: Record<string, string[]> = {};
  for (const l of lists) for (const [k, v] of Object.entries(l)) out[k] = [...new Set([...(out[k] ?? []), ...(v ?? [])])];
  return out;
};

const JOBS: [EntryName, () => unknown[], Lists][] = [
  [
    'rebuildSummaries',
    () => [{ force: true, timeBudgetMs: 3600000 }],
    Object.fromEntries(Object.entries(SUMMARY_COLUMNS).filter(([k]) => k !== 'history')),
  ],
  ['sendReminderDigest', () => [], REMINDER_COLUMNS],
  ['runDailyJobs', () => [], union(DAILY_COLUMNS, REMINDER_COLUMNS)],
];

describe('whole-table jobs read only the columns they use (built bundle)', () => {
  const crm = demo(600);
  const settingsCells = () => {
    const raw = sheetOf(crm, 'settings').getValuesRaw();
    return raw.length * Math.max(...raw.map((r) => r.length));
  };
  const cellsRead = (job: EntryName, args: unknown[]) => {
    measure(crm, () => crm.call(job, ...args));
    return crm.rt.stats().cellsRead;
  };

  it.each(JOBS)('%s reads fewer cells than the tabs, at most the listed columns', (job, args, lists) => {
    const read = cellsRead(job, args());
    // The settings tab (one read per execution) and the summary tabs' filter rows come on top.
    const extra = settingsCells() + (job === 'rebuildSummaries' ? 7 * 30 : 0);
    expect(read).toBeLessThanOrEqual(columnBound(crm, lists) + extra);
    expect(read).toBeLessThan(0.75 * wholeTabs(crm, lists));
  });

  it.each(JOBS)('%s: a user column full of data costs only its header cell', (job, args, lists) => {
    const before = cellsRead(job, args());
    const keys = Object.keys(lists) as TableKey[];
    for (const k of keys) {
      const sheet = sheetOf(crm, k);
      const raw = sheet.getValuesRaw();
      const width = Math.max(...raw.map((r) => r.length));
      sheet.setValuesRaw(
        1,
        width + 1,
        raw.map((_r, i) => [i === 0 ? `我的备注${k}` : `note ${i} ${'x'.repeat(20)}`]),
      );
    }
    // At most its header cell: a batched read takes row 1 to the grid's width, which a new column
    // within the grid does not change.
    const after = cellsRead(job, args());
    expect(after).toBeGreaterThanOrEqual(before);
    expect(after).toBeLessThanOrEqual(before + keys.length);
    // Put the workbook back for the next job.
    for (const k of keys) {
      const sheet = sheetOf(crm, k);
      const raw = sheet.getValuesRaw();
      const width = Math.max(...raw.map((r) => r.length));
      sheet.setValuesRaw(
        1,
        width,
        raw.map(() => ['']),
      );
    }
  });
});

describe('batched column reads find columns people moved (built bundle)', () => {
  it('a rebuild after swapping two columns of a tab writes the same summaries', () => {
    const crm = demo(150);
    const summaryValues = () => crm.rt.workbook.sheets.map((s) => [s.name, s.getValuesRaw()]);
    // Twice: the first run grows the summary tabs' grids, which the next run's capacity line counts.
    crm.call('rebuildSummaries', { force: true, timeBudgetMs: 3600000 });
    crm.call('rebuildSummaries', { force: true, timeBudgetMs: 3600000 });
    const before = JSON.stringify(summaryValues());
    const tab = sheetOf(crm, 'followUps');
    const raw = tab.getValuesRaw();
    const header = raw[0] as string[];
    const a = header.indexOf(tableDef('followUps').columns.find((c) => c.key === 'time')?.label.zh ?? '');
    const b = header.indexOf(tableDef('followUps').columns.find((c) => c.key === 'owner')?.label.zh ?? '');
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(0);
    tab.setValuesRaw(
      1,
      a + 1,
      raw.map((r) => [r[b] ?? '']),
    );
    tab.setValuesRaw(
      1,
      b + 1,
      raw.map((r) => [r[a] ?? '']),
    );
    const moved = measure(crm, () => crm.call('rebuildSummaries', { force: true, timeBudgetMs: 3600000 }));
    expect(moved.byMethod['Sheets.Spreadsheets.Values.batchGet']).toBeGreaterThanOrEqual(2);
    // Put the columns back in the data's own copy for comparison: only the follow-ups tab differs.
    tab.setValuesRaw(1, 1, raw);
    const after = JSON.stringify(summaryValues());
    expect(after).toBe(before);
  });
});

describe('the daily job repairs the key index from the columns it read (built bundle)', () => {
  /** Marks index columns not built, host-side, as the simple onEdit does when a key cell is typed over. */
  function distrust(crm: Crm, names: readonly string[]): void {
    const index = crm.rt.workbook.getSheet('_crm_index');
    if (!index) throw new Error('no index tab');
    const head = index.getValuesRaw().slice(0, 2);
    head[0].forEach((name, i) => {
      if (!names.includes(String(name))) return;
      const meta = JSON.parse(String(head[1][i]).replace(/^'/, '')) as Record<string, unknown>;
      index.setValuesRaw(2, i + 1, [[`'${JSON.stringify({ ...meta, built: false })}`]]);
    });
  }
  const builtOf = (crm: Crm, name: string) => {
    const head = crm.rt.workbook.getSheet('_crm_index')?.getValuesRaw().slice(0, 2) ?? [[], []];
    const i = head[0].indexOf(name);
    return (JSON.parse(String(head[1][i]).replace(/^'/, '')) as { built?: boolean }).built;
  };

  it("in the same lock, reading none of the recompute's columns again", () => {
    const crm = demo(300);
    crm.call('rebuildIndex', { all: true });
    crm.call('runDailyJobs');
    const warm = measure(crm, () => crm.call('runDailyJobs'));
    // The follow-ups' and orders' customer IDs and IDs are read by the recompute: the repair takes them.
    distrust(crm, ['followUps.customerId', 'orders.customerId']);
    expect(builtOf(crm, 'followUps.customerId')).toBe(false);
    const repaired = measure(crm, () => crm.call('runDailyJobs'));
    expect(builtOf(crm, 'followUps.customerId')).toBe(true);
    expect(builtOf(crm, 'orders.customerId')).toBe(true);
    expect(repaired.byMethod['Lock.waitLock']).toBe(1);
    // Only the repaired tabs' header rows come on top (and the index cells written), and the
    // follow-ups' message-ID column (logged emails): a key column the recompute does not read, which
    // the ID directory's repair rebuilds with the table's other key columns.
    const followUps = sheetOf(crm, 'followUps').getValuesRaw().length;
    const emailIds = followUps - 1;
    expect(repaired.cellsRead - warm.cellsRead - emailIds).toBeLessThan(100);
    expect(repaired.cellsRead - warm.cellsRead).toBeLessThan(2 * followUps);
    // One more batched read for the repair, and for the message-ID column (past the index's width
    // before the duplicate check's columns) the width check, its column read and the metadata read
    // before writing it: 14 → 18 round trips at 300 customers.
    expect(repaired.roundTrips).toBeLessThanOrEqual(warm.roundTrips + 4);
    // The index vouches again: a 360 view reads by key.
    const view = measure(crm, () => crm.call('getCustomer360', String(sheetOf(crm, 'customers').getValuesRaw()[1][0])));
    expect(view.roundTrips).toBeLessThanOrEqual(2);
  });

  it('without the Sheets service too, with the same derived values', () => {
    const run = (manifest?: object) => {
      const crm = demo(120, manifest);
      crm.call('rebuildIndex', { all: true });
      distrust(crm, ['followUps.customerId', 'contacts.customerId']);
      const report = crm.call<{ updated: Record<string, number> }>('runDailyJobs');
      expect(builtOf(crm, 'followUps.customerId')).toBe(true);
      expect(builtOf(crm, 'contacts.customerId')).toBe(true);
      const ids = sheetOf(crm, 'customers')
        .getValuesRaw()
        .slice(1, 4)
        .map((r) => String(r[0]));
      return { report, views: ids.map((id) => crm.call('getCustomer360', id)) };
    };
    const plain = run({ dependencies: {} });
    const api = run();
    expect(plain.report).toEqual(api.report);
    expect(plain.views).toEqual(api.views);
  });
});
