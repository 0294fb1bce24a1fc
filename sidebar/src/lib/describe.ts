/** How one record reads in a list: a title and a few short facts, in the current language. */
import { tableDef, type DataTableKey, type Lang } from '../../../src/schema';
import type { Settings, Values } from '../../../src/core';
import { optionLabel } from '../i18n';
import { money } from './time';

export interface RecordLine {
  title: string;
  facts: string[];
}

/** One value as people read it; `lists` translates values of settings-backed lists (industry...). */
export function display(table: DataTableKey, key: string, value: unknown, lang: Lang, lists?: Settings['lists']): string {
  if (value === null || value === undefined || value === '') return '';
  const col = tableDef(table).columns.find((c) => c.key === key);
  if (!col) return String(value);
  if (col.kind === 'money') return money(value);
  if (col.kind === 'enum') return optionLabel(col.options ?? (col.optionList && lists ? lists[col.optionList] : undefined), value, lang);
  if (col.kind === 'tags' && Array.isArray(value)) return value.join(', ');
  if (col.kind === 'percent') return `${String(value)}%`;
  if (col.kind === 'bool') return value === true ? '✓' : '';
  return String(value);
}

export function describeRecord(table: DataTableKey, r: Values, lang: Lang): RecordLine {
  const def = tableDef(table);
  // A logged email reads as its subject (the content's first line), its direction and time.
  if (table === 'followUps' && r.emailDirection) {
    const subject = String(r.content ?? '').split('\n')[0];
    const facts = [display(table, 'emailDirection', r.emailDirection, lang), String(r.time ?? ''), String(r.owner ?? '')].filter(Boolean);
    return { title: `✉ ${subject.length > 78 ? `${subject.slice(0, 77)}…` : subject}`, facts };
  }
  const title = display(table, def.titleField, r[def.titleField], lang) || String(r.id ?? '');
  const facts = def.glance
    .filter((k) => k !== def.titleField)
    .map((k) => display(table, k, r[k], lang))
    .filter((s) => s !== '');
  return { title: title.length > 80 ? `${title.slice(0, 79)}…` : title, facts };
}
