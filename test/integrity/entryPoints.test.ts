import { createRuntime, loadBundle } from '../../src/runtime';
import { PUBLIC_ENTRY_POINTS } from '../../src/server/auth';
import type { EntryName } from '../../src/server/entryNames';
import { BUNDLE, loadCrm } from '../integration/harness';
import { WRONG_ARGS } from './corpus';
import { ADMIN, audit, created, fork, workbook } from './helpers';
import { checkJournal } from './journal';

/** Messages of programming errors: an entry point must never answer bad input with one of these. */
const CRASH =
  /is not a function|Cannot read prop|Cannot set prop|undefined is not|of undefined|of null|Maximum call stack|is not iterable|Invalid array length/;

const base = workbook({ userLocale: 'en' });
const seed = created(base, 'customers', { name: 'Seed Co' });
created(base, 'contacts', { customerId: seed.id, name: '张三' });

/** Every top-level function of dist/Code.js with the requirement and parameters its wrapper declared (if any). */
function entryPoints(): { name: EntryName; permission: unknown; params?: readonly string[] }[] {
  const ctx = loadBundle(createRuntime()) as unknown as Record<string, unknown> & {
    CRM: Record<string, { permission?: unknown; params?: readonly string[] }>;
  };
  return Object.keys(ctx)
    .filter((k) => typeof ctx[k] === 'function' && k in ctx.CRM)
    .sort()
    .map((name) => ({ name: name as EntryName, permission: ctx.CRM[name].permission, params: ctx.CRM[name].params }));
}
const ENTRIES = entryPoints();

describe('every entry point declares who may call it', () => {
  it('has a declared requirement, or is one of the few public ones', () => {
    expect(BUNDLE).toMatch(/Code\.js$/);
    const undeclared = ENTRIES.filter((e) => e.permission === undefined && !PUBLIC_ENTRY_POINTS.includes(e.name)).map((e) => e.name);
    // Fix: wrap the function with throwing(signature, fn, requirement) / enveloped(signature, fn, requirement) (src/server/entry.ts).
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
const dataTabs = (crm: ReturnType<typeof fork>) =>
  JSON.stringify(crm.rt.workbook.sheets.filter((s) => !s.name.startsWith('_')).map((s) => s.getValuesRaw()));

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
        if (answer && typeof answer === 'object' && (answer as { ok?: unknown }).ok === false)
          refusal = JSON.stringify((answer as { errors?: unknown }).errors ?? answer);
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
    if (process.env.INTEGRITY_FIGURES)
      console.log(`wrong-type calls: ${calls} over ${ENTRIES.length} entry points, ${refused} refused with nothing changed`);
  });
});

/**
 * One bad argument (or more) per parameter of every entry point that takes any, and the path its
 * error names: each is refused as bad_argument at that path, worded in Chinese and in English, and
 * nothing changes. Thrown refusals carry the code as a "[crm:<code>] " prefix (src/server/entry.ts).
 */
const BAD_ARGS: Partial<Record<EntryName, readonly [args: unknown[], path: string][]>> = {
  saveRecord: [
    [[42, { name: 'x' }], 'table'],
    [['customers', 'name=x'], 'values'],
    [['customers', { name: 'x' }, { requestId: 'bad id!' }], 'options.requestId'],
    [['customers', { name: 'x' }, { colour: 1 }], 'options.colour'],
    [['customers', { id: 'x'.repeat(50), version: 1 }], 'values.id'],
  ],
  deleteRecord: [
    [['nope', seed.id], 'table'],
    [['customers', 42], 'id'],
    [['customers', seed.id, { mode: 'nuke' }], 'options.mode'],
    [['customers', seed.id, { version: 1.5 }], 'options.version'],
  ],
  getRecord: [
    [['x', seed.id], 'table'],
    [['customers', ''], 'id'],
  ],
  searchRecords: [
    [['nope'], 'table'],
    [['customers', 7], 'query'],
    [['customers', 'a', { limit: -1 }], 'options.limit'],
    [['customers', 'a', { where: { name: 1 } }], 'options.where'],
  ],
  getCustomer360: [[[{ id: seed.id }], 'customerId']],
  completeTodo: [
    [[42, 1], 'id'],
    [['TD20240101001'], 'version'],
    [['TD20240101001', 1.5], 'version'],
  ],
  getReminders: [[[{ limit: 0 }], 'options.limit']],
  getPipeline: [[[{ owner: 5 }], 'options.owner']],
  getMyTargets: [
    [[{ owner: 5 }], 'options.owner'],
    [[{ who: 'a' }], 'options.who'],
    [['amy'], 'options'],
  ],
  convertLead: [
    [[''], 'leadId'],
    [['L20240101001', { customer: {}, customerId: 'C1' }], 'options'],
    [['L20240101001', { contact: 'yes' }], 'options.contact'],
  ],
  createOrderFromQuote: [
    [[null], 'quoteId'],
    [['Q20240101001', { notes: 5 }], 'options.notes'],
  ],
  makeDocumentPdf: [
    [['leads', 'Q20240101001'], 'table'],
    [['quotes', ''], 'id'],
  ],
  emailDocument: [
    [['customers', 'Q20240101001', 'CT20240101001'], 'table'],
    [['quotes', 7, 'CT20240101001'], 'id'],
    [['quotes', 'Q20240101001', null], 'contactId'],
    [['quotes', 'Q20240101001', 'CT20240101001', { draft: 'yes' }], 'options.draft'],
    [['quotes', 'Q20240101001', 'CT20240101001', { cc: 'x@y.z' }], 'options.cc'],
  ],
  uploadFile: [
    [['followUps', seed.id, { name: 'a.txt', base64: '' }], 'table'],
    [['customers', '', { name: 'a.txt', base64: '' }], 'recordId'],
    [['customers', seed.id, { name: 'a.txt', base64: '%%' }], 'file.base64'],
  ],
  schedulePayments: [
    [[5, {}], 'docId'],
    [['S20240101001'], 'plan'],
    [['S20240101001', { installments: 'three' }], 'plan.installments'],
  ],
  mergeCustomers: [
    [[[], seed.id], 'keepId'],
    [[seed.id], 'mergeId'],
  ],
  importRecords: [
    [['nope', 'a'], 'table'],
    [['customers', '  '], 'content'],
    [['customers', 'a,b\n1,2', { mode: 'go' }], 'options.mode'],
  ],
  exportRecords: [
    [[1], 'table'],
    [['customers', { format: 'pdf' }], 'options.format'],
    [['customers', { fields: ['nope'] }], 'options.fields'],
  ],
  restoreFromBackup: [
    [[42, { table: 'customers' }], 'backupId'],
    [['b1'], 'options'],
    [['b1', { table: 'nope' }], 'options.table'],
  ],
  addOption: [
    [[7, 'x'], 'list'],
    [['industry', ''], 'value'],
    [['industry', 'x', 5], 'en'],
  ],
  rebuildIndex: [[[{ all: 'yes' }], 'options.all']],
  getCapacity: [[[{ refresh: 1 }], 'options.refresh']],
  rebuildSummaries: [[[{ force: 'yes' }], 'options.force']],
  createLeadForm: [
    [[{ title: 7 }], 'options.title'],
    [[{ colour: 'red' }], 'options.colour'],
  ],
  connectForm: [
    [['', {}], 'formId'],
    [['form-1', 'title=company'], 'mapping'],
  ],
  onLeadFormSubmit: [
    [[5], 'event'],
    [[{}], 'event.response'],
  ],
  retryIntake: [
    [['2'], 'row'],
    [[1], 'row'],
    [[2.5], 'row'],
  ],
  addWebhook: [
    [['', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x'], 'name'],
    [['群', 7], 'url'],
    [['群', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', 5], 'team'],
    [['群', 'https://oapi.dingtalk.com/robot/send?access_token=x', null, ['SEC1']], 'secret'],
  ],
  listPool: [
    [['orders'], 'table'],
    [['customers', { limit: 0 }], 'options.limit'],
    [['leads', { colour: 1 }], 'options.colour'],
  ],
  claimFromPool: [
    [['contacts', 'C1'], 'table'],
    [['customers', ''], 'id'],
  ],
  assignFromPool: [
    [['orders', 'C1', 'rep@example.com'], 'table'],
    [['customers', 5, 'rep@example.com'], 'id'],
    [['customers', 'C1', ''], 'owner'],
  ],
  grantSelfService: [
    [[42], 'contactId'],
    [['P20240101001', { email: 'yes' }], 'options.email'],
    [['P20240101001', { link: true }], 'options.link'],
  ],
  revokeSelfService: [[[''], 'contactId']],
  portalTickets: [[[42], 'token']],
  portalRaiseTicket: [
    [[5, { subject: 'a', type: '咨询' }], 'token'],
    [['0'.repeat(64), 'subject=a'], 'fields'],
    [['0'.repeat(64), { subject: 5, type: '咨询' }], 'fields.subject'],
    [['0'.repeat(64), { subject: 'a', type: '咨询', owner: 'me' }], 'fields.owner'],
  ],
  previewMailMerge: [
    [[5, { kind: 'customers', subject: 'a', body: 'b' }], 'campaignId'],
    [['M20240101001', { kind: 'orders', subject: 'a', body: 'b' }], 'draft.kind'],
    [['M20240101001', { kind: 'customers', subject: '', body: 'b' }], 'draft.subject'],
    [['M20240101001', { kind: 'customers', subject: 'a', body: 'b', filters: { colour: 'red' } }], 'draft.filters.colour'],
    [['M20240101001', { kind: 'customers', subject: 'a', body: 'b' }, { limit: 0 }], 'options.limit'],
  ],
  testMailMerge: [
    [['', { kind: 'customers', subject: 'a', body: 'b' }], 'campaignId'],
    [['M20240101001', 'subject=a'], 'draft'],
    [['M20240101001', { kind: 'customers', subject: 'a', body: 'b' }, { recipientId: 7 }], 'options.recipientId'],
  ],
  startMailMerge: [
    [[null, { kind: 'customers', subject: 'a', body: 'b' }], 'campaignId'],
    [['M20240101001', { kind: 'leads', subject: 'a', body: 5 }], 'draft.body'],
  ],
  mailMergeStatus: [
    [[42], 'campaignId'],
    [['M20240101001', { runId: 5 }], 'options.runId'],
  ],
  setEmailLogging: [
    [['yes'], 'on'],
    [[1], 'on'],
  ],
  logEmails: [
    [[{ pageSize: 0 }], 'options.pageSize'],
    [[{ timeBudgetMs: -1 }], 'options.timeBudgetMs'],
  ],
  findDuplicates: [
    [['orders', {}], 'table'],
    [['customers', { colour: 1 }], 'query.colour'],
    [['customers', { name: 5 }], 'query.name'],
  ],
  setCalendarSync: [
    [['yes'], 'on'],
    [[null], 'on'],
  ],
  syncMyCalendar: [
    [['F20240101001'], 'ids'],
    [[[]], 'ids'],
    [[[42]], 'ids.0'],
  ],
};

describe('a bad argument to any entry point is a bad_argument error naming its path, in zh and en, and changes nothing', () => {
  const withParams = ENTRIES.filter((e) => e.params?.length);
  const inLang = (userLocale: string) => {
    const copy = base.rt.workbook.clone('args');
    return loadCrm({ workbook: copy, locale: copy.locale, timeZone: copy.timeZone, user: ADMIN, userLocale });
  };
  const crms = { zh: inLang('zh-CN'), en: inLang('en') };
  const WORDS = { zh: /^参数 (\S+) 不正确：/, en: /^Bad argument (\S+): / };

  it('has cases for every parameter of every entry point that takes any', () => {
    expect(withParams.length).toBeGreaterThan(15);
    const missing = withParams.flatMap((e) =>
      e.params!.filter((p) => !(BAD_ARGS[e.name] ?? []).some(([, path]) => path.split('.')[0] === p)).map((p) => `${e.name}(${p})`),
    );
    expect(missing).toEqual([]);
  });

  const cases = Object.entries(BAD_ARGS).flatMap(([name, list]) =>
    list!.map(([args, path]) => [name as EntryName, JSON.stringify(args).slice(0, 60), args, path] as const),
  );
  it.each(cases)('%s %s', (name, _label, args, path) => {
    for (const lang of ['zh', 'en'] as const) {
      const crm = crms[lang];
      const before = dataTabs(crm);
      let answer: unknown;
      try {
        answer = crm.call(name, ...args);
      } catch (e) {
        answer = (e as Error).message;
      }
      const where = { name, lang };
      if (typeof answer === 'string') {
        // Thrown: only the message crosses google.script.run, its code in front.
        expect({ ...where, message: answer }).toEqual({ ...where, message: expect.stringMatching(/^\[crm:bad_argument\] /) });
        const text = answer.replace(/^\[crm:bad_argument\] /, '');
        expect({ ...where, path: WORDS[lang].exec(text)?.[1] }).toEqual({ ...where, path });
      } else {
        const { ok, errors } = answer as {
          ok: boolean;
          errors: { field: string; code: string; message: string; messages: { zh: string; en: string } }[];
        };
        expect({ ...where, ok }).toEqual({ ...where, ok: false });
        const e = errors.find((x) => x.field === path);
        expect({ ...where, e }).toEqual({ ...where, e: expect.objectContaining({ code: 'bad_argument' }) });
        expect(WORDS.zh.exec(e!.messages.zh)?.[1]).toBe(path);
        expect(WORDS.en.exec(e!.messages.en)?.[1]).toBe(path);
        expect(e!.message).toBe(e!.messages[lang]);
      }
      expect({ ...where, changed: dataTabs(crm) !== before }).toEqual({ ...where, changed: false });
    }
  });
});
