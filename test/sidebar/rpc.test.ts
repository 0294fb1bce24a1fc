/** The sidebar's RPC module over a stand-in google.script.run: promises, errors, one call each. */
import { toFailure } from '../../sidebar/src/lib/failure';
import { call, serverFunctions } from '../../sidebar/src/rpc';

type Handler = (v: unknown) => void;
function install(respond: (fn: string, args: unknown[]) => { ok: boolean; value: unknown }): { fn: string; args: unknown[] }[] {
  const made: { fn: string; args: unknown[] }[] = [];
  const runner = (ok?: Handler, fail?: Handler): unknown =>
    new Proxy(
      {},
      {
        get: (_t, prop: string) => {
          if (prop === 'withSuccessHandler') return (h: Handler) => runner(h, fail);
          if (prop === 'withFailureHandler') return (h: Handler) => runner(ok, h);
          if (prop === 'missing') return undefined;
          return (...args: unknown[]) => {
            made.push({ fn: prop, args });
            const r = respond(prop, args);
            setTimeout(() => (r.ok ? ok : fail)?.(r.value), 0);
          };
        },
      },
    );
  (globalThis as { google?: unknown }).google = { script: { run: runner() } };
  return made;
}

afterEach(() => {
  delete (globalThis as { google?: unknown }).google;
});

describe('sidebar rpc', () => {
  it('resolves with the server result, one google.script.run call per request', async () => {
    const made = install(() => ({ ok: true, value: { total: 1, offset: 0, limit: 5, items: [{ id: 'C20240101001' }] } }));
    const page = await serverFunctions.searchRecords('customers', 'acme', { limit: 5 });
    expect(page.items[0].id).toBe('C20240101001');
    expect(made).toEqual([{ fn: 'searchRecords', args: ['customers', 'acme', { limit: 5 }] }]);
  });

  it("rejects with an Error carrying the server's message", async () => {
    install(() => ({ ok: false, value: new Error('Unknown table: x') }));
    await expect(serverFunctions.getRecord('customers', 'C1')).rejects.toThrow('Unknown table: x');
    install(() => ({ ok: false, value: { message: 'plain object failure' } }));
    await expect(call('getRecord', 'customers', 'C1')).rejects.toThrow('plain object failure');
  });

  it('reads the code of a thrown refusal from its "[crm:<code>] " prefix, and shows the message without it', async () => {
    install(() => ({ ok: false, value: new Error('[crm:bad_argument] Bad argument id: is required') }));
    const failure = await serverFunctions.getRecord('customers', '').catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'CallFailure', code: 'bad_argument', kind: null, message: 'Bad argument id: is required' });
    // Apps Script may put the error's name in front.
    expect(toFailure(new Error('Error: [crm:busy] 系统繁忙'))).toMatchObject({ code: 'busy', message: '系统繁忙' });
    // A platform failure has a kind and no code.
    expect(toFailure(new Error('Exceeded maximum execution time'))).toMatchObject({ code: null, kind: 'timeout' });
  });

  it('rejects clearly outside Apps Script or for a function the server lacks', async () => {
    await expect(serverFunctions.getSidebarContext()).rejects.toThrow(/google\.script\.run is not available/);
    install(() => ({ ok: true, value: null }));
    await expect(call('missing' as 'getRecord', 'customers', 'C1')).rejects.toThrow(/no function missing/);
  });
});

/**
 * Type-level checks, never run: `tsc` (npm run typecheck, which covers sidebar/ and test/) fails
 * if the sidebar's client accepts a wrong argument, because each `@ts-expect-error` below would
 * then be unused. The argument types are the entry points' zod schemas' (src/server/args.ts).
 */
export function clientTypeChecks(): void {
  // @ts-expect-error: not a data table
  void serverFunctions.getRecord('nope', 'C20240101001');
  // @ts-expect-error: an ID is a string
  void serverFunctions.getRecord('customers', 42);
  // @ts-expect-error: an option searchRecords does not take
  void serverFunctions.searchRecords('customers', 'a', { limt: 5 });
  // @ts-expect-error: options.requestId is a string
  void call('saveRecord', 'customers', { name: 'x' }, { requestId: 5 });
  // @ts-expect-error: deleteRecord's modes are refuse, cascade and reassign
  void serverFunctions.deleteRecord('customers', 'C20240101001', { mode: 'nuke' });
  // @ts-expect-error: schedulePayments needs its plan
  void serverFunctions.schedulePayments('S20240101001');
  // @ts-expect-error: getSidebarContext takes no arguments
  void serverFunctions.getSidebarContext(true);
  // @ts-expect-error: no such entry point
  void call('saveRecords', 'customers', {});
  // What is right compiles, and results are typed too.
  const page: Promise<{ total: number }> = serverFunctions.searchRecords('customers', 'a', { limit: 5 });
  const saved: Promise<{ ok: boolean }> = call('saveRecord', 'customers', { name: 'x' }, { requestId: 'abcdefgh', retry: false });
  void page;
  void saved;
}
