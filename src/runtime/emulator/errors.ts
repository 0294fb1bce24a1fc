/**
 * Errors that Apps Script itself would raise. The instrument turns them into vm-realm Errors whose
 * message carries Apps Script's "Exception: " prefix; any other error (an emulator bug) passes through.
 */
export class GasError extends Error {}

/**
 * An advanced-service (REST) failure: Apps Script throws a GoogleJsonResponseException whose message is
 * "API call to <method> failed with error: <REST message>" (no "Exception: " prefix).
 */
export class ApiError extends GasError {
  constructor(method: string, detail: string) {
    super(`API call to ${method} failed with error: ${detail}`);
    this.name = 'GoogleJsonResponseException';
  }
}

export function gasError(message: string): GasError {
  return new GasError(message);
}

/** Apps Script's complaint when arguments do not fit any overload. */
export function signatureError(method: string, args: readonly unknown[]): GasError {
  const kind = (a: unknown): string => {
    if (a === null || a === undefined) return 'null';
    if (typeof a === 'string') return 'String';
    if (typeof a === 'number') return 'number';
    if (typeof a === 'boolean') return 'Boolean';
    if (Array.isArray(a)) return Array.isArray(a[0]) ? 'number[][]' : 'number[]';
    return 'Object';
  };
  return new GasError(`The parameters (${args.map(kind).join(',')}) don't match the method signature for ${method}.`);
}
