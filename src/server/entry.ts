import type * as z from 'zod/mini';
import { CrmError, isCrmError, wireMessage, type FieldError } from '../core';
import { isPlainObject, parseArgs, userLang, type ArgsIn, type ArgsOut, type Signature } from './args';
import { asCrmError, enterScope, leaveScope, type Requirement } from './auth';
import { openContext } from './context';

export type Envelope<T> = ({ ok: true } & T) | { ok: false; errors: FieldError[] };

/** An entry point as exported: the function plus the requirement and parameter names it declared (read by tests). */
export type Entry<A extends unknown[], R> = ((...args: A) => R) & { readonly permission: Requirement; readonly params: readonly string[] };

/**
 * Whether the execution has no user to answer for: no active user, and not an installable trigger's
 * run (whose event names one of the project's triggers). That is a visitor of a web app deployed to
 * execute as its owner with access "Anyone" (the self-service portal's deployment): such a visitor
 * can call any top-level function through google.script.run, which would then run as the owner.
 * Every entry point but the 'public' ones (the portal's calls authorize by their token) refuses it.
 * Costs nothing when there is an active user; a trigger's run reads the project's triggers once.
 */
function noUser(args: readonly unknown[]): boolean {
  if (Session.getActiveUser().getEmail()) return false;
  const e = args[args.length - 1];
  const uid = isPlainObject(e) && typeof e.triggerUid === 'string' ? e.triggerUid : '';
  if (!uid) return true;
  return !ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === uid);
}

/**
 * Runs an entry point's body inside its execution scope. Anything beyond 'read' is checked before
 * the body runs, with the context the body will reuse (one settings read for both); then the
 * arguments are parsed by the entry point's signature (a bad one is a bad_argument CrmError naming
 * its path). Per-record write rights are checked again by the store on every write.
 */
function runEntry<S extends z.ZodMiniTuple, T>(
  requirement: Requirement,
  sig: Signature<S>,
  args: unknown[],
  body: (...args: ArgsOut<S>) => T,
): T {
  enterScope(requirement);
  try {
    if (requirement !== 'public' && noUser(args)) throw CrmError.of('web_visitor', userLang());
    if (requirement !== 'public' && requirement !== 'read') openContext().auth.require(requirement);
    return body(...parseArgs(sig, args, userLang));
  } catch (e) {
    throw asCrmError(e, userLang());
  } finally {
    leaveScope();
  }
}

function declare<A extends unknown[], R>(fn: (...args: A) => R, requirement: Requirement, sig: Signature): Entry<A, R> {
  Object.defineProperty(fn, 'params', { value: sig.names, enumerable: false });
  return Object.defineProperty(fn, 'permission', { value: requirement, enumerable: false }) as Entry<A, R>;
}

/**
 * For functions that answer `{ ok }` (by convention the ones that change data, hence 'write' by
 * default): a refusal, a bad argument included, becomes `{ ok: false, errors }`, never a throw.
 */
export function enveloped<S extends z.ZodMiniTuple, T>(
  sig: Signature<S>,
  fn: (...args: ArgsOut<S>) => Envelope<T>,
  requirement: Requirement = 'write',
): Entry<ArgsIn<S>, Envelope<T>> {
  return declare(
    (...args: ArgsIn<S>): Envelope<T> => {
      try {
        return runEntry(requirement, sig, args, fn);
      } catch (e) {
        if (isCrmError(e)) return { ok: false, errors: e.errors };
        throw e;
      }
    },
    requirement,
    sig,
  );
}

/**
 * For functions that return data ('read' by default): a refusal is thrown as an Error whose message
 * carries its code, "[crm:<code>] <message>" (wireMessage in src/core/errors.ts): google.script.run
 * hands the sidebar only the message, and the sidebar's readWire takes the code back out.
 */
export function throwing<S extends z.ZodMiniTuple, T>(
  sig: Signature<S>,
  fn: (...args: ArgsOut<S>) => T,
  requirement: Requirement = 'read',
): Entry<ArgsIn<S>, T> {
  return declare(
    (...args: ArgsIn<S>): T => {
      try {
        return runEntry(requirement, sig, args, fn);
      } catch (e) {
        if (isCrmError(e)) throw new Error(wireMessage(e));
        throw e;
      }
    },
    requirement,
    sig,
  );
}
