import * as z from 'zod/mini';
import { CrmError, type SearchOptions, type SearchPage, type Values } from '../../core';
import { todoOfFollowUp } from '../../core/workflows';
import { openContext } from '../context';
import { idArg, intArg, optionsArg, parseArgs, plainObject, signature, tableArg, userLang, whereArg } from '../args';
import { enveloped, throwing } from '../entry';
import { createRecord, savePlan, updateRecord, type SaveResult } from '../operations/save';
import { deleteRecordLocked, type DeleteMode, type DeleteResult } from '../operations/delete';
import { customer360, customer360Plan, findRecord, search, type Customer360 } from '../operations/read';
import { createdBefore, rememberCreate } from '../operations/requests';
import { announce, tellPending } from '../notify';
import { becameWon, dealWonEvent } from '../notify/events';

const requestIdArg = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'arg_request_id'));
const SAVE_ARGS = signature(
  ['table', 'values', 'options'],
  tableArg,
  plainObject,
  z.optional(
    optionsArg({
      requestId: z.nullish(requestIdArg),
      retry: z.optional(z.unknown()),
      todo: z.optional(z.boolean()),
    }),
  ),
);

/**
 * saveRecord(table, values, options): create (no id) or update (id + version) one record.
 * options.requestId (the sidebar's, the same for every retry of one form's save) makes a create
 * safe to send again: a retry after a lost reply returns the record the first attempt made.
 * options.retry: this is such a retry (only then is the request looked up).
 * options.todo (a new follow-up with a next follow-up time): also create the to-do for it (the
 * next plan, due then, the follow-up's owner, its customer and opportunity) in the same step: both
 * or neither.
 */
export const saveRecord = enveloped(
  SAVE_ARGS,
  (key, values, o = {}): SaveResult => {
    const input = { ...values };
    const requestId = o.requestId ?? null;
    const id = input.id;
    const version = input.version;
    delete input.id;
    delete input.version;
    const ctx = openContext();
    // Table reads happen inside the lock (withLock drops cached reads), so IDs and versions are fresh.
    const recordId = id === undefined || id === null || id === '' ? null : parseArgs(RECORD_ID, [id], userLang)[0];
    let before: Values | null = null;
    let replayed = false;
    const result = ctx.store.withLock((): SaveResult => {
      if (recordId === null && requestId && o.retry === true) {
        const made = createdBefore(requestId, (rid) => findRecord(ctx, key, rid));
        if (made) {
          replayed = true;
          return { ok: true, record: findRecord(ctx, key, made) as Values };
        }
      }
      // The follow-up's to-do (options.todo) is looked up before anything is queued: a read sends
      // the writes queued before it, and the two records are written both or neither.
      const todoInput = key === 'followUps' && o.todo === true && recordId === null ? todoOfFollowUp({ owner: ctx.user, ...input }) : null;
      ctx.store.lookups.prefetch(savePlan(ctx, key, input, recordId));
      if (todoInput) ctx.store.lookups.prefetch(savePlan(ctx, 'todos', todoInput, null));
      if (recordId !== null) {
        before = ctx.store.record(key, recordId) ?? null;
        return updateRecord(ctx, key, recordId, version, input, 'sidebar');
      }
      // A sales rep's new record stays theirs; one entered by anyone else without an owner is
      // assigned by the settings tab's rules (docs/SALES_TEAM.md).
      const created = createRecord(ctx, key, input, 'sidebar', { assign: ctx.auth.actor.role !== 'sales' });
      const todo = created.ok && todoInput ? todoOfFollowUp(created.record) : null;
      if (todo) {
        const made = createRecord(ctx, 'todos', todo, 'sidebar');
        // Thrown: the follow-up queued above is dropped with it (a step that fails writes nothing).
        if (!made.ok) throw new CrmError(made.errors.map((e) => ({ ...e, field: `todo.${e.field}` })));
      }
      // Remembered before the batched write goes out (when the lock is released).
      if (created.ok && requestId) rememberCreate(requestId, String(created.record.id));
      return created;
    });
    // Committed: a won deal is posted to the owner's team chat (no mail: see docs/NOTIFICATIONS.md); never undoes the save.
    if (result.ok && !replayed && key === 'opportunities' && becameWon(before, result.record))
      announce([dealWonEvent(result.record, ctx.lang)], ctx.settings.users, ctx.lang, { mail: false });
    tellPending(ctx);
    return result;
  },
  'write',
);

/** values.id of an update, checked like an argument. */
const RECORD_ID = signature(['values.id'], idArg);

const DELETE_MODES = ['refuse', 'cascade', 'reassign'] as const satisfies readonly DeleteMode[];
const DELETE_ARGS = signature(
  ['table', 'id', 'options'],
  tableArg,
  idArg,
  z.optional(
    optionsArg({
      mode: z.nullish(z.enum(DELETE_MODES)),
      toCustomerId: z.nullish(idArg),
      version: z.nullish(intArg),
    }),
  ),
);

/**
 * deleteRecord(table, id, options): soft delete. options: { mode: 'refuse' (default) | 'cascade' |
 * 'reassign', toCustomerId (reassign), version (optional optimistic check) }.
 */
export const deleteRecord = enveloped(
  DELETE_ARGS,
  (key, recordId, o = {}): DeleteResult => {
    const ctx = openContext();
    return ctx.store.withLock(() =>
      deleteRecordLocked(ctx, key, recordId, {
        mode: o.mode ?? 'refuse',
        toCustomerId: o.toCustomerId ?? null,
        version: o.version ?? null,
      }),
    );
  },
  'write',
);

/** getRecord(table, id): one live record, or null. */
export const getRecord = throwing(
  signature(['table', 'id'], tableArg, idArg),
  (key, recordId): Values | null => {
    return findRecord(openContext({ ids: [[key, recordId]] }), key, recordId);
  },
  'read',
);

const SEARCH_ARGS = signature(
  ['table', 'query', 'options'],
  tableArg,
  z.nullish(z.string()),
  z.optional(
    optionsArg({
      limit: z.optional(z.number().check(z.gte(0))),
      offset: z.optional(z.number().check(z.gte(0))),
      includeDeleted: z.optional(z.unknown()),
      where: z.optional(whereArg),
    }),
  ),
);

/** searchRecords(table, query, options): records matching a partial name, ID, phone, email or tag (limit up to MAX_PAGE). */
export const searchRecords = throwing(
  SEARCH_ARGS,
  (key, query, o = {}): SearchPage => {
    const opts: SearchOptions = {};
    if (o.limit !== undefined) opts.limit = o.limit;
    if (o.offset !== undefined) opts.offset = o.offset;
    if (o.includeDeleted !== undefined) opts.includeDeleted = o.includeDeleted === true;
    if (o.where !== undefined) opts.where = o.where;
    return search(openContext({ tables: [key], counts: [key] }), key, (query ?? '').slice(0, 200), opts);
  },
  'read',
);

/** getCustomer360(customerId): the customer with every related record and its history, or null. */
export const getCustomer360 = throwing(
  signature(['customerId'], idArg),
  (id): Customer360 | null => {
    return customer360(openContext(customer360Plan(id)), id);
  },
  'read',
);
