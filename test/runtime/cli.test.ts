/** `npm start`'s entry: prints its URL, serves, and on SIGINT/SIGTERM saves the workbook and exits 0. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
jest.setTimeout(120_000);

function start(workbook: string): {
  url: Promise<string>;
  exit: Promise<number | null>;
  kill: (s: NodeJS.Signals) => void;
  output: () => string;
} {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/runtime/cli/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', CRM_WORKBOOK: workbook, CRM_DEMO_CUSTOMERS: '8', CRM_LOCALE: 'en_US' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', () => reject(new Error(`exited before printing its URL:\n${out}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { url, exit, kill: (s) => child.kill(s), output: () => out };
}

describe('npm start (src/runtime/cli/start.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['SIGINT', 'SIGTERM'] as const)('prints its URL, serves the page, and exits cleanly on %s', async (signal) => {
    const workbook = join(dir, `${signal}.xlsx`);
    const app = start(workbook);
    const url = await app.url;
    expect(url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    app.kill(signal);
    expect(await app.exit).toBe(0);
    expect(existsSync(workbook)).toBe(true);
    expect(app.output()).toContain('saving the workbook');
  });
});
