/** The sidebar's RPC module over a stand-in google.script.run: promises, errors, one call each. */
import { call, serverFunctions } from '../../sidebar/src/rpc';

type Handler = (v: unknown) => void;
function install(respond: (fn: string, args: unknown[]) => { ok: boolean; value: unknown }): { fn: string; args: unknown[] }[] {
  const made: { fn: string; args: unknown[] }[] = [];
  const runner = (ok?: Handler, fail?: Handler): unknown => new Proxy({}, {
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
  });
  (globalThis as { google?: unknown }).google = { script: { run: runner() } };
  return made;
}

afterEach(() => { delete (globalThis as { google?: unknown }).google; });

describe('sidebar rpc', () => {
  it('resolves with the server result, one google.script.run call per request', async () => {
    const made = install(() => ({ ok: true, value: { total: 1, offset: 0, limit: 5, items: [{ id: 'C20240101001' }] } }));
    const page = await serverFunctions.searchRecords('customers', 'acme', { limit: 5 });
    expect(page.items[0].id).toBe('C20240101001');
    expect(made).toEqual([{ fn: 'searchRecords', args: ['customers', 'acme', { limit: 5 }] }]);
  });

  it('rejects with an Error carrying the server\'s message', async () => {
    install(() => ({ ok: false, value: new Error('Unknown table: x') }));
    await expect(serverFunctions.getRecord('customers', 'C1')).rejects.toThrow('Unknown table: x');
    install(() => ({ ok: false, value: { message: 'plain object failure' } }));
    await expect(call('getRecord', 'customers', 'C1')).rejects.toThrow('plain object failure');
  });

  it('rejects clearly outside Apps Script or for a function the server lacks', async () => {
    await expect(serverFunctions.getSidebarContext()).rejects.toThrow(/google\.script\.run is not available/);
    install(() => ({ ok: true, value: null }));
    await expect(call('missing' as 'getRecord', 'customers', 'C1')).rejects.toThrow(/no function missing/);
  });
});
