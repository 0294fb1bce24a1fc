import { SEARCH_KEY, tableDef, type DataTableKey } from '../../../schema';
import {
  checkRefs,
  checkUnique,
  CrmError,
  dayOf,
  fieldError,
  rowOfSearchKey,
  targetErrors,
  updateStamps,
  type FieldError,
  type Values,
} from '../../../core';
import {
  contentHash,
  decodeTable,
  DUPLICATE_POLICIES,
  guessFormat,
  mapHeaders,
  planImport,
  rowsToInputs,
  splitHeader,
  type DuplicatePolicy,
  type FileFormat,
  type PlannedRow,
} from '../../../core/workflows';
import * as z from 'zod/mini';
import { intArg, optionsArg, plainObject, signature, tableArg, type ParamsIn, type ParamsOut } from '../../args';
import { openContext, saveContext, type Context } from '../../context';
import { enveloped, type Envelope } from '../../entry';
import { refLookup } from '../../operations/save';
import { deliveryRowErrors, isDeliveryTable, statusChanges, withOrderCustomer, writeStatus } from '../../operations/delivery';
import { WritePlan } from '../batch';
import { assigner, recordAssignment, type Assigned } from '../assignment';
import { tellPending } from '../../notify';
import { addIds, createdIds, deleteJob, idsOf, readJob, saveJob, settlePending, type ImportJob } from './job';
import { WORKFLOW_PERMISSIONS } from '../permissions';

/** 40 MB of text. */
const MAX_CONTENT_CHARS = 40 * 1024 * 1024;
const MODES = ['preview', 'commit', 'cancel'] as const;
const IMPORT_OPTIONS = optionsArg({
  mode: z.optional(z.enum(MODES)),
  format: z.optional(z.enum(['csv', 'xlsx'])),
  /** File header → field key, or '' to ignore the column: the person's corrections of the guess. */
  mapping: z.nullish(plainObject),
  duplicates: z.optional(z.enum(DUPLICATE_POLICIES)),
  jobId: z.nullish(z.string()),
  rowsPerRun: z.optional(intArg.check(z.gte(1))),
});
const IMPORT_ARGS = signature(
  ['table', 'content', 'options'],
  tableArg,
  z.string().check(
    z.refine((c) => c.trim() !== '', { message: 'arg_content' }),
    z.refine((c) => c.length <= MAX_CONTENT_CHARS, { message: 'arg_file_size', params: { mb: MAX_CONTENT_CHARS / 1024 / 1024 } }),
  ),
  z.optional(IMPORT_OPTIONS),
);

/** importRecords' options as callers send them (the sidebar's import view among them). */
export type ImportRequest = NonNullable<ParamsIn<typeof IMPORT_ARGS>[2]>;

/** The options with their defaults filled in. */
export interface ImportOptions {
  mode: (typeof MODES)[number];
  format: FileFormat;
  mapping: Record<string, unknown>;
  duplicates: DuplicatePolicy;
  jobId: string | null;
  rowsPerRun: number;
}

export interface ImportResult {
  mode: ImportOptions['mode'];
  mapping: ReturnType<typeof mapHeaders>;
  total: number;
  counts: Record<PlannedRow['action'], number>;
  /** Rows with errors or duplicates first, then the rest (at most MAX_DETAIL). */
  rows: PlannedRow[];
  /** commit: rows written in this call, and whether the job is finished. */
  written?: { created: number; updated: number };
  done?: boolean;
  jobId?: string | null;
}

const MAX_DETAIL = 500;
/** Rows per setValues: big enough to be few calls, small enough for Sheets to accept quickly. */
const CHUNK_ROWS = 2000;
/** Stop starting new chunks after this long, well inside the 6-minute execution limit. */
const TIME_BUDGET_MS = 4 * 60 * 1000;

function withDefaults(o: ParamsOut<typeof IMPORT_ARGS>[2] & object, content: string): ImportOptions {
  return {
    mode: o.mode ?? 'preview',
    format: o.format ?? guessFormat(content),
    mapping: o.mapping ?? {},
    duplicates: o.duplicates ?? 'skip',
    jobId: o.jobId || null,
    rowsPerRun: o.rowsPerRun ?? 20000,
  };
}

/** Decodes, maps and plans (validation and duplicates), from the rows as they are now. */
function plan(ctx: Context, key: DataTableKey, content: string, opts: ImportOptions, afterLine = 0) {
  const decoded = decodeTable(content, opts.format);
  if (decoded.errors.length && !decoded.rows.length)
    throw CrmError.of('bad_file', ctx.lang, { detail: decoded.errors.slice(0, 3).join('; ') });
  const { header, body, firstLine } = splitHeader(decoded.rows);
  if (!header.length) throw CrmError.of('bad_file', ctx.lang, { detail: 'the file has no header row' });
  const def = tableDef(key);
  const mapping = mapHeaders(def, header, opts.mapping, ctx.lang);
  const inputs = withOrderCustomers(
    ctx,
    key,
    rowsToInputs(mapping, body, firstLine).filter((r) => r.line > afterLine),
  );
  const lookup = refLookup(ctx);
  const label = (t: string) => tableDef(t as DataTableKey).tab[ctx.lang];
  const run = (existing: readonly Values[]) => {
    // Rows of the file accepted so far: a target repeated within the file is refused too.
    const accepted: Values[] = [];
    return planImport(def, inputs, existing, opts.duplicates, {
      lang: ctx.lang,
      lists: ctx.settings.lists,
      save: saveContext(ctx),
      crossErrors: (v: Values): FieldError[] => {
        const errors = [
          ...checkUnique(def, v, existing, null, ctx.lang),
          ...checkRefs(def, v, lookup, ctx.lang, label),
          ...(key === 'targets' ? targetErrors(v, [...existing, ...accepted], null, ctx.settings.users, ctx.lang) : []),
          // Delivery notes add up per line with the file's earlier rows; plans are checked against their order.
          ...deliveryRowErrors(ctx, key, v, null, accepted),
        ];
        if (!errors.length) accepted.push(v);
        return errors;
      },
    });
  };
  const keyed = existingByKeys(ctx, key);
  if (!keyed) return { mapping, planned: run(ctx.store.load(key).records), fileErrors: decoded.errors };
  // Duplicates and clashes are found on the search keys (names, phones, emails: one cell a row);
  // the rows they name are then read whole and the file planned again against them, so updates
  // and merges see every field of the row they change.
  const first = run(keyed.map((e) => e.values));
  const rows = new Set<number>();
  for (const p of first) {
    const dup = p.duplicateOf;
    if (dup && 'id' in dup) rows.add(keyed.find((e) => e.values.id === dup.id)?.row ?? 0);
  }
  rows.delete(0);
  if (!rows.size) return { mapping, planned: first, fileErrors: decoded.errors };
  ctx.store.readRows(new Map([[key, [...rows]]]));
  const full = keyed.map((e) => (rows.has(e.row) ? (ctx.store.readRow(key, e.row) ?? e.values) : e.values));
  return { mapping, planned: run(full), fileErrors: decoded.errors };
}

/**
 * Delivery notes and plans without a customer take their order's (the orders read by ID in one
 * batched read first); a customer given is checked against the order's by deliveryRowErrors.
 */
function withOrderCustomers<T extends { input: Values }>(ctx: Context, key: DataTableKey, rows: T[]): T[] {
  if (!isDeliveryTable(key)) return rows;
  const orders = [
    ...new Set(
      rows
        .map((r) =>
          String(r.input.orderId ?? '')
            .trim()
            .toUpperCase(),
        )
        .filter(Boolean),
    ),
  ];
  ctx.store.lookups.prefetch({ ids: orders.map((id) => ['orders', id] as [DataTableKey, string]) });
  return rows.map((r) => ({ ...r, input: withOrderCustomer(ctx, key, r.input) }));
}

/**
 * Every live row of a searchable table as its search key holds it (ID, updatedAt, deleted, names,
 * phones, emails, tags) with its row; null when the keys cannot vouch for every row.
 */
function existingByKeys(ctx: Context, key: DataTableKey): { row: number; values: Values }[] | null {
  if (!tableDef(key).searchable || !ctx.store.header(key).layout.index.has(SEARCH_KEY)) return null;
  const ids = ctx.store.lookups.idCount(key);
  if (ids === null) return null;
  const out: { row: number; values: Values }[] = [];
  for (const [row, cell] of ctx.store.lookups.column(key, SEARCH_KEY)) {
    const values = rowOfSearchKey(cell);
    if (values) out.push({ row, values });
  }
  return out.length === ids ? out : null;
}

function summarize(mode: ImportOptions['mode'], mapping: ReturnType<typeof mapHeaders>, planned: PlannedRow[]): ImportResult {
  const counts = { create: 0, update: 0, merge: 0, skip: 0, error: 0 };
  for (const p of planned) counts[p.action]++;
  const notable = planned.filter((p) => p.action !== 'create');
  const rows = [...notable, ...planned.filter((p) => p.action === 'create')].slice(0, MAX_DETAIL);
  return { mode, mapping, total: planned.length, counts, rows };
}

/** Every row error as one FieldError named by line: "3.email". */
function rowErrors(planned: PlannedRow[]): FieldError[] {
  return planned.flatMap((p) => p.errors.map((e) => ({ ...e, field: `${p.line}${e.field ? `.${e.field}` : ''}` })));
}

/**
 * importRecords(table, content, options): CSV text or base64 XLSX into any table. preview reports
 * per-row errors and duplicates and writes nothing; commit writes all rows or none (any error
 * refuses the whole file); duplicates (same name, phone or email as a live row) are skipped,
 * updated or merged (blanks filled) per options.duplicates. A file too large for one run returns
 * done: false and a jobId: call again with the same content and { mode: 'commit', jobId }.
 */
export const importRecords = enveloped(
  IMPORT_ARGS,
  (key, content, options = {}): Envelope<ImportResult> => {
    const opts = withDefaults(options, content);
    const ctx = openContext();
    if (opts.mode === 'preview') {
      const { mapping, planned } = plan(ctx, key, content, opts);
      return { ok: true, ...summarize('preview', mapping, planned) };
    }
    const { result, finished } = ctx.store.withLock(() =>
      opts.mode === 'cancel' ? cancel(ctx, key, opts) : commit(ctx, key, content, opts),
    );
    // Only once the last rows are on the tab (the lock step's write has landed) is the job forgotten.
    if (finished) deleteJob(finished);
    // The new owners of assigned rows are told once the rows are written.
    tellPending(ctx);
    return result;
  },
  WORKFLOW_PERMISSIONS.importRecords,
);

/** A resumed job's pending rows: on the tab (all landed) or not (none did). */
function settle(ctx: Context, key: DataTableKey, job: ImportJob): void {
  const [first] = idsOf(job.pending?.created ?? []);
  if (!first) return settlePending(job, false);
  ctx.store.lookups.prefetch({ ids: [[key, first]] });
  settlePending(job, !!ctx.store.record(key, first));
}

/** One run of an import under the lock; `finished`: the job to forget once its write has landed. */
function commit(
  ctx: Context,
  key: DataTableKey,
  content: string,
  opts: ImportOptions,
): { result: Envelope<ImportResult>; finished: string | null } {
  const started = Date.now();
  const hash = contentHash(content);
  const job = opts.jobId ? readJob(opts.jobId) : null;
  if (opts.jobId && (!job || job.hash !== hash || job.table !== key || job.policy !== opts.duplicates))
    throw CrmError.of('import_job', ctx.lang, { id: opts.jobId });
  if (job) settle(ctx, key, job);
  // A resumed run plans the lines after the last one written, against the rows as they are now.
  const { mapping, planned } = plan(ctx, key, content, opts, job ? job.lastLine : 0);
  const errors = rowErrors(planned);
  if (errors.length) {
    const refusal = [
      fieldError('', 'import_invalid', ctx.lang, { count: planned.filter((p) => p.action === 'error').length }),
      ...errors.slice(0, 200),
    ];
    if (!job) throw new CrmError(refusal);
    // All or nothing: a run that finds errors (new conflicts, for a resumed job) undoes the job.
    // Answered, not thrown: a locked step that throws sends none of its writes, the rollback's included.
    rollback(ctx, key, job);
    return { result: { ok: false, errors: refusal }, finished: job.id };
  }
  const state: ImportJob = job ?? {
    id: Utilities.getUuid().slice(0, 8),
    table: key,
    hash,
    policy: opts.duplicates,
    lastLine: 0,
    created: [],
    user: ctx.user,
    startedAt: ctx.now,
  };
  const writes = new WritePlan(ctx, `import ${state.id}`);
  // Updates and merges of existing rows, re-planned each run, so a resumed run finds nothing left to change.
  for (const p of planned) {
    if ((p.action !== 'update' && p.action !== 'merge') || !p.values || !p.duplicateOf || !('id' in p.duplicateOf)) continue;
    writes.update(key, p.duplicateOf.id, p.values);
  }
  const updated = writes.updated(key);
  const creates = planned.filter((p) => p.action === 'create');
  const take = creates.slice(0, Math.min(creates.length, opts.rowsPerRun));
  // IDs for everything written in this run at once; rows go out in chunks of CHUNK_ROWS below.
  const ids = ctx.store.lookups.nextIds(key, dayOf(ctx.now), take.length);
  // Rows the file gave no owner: the assignment rules (docs/SALES_TEAM.md) pick one, as for a form's lead.
  const assign = assigner(ctx, key);
  const assigned = new Map<number, Assigned>();
  take.forEach((p, j) => {
    if (!p.ownerDefaulted || !p.values) return;
    const a = assign.pick(p.values);
    if (a) assigned.set(j, a);
  });
  const records = take.map((p, j) => ({
    id: ids[j],
    ...p.values,
    ...(assigned.has(j)
      ? {
          owner: (assigned.get(j) as Assigned).owner,
          ...((assigned.get(j) as Assigned).assignment.to === 'pool' ? { poolSince: ctx.now.slice(0, 10) } : {}),
        }
      : {}),
    createdAt: ctx.now,
    createdBy: ctx.user,
    ...updateStamps(null, ctx.user, ctx.clock),
    deleted: false,
  }));
  let created = 0;
  // The orders' 发货状态 after the new notes (read before anything is written; written with the last chunk).
  const status = key === 'deliveryNotes' ? statusChanges(ctx, records) : [];
  writes.commit();
  const sent: string[] = [];
  while (created < records.length && (created === 0 || Date.now() - started < TIME_BUDGET_MS)) {
    const chunk = records.slice(created, created + CHUNK_ROWS);
    const log = new WritePlan(ctx, `import ${state.id}`);
    log.append(key, chunk);
    chunk.forEach((r, i) => {
      const a = assigned.get(created + i);
      if (a) log.history.push(recordAssignment(ctx, key, r, a));
    });
    log.commit();
    sent.push(...chunk.map((r) => r.id));
    created += chunk.length;
  }
  assign.save();
  const done = created >= creates.length;
  writeStatus(ctx, status, 'import');
  if (!done || job) {
    // Saved before the rows' write lands: the rows are pending until the next run sees them.
    const pending = { lastLine: creates[created - 1]?.line ?? state.lastLine, created: [] };
    addIds(pending.created, sent);
    saveJob({ ...state, pending });
  }
  const result = {
    ok: true as const,
    ...summarize('commit', mapping, planned),
    written: { created, updated },
    done,
    jobId: done ? null : state.id,
  };
  return { result, finished: done && job ? state.id : null };
}

/** Soft-deletes what a job created (one write); the caller forgets the job once the write has landed. */
function rollback(ctx: Context, key: DataTableKey, job: ImportJob): number {
  const all = createdIds(job);
  ctx.store.lookups.prefetch({ ids: all.map((id) => [key, id] as [DataTableKey, string]) });
  const ids = all.filter((id) => {
    const r = ctx.store.record(key, id);
    return !!r && !r.deleted;
  });
  const writes = new WritePlan(ctx, `import ${job.id} rolled back`);
  for (const id of ids) writes.update(key, id, { deleted: true });
  writes.commit();
  return ids.length;
}

function cancel(ctx: Context, key: DataTableKey, opts: ImportOptions): { result: Envelope<ImportResult>; finished: string | null } {
  const job = opts.jobId ? readJob(opts.jobId) : null;
  if (!job || job.table !== key) throw CrmError.of('import_job', ctx.lang, { id: opts.jobId ?? '' });
  const removed = rollback(ctx, key, job);
  const result: Envelope<ImportResult> = {
    ok: true,
    mode: 'cancel',
    mapping: { columns: [], missingRequired: [] },
    total: removed,
    counts: { create: 0, update: 0, merge: 0, skip: 0, error: 0 },
    rows: [],
    done: true,
    jobId: null,
  };
  return { result, finished: job.id };
}
