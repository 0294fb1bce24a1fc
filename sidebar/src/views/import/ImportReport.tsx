/**
 * What an import preview found: counts per action, the header → field mapping (one select per
 * file column, to correct the guess), and the rows with errors or duplicates, by file line.
 */
import { useState } from 'preact/hooks';
import { tableDef, type DataTableKey } from '../../../../src/schema';
import type { UiKey } from '../../i18n';
import { useI18n } from '../../useI18n';
import { fieldLabel, labelledError } from '../../lib/errors';
import { formColumns } from '../../lib/formValues';
import type { ImportResult, PlannedImportRow } from '../../rpc';

type Action = PlannedImportRow['action'];
const ACTIONS: Record<Action, UiKey> = { create: 'actCreate', update: 'actUpdate', merge: 'actMerge', skip: 'actSkip', error: 'actError' };
const FIRST = 20;

interface Props {
  table: DataTableKey;
  result: ImportResult;
  /** The mapping is fixed while a call runs or a stopped job waits to be resumed. */
  locked: boolean;
  onMap: (header: string, field: string) => void;
}

export function ImportReport({ table, result, locked, onMap }: Props) {
  const { lang, t } = useI18n();
  const withErrors = result.rows.filter((r) => r.action === 'error');
  const duplicates = result.rows.filter((r) => r.action !== 'error' && r.duplicateOf && 'id' in r.duplicateOf);
  const missing = result.mapping.missingRequired.map((k) => fieldLabel(table, k, lang));
  return (
    <>
      <section class="section" aria-labelledby="imp-summary">
        <h3 id="imp-summary" class="subtitle">
          {t('summary')} <span class="count">{t('rowsInFile', { n: result.total })}</span>
        </h3>
        <table class="grid-table counts">
          <tbody>
            {(Object.keys(ACTIONS) as Action[]).map((a) => (
              <tr key={a} class={a === 'error' && result.counts.error > 0 ? 'bad' : undefined}>
                <th scope="row">{t(ACTIONS[a])}</th>
                <td>{result.counts[a]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {missing.length > 0 && <div class="field-error">{t('missingRequired', { fields: missing.join('、') })}</div>}
      </section>
      <MappingTable table={table} result={result} locked={locked} onMap={onMap} />
      <RowList
        id="imp-errors"
        heading={t('rowErrors')}
        rows={withErrors}
        lines={(r) => r.errors.map((e) => labelledError(table, e, lang))}
      />
      <RowList
        id="imp-dups"
        heading={t('duplicateRows')}
        rows={duplicates}
        lines={(r) => {
          const of = r.duplicateOf as { id: string; reason: string };
          const field = fieldLabel(table, of.reason === 'name' ? tableDef(table).titleField : of.reason, lang);
          return [`${t('sameAs', { field, id: of.id })} → ${t(ACTIONS[r.action])}`];
        }}
      />
    </>
  );
}

function MappingTable({ table, result, locked, onMap }: Props) {
  const { lang, t } = useI18n();
  const fields = formColumns(tableDef(table));
  const note: Record<string, UiKey> = { read_only: 'readOnlyColumn', duplicate: 'duplicateColumn' };
  return (
    <section class="section" aria-labelledby="imp-columns">
      <h3 id="imp-columns" class="subtitle">
        {t('columns')}
      </h3>
      <table class="grid-table mapping">
        <thead>
          <tr>
            <th scope="col">{t('fileColumn')}</th>
            <th scope="col">{t('field')}</th>
          </tr>
        </thead>
        <tbody>
          {result.mapping.columns.map((c, i) => (
            <tr key={`${i}-${c.header}`}>
              <th scope="row" class="header-cell">
                {c.header}
              </th>
              <td>
                <select
                  class="input"
                  aria-label={t('fieldFor', { header: c.header })}
                  value={c.field ?? ''}
                  disabled={locked}
                  onChange={(e) => onMap(c.header, e.currentTarget.value)}
                >
                  <option value="">{t('ignoreColumn')}</option>
                  {fields.map((f) => (
                    <option key={f.key} value={f.key}>
                      {f.label[lang]}
                    </option>
                  ))}
                </select>
                {c.ignored && note[c.ignored] && <div class="muted small">{t(note[c.ignored])}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RowList({
  id,
  heading,
  rows,
  lines,
}: {
  id: string;
  heading: string;
  rows: PlannedImportRow[];
  lines: (r: PlannedImportRow) => string[];
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  if (!rows.length) return null;
  const shown = all ? rows : rows.slice(0, FIRST);
  return (
    <section class="section" aria-labelledby={id}>
      <h3 id={id} class="subtitle">
        {heading} <span class="count">{rows.length}</span>
      </h3>
      <ul class="list compact problems">
        {shown.map((r) => (
          <li key={r.line}>
            <span class="item-title">{t('line', { n: r.line })}</span>
            {lines(r).map((text, i) => (
              <span key={i} class="item-facts">
                {text}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {!all && rows.length > FIRST && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {t('showAll', { n: rows.length })}
        </button>
      )}
    </section>
  );
}
