/**
 * The phone web app's server side through dist/Code.js (issue #17): doGet serves the sidebar's
 * page in its web layout to people on the CRM's user list, with a deep link's customer; anyone
 * else gets a clear page with nothing of the CRM in it. The menu's app link shows a QR code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime, loadBundle } from '../../src/runtime';
import { addUsers } from '../integrity/helpers';
import { setParam } from '../workflows/ownershipHelpers';

const BUNDLE = join(__dirname, '../../dist/Code.js');
const SIDEBAR = readFileSync(join(__dirname, '../../dist/Sidebar.html'), 'utf8');
type Output = { getContent(): string; getTitle(): string };

function webApp(locale = 'zh_CN') {
  const rt = createRuntime({
    locale,
    timeZone: 'Asia/Shanghai',
    user: 'owner@example.com',
    owner: 'owner@example.com',
    htmlFiles: { Sidebar: SIDEBAR },
  });
  const api = loadBundle(rt, BUNDLE);
  api.setupWorkbook();
  const crm = { rt, call: <T>(name: string, ...args: unknown[]) => api[name](...args) as T };
  addUsers(crm, [{ email: 'rep@example.com', role: 'sales', name: '小李' }]);
  const open = (user: string, parameter: Record<string, string> = {}) => {
    rt.setUser(user);
    return api.doGet({ parameter, parameters: Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]])) }) as Output;
  };
  return { rt, api, open };
}

const startOf = (html: string): unknown => {
  const m = /window\.__CRM_START__=(.*?);<\/script>/.exec(html);
  return m ? JSON.parse(m[1]) : null;
};

describe('doGet', () => {
  const app = webApp();

  it('serves a listed rep the sidebar page in its web layout, with a phone viewport', () => {
    const page = app.open('rep@example.com');
    const html = page.getContent();
    expect(startOf(html)).toEqual({ surface: 'web', customer: null });
    expect(html).toContain('<div id="app"></div>');
    expect(page.getTitle()).toBe('CRM 客户管理');
  });

  it('a deep link carries its customer; text that would end the script stays inert', () => {
    expect(startOf(app.open('rep@example.com', { customer: ' c20260101001 ' }).getContent())).toEqual({
      surface: 'web',
      customer: 'C20260101001',
    });
    const html = app.open('rep@example.com', { customer: '</script><script>alert(1)</script>' }).getContent();
    expect(html).not.toContain('<script>alert(1)');
    expect(startOf(html)).toMatchObject({ surface: 'web' });
  });

  it('the owner is let in without being listed (always admin)', () => {
    expect(startOf(app.open('owner@example.com').getContent())).toEqual({ surface: 'web', customer: null });
  });

  it('someone not on the user list gets a clear page and nothing of the CRM', () => {
    const html = app.open('stranger@example.com', { customer: 'C20260101001' }).getContent();
    expect(html).toContain('stranger@example.com 不在 CRM 的用户名单上');
    expect(html).not.toContain('__CRM_START__');
    expect(html).not.toContain('id="app"');
    const en = webApp('en_US');
    expect(en.open('nobody@example.com').getContent()).toContain("is not on the CRM's user list");
  });
});

describe('the menu: 手机版链接 / Phone app link', () => {
  it("shows the team app's address and its QR code: the appUrl parameter when set, else the script's web-app address", () => {
    const app = webApp();
    app.api.onOpen();
    const items = app.rt.ui.menus.flatMap((m) => m.items) as { caption?: string; functionName?: string }[];
    expect(items.some((i) => i.functionName === 'showAppLink' && i.caption === '手机版链接')).toBe(true);
    app.rt.setUser('owner@example.com');
    app.api.showAppLink();
    const first = app.rt.ui.dialog;
    expect(first?.title).toBe('手机版链接');
    expect(first?.html).toMatch(/https:\/\/script\.google\.com\/macros\/s\/[^"<]+\/exec/);
    expect(first?.html).toMatch(/<svg [^>]*viewBox="0 0 \d+ \d+"[\s\S]*<path[^>]+d="M/);
    const crm = { rt: app.rt, call: <T>(name: string, ...args: unknown[]) => app.api[name](...args) as T };
    setParam(crm, 'appUrl', 'https://script.google.com/a/macros/example.com/s/AKfyTeamApp/exec');
    app.api.showAppLink();
    expect(app.rt.ui.dialog?.html).toContain('https://script.google.com/a/macros/example.com/s/AKfyTeamApp/exec');
    // Another address, another code.
    const svg = (html = '') => /<svg[\s\S]*<\/svg>/.exec(html)?.[0];
    expect(svg(app.rt.ui.dialog?.html)).not.toBe(svg(first?.html));
  });
});
