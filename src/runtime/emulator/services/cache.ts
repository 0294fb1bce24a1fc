/** CacheService: in-memory stores that expire by the virtual clock. Not persisted. */
import { Env } from '../env';
import { gasError } from '../errors';
import { conforms, registerService, Service } from '../instrument';

export const MAX_CACHE_KEY_CHARS = 250;
export const MAX_CACHE_VALUE_BYTES = 100 * 1024;
export const DEFAULT_CACHE_TTL_SECONDS = 600;
export const MAX_CACHE_TTL_SECONDS = 21600;

export type CacheStore = Map<string, { value: string; expiresAt: number }>;

export class EmuCache extends Service {
  constructor(
    private readonly env: Env,
    private readonly store: CacheStore,
  ) {
    super();
  }

  private _key(key: string): string {
    const k = String(key);
    if (k.length > MAX_CACHE_KEY_CHARS) throw gasError('Argument too large: key');
    return k;
  }
  private _live(key: string): string | null {
    const e = this.store.get(key);
    if (!e) return null;
    if (e.expiresAt <= this.env.nowMs) {
      this.store.delete(key);
      return null;
    }
    return e.value;
  }
  private _put(key: string, value: unknown, ttl: number): void {
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_CACHE_VALUE_BYTES) throw gasError('Argument too large: value');
    const seconds = Math.min(Math.max(1, Number(ttl)), MAX_CACHE_TTL_SECONDS);
    this.store.set(this._key(key), { value: v, expiresAt: this.env.nowMs + seconds * 1000 });
  }

  get(key: string): string | null {
    return this._live(this._key(key));
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this._live(this._key(k));
      if (v !== null) out[k] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = DEFAULT_CACHE_TTL_SECONDS): void {
    this._put(key, value, expirationInSeconds);
  }
  putAll(values: Record<string, unknown>, expirationInSeconds = DEFAULT_CACHE_TTL_SECONDS): void {
    for (const [k, v] of Object.entries(values)) this._put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.store.delete(this._key(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.store.delete(this._key(k));
  }
}

export class EmuCacheService extends Service {
  private static readonly stores = new WeakMap<Env, Map<string, CacheStore>>();
  constructor(private readonly env: Env) {
    super();
  }
  private _store(scope: string): CacheStore {
    let byScope = EmuCacheService.stores.get(this.env);
    if (!byScope) {
      byScope = new Map();
      EmuCacheService.stores.set(this.env, byScope);
    }
    let s = byScope.get(scope);
    if (!s) {
      s = new Map();
      byScope.set(scope, s);
    }
    return s;
  }
  getScriptCache(): EmuCache {
    return new EmuCache(this.env, this._store('script'));
  }
  getDocumentCache(): EmuCache {
    return new EmuCache(this.env, this._store(`document:${this.env.workbook.id}`));
  }
  getUserCache(): EmuCache {
    return new EmuCache(this.env, this._store(`user:${this.env.runAs}`));
  }
}

registerService(EmuCache, 'Cache');
registerService(EmuCacheService, 'CacheService', { allLocal: true });
conforms<EmuCache, GoogleAppsScript.Cache.Cache>(true);
conforms<EmuCacheService, GoogleAppsScript.Cache.CacheService>(true);
