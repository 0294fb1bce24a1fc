import { isCrmError, type FieldError } from '../core';
import { userLang } from './args';
import { asCrmError, enterScope, leaveScope, type Requirement } from './auth';
import { openContext } from './context';

export type Envelope<T> = ({ ok: true } & T) | { ok: false; errors: FieldError[] };

/** An entry point as exported: the function plus the requirement it declared (read by tests). */
export type Entry<A extends unknown[], R> = ((...args: A) => R) & { readonly permission: Requirement };

/**
 * Runs an entry point's body inside its execution scope. Anything beyond 'read' is checked before
 * the body runs, with the context the body will reuse (one settings read for both); per-record
 * write rights are checked again by the store on every write.
 */
function runEntry<T>(requirement: Requirement, body: () => T): T {
  enterScope(requirement);
  try {
    if (requirement !== 'public' && requirement !== 'read') openContext().auth.require(requirement);
    return body();
  } catch (e) {
    throw asCrmError(e, userLang());
  } finally {
    leaveScope();
  }
}

function declare<A extends unknown[], R>(fn: (...args: A) => R, requirement: Requirement): Entry<A, R> {
  return Object.defineProperty(fn, 'permission', { value: requirement, enumerable: false }) as Entry<A, R>;
}

/**
 * For functions that answer `{ ok }` (by convention the ones that change data, hence 'write' by
 * default): a refusal becomes `{ ok: false, errors }`, never a throw.
 */
export function enveloped<A extends unknown[], T>(fn: (...args: A) => Envelope<T>, requirement: Requirement = 'write'): Entry<A, Envelope<T>> {
  return declare((...args: A): Envelope<T> => {
    try {
      return runEntry(requirement, () => fn(...args));
    } catch (e) {
      if (isCrmError(e)) return { ok: false, errors: e.errors };
      throw e;
    }
  }, requirement);
}

/** For functions that return data ('read' by default): a refusal is thrown as a plain Error carrying the message. */
export function throwing<A extends unknown[], T>(fn: (...args: A) => T, requirement: Requirement = 'read'): Entry<A, T> {
  return declare((...args: A): T => {
    try {
      return runEntry(requirement, () => fn(...args));
    } catch (e) {
      if (isCrmError(e)) throw new Error(e.message);
      throw e;
    }
  }, requirement);
}
