/**
 * Counting + strictness. Every Apps Script object handed to the bundle is a Proxy over an emulator
 * object: only the public methods/enums of that Apps Script class are visible (anything else reads as
 * undefined, so calling it is a TypeError, like the real thing); each method call is counted, and the
 * ones that touch cells, metadata, properties, cache, locks or triggers are round trips.
 */
import { ApiError, GasError } from './errors';

/** Base of every emulated Apps Script object. Members starting with '_' are host-only. */
export abstract class Service {}

type Ctor = abstract new (...args: never[]) => Service;

interface ServiceSpec {
  name: string;
  counted: boolean;
  local: ReadonlySet<string>;
  members: Map<string, 'method' | 'getter'>;
  /** Methods taking/returning 2-D arrays of services (unwrap/wrap cell by cell). */
  grids: ReadonlySet<string>;
  /** HtmlTemplate accepts arbitrary properties (template.data = ...). */
  openProps: boolean;
}

export interface RegisterOptions {
  /** Methods that are not round trips (handles, local range arithmetic, builders). */
  local?: readonly string[];
  /** Every method is local. */
  allLocal?: boolean;
  /** Utilities, Logger, console: not counted at all. */
  counted?: boolean;
  grids?: readonly string[];
  openProps?: boolean;
}

const specs = new Map<Function, ServiceSpec>();

function collectMembers(ctor: Ctor): Map<string, 'method' | 'getter'> {
  const members = new Map<string, 'method' | 'getter'>();
  for (let proto = ctor.prototype; proto && proto !== Service.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name.startsWith('_') || members.has(name)) continue;
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (d?.get) members.set(name, 'getter');
      else if (typeof d?.value === 'function') members.set(name, 'method');
    }
  }
  return members;
}

/** Declares an emulator class as the Apps Script class `name`. Call once per class, after it. */
export function registerService(ctor: Ctor, name: string, options: RegisterOptions = {}): void {
  const members = collectMembers(ctor);
  const local = options.allLocal ? new Set(members.keys()) : new Set(options.local ?? []);
  specs.set(ctor, {
    name,
    members,
    local,
    counted: options.counted !== false,
    grids: new Set(options.grids ?? []),
    openProps: options.openProps === true,
  });
}

export interface Stats {
  calls: number;
  roundTrips: number;
  cellsRead: number;
  cellsWritten: number;
  byMethod: Record<string, number>;
}

export function emptyStats(): Stats {
  return { calls: 0, roundTrips: 0, cellsRead: 0, cellsWritten: 0, byMethod: {} };
}

/** Open property bag for services with openProps (HtmlTemplate). */
export interface OpenProps {
  _props: Map<string, unknown>;
}

export class Instrument {
  stats: Stats = emptyStats();
  private failure: { remaining: number; message: string; sticky: boolean } | null = null;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, Service>();

  /** `makeError` builds an Error in the bundle's realm. */
  constructor(private readonly makeError: (message: string) => Error) {}

  resetStats(): void {
    this.stats = emptyStats();
  }

  /**
   * The n-th next round trip throws `Exception: message`. Sticky: so does every later one (an
   * execution cut off at its time limit runs nothing more; what it wrote before stays).
   */
  failAfter(n: number, message: string, sticky = false): void {
    this.failure = { remaining: Math.max(1, n), message, sticky };
  }
  clearFailure(): void {
    this.failure = null;
  }

  cellsRead(n: number): void {
    this.stats.cellsRead += n;
  }
  cellsWritten(n: number): void {
    this.stats.cellsWritten += n;
  }

  /** The bundle-facing proxy for an emulator object (the same proxy each time). */
  expose<T>(target: Service): T {
    let p = this.proxies.get(target);
    if (!p) {
      const spec = specOf(target);
      p = new Proxy(target, this.handler(spec));
      this.proxies.set(target, p);
      this.targets.set(p, target);
    }
    return p as T;
  }

  /** Host object behind a proxy (or the value itself). */
  unwrap(value: unknown): unknown {
    if (value !== null && typeof value === 'object') {
      const t = this.targets.get(value);
      if (t) return t;
      if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object' && this.targets.has(v))) {
        return value.map((v) => this.unwrap(v));
      }
    }
    return value;
  }

  /** Exposes services found in a method result (single objects and 1-D arrays; grids on request). */
  wrap(value: unknown, grid = false): unknown {
    if (value instanceof Service) return this.expose(value);
    if (Array.isArray(value)) {
      if (grid) return value.map((row: unknown) => (Array.isArray(row) ? row.map((v) => this.wrap(v)) : this.wrap(row)));
      if (value.some((v) => v instanceof Service)) return value.map((v) => this.wrap(v));
    }
    return value;
  }

  /** Converts Apps Script errors raised by the emulator into realm errors with the Exception prefix. */
  translate(e: unknown): unknown {
    if (e instanceof ApiError) {
      const err = this.makeError(e.message);
      err.name = e.name;
      return err;
    }
    if (e instanceof GasError) return this.makeError(`Exception: ${e.message}`);
    return e;
  }

  private roundTrip(): void {
    this.stats.roundTrips++;
    const f = this.failure;
    if (f && --f.remaining <= 0) {
      if (!f.sticky) this.failure = null;
      throw this.makeError(`Exception: ${f.message}`);
    }
  }

  private count(spec: ServiceSpec, method: string): void {
    if (!spec.counted) return;
    const key = `${spec.name}.${method}`;
    this.stats.calls++;
    this.stats.byMethod[key] = (this.stats.byMethod[key] ?? 0) + 1;
    if (!spec.local.has(method)) this.roundTrip();
  }

  private call(spec: ServiceSpec, target: Service, method: string, args: unknown[]): unknown {
    this.count(spec, method);
    const grid = spec.grids.has(method);
    const hostArgs = args.map((a) => (grid && Array.isArray(a) ? a.map((row: unknown) => this.unwrap(row)) : this.unwrap(a)));
    const fn = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    let result: unknown;
    try {
      result = fn.apply(target, hostArgs);
    } catch (e) {
      throw this.translate(e);
    }
    return this.wrap(result, grid);
  }

  private handler(spec: ServiceSpec): ProxyHandler<Service> {
    return {
      get: (target, prop) => {
        if (typeof prop === 'symbol') return undefined;
        if (prop === 'toString') return () => spec.name;
        const kind = spec.members.get(prop);
        if (kind === 'getter') return this.wrap(Reflect.get(target, prop));
        if (kind === 'method') return (...args: unknown[]) => this.call(spec, target, prop, args);
        if (spec.openProps) return (target as unknown as OpenProps)._props.get(prop);
        return undefined;
      },
      set: (target, prop, value) => {
        if (spec.openProps && typeof prop === 'string' && !spec.members.has(prop)) (target as unknown as OpenProps)._props.set(prop, value);
        return true; // silently ignored, like assigning to a host object
      },
      has: (_t, prop) => typeof prop === 'string' && spec.members.has(prop),
      ownKeys: () => [],
      getOwnPropertyDescriptor: () => undefined,
      defineProperty: () => false,
      deleteProperty: () => false,
      getPrototypeOf: () => null,
      setPrototypeOf: () => false,
    };
  }
}

function specOf(target: Service): ServiceSpec {
  for (let c = target.constructor; c && c !== Service; c = Object.getPrototypeOf(c)) {
    const s = specs.get(c);
    if (s) return s;
  }
  throw new Error(`emulator bug: ${target.constructor.name} is not registered`);
}

/** Compile-time guard: `Extra<Emu, Real>` must be never, i.e. no method Apps Script lacks. */
export type ExtraMembers<Emu, Real> = Exclude<Extract<keyof Emu, string>, keyof Real>;
export type NoExtraMembers<Emu, Real> = [ExtraMembers<Emu, Real>] extends [never] ? true : ExtraMembers<Emu, Real>;

/** Place after each class: `conforms<EmuRange, GoogleAppsScript.Spreadsheet.Range>(true);` fails to compile on extras. */
export function conforms<Emu, Real>(ok: NoExtraMembers<Emu, Real>): void {
  void ok;
}
