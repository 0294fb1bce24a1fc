/**
 * The one way the sidebar talks to the server: promise-based google.script.run calls whose
 * argument and result types come from the server's own entry points (type-only import: nothing
 * of src/server is bundled into the sidebar).
 */
import type * as Server from '../../src/server';
import type { DataTableKey } from '../../src/schema';
import type { SearchOptions, Values } from '../../src/core';
import type { ConvertOptions, DuplicatePolicy, FileFormat } from '../../src/core/workflows';
import type { ImportOptions } from '../../src/server/workflows/importing/importRecords';
import { toFailure } from './lib/failure';

type ServerApi = typeof Server;
/** Every top-level function of dist/Code.js. */
export type ServerFunction = { [K in keyof ServerApi]: ServerApi[K] extends (...args: never[]) => unknown ? K : never }[keyof ServerApi];
type Fn<K extends ServerFunction> = ServerApi[K] extends (...args: infer A) => infer R ? { args: A; result: R } : never;
/** What the success handler receives: the server's return value (as a JSON copy). */
export type Reply<K extends ServerFunction> = Fn<K>['result'];

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
export function call<K extends ServerFunction>(fn: K, ...args: Fn<K>['args']): Promise<Reply<K>> {
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

/** What the sidebar sends as importRecords' options (the server fills in the rest). */
export interface ImportRequest {
  mode: ImportOptions['mode'];
  format?: FileFormat;
  /** File header → field key, or '' to ignore the column: the person's corrections of the guess. */
  mapping?: Record<string, string>;
  duplicates?: DuplicatePolicy;
  jobId?: string | null;
}

/** The calls the sidebar makes, with argument types narrowed to what each function accepts. */
export const server = {
  context: () => call('getSidebarContext'),
  search: (table: DataTableKey, query: string, options: SearchOptions = {}) => call('searchRecords', table, query, options),
  get: (table: DataTableKey, id: string) => call('getRecord', table, id),
  save: (table: DataTableKey, values: Values, options?: { requestId: string; retry: boolean }) => call('saveRecord', table, values, options),
  customer360: (customerId: string) => call('getCustomer360', customerId),
  reminders: (options: { owner?: string; limit?: number }) => call('getReminders', options),
  pipeline: (options: { owner?: string; limit?: number }) => call('getPipeline', options),
  convertLead: (leadId: string, options: ConvertOptions) => call('convertLead', leadId, options),
  importRecords: (table: DataTableKey, content: string, options: ImportRequest) => call('importRecords', table, content, options),
  addOption: (list: string, value: string, en: string) => call('addOption', list, value, en),
};

export type SidebarContext = Reply<'getSidebarContext'>;
export type SaveReply = Reply<'saveRecord'>;
export type Customer360Reply = NonNullable<Reply<'getCustomer360'>>;
export type RemindersReply = Reply<'getReminders'>;
export type PipelineReply = Reply<'getPipeline'>;
export type PipelineCard = PipelineReply['columns'][number]['cards'][number];
export type Reminder = RemindersReply['items'][number];
export type ConvertReply = Reply<'convertLead'>;
export type ImportReply = Reply<'importRecords'>;
/** A successful importRecords answer (preview, commit run or cancel). */
export type ImportResult = Extract<ImportReply, { ok: true }>;
export type PlannedImportRow = ImportResult['rows'][number];
