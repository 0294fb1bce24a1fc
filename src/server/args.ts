import { isDataTableKey, langOfLocale, type DataTableKey, type Lang } from '../schema';
import { CrmError } from '../core';

/** Argument checks for entry points: anything a caller can get wrong gets a clear message. */
export function userLang(): Lang {
  return langOfLocale(Session.getActiveUserLocale());
}

export function requireTable(name: unknown, lang: Lang): DataTableKey {
  if (!isDataTableKey(name)) throw CrmError.of('unknown_table', lang, { table: typeof name === 'string' ? name.slice(0, 60) : typeof name });
  return name;
}

export function requireString(value: unknown, what: string, lang: Lang, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '') throw CrmError.of('bad_argument', lang, { detail: `${what} must be a non-empty string` });
  if (value.length > max) throw CrmError.of('bad_argument', lang, { detail: `${what} is longer than ${max} characters` });
  return value.trim();
}

export function requireObject(value: unknown, what: string, lang: Lang): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.prototype.toString.call(value) !== '[object Object]') {
    throw CrmError.of('bad_argument', lang, { detail: `${what} must be an object` });
  }
  return value as Record<string, unknown>;
}

export function optionalObject(value: unknown, what: string, lang: Lang): Record<string, unknown> {
  return value === undefined || value === null ? {} : requireObject(value, what, lang);
}

/** Rejects keys a function does not take, so a typo is an error rather than silently ignored. */
export function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[], what: string, lang: Lang): void {
  const extra = Object.keys(obj).filter((k) => !allowed.includes(k));
  if (extra.length) throw CrmError.of('bad_argument', lang, { detail: `${what} has unknown option(s): ${extra.join(', ')}` });
}
