/**
 * The phone web app (issue #17) in chromium held as a phone (390 × 844, touch): doGet's page at the
 * dev server's /app. A rep searches a customer, opens the 360 view, logs a follow-up with a quick
 * method (seen in the workbook), keeps what they typed through a failed call and sends it again
 * (once), converts a lead, and opens deep links; someone not on the user list gets a clear page.
 * Screenshots of each view in zh and en are kept in test-results (webapp-*.png).
 */
import type { Page } from 'playwright-core';
import { describeBrowser, PHONE, settles, shot, startRig, type Rig } from './harness';

jest.setTimeout(240_000);

type Tab = { header: string[]; rows: unknown[][] };
function tab(rig: Rig, name: string): Tab {
  const values = rig.server.session.rt.workbook.getSheet(name)?.getValuesRaw() ?? [];
  return { header: (values[0] ?? []).map(String), rows: values.slice(1) };
}
function rowsWhere(t: Tab, label: string, value: unknown): Record<string, unknown>[] {
  const at = t.header.indexOf(label);
  if (at < 0) throw new Error(`no column ${label}`);
  return t.rows.filter((r) => r[at] === value).map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i]])));
}

/** The page fits the phone's width (no sideways scroll), then a full-page screenshot. */
async function phoneShot(page: Page, name: string): Promise<void> {
  const overflow = await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect({ view: name, overflow }).toEqual({ view: name, overflow: 0 });
  await shot(page, name);
}

describeBrowser('the web app on a phone (dev server, chromium)', () => {
  let rig: Rig;
  let page: Page;
  let customer = { id: '', name: '' };
  beforeAll(async () => {
    rig = await startRig({}, PHONE.viewport, PHONE);
    page = rig.page;
    const customers = tab(rig, 'Customers');
    const row = customers.rows[3];
    customer = { id: String(row[customers.header.indexOf('ID')]), name: String(row[customers.header.indexOf('Customer name')]) };
  });
  afterAll(async () => {
    await rig?.close();
  });

  const app = async (query = '') => {
    await page.goto(new URL(`app${query}`, rig.server.url).href);
  };
  const language = async (lang: 'zh' | 'en') => {
    await page.locator('select.lang').selectOption(lang);
  };

  it('searches a customer, opens its 360 view and logs a follow-up with a quick method', async () => {
    await app();
    await page.getByRole('searchbox').waitFor();
    await expect(page.locator('html').getAttribute('class')).resolves.toContain('webapp');
    await phoneShot(page, 'webapp-search-en');
    await page.getByRole('searchbox').fill(customer.name);
    const hit = page.getByRole('button', { name: new RegExp(customer.name) }).first();
    await hit.tap();
    await page.getByRole('heading', { name: customer.name, level: 2 }).waitFor();
    await phoneShot(page, 'webapp-360-en');
    await language('zh');
    await page.getByRole('heading', { name: /^联系人/ }).waitFor();
    await phoneShot(page, 'webapp-360-zh');
    await language('en');

    await page.getByRole('button', { name: 'Log follow-up' }).tap();
    await page.getByRole('group', { name: 'Quick pick' }).getByRole('button', { name: 'WeChat' }).tap();
    await expect(page.getByLabel('Method').inputValue()).resolves.toBe('微信');
    await page.getByLabel('Content').fill('Chatted on WeChat after the site visit');
    await phoneShot(page, 'webapp-follow-up-en');
    await language('zh');
    await page.getByRole('group', { name: '一键选择' }).waitFor();
    await phoneShot(page, 'webapp-follow-up-zh');
    await language('en');
    await page.getByRole('button', { name: 'Save' }).tap();
    await page
      .getByRole('region', { name: /^Follow-ups/ })
      .getByText('Chatted on WeChat after the site visit')
      .waitFor();
    const logged = rowsWhere(tab(rig, 'Follow-ups'), 'Content', 'Chatted on WeChat after the site visit');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ 'Customer ID': customer.id, Method: 'WeChat', Owner: 'zhang.wei@example.com' });
  });

  it('a follow-up being written survives a failed call (offline) and is sent again, once', async () => {
    await page.getByRole('button', { name: 'Log follow-up' }).tap();
    await page.getByRole('group', { name: 'Quick pick' }).getByRole('button', { name: 'Phone' }).tap();
    const text = 'Called from the car park; wants a demo on Friday';
    await page.getByLabel('Content').fill(text);
    await page.route('**/api/run', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Save' }).tap();
    await page.getByText(/Could not reach the server/).waitFor();
    await expect(page.getByLabel('Content').inputValue()).resolves.toBe(text);
    await phoneShot(page, 'webapp-offline-en');
    expect(rowsWhere(tab(rig, 'Follow-ups'), 'Content', text)).toHaveLength(0);
    await page.unroute('**/api/run');
    await page.getByRole('button', { name: 'Save' }).tap();
    await page
      .getByRole('region', { name: /^Follow-ups/ })
      .getByText(text)
      .waitFor();
    await settles(() => rowsWhere(tab(rig, 'Follow-ups'), 'Content', text).length, 1);
    const saves = (
      await page.evaluate(() => (window as unknown as { __CRM_CALLS__: { fn: string; args: unknown[] }[] }).__CRM_CALLS__)
    ).filter((c) => c.fn === 'saveRecord' && (c.args[1] as { content?: string }).content === text);
    // The same request sent twice (the second says it is a retry): one row.
    expect(saves.map((c) => (c.args[2] as { retry: boolean }).retry)).toEqual([false, true]);
  });

  it('shows the reminders and the pipeline board at phone width, in zh and en', async () => {
    for (const lang of ['en', 'zh'] as const) {
      await language(lang);
      await page.getByRole('button', { name: lang === 'zh' ? '我的提醒' : 'Reminders' }).tap();
      await page.locator('main .section h3').first().waitFor();
      await phoneShot(page, `webapp-reminders-${lang}`);
      await page.getByRole('button', { name: lang === 'zh' ? '商机看板' : 'Pipeline' }).tap();
      await page.locator('main details.stage').first().waitFor();
      await phoneShot(page, `webapp-board-${lang}`);
    }
    await language('zh');
    await page.getByRole('button', { name: '搜索' }).tap();
    await phoneShot(page, 'webapp-search-zh');
    await language('en');
  });

  it('converts a lead into a customer', async () => {
    const saved = rig.server.session.api.saveRecord('leads', {
      company: 'Roadside Pumps Co',
      contactName: 'Wu Fan',
      phone: '13700001111',
    }) as {
      ok: boolean;
      record: { id: string };
    };
    expect(saved.ok).toBe(true);
    await app();
    await page.getByLabel('Search in').selectOption('leads');
    await page.getByRole('searchbox').fill('Roadside Pumps');
    await page.getByRole('button', { name: /Roadside Pumps Co/ }).tap();
    await page.getByRole('button', { name: 'Convert to customer' }).tap();
    await phoneShot(page, 'webapp-convert-en');
    await language('zh');
    await page.getByRole('form', { name: '转为客户' }).waitFor();
    await phoneShot(page, 'webapp-convert-zh');
    await language('en');
    await page.getByRole('form', { name: 'Convert to customer' }).getByRole('button', { name: 'Convert' }).tap();
    await page.getByRole('heading', { name: 'Roadside Pumps Co', level: 2 }).waitFor();
    const lead = rowsWhere(tab(rig, 'Leads'), 'ID', saved.record.id)[0];
    expect(lead).toMatchObject({ Status: 'Converted' });
    expect(rowsWhere(tab(rig, 'Customers'), 'Customer name', 'Roadside Pumps Co')).toHaveLength(1);
  });

  it('a deep link opens its customer; an unknown ID says so', async () => {
    await app(`?customer=${customer.id}`);
    await page.getByRole('heading', { name: customer.name, level: 2 }).waitFor();
    const calls = await page.evaluate(() => (window as unknown as { __CRM_CALLS__: { fn: string; args: unknown[] }[] }).__CRM_CALLS__);
    expect(calls.filter((c) => c.fn === 'getCustomer360').map((c) => c.args[0])).toEqual([customer.id]);
    await app('?customer=C20990101999');
    await page.getByRole('alert').filter({ hasText: 'Customer not found (C20990101999)' }).waitFor();
    await phoneShot(page, 'webapp-deeplink-unknown-en');
    await language('zh');
    await page.getByRole('alert').filter({ hasText: '找不到该客户 (C20990101999)' }).waitFor();
    await phoneShot(page, 'webapp-deeplink-unknown-zh');
    await language('en');
  });

  it('someone not on the user list gets a clear page and no data', async () => {
    await app('?as=stranger@example.com');
    await page.getByRole('alert').filter({ hasText: "stranger@example.com is not on the CRM's user list" }).waitFor();
    await expect(page.locator('#app').count()).resolves.toBe(0);
    await phoneShot(page, 'webapp-no-access-en');
    await app('?as=stranger@example.com&lang=zh');
    await page.getByRole('alert').filter({ hasText: 'stranger@example.com 不在 CRM 的用户名单上' }).waitFor();
    await phoneShot(page, 'webapp-no-access-zh');
  });
});
