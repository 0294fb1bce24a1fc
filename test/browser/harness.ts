/**
 * Browser tests: the dev server in-process on a free port against a temporary workbook, driven
 * through Debian's chromium by playwright-core (no test tool ever downloads a browser).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import { startDevServer, type DevServer, type DevServerOptions } from '../../src/runtime/devserver/server';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = join(__dirname, '../..');
export const SHOTS = join(ROOT, 'test-results');

/** Without chromium the browser tests skip locally; under CI=true a missing browser fails them. */
export function describeBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, () => {
      // One retry, its first failure printed: on a loaded 2-core CI machine a click on a list item
      // has twice been followed by no view within 30 s (not reproduced in 9 loaded local runs). The
      // retry starts from the page the failed attempt left; a real fault fails both attempts.
      jest.retryTimes(1, { logErrorsBeforeRetry: true });
      body();
    });
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs chromium', () => {
        throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
      });
    });
    return;
  }
  describe.skip(`${name} (no ${CHROMIUM}; apt-get install -y chromium)`, body);
}

/** A tab of the rig's workbook as records (row 1 = the header's labels), as it is now. */
export function tabRecords(rig: { server: DevServer }, name: string): Record<string, unknown>[] {
  const grid = rig.server.session.rt.workbook.getSheet(name)?.getValuesRaw() ?? [];
  const header = (grid[0] ?? []) as string[];
  return grid.slice(1).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

export interface Rig {
  server: DevServer;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A phone as the web app's tests hold it: 390 × 844 CSS pixels, touch, a mobile viewport. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 } as const;

export async function startRig(
  options: DevServerOptions = {},
  viewport = { width: 1280, height: 860 },
  device: { hasTouch?: boolean; isMobile?: boolean; deviceScaleFactor?: number } = {},
): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-browser-'));
  const server = await startDevServer({
    port: 0,
    workbookPath: join(dir, 'workbook.xlsx'),
    bundlePath: join(ROOT, 'dist/Code.js'),
    sidebarPath: join(ROOT, 'dist/Sidebar.html'),
    demoCustomers: 40,
    locale: 'en_US',
    saveDelayMs: 3_600_000,
    log: () => undefined,
    ...options,
  });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    ...device,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  return {
    server,
    context,
    page,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the sidebar the way a person does: CRM → Open sidebar. */
export async function openSidebar(page: Page, item = 'Open sidebar'): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'CRM' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  const frame = page.frameLocator('iframe[name="sidebar"]');
  await frame.getByRole('searchbox').waitFor();
  return frame;
}

/** The sidebar panel (300 px wide) as a screenshot region; every view must fit without horizontal scroll. */
export async function sidebarShot(page: Page, name: string): Promise<void> {
  const box = await page.getByRole('complementary', { name: 'Sidebar' }).boundingBox();
  if (!box) throw new Error('sidebar not visible');
  const sb = page.frameLocator('iframe[name="sidebar"]');
  const overflow = await sb.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect({ view: name, overflow }).toEqual({ view: name, overflow: 0 });
  await shot(page, name, box);
}

/** google.script.run calls the sidebar made so far (recorded by the dev server's shim). */
export async function scriptCalls(sb: FrameLocator): Promise<{ fn: string; args: unknown[] }[]> {
  return sb.locator('body').evaluate(() => (window as unknown as { __CRM_CALLS__: { fn: string; args: unknown[] }[] }).__CRM_CALLS__);
}

/** Reads until the value equals `expected` (the UI answers asynchronously), then asserts it: a timeout shows the last value. */
export async function settles<T>(read: () => Promise<T> | T, expected: T, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!isDeepStrictEqual(last, expected) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

export async function shot(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot(clip ? { path, clip } : { path });
  return path;
}
