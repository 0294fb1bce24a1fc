/**
 * The sidebar's server side through dist/Code.js: showSidebar, the start-up context, reminders
 * and the board; and the search the sidebar makes, driven through the sidebar's own RPC module
 * (sidebar/src/rpc.ts) over a google.script.run stand-in, counting calls and service calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { customers } from '../../src/schema';
import { generateDataset } from '../../src/runtime/demo/generate';
import { writeDataset } from '../../src/runtime/demo/write';
import { serverFunctions } from '../../sidebar/src/rpc';
import { REMINDER_COLUMNS } from '../../src/core/reminders';
import { columnReadBound, loadCrm, measure, type Crm } from './harness';
import { CARD_FIELDS } from '../../src/server/sidebar/pipeline';
import type { EntryName } from '../../src/server/entryNames';

const SIDEBAR = readFileSync(join(__dirname, '../../dist/Sidebar.html'), 'utf8');

/** Customers typed straight into the model (no service calls), as if people had entered them. */
function fillCustomers(crm: Crm, n: number): void {
  const sheet = crm.rt.workbook.getSheet('客户信息');
  if (!sheet) throw new Error('no customers tab');
  const header = sheet.getValuesRaw()[0] as string[];
  const at = (label: string) => header.indexOf(label);
  sheet.setValuesRaw(
    2,
    1,
    Array.from({ length: n }, (_, i) => {
      const row: (string | number | boolean)[] = new Array(header.length).fill('');
      row[at('编号')] = `C20240101${String(i + 1).padStart(3, '0')}`;
      row[at(customers.fields.name.meta.label.zh)] = `${['华东', '华南', '华北', '西部'][i % 4]}客户 ${i + 1} 有限公司`;
      row[at('联系方式')] = `138${String(i).padStart(8, '0')}`;
      row[at('负责人')] = 'rep@example.com';
      row[at('版本')] = 1;
      row[at('已删除')] = false;
      return row;
    }),
  );
}

/** google.script.run backed by the bundle: JSON copies, async handlers; records every call. */
function installScriptRun(crm: Crm): string[] {
  const made: string[] = [];
  const runner = (ok?: (v: unknown) => void, fail?: (e: Error) => void): Record<string, unknown> =>
    new Proxy(
      {},
      {
        get: (_t, prop: string) => {
          if (prop === 'withSuccessHandler') return (h: (v: unknown) => void) => runner(h, fail);
          if (prop === 'withFailureHandler') return (h: (e: Error) => void) => runner(ok, h);
          return (...args: unknown[]) => {
            made.push(prop);
            setTimeout(() => {
              try {
                ok?.(crm.call(prop as EntryName, ...(JSON.parse(JSON.stringify(args)) as unknown[])));
              } catch (e) {
                fail?.(e as Error);
              }
            }, 0);
          };
        },
      },
    );
  (globalThis as { google?: unknown }).google = { script: { run: runner() } };
  return made;
}

async function searchCost(n: number, indexed = true) {
  const crm = loadCrm({ user: 'rep@example.com' });
  crm.call('setupWorkbook');
  fillCustomers(crm, n);
  // Rows written straight into the model bypass the CRM: its key index and search keys are built
  // once from them, as the daily job (or rebuildIndex) does after rows arrive by other means.
  if (indexed) crm.call('rebuildIndex', { all: true });
  const made = installScriptRun(crm);
  crm.rt.resetStats();
  const page = await serverFunctions.searchRecords('customers', '华南客户 1', { limit: 30 });
  return { made, page, stats: crm.rt.stats() };
}

describe('sidebar entry points (built bundle)', () => {
  afterAll(() => {
    delete (globalThis as { google?: unknown }).google;
  });

  it('searching 10,000 customers is one server call per query with the same service calls as 1,000', async () => {
    const small = await searchCost(1000);
    const large = await searchCost(10000);
    expect(small.made).toEqual(['searchRecords']);
    expect(large.made).toEqual(['searchRecords']);
    expect(large.stats.calls).toBe(small.stats.calls);
    expect(large.stats.roundTrips).toBe(small.stats.roundTrips);
    // Settings with the header and the ID count, then the search-key column, then the page's rows.
    expect(large.stats.byMethod['Sheets.Spreadsheets.Values.batchGet']).toBe(3);
    expect(large.stats.roundTrips).toBe(3);
    expect(large.page.items.length).toBe(30);
    expect(String(large.page.items[0].name)).toMatch(/^华南客户 1/);
    expect(large.page.total).toBeGreaterThan(small.page.total);
  });

  it('without search keys (rows from before them, or written by another script) search reads the tab and answers the same', async () => {
    const keyed = await searchCost(1000);
    const unkeyed = await searchCost(1000, false);
    expect(unkeyed.page).toEqual(keyed.page);
    expect(unkeyed.stats.cellsRead).toBeGreaterThan(keyed.stats.cellsRead);
  });

  it('the CRM menu opens the sidebar first; showSidebar serves dist/Sidebar.html with a title', () => {
    const crm = loadCrm({ locale: 'en_US', htmlFiles: { Sidebar: SIDEBAR } });
    crm.call('onOpen');
    const first = crm.rt.ui.menus[0].items[0];
    expect(first).toEqual({ type: 'item', caption: 'Open sidebar', functionName: 'showSidebar' });
    crm.call('showSidebar');
    expect(crm.rt.ui.sidebar?.title).toBe('CRM');
    expect(crm.rt.ui.sidebar?.html).toBe(SIDEBAR);
    const zh = loadCrm({ locale: 'zh_CN' });
    zh.call('onOpen');
    expect(zh.rt.ui.menus[0].items[0]).toMatchObject({ caption: '打开侧边栏' });
  });

  describe('on demo data', () => {
    function demo(n: number): Crm {
      const crm = loadCrm({ user: 'li.na@example.com', now: new Date('2026-11-23T02:00:00Z') });
      crm.call('setupWorkbook');
      writeDataset(crm.rt.workbook, generateDataset({ customers: n, today: '2026-11-23' }), 'zh');
      crm.call('rebuildIndex', { all: true });
      return crm;
    }
    const small = demo(60);
    const large = demo(600);

    it('getSidebarContext gives the language, user, lists and team in one settings read', () => {
      const m = measure(small, () =>
        small.call<{
          lang: string;
          user: string;
          role: string;
          lists: { tag: unknown[] };
          users: { email: string }[];
          params: Record<string, number>;
        }>('getSidebarContext'),
      );
      // She ran setup first, which makes her an admin.
      expect(m.result).toMatchObject({
        lang: 'zh',
        user: 'li.na@example.com',
        role: 'admin',
        params: { stalledDays: 14, contractExpiryDays: 30 },
      });
      expect(m.result.lists.tag.length).toBeGreaterThan(3);
      expect(m.result.users.map((u) => u.email)).toContain('li.na@example.com');
      expect(m.byMethod['Sheets.Spreadsheets.Values.batchGet']).toBe(1);
      // Plus the admin's capacity level: a cache get, and a document property when the cache is cold.
      expect(m.roundTrips).toBeLessThanOrEqual(3);
    });

    it('getReminders answers for the current user by default, for everyone with owner "", at flat cost', () => {
      type R = {
        today: string;
        owner: string | null;
        counts: Record<string, number>;
        items: { owner: string; kind: string; customerName: string }[];
      };
      const mine = small.call<R>('getReminders', {});
      // The bundle's `new Date()` reads the runtime's clock, so "today" is the demo's day.
      expect(mine.today).toBe('2026-11-23');
      expect(mine.owner).toBe('li.na@example.com');
      expect(mine.items.every((r) => r.owner === 'li.na@example.com')).toBe(true);
      const all = small.call<R>('getReminders', { owner: '' });
      expect(all.owner).toBeNull();
      expect(all.items.length).toBeGreaterThan(mine.items.length);
      expect(all.items.every((r) => r.customerName !== '')).toBe(true);
      const a = measure(small, () => small.call('getReminders', { owner: '' }));
      const b = measure(large, () => large.call('getReminders', { owner: '' }));
      // Flat but for column reads: runs of needed columns are joined across short gaps on small tabs.
      // (A read of many ranges, such as the latest follow-ups' plan cells, goes by batchGetByDataFilter.)
      const reads = (m: typeof a) =>
        (m.byMethod['Range.getValues'] ?? 0) +
        (m.byMethod['Sheets.Spreadsheets.Values.batchGet'] ?? 0) +
        (m.byMethod['Sheets.Spreadsheets.Values.batchGetByDataFilter'] ?? 0);
      const other = (m: typeof a) => m.calls - reads(m) - (m.byMethod['Sheet.getRange'] ?? 0);
      expect([other(b), b.roundTrips - reads(b)]).toEqual([other(a), a.roundTrips - reads(a)]);
      expect(reads(b)).toBeGreaterThanOrEqual(reads(a));
      expect(reads(b)).toBeLessThanOrEqual(1 + columnReadBound(REMINDER_COLUMNS));
      expect(() => small.call('getReminders', { owner: 3 })).toThrow(/owner/);
      expect(() => small.call('getReminders', { colour: 'red' })).toThrow(/unknown option|未知的选项/);
    });

    it('getPipeline groups opportunities by stage with customer names, at flat cost', () => {
      type P = {
        columns: { stage: string; count: number; amount: number; cards: { id: string; version: number; customerName: string }[] }[];
      };
      const board = small.call<P>('getPipeline', { owner: '', limit: 5 });
      expect(board.columns.map((c) => c.stage)).toEqual(['线索', '需求分析', '方案报价', '合同谈判', '成交', '售后', '输单']);
      const total = board.columns.reduce((n, c) => n + c.count, 0);
      expect(total).toBe(small.call<{ total: number }>('searchRecords', 'opportunities', '', { limit: 1 }).total);
      for (const c of board.columns) expect(c.cards.length).toBeLessThanOrEqual(5);
      const card = board.columns.flatMap((c) => c.cards)[0];
      expect(card.customerName).not.toBe('');
      const moved = small.call<{ ok: boolean; record: { stage: string } }>('saveRecord', 'opportunities', {
        id: card.id,
        version: card.version,
        stage: '合同谈判',
      });
      expect(moved).toMatchObject({ ok: true, record: { stage: '合同谈判' } });
      const a = measure(small, () => small.call('getPipeline', {}));
      const b = measure(large, () => large.call('getPipeline', {}));
      // Flat but for column reads (short gaps are joined on small tabs), within the layout's bound.
      const reads = (m: typeof a) => (m.byMethod['Range.getValues'] ?? 0) + (m.byMethod['Sheets.Spreadsheets.Values.batchGet'] ?? 0);
      const other = (m: typeof a) => m.calls - reads(m) - (m.byMethod['Sheet.getRange'] ?? 0);
      expect([other(b), b.roundTrips - reads(b)]).toEqual([other(a), a.roundTrips - reads(a)]);
      expect(reads(b)).toBeGreaterThanOrEqual(reads(a));
      expect(reads(b)).toBeLessThanOrEqual(1 + columnReadBound({ customers: ['name'], opportunities: CARD_FIELDS }));
    });
  });
});
