/**
 * The sidebar in the dev server, as a person uses it: fields found by their accessible names
 * (the schema's labels), screenshots of each view at 300 px in test-results/.
 */
import type { FrameLocator } from 'playwright-core';
import { describeBrowser, openSidebar, scriptCalls, shot, sidebarShot, startRig, type Rig } from './harness';

jest.setTimeout(180_000);

function customerRows(rig: Rig): number {
  return rig.server.session.rt.workbook.getSheet('Customers')?.extent().lastRow ?? 0;
}

describeBrowser('sidebar (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  beforeAll(async () => {
    rig = await startRig();
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('opens from the CRM menu on search, with a New customer button, and fits 300 px', async () => {
    await sb.getByRole('button', { name: 'New customer' }).waitFor();
    await sidebarShot(rig.page, 'sidebar-search');
  });

  it('shows an inline error for an empty required field and saves nothing', async () => {
    const rowsBefore = customerRows(rig);
    const saveCallsBefore = (await scriptCalls(sb)).filter((c) => c.fn === 'saveRecord').length;
    await sb.getByRole('button', { name: 'New customer' }).click();
    const name = sb.getByLabel('Customer name');
    await name.waitFor();
    await sb.getByRole('button', { name: 'Save' }).click();
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await sb.locator('#form-customers-name-err').getByText('Required').waitFor();
    await sidebarShot(rig.page, 'sidebar-form-error');
    expect((await scriptCalls(sb)).filter((c) => c.fn === 'saveRecord').length).toBe(saveCallsBefore);
    expect(customerRows(rig)).toBe(rowsBefore);
    await sb.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates a customer in the sidebar and the grid shows it', async () => {
    await sb.getByRole('button', { name: 'New customer' }).click();
    await sb.getByLabel('Customer name').fill('Playwright Robotics Ltd');
    await sb.getByLabel('Phone').fill('13800138000');
    await sb.getByLabel('Email').fill('buyer@playwright-robotics.example');
    await sb.getByLabel('Company size').selectOption('20-99');
    await sb.getByRole('button', { name: 'Save' }).click();
    await sb.getByRole('heading', { name: 'Playwright Robotics Ltd' }).waitFor();
    const grid = rig.page.getByRole('grid', { name: 'Customers' });
    await grid.click({ position: { x: 80, y: 60 } });
    await rig.page.keyboard.press('Control+ArrowDown');
    await rig.page.getByRole('gridcell', { name: 'Playwright Robotics Ltd' }).waitFor({ timeout: 10_000 });
    await shot(rig.page, 'devserver-new-customer');
  });

  it('creates a record of another table with a search-as-you-type picker for its customer', async () => {
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByLabel('Search in').selectOption('opportunities');
    await sb.getByRole('button', { name: 'New opportunity' }).click();
    await sb.getByLabel('Opportunity name').fill('Robot arms for the new line');
    await sb.getByRole('combobox', { name: 'Customer ID' }).pressSequentially('Playwright', { delay: 20 });
    await sb.getByRole('option', { name: /Playwright Robotics Ltd/ }).click();
    await expect(sb.getByRole('textbox', { name: 'Customer ID', exact: true }).inputValue()).resolves.toMatch(
      /^Playwright Robotics Ltd \(C\d{11}\)$/,
    );
    await expect(sb.getByLabel('Stage', { exact: true }).inputValue()).resolves.toBe('线索');
    await sb.getByLabel('Expected amount').fill('-5');
    await sb.getByRole('button', { name: 'Save' }).click();
    await sb.getByText('Must not be negative').waitFor();
    await sidebarShot(rig.page, 'sidebar-form-opportunity');
    await sb.getByLabel('Expected amount').fill('250000');
    await sb.getByRole('button', { name: 'Save' }).click();
    await sb.getByRole('button', { name: 'New opportunity' }).waitFor();
    const found = rig.server.session.api.searchRecords('opportunities', 'Robot arms', {}) as { items: { amount: number; stage: string }[] };
    expect(found.items[0]).toMatchObject({ amount: 250000, stage: '线索' });
    await sb.getByLabel('Search in').selectOption('customers');
  });

  it('searches by partial name with one server call per query', async () => {
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByLabel('Search in').selectOption('customers');
    const box = sb.getByRole('searchbox');
    await box.waitFor();
    const before = (await scriptCalls(sb)).length;
    await box.pressSequentially('Robotic', { delay: 40 });
    await sb.getByRole('button', { name: /Playwright Robotics Ltd/ }).waitFor();
    await rig.page.waitForTimeout(400);
    const made = (await scriptCalls(sb)).slice(before);
    expect(made.map((c) => c.fn)).toEqual(['searchRecords']);
    expect(made[0].args.slice(0, 2)).toEqual(['customers', 'Robotic']);
    await sidebarShot(rig.page, 'sidebar-search-results');
  });

  it('opens the customer 360 view with every section in one scroll', async () => {
    await sb.getByRole('button', { name: /Playwright Robotics Ltd/ }).click();
    for (const heading of [
      'Contacts',
      'Opportunities',
      'Follow-ups',
      'Quotes',
      'Orders',
      'Contracts',
      'Payments',
      'Feedback',
      'Tickets',
      'History',
    ]) {
      await sb.getByRole('heading', { name: new RegExp(`^${heading}`) }).waitFor();
    }
    await sidebarShot(rig.page, 'sidebar-360-new');
  });

  it('logs a follow-up from the 360 view', async () => {
    await sb.getByRole('button', { name: 'Log follow-up' }).click();
    await sb.getByLabel('Method').selectOption('面谈');
    await sb.getByLabel('Content').fill('Met the buyer; sending a proposal');
    await sb.getByLabel('Next plan').fill('Send proposal');
    await sidebarShot(rig.page, 'sidebar-follow-up');
    await sb.getByRole('button', { name: 'Save' }).click();
    const section = sb.getByRole('region', { name: /^Follow-ups/ });
    await section.getByText('Met the buyer; sending a proposal').waitFor();
    const followUps = rig.server.session.rt.workbook.getSheet('Follow-ups')?.getValuesRaw() ?? [];
    expect(followUps.some((row) => row.includes('Met the buyer; sending a proposal'))).toBe(true);
  });

  it("shows a demo customer's full history in the 360 view", async () => {
    const sheet = rig.server.session.rt.workbook.getSheet('Customers');
    const header = sheet?.getValuesRaw()[0] ?? [];
    const name = String(sheet?.getCell(2, header.indexOf('Customer name') + 1));
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByRole('searchbox').fill(name);
    await sb
      .getByRole('button', { name: new RegExp(name) })
      .first()
      .click();
    await sb.getByRole('heading', { name }).waitFor();
    await sb.getByRole('heading', { name: /^History/ }).waitFor();
    await sidebarShot(rig.page, 'sidebar-360');
    const page = rig.page;
    await page.setViewportSize({ width: 1280, height: 2400 });
    await sidebarShot(page, 'sidebar-360-long');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('moves an opportunity to the next stage on the board', async () => {
    await sb.getByRole('button', { name: 'Pipeline' }).click();
    await sb.getByLabel('Whose').selectOption('all');
    const lead = sb.getByRole('list', { name: 'Lead' });
    const card = lead.getByRole('listitem').first();
    await card.waitFor();
    const title = (await card.getAttribute('aria-label')) ?? '';
    await sidebarShot(rig.page, 'sidebar-board');
    await card.getByRole('button', { name: 'Move to Needs analysis' }).click();
    await sb.getByRole('list', { name: 'Needs analysis' }).getByRole('listitem', { name: title }).first().waitFor();
    const opps = rig.server.session.api.searchRecords('opportunities', title, { limit: 5 }) as { items: { name: string; stage: string }[] };
    expect(opps.items.find((o) => o.name === title)?.stage).toBe('需求分析');
  });

  it('lists my reminders', async () => {
    await sb.getByRole('button', { name: 'Reminders' }).click();
    await sb.getByLabel('Whose').selectOption('all');
    await sb
      .getByRole('heading', { name: /Follow-ups due|Payments due|Stalled opportunities|Tickets open too long|Contracts expiring/ })
      .first()
      .waitFor();
    await sidebarShot(rig.page, 'sidebar-reminders');
  });

  it('switches to Chinese: labels and buttons follow', async () => {
    await sb.getByLabel('Language').selectOption('zh');
    await sb.getByRole('button', { name: '搜索' }).click();
    await sb.getByRole('button', { name: '新建客户' }).click();
    await sb.getByLabel('客户名称').waitFor();
    await sb.getByRole('button', { name: '保存' }).waitFor();
    await sidebarShot(rig.page, 'sidebar-form-zh');
    await sb.getByRole('button', { name: '取消' }).click();
    await sb.getByLabel('语言').selectOption('en');
  });

  it('offline: a save shows a message in the UI language with Retry, keeps what was typed, and saves once when back online', async () => {
    const rowsBefore = customerRows(rig);
    await sb.getByRole('button', { name: 'Search' }).click();
    await sb.getByRole('button', { name: 'New customer' }).click();
    await sb.getByLabel('Customer name').fill('Offline Trading Co');
    await sb.getByLabel('Phone').fill('13800138111');
    await rig.context.setOffline(true);
    try {
      await sb.getByRole('button', { name: 'Save' }).click();
      const alert = sb.getByRole('alert');
      await alert.getByText(/Could not reach the server/).waitFor();
      // Never Apps Script's raw text in the message (it stays in the tooltip only).
      await expect(alert.innerText()).resolves.not.toMatch(/NetworkError|HTTP 0/);
      await sidebarShot(rig.page, 'sidebar-offline-save');
      await expect(sb.getByLabel('Customer name').inputValue()).resolves.toBe('Offline Trading Co');
      await expect(sb.getByLabel('Phone').inputValue()).resolves.toBe('13800138111');
      expect(customerRows(rig)).toBe(rowsBefore);
    } finally {
      await rig.context.setOffline(false);
    }
    await sb.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
    await sb.getByRole('heading', { name: 'Offline Trading Co' }).waitFor();
    expect(customerRows(rig)).toBe(rowsBefore + 1);
  });

  it('in Chinese, a transport failure reads in Chinese', async () => {
    await sb.getByLabel('Language').selectOption('zh');
    try {
      await rig.context.setOffline(true);
      await sb.getByRole('button', { name: '搜索' }).click();
      await sb.getByRole('searchbox').fill('离线');
      await sb
        .getByRole('alert')
        .getByText(/无法连接到服务器/)
        .waitFor();
      await sb.getByRole('alert').getByRole('button', { name: '重试' }).waitFor();
    } finally {
      await rig.context.setOffline(false);
      await sb.getByRole('searchbox').fill('');
      await sb.getByLabel('语言').selectOption('en');
    }
  });
});
