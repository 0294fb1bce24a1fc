import { CUSTOMER_CHILD_TABLES, customers as customersTable, type DataTableKey } from '../../schema';
import { CrmError, isWritable, type Values } from '../../core';
import {
  DERIVED_CUSTOMER_FIELDS,
  deriveCustomers,
  DUPLICATE_COLUMNS,
  findDuplicateGroups,
  mergedCustomerChanges,
  str,
  type DuplicateReason,
} from '../../core/workflows';
import { loadColumns } from '../../store';
import { idArg, NO_ARGS, signature, userLang } from '../args';
import { openContext } from '../context';
import { enveloped, throwing, type Envelope } from '../entry';
import { WritePlan } from './batch';
import { deriveParams } from './dailyJobs';
import { requireLive } from './records';
import { WORKFLOW_PERMISSIONS } from './permissions';

export interface DuplicateCustomers {
  groups: { reasons: DuplicateReason[]; customers: Values[] }[];
  total: number;
}

const MAX_GROUPS = 200;
const BRIEF = ['id', 'name', 'contactName', 'phone', 'email', 'owner', 'lifecycle', 'createdAt', 'updatedAt', 'version'];

/**
 * findDuplicateCustomers(): live customers that look like one company (same folded name, phone
 * digits or email). Reads only the columns it matches on and shows.
 */
export const findDuplicateCustomers = throwing(
  NO_ARGS,
  (): DuplicateCustomers => {
    const ctx = openContext();
    const t = loadColumns(ctx.store, 'customers', [...DUPLICATE_COLUMNS, ...BRIEF]);
    const groups = findDuplicateGroups(t.records);
    return {
      total: groups.length,
      groups: groups.slice(0, MAX_GROUPS).map((g) => ({
        reasons: g.reasons,
        customers: g.ids.map((id) => Object.fromEntries(BRIEF.map((k) => [k, t.records[t.byId.get(id) as number][k] ?? null]))),
      })),
    };
  },
  WORKFLOW_PERMISSIONS.findDuplicateCustomers,
);

export interface MergeResult {
  keepId: string;
  mergedId: string;
  /** Rows re-pointed, per table. */
  moved: Partial<Record<DataTableKey, number>>;
  /** Fields the kept customer took over from the merged one. */
  filled: string[];
}

/**
 * mergeCustomers(keepId, mergeId): every row of every table that points at mergeId (children,
 * converted leads) points at keepId; keepId takes over fields it lacks and tags; mergeId is
 * soft-deleted. One locked step: one write per table and one history write.
 */
export const mergeCustomers = enveloped(
  signature(['keepId', 'mergeId'], idArg, idArg),
  (keepKey, mergeKey): Envelope<MergeResult> => {
    if (keepKey === mergeKey) throw CrmError.of('merge_same', userLang());
    const ctx = openContext();
    return ctx.store.withLock(() => {
      const keep = requireLive(ctx, 'customers', keepKey, 'keepId');
      const merge = requireLive(ctx, 'customers', mergeKey, 'mergeId');
      const writes = new WritePlan(ctx, `mergeCustomers ${mergeKey} → ${keepKey}`);
      const moved: MergeResult['moved'] = {};
      const { lookups } = ctx.store;
      // Everything read by key: both customers' children (index cells, then rows: two batched reads).
      lookups.prefetch({
        keyed: CUSTOMER_CHILD_TABLES.flatMap(
          (t) =>
            [
              [t, 'customerId', keepKey],
              [t, 'customerId', mergeKey],
            ] as [DataTableKey, string, string][],
        ),
        history: [keepKey, mergeKey],
      });
      const childrenOf = (k: DataTableKey, id: string) => lookups.withKey(k, 'customerId', id);
      const keepHasPrimary = childrenOf('contacts', keepKey).some((c) => c.isPrimary && !c.deleted);
      const repoint = (key: DataTableKey, field: string) => {
        for (const r of lookups.withValue(key, field, mergeKey)) {
          // The kept customer's primary contact stays the only one.
          const demote = key === 'contacts' && keepHasPrimary && r.isPrimary;
          writes.update(key, str(r.id), demote ? { [field]: keepKey, isPrimary: false } : { [field]: keepKey });
          moved[key] = (moved[key] ?? 0) + 1;
        }
      };
      for (const key of CUSTOMER_CHILD_TABLES) repoint(key, 'customerId');
      repoint('leads', 'convertedCustomerId');

      const writable = customersTable.columns.filter((c) => isWritable(c) && c.key !== 'name').map((c) => c.key);
      const filled = mergedCustomerChanges(keep, merge, writable);
      // Derived fields of the kept customer from both customers' rows (the re-pointing is not written yet).
      const load = (k: DataTableKey) => [...childrenOf(k, keepKey), ...childrenOf(k, mergeKey).map((r) => ({ ...r, customerId: keepKey }))];
      const [derived] = deriveCustomers(
        [keep],
        {
          opportunities: load('opportunities'),
          followUps: load('followUps'),
          orders: load('orders'),
          payments: load('payments'),
          contracts: load('contracts'),
          tickets: load('tickets'),
          feedback: load('feedback'),
        },
        deriveParams(ctx),
        ctx.now.slice(0, 10),
      );
      const keepChanges: Values = { ...filled };
      for (const f of DERIVED_CUSTOMER_FIELDS) if (keep[f] !== derived[f]) keepChanges[f] = derived[f];
      writes.update('customers', keepKey, keepChanges);
      writes.update('customers', mergeKey, { deleted: true });
      writes.commit();
      return { ok: true, keepId: keepKey, mergedId: mergeKey, moved, filled: Object.keys(filled) };
    });
  },
  WORKFLOW_PERMISSIONS.mergeCustomers,
);
