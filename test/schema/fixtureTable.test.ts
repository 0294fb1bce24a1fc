/**
 * A new table and a new option are one edit of src/schema: the fixture (test/schema/fixture) adds
 * a visits table (its own option set, 360 section, writers, facts) and a stage 签约 flagged 'won',
 * and the bundle and the sidebar's modules are built against it with esbuild. Setup creates the
 * tab, the forms describe it, the 360 view, roles, import and the funnel find it: nothing else
 * was edited for it.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { createRuntime, loadBundle } from '../../src/runtime';
import type * as Probe from './fixture/probe';

// The bundle's own build options (scripts/build.mjs uses them too), plus the fixture's swap.
const { schemaFixture, serverBuildOptions, withWrappers } = require('../../scripts/bundle.cjs') as {
  schemaFixture(root: string, dir: string): Plugin;
  serverBuildOptions(root: string): BuildOptions & { plugins: Plugin[]; write: false };
  withWrappers(bundle: string, names: readonly string[]): string;
};

const ROOT = join(__dirname, '../..');
const FIXTURE = join(__dirname, 'fixture');
const plugin = schemaFixture(ROOT, FIXTURE);
let dir: string;
let probe: typeof Probe;
let bundleFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crm-fixture-'));
  const base = serverBuildOptions(ROOT);
  const server = await build({ ...base, plugins: [...base.plugins, plugin] });
  const code = server.outputFiles[0].text;
  const sandbox = createContext({}) as { CRM?: Record<string, unknown> };
  runInContext(code, sandbox);
  const names = Object.keys(sandbox.CRM ?? {})
    .filter((k) => typeof sandbox.CRM?.[k] === 'function')
    .sort();
  bundleFile = join(dir, 'Code.js');
  writeFileSync(bundleFile, withWrappers(code, names));
  const side = await build({
    entryPoints: [join(FIXTURE, 'probe.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'warning',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    plugins: [plugin],
  });
  const probeFile = join(dir, 'probe.js');
  writeFileSync(probeFile, side.outputFiles[0].text);
  probe = require(probeFile) as typeof Probe;
}, 60000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Saved = { ok: boolean; record: { id: string } };
const NOW = new Date('2026-11-23T02:00:00Z');

function crmOf() {
  const rt = createRuntime({ locale: 'zh_CN', timeZone: 'Asia/Shanghai', user: 'owner@example.com', owner: 'owner@example.com', now: NOW });
  const api = loadBundle(rt, bundleFile);
  const call = <T>(name: string, ...args: unknown[]): T => {
    const fn = api[name];
    if (typeof fn !== 'function') throw new Error(`the fixture bundle has no ${name}`);
    return JSON.parse(JSON.stringify(fn(...args) ?? null)) as T;
  };
  return { rt, call };
}

describe('a table and an option added in src/schema only', () => {
  it('setup creates its tab with its columns', () => {
    const crm = crmOf();
    crm.call('setupWorkbook');
    const tab = crm.rt.workbook.getSheet('客户拜访');
    expect(tab).toBeTruthy();
    expect(tab?.getValuesRaw()[0]).toEqual(expect.arrayContaining(['编号', '客户编号', '拜访目的', '拜访时间', '拜访结果', '拜访人']));
  });

  it('the sidebar’s forms and lists describe it from the schema', () => {
    expect(probe.tables()).toContain('visits');
    expect(probe.form('visits' as never, 'zh').label).toContain('拜访');
    expect(probe.form('visits' as never, 'en').label.toLowerCase()).toContain('visit');
    expect(probe.form('visits' as never, 'zh').fields).toEqual(['customerId', 'purpose', 'time', 'outcome', 'owner']);
    expect(Object.keys(probe.form('visits' as never, 'zh').defaults)).toEqual(['time']);
    const line = probe.describe('visits' as never, { id: 'V1', purpose: '续约沟通', time: '2026-11-20 10:00', outcome: '已拜访' }, 'en');
    expect(line).toEqual({ title: '续约沟通', facts: ['2026-11-20 10:00', 'Visited'] });
  });

  it('the 360 view has its section, in the schema’s place', () => {
    expect(probe.sections().slice(-3)).toEqual(['todos', 'files', 'visits']);
    const crm = crmOf();
    crm.call('setupWorkbook');
    const c = crm.call<Saved>('saveRecord', 'customers', { name: '拜访客户', owner: 'owner@example.com' });
    const v = crm.call<Saved & { record: { outcome: string } }>('saveRecord', 'visits', {
      customerId: c.record.id,
      purpose: '首次拜访',
      owner: 'owner@example.com',
    });
    expect(v.ok).toBe(true);
    expect(v.record.outcome).toBe('待拜访'); // the option flagged 'initial'
    const view = crm.call<Record<string, { id: string }[]>>('getCustomer360', c.record.id);
    expect(view.visits.map((r) => r.id)).toEqual([v.record.id]);
  });

  it('roles: its writers and its parent (the customer’s owner) come from the schema', () => {
    expect(probe.writes('service', 'visits')).toBe(true);
    expect(probe.writes('viewer', 'visits')).toBe(false);
    expect(probe.ownershipColumns()).toContain('customerId');
    const customers = { C1: { id: 'C1', owner: 'rep@example.com' }, C2: { id: 'C2', owner: 'other@example.com' } };
    expect(probe.owner('visits', { customerId: 'C1', owner: 'x@example.com' }, customers)).toBe('rep@example.com');
    expect(probe.repMayWrite('visits', { customerId: 'C1', owner: 'x@example.com' }, customers)).toBe(true);
    expect(probe.repMayWrite('visits', { customerId: 'C2', owner: 'rep@example.com' }, customers)).toBe(false);
  });

  it('import takes it as a target', () => {
    const crm = crmOf();
    crm.call('setupWorkbook');
    const c = crm.call<Saved>('saveRecord', 'customers', { name: '导入客户', owner: 'owner@example.com' });
    const csv = `客户编号,拜访目的,拜访人\n${c.record.id},产品演示,owner@example.com\n`;
    const r = crm.call<{ ok: boolean; counts: Record<string, number> }>('importRecords', 'visits', csv, { mode: 'commit' });
    expect(r.ok).toBe(true);
    expect(r.counts.create).toBe(1);
    expect(crm.call<Record<string, unknown[]>>('getCustomer360', c.record.id).visits).toHaveLength(1);
  });

  it('the new won stage counts as won: the save rules and the funnel', () => {
    expect(probe.wonStages()).toEqual(['签约', '成交', '售后']);
    const crm = crmOf();
    crm.call('setupWorkbook');
    const c = crm.call<Saved>('saveRecord', 'customers', { name: '签约客户', owner: 'owner@example.com' });
    const o = crm.call<Saved & { record: { probability: number } }>('saveRecord', 'opportunities', {
      name: '签约机会',
      customerId: c.record.id,
      stage: '签约',
      owner: 'owner@example.com',
      amount: 5000,
    });
    expect(o.ok).toBe(true);
    expect(o.record.probability).toBe(100);
    crm.call('rebuildSummaries');
    const rows = crm.rt.workbook.getSheet('销售漏斗')?.getValuesRaw() ?? [];
    expect(rows.find((r) => r[0] === '签约')?.[1]).toBe(1);
    expect(rows.find((r) => r[0] === '赢单数')?.[1]).toBe(1);
  });
});
