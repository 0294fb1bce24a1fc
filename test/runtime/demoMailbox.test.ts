/**
 * The demo mailboxes and the dev server's mail page: each demo owner has mail with their customers'
 * contacts and mail the CRM must not log; email logging turned on from google.script.run and run by
 * "Run time triggers now" (as its installer) logs exactly the contacts' mail, which /mail marks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunReply } from '../../src/runtime/devserver/protocol';
import { startDevServer, type DevServer } from '../../src/runtime/devserver/server';
import { addressesOf } from '../../src/runtime';

const ROOT = join(__dirname, '../..');
const ME = 'zhang.wei@example.com';

describe('the demo mailbox on the dev server', () => {
  jest.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'crm-mail-'));
  let dev: DevServer;
  const post = async <T>(path: string, body: unknown): Promise<T> =>
    (
      await fetch(new URL(path, dev.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    ).json() as Promise<T>;

  beforeAll(async () => {
    dev = await startDevServer({
      port: 0,
      workbookPath: join(dir, 'demo.xlsx'),
      bundlePath: join(ROOT, 'dist/Code.js'),
      sidebarPath: join(ROOT, 'dist/Sidebar.html'),
      demoCustomers: 30,
      locale: 'zh_CN',
      saveDelayMs: 3_600_000,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await dev?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each owner a mailbox; logging run by the time triggers logs exactly the mail with contacts and customers', async () => {
    const rt = dev.session.rt;
    const box = rt.gmail.mailbox(ME);
    expect(box.messages.size).toBeGreaterThan(5);
    expect(rt.gmail.users().length).toBeGreaterThan(1);
    const page = await (await fetch(new URL('/mail', dev.url))).text();
    expect(page).toContain(`Gmail: ${ME}`);
    expect(page).toContain('CRM-不记录');
    expect(page).toContain('附件 ');
    expect(page).not.toContain('CRM ✓');

    // What should be logged: messages with a live contact's or customer's address, outside the excluded threads.
    const contacts = await post<RunReply>('/api/run', { fn: 'searchRecords', args: ['contacts', '', { limit: 200 }] });
    const customers = await post<RunReply>('/api/run', { fn: 'searchRecords', args: ['customers', '', { limit: 200 }] });
    const leads = await post<RunReply>('/api/run', { fn: 'searchRecords', args: ['leads', '', { limit: 200 }] });
    type Item = { email?: string | null; convertedCustomerId?: string | null };
    const items = (r: RunReply) => (r.ok ? (r.value as { items: Item[] }).items : []);
    // A converted lead's mail goes to its customer; an open lead's is not logged.
    const emails = new Set(
      [...items(contacts), ...items(customers), ...items(leads).filter((l) => l.convertedCustomerId)]
        .map((c) => String(c.email ?? '').toLowerCase())
        .filter(Boolean),
    );
    const expected = [...box.messages.values()]
      .filter((m) => !box.threads.get(m.threadId)?.labels.has('CRM-不记录'))
      .filter((m) => addressesOf(m.sent ? `${m.to},${m.cc}` : m.from).some((a) => emails.has(a)))
      .map((m) => m.id)
      .sort();
    expect(expected.length).toBeGreaterThan(3);

    expect(await post<RunReply>('/api/run', { fn: 'setEmailLogging', args: [true] })).toMatchObject({
      ok: true,
      value: { ok: true, on: true },
    });
    const ran = await post<{ ran: string[]; errors: string[] }>('/api/triggers/run', {});
    expect(ran.errors).toEqual([]);
    expect(ran.ran).toContain('logEmails');
    const after = await (await fetch(new URL('/mail', dev.url))).text();
    expect(after.split('CRM ✓').length - 1).toBe(expected.length);
    const logged = dev.session.mailView(ME).logged;
    expect([...logged].sort()).toEqual(expected);
  });
});
