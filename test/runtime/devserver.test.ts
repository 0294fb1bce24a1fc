/** The dev server without a browser: its HTTP API, google.script.run rules, persistence. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { checkArguments, copyResult, findIllegal } from '../../src/runtime/devserver/gasRules';
import type { DevState, Outcome, RowsPage, RunReply } from '../../src/runtime/devserver/protocol';
import { startDevServer, type DevServer } from '../../src/runtime/devserver/server';
import { rowsPage } from '../../src/runtime/devserver/sheetData';

const ROOT = join(__dirname, '../..');

describe('google.script.run rules', () => {
  it('lets primitives, arrays and plain objects (of any realm) through', () => {
    expect(checkArguments(['customers', 'acme', { limit: 5, where: { owner: 'a' } }, [1, null, true], null, undefined])).toBeNull();
    expect(findIllegal(runInNewContext('({ a: [1, { b: "x" }] })'))).toBeNull();
    expect(findIllegal(Object.create(null))).toBeNull();
  });

  it('fails a Date, function, class instance, DOM-like node, symbol or cycle anywhere', () => {
    class Money {
      constructor(readonly n: number) {}
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(checkArguments(['x', new Date()])).toBe('Failed due to illegal value in property: 1 (Date)');
    expect(checkArguments([{ when: { at: runInNewContext('new Date()') } }])).toMatch(/property: 0\.when\.at \(Date\)/);
    expect(checkArguments([() => 1])).toMatch(/function/);
    expect(checkArguments([[1, new Money(2)]])).toMatch(/0\.1 \(Money instance\)/);
    expect(checkArguments([{ nodeType: 1, nodeName: 'DIV' }])).toMatch(/DOM element/);
    expect(checkArguments([Symbol('s')])).toMatch(/symbol/);
    expect(checkArguments([new Map()])).toMatch(/Map instance/);
    expect(checkArguments([cyclic])).toMatch(/circular/);
  });

  it('copies results as JSON and fails a result holding a Date, as Apps Script does', () => {
    expect(copyResult({ a: 1, b: undefined, c: [undefined] })).toEqual({ ok: true, json: '{"a":1,"c":[null]}' });
    expect(copyResult(undefined)).toEqual({ ok: true, json: 'null' });
    expect(copyResult({ record: { createdAt: runInNewContext('new Date(0)') } })).toEqual({
      ok: false,
      error: expect.stringMatching(/result\.record\.createdAt \(Date\)/),
    });
  });
});

describe('dev server HTTP API', () => {
  jest.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'crm-dev-'));
  const workbookPath = join(dir, 'demo.xlsx');
  let dev: DevServer;
  const options = {
    port: 0,
    workbookPath,
    bundlePath: join(ROOT, 'dist/Code.js'),
    sidebarPath: join(ROOT, 'dist/Sidebar.html'),
    demoCustomers: 12,
    locale: 'en_US',
    saveDelayMs: 3_600_000,
    log: () => undefined,
  };
  const get = async <T>(path: string): Promise<T> => (await fetch(new URL(path, dev.url))).json() as Promise<T>;
  const post = async <T>(path: string, body: unknown): Promise<T> =>
    (
      await fetch(new URL(path, dev.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    ).json() as Promise<T>;

  beforeAll(async () => {
    dev = await startDevServer(options);
  });
  afterAll(async () => {
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens on demo data with the CRM menu built by onOpen', async () => {
    const state = await get<DevState>('/api/state');
    expect(state.sheets.find((s) => s.name === 'Customers')?.lastRow).toBe(13);
    expect(state.menus[0].name).toBe('CRM');
    expect(state.menus[0].items[0]).toMatchObject({ caption: 'Open sidebar', functionName: 'showSidebar' });
    const page = await get<RowsPage>('/api/rows?sheet=Customers&from=1&count=3');
    expect(page.rows[0][0].v).toBe('ID');
    expect(page.rows[0][0].bold).toBe(true);
    expect(page.rows[1][0].v).toMatch(/^C\d{11}$/);
  });

  it('runs google.script.run calls: JSON results, thrown errors as failures, only real functions', async () => {
    const ok = await post<RunReply>('/api/run', { fn: 'searchRecords', args: ['customers', '', { limit: 2 }] });
    expect(ok).toMatchObject({ ok: true, value: { total: 12, limit: 2 } });
    expect(await post<RunReply>('/api/run', { fn: 'searchRecords', args: ['nope', ''] })).toEqual({
      ok: false,
      // Thrown refusals carry their code as a prefix the sidebar reads (src/server/entry.ts).
      error: '[crm:bad_argument] Bad argument table: Unknown table: nope',
    });
    expect(await post<RunReply>('/api/run', { fn: 'eval', args: ['1'] })).toEqual({ ok: false, error: 'Script function not found: eval' });
    const res = await fetch(new URL('/api/run', dev.url), { method: 'POST', body: '{"fn": 1}' });
    expect(res.status).toBe(400);
  });

  it("serves the sidebar the menu opened, with the shim before the page's own scripts", async () => {
    expect((await fetch(new URL('/sidebar', dev.url))).status).toBe(404);
    expect(await post<Outcome>('/api/menu', { fn: 'showSidebar' })).toEqual({ ok: true });
    expect(await post<Outcome>('/api/menu', { fn: 'searchRecords' })).toMatchObject({ ok: false });
    const state = await get<DevState>('/api/state');
    expect(state.sidebar).toEqual({ title: 'CRM', opened: 1 });
    const html = await (await fetch(new URL('/sidebar', dev.url))).text();
    const shimAt = html.indexOf('__CRM_FUNCTIONS__');
    expect(shimAt).toBeGreaterThan(0);
    expect(shimAt).toBeLessThan(html.indexOf('<div id="app">'));
    expect(html).toContain('"getSidebarContext"');
  });

  it('lists the webhook messages the bundle posted (GET /webhooks)', async () => {
    const empty = await (await fetch(new URL('/webhooks', dev.url))).text();
    expect(empty).toContain('No message posted yet');
    const hook = await post<RunReply>('/api/run', {
      fn: 'addWebhook',
      args: ['Sales chat', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=dev', null, null],
    });
    expect(hook).toMatchObject({ ok: true, value: { ok: true } });
    const customers = await post<RunReply>('/api/run', { fn: 'searchRecords', args: ['customers', '', { limit: 1 }] });
    const customerId = (customers as { value: { items: { id: string }[] } }).value.items[0].id;
    const deal = await post<RunReply>('/api/run', {
      fn: 'saveRecord',
      args: ['opportunities', { name: 'Dev server deal', customerId, stage: 'Won', amount: 1000, owner: 'zhang.wei@example.com' }],
    });
    expect(deal).toMatchObject({ ok: true, value: { ok: true } });
    expect(await post<RunReply>('/api/run', { fn: 'deliverNotifications', args: [] })).toMatchObject({ ok: true, value: { sent: 1 } });
    const page = await (await fetch(new URL('/webhooks', dev.url))).text();
    expect(page).toContain('企业微信 WeCom');
    expect(page).toContain('Dev server deal');
    expect(page).toContain('errcode');
  });

  it('applies a typed edit like a person, then saves on close and reloads the saved workbook', async () => {
    const edit = await post<Outcome>('/api/edit', { sheet: 'Customers', row: 2, column: 2, value: 'Renamed Customer Ltd' });
    expect(edit.ok).toBe(true);
    const page = await get<RowsPage>('/api/rows?sheet=Customers&from=2&count=1');
    expect(page.rows[0][1].v).toBe('Renamed Customer Ltd');
    expect((await post<Outcome>('/api/edit', { sheet: 'Nope', row: 2, column: 2, value: 'x' })).ok).toBe(false);
    await dev.close();
    expect(existsSync(workbookPath)).toBe(true);
    dev = await startDevServer(options);
    const again = await get<RowsPage>('/api/rows?sheet=Customers&from=2&count=1');
    expect(again.rows[0][1].v).toBe('Renamed Customer Ltd');
    expect((await get<DevState>('/api/state')).sheets.find((s) => s.name === 'Customers')?.lastRow).toBe(13);
  });
});

describe('dev server with a bundle that has handleEdit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-dev-edit-'));
  const bundlePath = join(dir, 'Code.js');
  writeFileSync(
    bundlePath,
    [
      "function onOpen() { SpreadsheetApp.getUi().createMenu('CRM').addItem('Set up', 'setupWorkbook').addToUi(); }",
      "function setupWorkbook() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 1, 2).setValues([['Name', 'Email']]); }",
      "function handleEdit(e) { if (!/@/.test(e.value || '')) { e.range.setNote('Not an email: ' + e.value); e.range.setBackground('#fce8e6'); } }",
      'function whatTimeIsIt() { return { at: new Date() }; }',
      'function helper_() { return 1; }',
    ].join('\n'),
  );
  let dev: DevServer;
  beforeAll(async () => {
    dev = await startDevServer({
      port: 0,
      workbookPath: join(dir, 'wb.xlsx'),
      bundlePath,
      sidebarPath: join(dir, 'none.html'),
      demoCustomers: 0,
      saveDelayMs: 3_600_000,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires handleEdit with the edit event; the grid shows its note and highlight', () => {
    const sheet = dev.session.rt.workbook.sheets[0].name;
    expect(dev.session.edit({ sheet, row: 2, column: 2, value: 'nope' })).toEqual({ ok: true });
    const model = dev.session.rt.workbook.sheets[0];
    expect(model.notes.get(2, 2)).toBe('Not an email: nope');
    expect(rowsPage(dev.session.rt.workbook, sheet, 2, 1).rows[0][1]).toEqual({ v: 'nope', note: 'Not an email: nope', bg: '#fce8e6' });
    expect(dev.session.edit({ sheet, row: 3, column: 2, value: 'a@b.co' })).toEqual({ ok: true });
    expect(model.notes.get(3, 2)).toBeUndefined();
  });

  it('fails a result holding a Date and hides private functions, as google.script.run does', () => {
    expect(dev.session.run('whatTimeIsIt', [])).toEqual({ ok: false, error: expect.stringMatching(/result\.at \(Date\)/) });
    expect(dev.session.functions).not.toContain('helper_');
    expect(dev.session.run('helper_', [])).toMatchObject({ ok: false });
  });
});
