/** The change history in the 360 view: who changed which field of which record, newest first. */
import { useState } from 'preact/hooks';
import { isTableKey, tableDef } from '../../../src/schema';
import type { Values } from '../../../src/core';
import { useI18n } from '../useI18n';

const FIRST = 10;

function fieldLabel(table: unknown, field: unknown, lang: 'zh' | 'en'): string {
  const f = String(field ?? '');
  if (!isTableKey(table)) return f;
  if (f === '*') return tableDef(table).tab[lang];
  return tableDef(table).columns.find((c) => c.key === f)?.label[lang] ?? f;
}

function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

export function HistoryList({ entries }: { entries: readonly Values[] }) {
  const { lang, t } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? entries : entries.slice(0, FIRST);
  return (
    <section class="section" aria-labelledby="sec-history">
      <div class="section-head">
        <h3 id="sec-history" class="subtitle">
          {t('history')} <span class="count">{entries.length}</span>
        </h3>
      </div>
      <ul class="list compact history">
        {shown.map((h, i) => (
          <li key={i} class="hist">
            <span class="muted small">
              {String(h.time ?? '')} · {String(h.user ?? '')} · {String(h.recordId ?? '')}
            </span>
            <span class="small">
              {fieldLabel(h.table, h.field, lang)}
              {h.field === '*' ? ` · ${t('created')}` : `: ${short(h.oldValue)} → ${short(h.newValue)}`}
            </span>
          </li>
        ))}
      </ul>
      {!all && entries.length > FIRST && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {t('showAll', { n: entries.length })}
        </button>
      )}
    </section>
  );
}
