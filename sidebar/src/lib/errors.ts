/**
 * The sidebar's one place for turning what the server answered into text: a refusal's errors (in
 * the current language, named by the field's schema label) and any thrown value's message (for a
 * failed call, lib/failure.ts words it by kind or code on top of this).
 */
import { tableDef, type DataTableKey, type Lang } from '../../../src/schema';
import type { FieldError } from '../../../src/core';

export function errorText(e: FieldError, lang: Lang): string {
  return e.messages?.[lang] ?? e.message;
}

/** A refusal's errors as one line. */
export function errorsText(list: readonly FieldError[], lang: Lang): string {
  return list.map((e) => errorText(e, lang)).join('; ');
}

/** The message of anything thrown (an Error, an object with a message, or any other value). */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e);
}

/** A field's label in the current language (the key itself for a field the table lacks). */
export function fieldLabel(table: DataTableKey, key: string, lang: Lang): string {
  return tableDef(table).columns.find((c) => c.key === key)?.label[lang] ?? key;
}

/** "Email: Not a valid email address" / "邮箱：邮箱格式不正确", or just the message for the whole record. */
export function labelledError(table: DataTableKey, e: FieldError, lang: Lang, field = e.field): string {
  return field ? `${fieldLabel(table, field, lang)}${lang === 'zh' ? '：' : ': '}${errorText(e, lang)}` : errorText(e, lang);
}
