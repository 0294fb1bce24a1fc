/**
 * To-dos in the sidebar: one made from the customer 360 view, then completed with one tap (one
 * completeTodo call; the tab's row done with its done time).
 */
import type { FrameLocator } from 'playwright-core';
import { describeBrowser, openSidebar, scriptCalls, settles, sidebarShot, startRig, type Rig, tabRecords } from './harness';

jest.setTimeout(180_000);

describeBrowser('to-dos (dev server, chromium)', () => {
  let rig: Rig;
  let sb: FrameLocator;
  beforeAll(async () => {
    rig = await startRig();
    sb = await openSidebar(rig.page);
  });
  afterAll(async () => {
    await rig?.close();
  });

  const todoRows = () => tabRecords(rig, 'To-dos');

  it('makes a to-do from the 360 view and completes it with one tap', async () => {
    await sb.getByRole('button', { name: 'New customer' }).click();
    await sb.getByLabel('Customer name').fill('Todo Test Trading Co');
    await sb.getByRole('button', { name: 'Save' }).click();
    await sb.getByRole('heading', { name: 'Todo Test Trading Co' }).waitFor();
    const section = sb.getByRole('region', { name: /^To-dos/ });
    await section.getByRole('button', { name: 'New to-do' }).click();
    await sb.getByLabel('Title').fill('Send the signed contract');
    await sb.getByLabel('Due at').fill('2026-12-20T10:00');
    await sb.getByLabel('Priority').selectOption('高');
    await sidebarShot(rig.page, 'sidebar-todo-form');
    await sb.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Send the signed contract').waitFor();
    const [made] = todoRows().filter((r) => r.Title === 'Send the signed contract');
    expect(made).toMatchObject({ Priority: 'High', Done: false });
    expect(String(made['Customer ID'])).toMatch(/^C\d{11}$/);
    await sidebarShot(rig.page, 'sidebar-360-todo-open');

    const before = (await scriptCalls(sb)).filter((c) => c.fn === 'completeTodo').length;
    await section.getByRole('button', { name: 'Mark done: Send the signed contract' }).click();
    await section.getByText(/Done \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    const calls = (await scriptCalls(sb)).filter((c) => c.fn === 'completeTodo');
    expect(calls.length - before).toBe(1);
    expect(calls[calls.length - 1].args[0]).toBe(made.ID);
    await settles(() => todoRows().find((r) => r.ID === made.ID)?.Done, true);
    expect(todoRows().find((r) => r.ID === made.ID)?.['Done at']).not.toBe('');
    await sidebarShot(rig.page, 'sidebar-360-todo-done');
  });

  it('a record’s form offers New to-do about that record', async () => {
    await sb.getByRole('button', { name: 'Edit', exact: true }).click();
    await sb.getByRole('button', { name: 'New to-do' }).click();
    await sb.getByLabel('Title').fill('Call about the renewal');
    await sb.getByLabel('Due at').fill('2026-12-22T15:30');
    await sb.getByRole('button', { name: 'Save' }).click();
    await settles(() => todoRows().filter((r) => r.Title === 'Call about the renewal').length, 1);
    const [made] = todoRows().filter((r) => r.Title === 'Call about the renewal');
    const first = todoRows().find((r) => r.Title === 'Send the signed contract');
    expect(made['Customer ID']).toBe(first?.['Customer ID']);
  });
});
