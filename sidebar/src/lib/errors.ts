/** Server errors as people read them: in the current language, named by the field's schema label. */
import { tableDef, type DataTableKey, type Lang } from '../../../src/schema';
import type { FieldError } from '../../../src/core';

export function errorText(e: FieldError, lang: Lang): string {
  return e.messages?.[lang] ?? e.message;
}

/** A field's label in the current language (the key itself for a field the table lacks). */
export function fieldLabel(table: DataTableKey, key: string, lang: Lang): string {
  return tableDef(table).columns.find((c) => c.key === key)?.label[lang] ?? key;
}

/** "Email: Not a valid email address" / "邮箱：邮箱格式不正确", or just the message for the whole record. */
export function labelledError(table: DataTableKey, e: FieldError, lang: Lang, field = e.field): string {
  return field ? `${fieldLabel(table, field, lang)}${lang === 'zh' ? '：' : ': '}${errorText(e, lang)}` : errorText(e, lang);
}
