import { createRuntime, loadBundle } from '../../src/runtime';
import { PUBLIC_ENTRY_POINTS } from '../../src/server/auth';
import { BUNDLE } from '../integration/harness';
import { WRONG_ARGS } from './corpus';
import { ADMIN, audit, created, fork, workbook } from './helpers';

/** Messages of programming errors: an entry point must never answer bad input with one of these. */
const CRASH = /is not a function|Cannot read prop|Cannot set prop|undefined is not|of undefined|of null|Maximum call stack|is not iterable|Invalid array length/;

const base = workbook({ userLocale: 'en' });
const seed = created(base, 'customers', { name: 'Seed Co' });
created(base, 'contacts', { customerId: seed.id, name: '张三' });

/** Every top-level function of dist/Code.js with the requirement its wrapper declared (if any). */
function entryPoints(): { name: string; permission: unknown }[] {
  const ctx = loadBundle(createRuntime()) as unknown as Record<string, unknown> & { CRM: Record<string, { permission?: unknown }> };
  return Object.keys(ctx).filter((k) => typeof ctx[k] === 'function' && k in ctx.CRM).sort().map((name) => ({ name, permission: ctx.CRM[name].permission }));
}
const ENTRIES = entryPoints();

describe('every entry point declares who may call it', () => {
  it('has a declared requirement, or is one of the few public ones', () => {
    expect(BUNDLE).toMatch(/Code\.js$/);
    const undeclared = ENTRIES.filter((e) => e.permission === undefined && !PUBLIC_ENTRY_POINTS.includes(e.name)).map((e) => e.name);
    // Fix: wrap the function with throwing(fn, requirement) / enveloped(fn, requirement) (src/server/entry.ts).
    expect(undeclared).toEqual([]);
    expect(ENTRIES.find((e) => e.name === 'saveRecord')?.permission).toBe('write');
    expect(ENTRIES.find((e) => e.name === 'setupWorkbook')?.permission).toBe('setup');
  });

  const guarded = ENTRIES.filter((e) => e.permission !== undefined && e.permission !== 'read' && e.permission !== 'public');
  it.each(guarded.map((e) => [e.name, JSON.stringify(e.permission)]))('%s (%s) refuses a viewer before doing anything', (name) => {
    const crm = fork(base, 'view@example.com');
    const before = JSON.stringify(crm.rt.workbook.sheets.map((s) => s.getValuesRaw()));
    let answer: unknown;
    try {
      answer = crm.call(name, 'customers', seed.id, {});
    } catch (e) {
      answer = (e as Error).message;
    }
    expect(JSON.stringify(answer)).toMatch(/forbidden|不能|not allowed|viewer|只读|workflow_forbidden|仅限/);
    expect(JSON.stringify(crm.rt.workbook.sheets.map((s) => s.getValuesRaw()))).toBe(before);
  });
});

describe('wrong types and unknown fields on every entry point', () => {
  let calls = 0;
  it.each(ENTRIES.map((e) => [e.name]))('%s answers garbage with a clear error or a harmless result', (name) => {
    const crm = fork(base, ADMIN);
    const ids = audit(crm).ids;
    for (const args of WRONG_ARGS) {
      calls++;
      try {
        crm.call(name, ...args);
      } catch (e) {
        const message = (e as Error).message ?? String(e);
        expect({ name, args: JSON.stringify(args).slice(0, 80), message }).toEqual({ name, args: JSON.stringify(args).slice(0, 80), message: expect.not.stringMatching(CRASH) });
        expect(message.length).toBeGreaterThan(0);
      }
    }
    const after = audit(crm);
    expect(after.problems).toEqual([]);
    for (const id of ids.keys()) expect(after.ids.has(id)).toBe(true);
  });
  afterAll(() => {
    if (process.env.INTEGRITY_FIGURES) console.log(`wrong-type calls: ${calls} over ${ENTRIES.length} entry points`);
  });
});
