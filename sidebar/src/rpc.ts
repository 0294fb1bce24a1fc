/**
 * The one way the sidebar talks to the server: promise-based google.script.run calls whose
 * argument and result types come from the server's own export list (type-only import: nothing of
 * src/server is bundled into the sidebar). Each entry point's parameter types are its argument
 * schema's input types (src/server/args.ts), so tsc fails where the sidebar sends the wrong ones.
 */
import { toFailure } from './lib/failure';

type ServerFns = typeof import('../../src/server');
/** Every top-level function of dist/Code.js. */
export type ServerFunction = { [K in keyof ServerFns]: ServerFns[K] extends (...args: never[]) => unknown ? K : never }[keyof ServerFns];
/** What a server function takes. */
export type Args<K extends ServerFunction> = ServerFns[K] extends (...args: infer A) => unknown ? A : never;
/** What the success handler receives: the server's return value (as a JSON copy). */
export type Reply<K extends ServerFunction> = ServerFns[K] extends (...args: never[]) => infer R ? R : never;

/** google.script.run as the sidebar uses it. */
interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
}
interface GoogleScript {
  script?: { run?: ScriptRun };
}

/**
 * Calls one server function; resolves with its result, rejects with a CallFailure: the error our
 * server raised (worded in the person's language), or a transport failure marked by its kind.
 */
export function call<K extends ServerFunction>(fn: K, ...args: Args<K>): Promise<Reply<K>> {
  return new Promise((resolve, reject) => {
    const run = (globalThis as { google?: GoogleScript }).google?.script?.run;
    if (!run) {
      reject(toFailure(new Error('google.script.run is not available (open the sidebar from the CRM menu)')));
      return;
    }
    const runner = run.withSuccessHandler((value) => resolve(value as Reply<K>)).withFailureHandler((e) => reject(toFailure(e)));
    const target = (runner as unknown as Record<string, ((...a: unknown[]) => void) | undefined>)[fn];
    if (typeof target !== 'function') {
      reject(toFailure(new Error(`The server has no function ${fn}`)));
      return;
    }
    target.apply(runner, args);
  });
}

/**
 * The server's functions as promise-returning methods (as React-Google-Apps-Script's
 * serverFunctions): `serverFunctions.saveRecord(table, values, options)`.
 */
export const serverFunctions = new Proxy({} as { [K in ServerFunction]: (...args: Args<K>) => Promise<Reply<K>> }, {
  get:
    (_target, name) =>
    (...args: unknown[]) =>
      (call as (fn: string, ...a: unknown[]) => Promise<unknown>)(String(name), ...args),
});

/** What the sidebar sends as importRecords' options. */
export type ImportRequest = NonNullable<Args<'importRecords'>[2]>;

export type SidebarContext = Reply<'getSidebarContext'>;
export type SaveReply = Reply<'saveRecord'>;
export type Customer360Reply = NonNullable<Reply<'getCustomer360'>>;
export type RemindersReply = Reply<'getReminders'>;
export type PipelineReply = Reply<'getPipeline'>;
export type TargetsReply = Reply<'getMyTargets'>;
export type PipelineCard = PipelineReply['columns'][number]['cards'][number];
export type Reminder = RemindersReply['items'][number];
export type ConvertReply = Reply<'convertLead'>;
export type ImportReply = Reply<'importRecords'>;
/** A successful importRecords answer (preview, commit run or cancel). */
export type ImportResult = Extract<ImportReply, { ok: true }>;
export type PlannedImportRow = ImportResult['rows'][number];
