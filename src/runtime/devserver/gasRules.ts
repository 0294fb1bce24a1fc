/**
 * Apps Script's rules for what crosses google.script.run, shared by the browser shim (arguments)
 * and the dev server (return values). Legal: null, numbers, booleans, strings, arrays and plain
 * objects made of them. A Date, function, DOM element, class instance, symbol, bigint or a cycle
 * anywhere fails the call. Undefined object fields are dropped and undefined array slots become
 * null (the JSON copy both sides make).
 */

/** Where an illegal value sits, as Apps Script reports it ("illegal value in property: 0"). */
export interface Illegal {
  path: string;
  what: string;
}

const tagOf = (v: object): string => Object.prototype.toString.call(v).slice(8, -1);

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as object | null;
  // Cross-realm plain objects (the bundle runs in a vm context) have another realm's Object.prototype.
  return proto === null || (tagOf(v) === 'Object' && (proto === Object.prototype || Object.getPrototypeOf(proto) === null));
}

function isDomNode(v: object): boolean {
  return typeof (v as { nodeType?: unknown }).nodeType === 'number' && typeof (v as { nodeName?: unknown }).nodeName === 'string';
}

/** The first illegal value in `value`, or null when the whole value may cross. */
export function findIllegal(value: unknown, path = '', seen: object[] = []): Illegal | null {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return null;
  if (type === 'function') return { path, what: 'function' };
  if (type !== 'object') return { path, what: type };
  const obj = value as object;
  if (seen.includes(obj)) return { path, what: 'circular reference' };
  if (tagOf(obj) === 'Date') return { path, what: 'Date' };
  if (isDomNode(obj)) return { path, what: 'DOM element' };
  const isArray = Array.isArray(obj);
  if (!isArray && !isPlainObject(obj))
    return { path, what: `${(obj.constructor as { name?: string } | undefined)?.name || tagOf(obj)} instance` };
  seen.push(obj);
  for (const [k, v] of Object.entries(obj)) {
    const hit = findIllegal(v, path ? `${path}.${k}` : k, seen);
    if (hit) return hit;
  }
  seen.pop();
  return null;
}

/** Apps Script's failure text for an illegal value. */
export function illegalMessage(hit: Illegal): string {
  return `Failed due to illegal value in property: ${hit.path || '0'} (${hit.what})`;
}

/** Checks the arguments of one call; null when they may be sent. */
export function checkArguments(args: readonly unknown[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const hit = findIllegal(args[i], String(i));
    if (hit) return illegalMessage(hit);
  }
  return null;
}

/** What the success handler receives: a JSON copy, or a failure when the value may not cross. */
export function copyResult(value: unknown): { ok: true; json: string } | { ok: false; error: string } {
  const hit = findIllegal(value, 'result');
  if (hit) return { ok: false, error: illegalMessage(hit) };
  return { ok: true, json: value === undefined ? 'null' : JSON.stringify(value) };
}
