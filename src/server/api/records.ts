import { CrmError, MAX_PAGE, type SearchOptions, type SearchPage, type Values } from '../../core';
import { openContext } from '../context';
import { onlyKeys, optionalObject, requireObject, requireString, requireTable, userLang } from '../args';
import { enveloped, throwing } from '../entry';
import { createRecord, savePlan, updateRecord, type SaveResult } from '../operations/save';
import { deleteRecordLocked, type DeleteMode, type DeleteResult } from '../operations/delete';
import { customer360, customer360Plan, findRecord, search, type Customer360 } from '../operations/read';
import { createdBefore, rememberCreate } from '../operations/requests';

/**
 * saveRecord(table, values, options): create (no id) or update (id + version) one record.
 * options.requestId (the sidebar's, the same for every retry of one form's save) makes a create
 * safe to send again: a retry after a lost reply returns the record the first attempt made.
 * options.retry: this is such a retry (only then is the request looked up).
 */
export const saveRecord = enveloped((table: unknown, values: unknown, options?: unknown): SaveResult => {
  const lang = userLang();
  const key = requireTable(table, lang);
  const input = { ...requireObject(values, 'values', lang) };
  const o = optionalObject(options, 'options', lang);
  onlyKeys(o, ['requestId', 'retry'], 'options', lang);
  const requestId = o.requestId === undefined || o.requestId === null ? null : requireRequestId(o.requestId, lang);
  const id = input.id;
  const version = input.version;
  delete input.id;
  delete input.version;
  const ctx = openContext();
  // Table reads happen inside the lock (withLock drops cached reads), so IDs and versions are fresh.
  const recordId = id === undefined || id === null || id === '' ? null : requireString(id, 'values.id', lang, 40).toUpperCase();
  return ctx.store.withLock(() => {
    if (recordId === null && requestId && o.retry === true) {
      const made = createdBefore(requestId, (rid) => findRecord(ctx, key, rid));
      if (made) return { ok: true, record: findRecord(ctx, key, made) as Values };
    }
    ctx.store.lookups.prefetch(savePlan(ctx, key, input, recordId));
    if (recordId !== null) return updateRecord(ctx, key, recordId, version, input, 'sidebar');
    const created = createRecord(ctx, key, input, 'sidebar');
    // Remembered before the batched write goes out (when the lock is released).
    if (created.ok && requestId) rememberCreate(requestId, String(created.record.id));
    return created;
  });
}, 'write');

function requireRequestId(v: unknown, lang: ReturnType<typeof userLang>): string {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(v)) {
    throw CrmError.of('bad_argument', lang, { detail: 'options.requestId must be 8-64 letters, digits, _ or -' });
  }
  return v;
}

const DELETE_MODES: readonly DeleteMode[] = ['refuse', 'cascade', 'reassign'];

/**
 * deleteRecord(table, id, options): soft delete. options: { mode: 'refuse' (default) | 'cascade' |
 * 'reassign', toCustomerId (reassign), version (optional optimistic check) }.
 */
export const deleteRecord = enveloped((table: unknown, id: unknown, options?: unknown): DeleteResult => {
  const lang = userLang();
  const key = requireTable(table, lang);
  const recordId = requireString(id, 'id', lang, 40).toUpperCase();
  const o = optionalObject(options, 'options', lang);
  onlyKeys(o, ['mode', 'toCustomerId', 'version'], 'options', lang);
  const mode = o.mode === undefined || o.mode === null ? 'refuse' : o.mode;
  if (typeof mode !== 'string' || !(DELETE_MODES as readonly string[]).includes(mode)) {
    throw CrmError.of('bad_argument', lang, { detail: `options.mode must be one of ${DELETE_MODES.join(', ')}` });
  }
  if (o.version !== undefined && o.version !== null && (typeof o.version !== 'number' || !Number.isInteger(o.version))) {
    throw CrmError.of('bad_argument', lang, { detail: 'options.version must be a whole number' });
  }
  const toCustomerId = o.toCustomerId === undefined || o.toCustomerId === null ? null : requireString(o.toCustomerId, 'options.toCustomerId', lang, 40).toUpperCase();
  const ctx = openContext();
  return ctx.store.withLock(() => deleteRecordLocked(ctx, key, recordId, {
    mode: mode as DeleteMode, toCustomerId, version: typeof o.version === 'number' ? o.version : null,
  }));
}, 'write');

/** getRecord(table, id): one live record, or null. */
export const getRecord = throwing((table: unknown, id: unknown): Values | null => {
  const lang = userLang();
  const key = requireTable(table, lang);
  const recordId = requireString(id, 'id', lang, 40);
  return findRecord(openContext({ ids: [[key, recordId.trim().toUpperCase()]] }), key, recordId);
}, 'read');

const SEARCH_OPTIONS = ['limit', 'offset', 'includeDeleted', 'where'];

/** searchRecords(table, query, options): records matching a partial name, ID, phone, email or tag. */
export const searchRecords = throwing((table: unknown, query: unknown, options?: unknown): SearchPage => {
  const lang = userLang();
  const key = requireTable(table, lang);
  if (query !== undefined && query !== null && typeof query !== 'string') throw new Error(lang === 'zh' ? '查询内容必须是文字' : 'query must be a string');
  const q = typeof query === 'string' ? query.slice(0, 200) : '';
  const o = optionalObject(options, 'options', lang);
  onlyKeys(o, SEARCH_OPTIONS, 'options', lang);
  const opts: SearchOptions = {};
  for (const k of ['limit', 'offset'] as const) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== 'number' || !Number.isFinite(o[k]) || (o[k] as number) < 0) throw new Error(`options.${k} must be a number from 0 (limit up to ${MAX_PAGE})`);
    opts[k] = o[k] as number;
  }
  if (o.includeDeleted !== undefined) opts.includeDeleted = o.includeDeleted === true;
  if (o.where !== undefined) {
    const where = requireObject(o.where, 'options.where', lang);
    if (!Object.values(where).every((v) => typeof v === 'string')) throw new Error('options.where values must be strings');
    opts.where = where as Record<string, string>;
  }
  return search(openContext({ tables: [key], counts: [key] }), key, q, opts);
}, 'read');

/** getCustomer360(customerId): the customer with every related record and its history, or null. */
export const getCustomer360 = throwing((customerId: unknown): Customer360 | null => {
  const lang = userLang();
  const id = requireString(customerId, 'customerId', lang, 40).toUpperCase();
  return customer360(openContext(customer360Plan(id)), id);
}, 'read');
