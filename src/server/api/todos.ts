import { intArg, idArg, signature } from '../args';
import { enveloped } from '../entry';
import { openContext } from '../context';
import { fieldError } from '../../core';
import { savePlan, updateRecord, type SaveResult } from '../operations/save';

/**
 * completeTodo(id, version): one tap marks a to-do done and stamps its done time. Idempotent: a
 * to-do already done is answered as it is (the first done time kept, nothing written), whatever
 * version the repeat carries; an open one is completed only at the version it was read at (a stale
 * one is refused like a stale save). Rights as any save: the assignee, or a manager or admin.
 */
export const completeTodo = enveloped(
  signature(['id', 'version'], idArg, intArg),
  (id, version): SaveResult => {
    const ctx = openContext();
    return ctx.store.withLock(() => {
      ctx.store.lookups.prefetch(savePlan(ctx, 'todos', { done: true }, id));
      const current = ctx.store.record('todos', id);
      if (!current) return { ok: false, errors: [fieldError('id', 'not_found', ctx.lang, { id })] };
      if (current.deleted) return { ok: false, errors: [fieldError('id', 'deleted_record', ctx.lang, { id })] };
      if (current.done === true) {
        // Already done: only its assignee or a manager learns so (the same rights as completing it).
        ctx.store.authorize('todos', current, current);
        return { ok: true, record: current };
      }
      return updateRecord(ctx, 'todos', id, version, { done: true }, 'sidebar');
    });
  },
  'write',
);
