import { tableDef, type DataTableKey, type TableDef } from '../../schema';
import {
  applyRules,
  checkRefs,
  checkUnique,
  CrmError,
  dayOf,
  fieldError,
  prepareCreate,
  updateStamps,
  type FieldError,
  type RefState,
  type Values,
} from '../../core';
import { workflowErrors } from '../../core/workflows';
import { refLookup, rowErrors } from '../operations/save';
import { saveContext, type Context } from '../context';

export function hasOwner(def: TableDef): boolean {
  return def.columns.some((c) => c.key === 'owner');
}

/**
 * Validates new records exactly as saveRecord does (schema, settings lists, rules, unique fields,
 * foreign keys) and gives them IDs, without writing. `pending` are IDs created in the same step,
 * which foreign keys may point at. Errors name the record: `customer.name`, `contact.phone`...
 */
export function prepareNew(
  ctx: Context,
  key: DataTableKey,
  inputs: readonly Values[],
  label: string,
  pending: ReadonlySet<string> = new Set(),
): Values[] {
  const def = tableDef(key);
  const lookup = refLookup(ctx);
  const refs = (table: string, id: string): RefState => (pending.has(id) ? 'ok' : lookup(table, id));
  const ids = ctx.store.lookups.nextIds(key, dayOf(ctx.now), inputs.length);
  const errors: FieldError[] = [];
  const out: Values[] = [];
  // Uniqueness: the rows already holding one of the inputs' unique values (by key), and the inputs accepted so far.
  const accepted: Values[] = def.columns
    .filter((c) => c.unique)
    .flatMap((c) =>
      inputs.flatMap((input) =>
        typeof input[c.key] === 'string' && input[c.key] !== '' ? ctx.store.lookups.withKey(key, c.key, input[c.key]) : [],
      ),
    );
  inputs.forEach((input, i) => {
    const withOwner =
      hasOwner(def) && (input.owner === undefined || input.owner === null || input.owner === '') ? { ...input, owner: ctx.user } : input;
    const prepared = prepareCreate(def, withOwner, { lang: ctx.lang, lists: ctx.settings.lists });
    const where = inputs.length > 1 ? `${label}[${i}]` : label;
    if (!prepared.ok) {
      errors.push(...prepared.errors.map((e) => ({ ...e, field: e.field ? `${where}.${e.field}` : where })));
      return;
    }
    const next = prepared.value;
    applyRules(key, next, null, saveContext(ctx), hasOwner(def));
    const problems = [
      ...checkUnique(def, next, accepted, null, ctx.lang),
      ...checkRefs(def, next, refs, ctx.lang, (x) => tableDef(x as DataTableKey).tab[ctx.lang]),
      ...workflowErrors(key, next, null, ctx.lang),
      ...rowErrors(ctx, key, next, null, accepted),
    ];
    if (problems.length) {
      errors.push(...problems.map((e) => ({ ...e, field: e.field ? `${where}.${e.field}` : where })));
      return;
    }
    const record: Values = {
      id: ids[i],
      ...next,
      createdAt: ctx.now,
      createdBy: ctx.user,
      ...updateStamps(null, ctx.user, ctx.clock),
      deleted: false,
    };
    accepted.push(record);
    out.push(record);
  });
  if (errors.length) throw new CrmError(errors);
  return out;
}

/** The live record with this ID, or a clear not-found / deleted refusal. */
export function requireLive(ctx: Context, key: DataTableKey, id: string, field = 'id'): Values {
  const r = ctx.store.record(key, id);
  if (!r) throw new CrmError([fieldError(field, 'not_found', ctx.lang, { id })]);
  if (r.deleted) throw new CrmError([fieldError(field, 'deleted_record', ctx.lang, { id })]);
  return r;
}
