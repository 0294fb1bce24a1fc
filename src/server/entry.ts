import { isCrmError, type FieldError } from '../core';

export type Envelope<T> = ({ ok: true } & T) | { ok: false; errors: FieldError[] };

/** For functions that answer `{ ok }`: a refusal becomes `{ ok: false, errors }`, never a throw. */
export function enveloped<A extends unknown[], T>(fn: (...args: A) => Envelope<T>): (...args: A) => Envelope<T> {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      if (isCrmError(e)) return { ok: false, errors: e.errors };
      throw e;
    }
  };
}

/** For functions that return data: a refusal is thrown as a plain Error carrying the message. */
export function throwing<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      if (isCrmError(e)) throw new Error(e.message);
      throw e;
    }
  };
}
