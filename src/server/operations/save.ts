import {
  DUPLICATE_FIELDS,
  DUPLICATE_TABLES,
  isDataTableKey,
  tableDef,
  VERSION,
  type DataTableKey,
  type DuplicateTable,
  type TableDef,
} from '../../schema';
import {
  applyRules,
  checkMembers,
  checkRefs,
  checkUnique,
  CrmError,
  dayOf,
  fieldError,
  linkTarget,
  prepareCreate,
  prepareUpdate,
  sameValue,
  TARGET_KEY_FIELDS,
  targetErrors,
  updateStamps,
  versionOf,
  type FieldError,
  type RefState,
  type Values,
} from '../../core';
import { workflowErrors } from '../../core/workflows';
import { loadColumns, type HistoryEntry, type LookupPlan } from '../../store';
import { saveContext, type Context } from '../context';
import {
  DELIVERY_CHECKED,
  deliveryLookups,
  isDeliveryTable,
  deliveryRowErrors,
  statusChanges,
  withOrderCustomer,
  writeStatus,
} from './delivery';
import { assignOwner, recordAssignment, type Assigned } from '../workflows/assignment';
import { calendarMark } from '../calendar/registry';

export type SaveResult = { ok: true; record: Values } | { ok: false; errors: FieldError[] };
type Source = HistoryEntry['source'];

const STAMPS = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', VERSION, 'deleted'];

export function refLookup(ctx: Context) {
  return (table: string, id: string): RefState => {
    const r = ctx.store.record(table as DataTableKey, id);
    if (!r) return 'missing';
    return r.deleted ? 'deleted' : 'ok';
  };
}

/**
 * What a save looks up, so it is read in two batched reads: the record (update), the rows holding
 * its unique values, the records its references point at, and today's ID directory (create).
 */
export function savePlan(ctx: Context, key: DataTableKey, input: Values, id: string | null): LookupPlan {
  const def = tableDef(key);
  const plan: Required<Pick<LookupPlan, 'tables' | 'ids' | 'keyed' | 'newIds' | 'history'>> = {
    tables: [key, 'history'],
    ids: [],
    keyed: [],
    newIds: [],
    history: [],
  };
  if (id) plan.ids.push([key, id]);
  else plan.newIds.push([key, dayOf(ctx.now)]);
  // The customer whose change log gets the save's rows, when known before reading.
  const customer = key === 'customers' ? id : typeof input.customerId === 'string' ? input.customerId.trim().toUpperCase() : null;
  if (customer) plan.history.push(customer);
  if (!id && typeof input.customerId === 'string' && input.customerId.trim()) plan.keyed.push([key, 'customerId', input.customerId]);
  // The duplicate check's index columns (customers, contacts, leads) change with the save: their cells too.
  const duplicateFields: readonly string[] = (DUPLICATE_TABLES as readonly string[]).includes(key)
    ? Object.values(DUPLICATE_FIELDS[key as DuplicateTable])
    : [];
  for (const col of def.columns) {
    const v = input[col.key];
    if ((col.unique || duplicateFields.includes(col.key)) && typeof v === 'string' && v.trim()) plan.keyed.push([key, col.key, v]);
    if (col.ref && typeof v === 'string' && v.trim() && isDataTableKey(col.ref)) plan.ids.push([col.ref, v.trim().toUpperCase()]);
    const linked = col.refs && typeof v === 'string' && v.trim() ? linkTarget(col.refs, v) : null;
    if (linked && isDataTableKey(linked) && typeof v === 'string') plan.ids.push([linked, v.trim().toUpperCase()]);
  }
  // A delivery note's or plan's checks read the customer's lines and notes by key, in the same reads.
  plan.keyed.push(...(deliveryLookups(key, [input.customerId]).keyed ?? []));
  return plan;
}

const tableLabel = (ctx: Context) => (t: string) => tableDef(t as DataTableKey).tab[ctx.lang];

/**
 * Checks that need other rows: uniqueness within the table and foreign keys, of every field
 * (create) or of the changed ones (`changed`, update).
 */
function crossRowErrors(
  ctx: Context,
  key: DataTableKey,
  values: Values,
  selfId: string | null,
  changed: readonly string[] | null,
): FieldError[] {
  const def = tableDef(key);
  const checked = changed ? Object.fromEntries(changed.map((f) => [f, values[f]])) : values;
  // Only rows holding one of the record's unique values can clash: found by key, not by a scan.
  const rows = def.columns
    .filter((c) => c.unique && typeof checked[c.key] === 'string' && checked[c.key] !== '')
    .flatMap((c) => ctx.store.lookups.withKey(key, c.key, checked[c.key]));
  return [
    ...checkUnique(def, checked, rows, selfId, ctx.lang),
    ...checkRefs(def, checked, refLookup(ctx), ctx.lang, tableLabel(ctx)),
    ...checkMembers(def, checked, ctx.settings.users, ctx.lang),
    ...(changed && !changed.some((f) => rowCheckedFields(key).includes(f)) ? [] : rowErrors(ctx, key, values, selfId)),
  ];
}

/**
 * A typed reference (a to-do's linked record) to a record that belongs to a customer sets the
 * row's customerId, so the customer's views read it by customer like any child. A customer given
 * by the caller that is not the linked record's is refused. Returns the fields it changed or refused.
 */
function linkCustomer(ctx: Context, def: TableDef, next: Values, input: Values, current: Values | null): FieldError[] {
  if (!def.columns.some((c) => c.key === 'customerId' && c.ref === 'customers')) return [];
  for (const col of def.columns) {
    const v = next[col.key];
    if (!col.refs || typeof v !== 'string' || !v) continue;
    if (current && sameValue(current[col.key], v) && !('customerId' in input)) continue;
    const table = linkTarget(col.refs, v);
    const linked = table && isDataTableKey(table) ? ctx.store.record(table, v) : undefined;
    const customer = linked && typeof linked.customerId === 'string' && linked.customerId ? linked.customerId : null;
    if (!customer) continue;
    const given = typeof input.customerId === 'string' && input.customerId.trim() ? String(next.customerId) : null;
    if (given && given !== customer) return [fieldError('customerId', 'link_customer', ctx.lang, { id: given, linked: customer })];
    next.customerId = customer;
  }
  return [];
}

/**
 * The checks of a whole row that need the settings tab and the table's other rows (targets: whose
 * and which month, see core/targets). The targets tab is small (owners and teams × months): its
 * key columns are read in one batched read.
 */
export function rowErrors(
  ctx: Context,
  key: DataTableKey,
  values: Values,
  selfId: string | null,
  extra: readonly Values[] = [],
): FieldError[] {
  if (key !== 'targets') return deliveryRowErrors(ctx, key, values, selfId, extra);
  const others = loadColumns(ctx.store, 'targets', [...TARGET_KEY_FIELDS, 'deleted']).records;
  return targetErrors(values, [...others, ...extra], selfId, ctx.settings.users, ctx.lang);
}

/** The fields whose change the whole-row checks (rowErrors) look at again on an update. */
function rowCheckedFields(key: DataTableKey): readonly string[] {
  return key === 'targets' ? TARGET_KEY_FIELDS : (DELIVERY_CHECKED[key] ?? []);
}

function hasOwner(def: TableDef): boolean {
  return def.columns.some((c) => c.key === 'owner');
}

const noOwner = (input: Values) => input.owner === undefined || input.owner === null || input.owner === '';

/**
 * Creates one record; the caller holds the lock. `assign`: a customer or lead given without an
 * owner gets the one the assignment rules pick (else, as without `assign`, the current user).
 * `derived`: derived fields the calling workflow sets (the input may not).
 */
export function createRecord(
  ctx: Context,
  key: DataTableKey,
  input: Values,
  source: Source,
  options: { assign?: boolean; derived?: Values } = {},
): SaveResult {
  const def = tableDef(key);
  let assigned: Assigned | null = null;
  input = withOrderCustomer(ctx, key, input);
  // A note given without its customer (filled from the order just now): the customer's rows in one more read.
  if (isDeliveryTable(key)) ctx.store.lookups.prefetch(deliveryLookups(key, [input.customerId]));
  let withDefaults = input;
  if (hasOwner(def) && noOwner(input)) {
    assigned = options.assign ? assignOwner(ctx, key, input) : null;
    withDefaults = { ...input, owner: assigned ? assigned.owner : ctx.user };
  }
  const prepared = prepareCreate(def, withDefaults, { lang: ctx.lang, lists: ctx.settings.lists });
  if (!prepared.ok) return prepared;
  const next = prepared.value;
  applyRules(key, next, null, saveContext(ctx), hasOwner(def));
  // Values a workflow maintains itself (a logged email's message ID), which no input may carry.
  if (options.derived) Object.assign(next, options.derived);
  const linkErrors = linkCustomer(ctx, def, next, input, null);
  if (linkErrors.length) return { ok: false, errors: linkErrors };
  const errors = [...crossRowErrors(ctx, key, next, null, null), ...workflowErrors(key, next, null, ctx.lang)];
  if (errors.length) return { ok: false, errors };
  const [id] = ctx.store.lookups.nextIds(key, dayOf(ctx.now));
  // Straight into the pool (every rep at the cap): since today, so the cooling-off and the list know.
  if (assigned?.assignment.to === 'pool') next.poolSince = ctx.now.slice(0, 10);
  const record: Values = {
    id,
    ...next,
    createdAt: ctx.now,
    createdBy: ctx.user,
    ...updateStamps(null, ctx.user, ctx.clock),
    deleted: false,
  };
  const snapshot = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== null && !(Array.isArray(v) && !v.length)));
  // A follow-up with a next time whose owner put follow-ups on their calendar: marked for their sync.
  if (key === 'followUps' && calendarMark(ctx, null, record)) record.calendarSync = true;
  // A delivery note sets its order's 发货状态 (read now: a read sends the writes queued before it).
  const status = key === 'deliveryNotes' ? statusChanges(ctx, [record]) : [];
  // Role check first (it throws), then the log, then the row: a failure after the log leaves an
  // entry for a row that is not there, never a row that a retry would create twice.
  ctx.store.authorize(key, null, record);
  ctx.store.appendHistory([
    { time: ctx.now, user: ctx.user, table: key, recordId: id, field: '*', oldValue: '', newValue: snapshot, source, note: 'create' },
    ...(assigned ? [recordAssignment(ctx, key, record, assigned)] : []),
  ]);
  ctx.store.append(key, [record]);
  writeStatus(ctx, status, source);
  return { ok: true, record };
}

/**
 * Updates one record read at `version` (its edit token, derived from updatedAt). A stale version is refused with who changed it and when,
 * so two people never overwrite each other silently. The caller holds the lock.
 */
export function updateRecord(ctx: Context, key: DataTableKey, id: string, version: unknown, input: Values, source: Source): SaveResult {
  const def = tableDef(key);
  const current = ctx.store.record(key, id);
  if (!current) return { ok: false, errors: [fieldError('id', 'not_found', ctx.lang, { id })] };
  if (current.deleted) return { ok: false, errors: [fieldError('id', 'deleted_record', ctx.lang, { id })] };
  // A note's or plan's checks and its order's status (when a field they look at changes): the
  // customer's lines and notes, the order and the line, in one batched read.
  if (isDeliveryTable(key) && Object.keys(input).some((f) => rowCheckedFields(key).includes(f)))
    ctx.store.lookups.prefetch(deliveryLookups(key, [current.customerId, input.customerId], [current, input]));
  if (typeof version !== 'number' || !Number.isInteger(version))
    return { ok: false, errors: [fieldError('version', 'version_required', ctx.lang)] };
  if (version !== versionOf(current.updatedAt)) {
    throw CrmError.of(
      'stale',
      ctx.lang,
      { by: String(current.updatedBy ?? '?'), at: String(current.updatedAt ?? '?').slice(0, 16) },
      'version',
    );
  }
  const prepared = prepareUpdate(def, current, input, { lang: ctx.lang, lists: ctx.settings.lists });
  if (!prepared.ok) return prepared;
  const next = prepared.value.next;
  applyRules(key, next, current, saveContext(ctx), hasOwner(def));
  const linkErrors = linkCustomer(ctx, def, next, input, current);
  if (linkErrors.length) return { ok: false, errors: linkErrors };
  const changed = Object.keys(next).filter((k) => !STAMPS.includes(k) && !sameValue(next[k], current[k]));
  if (!changed.length) return { ok: true, record: current };
  const errors = [...crossRowErrors(ctx, key, { ...current, ...next }, id, changed), ...workflowErrors(key, next, current, ctx.lang)];
  if (errors.length) return { ok: false, errors };
  const changes: Values = Object.fromEntries(changed.map((k) => [k, next[k]]));
  Object.assign(changes, updateStamps(current, ctx.user, ctx.clock));
  // The follow-up's event no longer says what the record does: marked for its owner's sync (no log entry: derived).
  if (key === 'followUps' && current.calendarSync !== true && calendarMark(ctx, current, { ...current, ...changes }))
    changes.calendarSync = true;
  const status = key === 'deliveryNotes' ? statusChanges(ctx, [{ ...current, ...changes }], [current]) : [];
  ctx.store.authorize(key, current, { ...current, ...changes });
  ctx.store.appendHistory(
    changed.map((field) => ({
      time: ctx.now,
      user: ctx.user,
      table: key,
      recordId: id,
      field,
      oldValue: current[field],
      newValue: next[field],
      source,
    })),
  );
  ctx.store.update(key, id, changes);
  writeStatus(ctx, status, source);
  return { ok: true, record: { ...current, ...changes } };
}
