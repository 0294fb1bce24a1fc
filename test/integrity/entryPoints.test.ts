import { createRuntime, loadBundle } from '../../src/runtime';
import { PUBLIC_ENTRY_POINTS } from '../../src/server/auth';
import { BUNDLE } from '../integration/harness';
import { WRONG_ARGS } from './corpus';
import { ADMIN, audit, created, fork, workbook } from './helpers';
import { checkJournal } from './journal';

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

/** The data tabs' values (not the CRM's hidden tabs, which a refused read may warm). */
const dataTabs = (crm: ReturnType<typeof fork>) => JSON.stringify(crm.rt.workbook.sheets.filter((s) => !s.name.startsWith('_')).map((s) => s.getValuesRaw()));

/** Prototype keys as own properties, as JSON.parse makes them from a request body. */
const PROTOTYPE_ARGS: readonly unknown[][] = [
  ['customers', JSON.parse('{"name":"Proto","__proto__":{"admin":true}}')],
  ['customers', JSON.parse('{"constructor":{"prototype":{"admin":true}}}')],
  [JSON.parse('{"__proto__":{"role":"admin"}}')],
  ['customers', 'x', JSON.parse('{"__proto__":{"mode":"cascade"}}')],
];

describe('wrong types and unknown fields on every entry point', () => {
  let calls = 0;
  let refused = 0;
  it.each(ENTRIES.map((e) => [e.name]))('%s answers garbage with a clear error or a harmless result; a refusal changes nothing', (name) => {
    const crm = fork(base, ADMIN);
    const ids = audit(crm).ids;
    for (const args of [...WRONG_ARGS, ...PROTOTYPE_ARGS]) {
      calls++;
      const before = dataTabs(crm);
      let refusal: string | null = null;
      try {
        const answer = crm.call<unknown>(name, ...args);
        if (answer && typeof answer === 'object' && (answer as { ok?: unknown }).ok === false) refusal = JSON.stringify((answer as { errors?: unknown }).errors ?? answer);
      } catch (e) {
        refusal = (e as Error).message ?? String(e);
      }
      if (refusal === null) continue;
      const where = { name, args: JSON.stringify(args).slice(0, 80) };
      expect({ ...where, message: refusal }).toEqual({ ...where, message: expect.not.stringMatching(CRASH) });
      expect(refusal.length).toBeGreaterThan(0);
      // Nothing changes on a refusal.
      expect({ ...where, changed: dataTabs(crm) !== before }).toEqual({ ...where, changed: false });
      refused++;
    }
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'admin')).toBe(false);
    const after = audit(crm);
    expect(after.problems).toEqual([]);
    // Whatever the garbage did or did not change, the log replays to the workbook (issue #18).
    expect(checkJournal(crm).problems).toEqual([]);
    for (const id of ids.keys()) expect(after.ids.has(id)).toBe(true);
  });
  afterAll(() => {
    if (process.env.INTEGRITY_FIGURES) console.log(`wrong-type calls: ${calls} over ${ENTRIES.length} entry points, ${refused} refused with nothing changed`);
  });
});
