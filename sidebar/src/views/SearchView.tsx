/**
 * The start view: search as you type (one searchRecords call per pause of 250 ms; answers to
 * older queries are dropped) and the "New customer" button.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DATA_TABLE_KEYS, tableDef, type DataTableKey } from '../../../src/schema';
import type { SearchPage, Values } from '../../../src/core';
import { ErrorBox, Spinner } from '../components/RemoteView';
import { newRecordLabel } from '../i18n';
import { useI18n } from '../useI18n';
import { describeRecord } from '../lib/describe';
import { useDebounced } from '../lib/useDebounced';
import { serverFunctions } from '../rpc';

export interface SearchState {
  table: DataTableKey;
  query: string;
}

interface Props {
  initial: SearchState;
  onState: (s: SearchState) => void;
  onOpen: (table: DataTableKey, record: Values) => void;
  onNew: (table: DataTableKey) => void;
  /** Given only to roles that may import. */
  onImport?: (table: DataTableKey) => void;
  /** Admins: the option lists (industries, sources...). */
  onLists?: () => void;
  /** Admins only: the workbook's use of Sheets' cell limit (a banner from the warning level on). */
  capacity?: { level: string; ratio: number } | null;
}

type Answer = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; page: SearchPage } | { status: 'error'; error: Error };

export const SEARCH_DEBOUNCE_MS = 250;

export function SearchView({ initial, onState, onOpen, onNew, onImport, onLists, capacity }: Props) {
  const { lang, t } = useI18n();
  const [table, setTable] = useState<DataTableKey>(initial.table);
  const [query, setQuery] = useState(initial.query);
  const [answer, setAnswer] = useState<Answer>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const settled = useDebounced(query, SEARCH_DEBOUNCE_MS);
  const latest = useRef(0);
  useEffect(() => {
    onState({ table, query: settled });
    const ticket = ++latest.current;
    setAnswer({ status: 'loading' });
    serverFunctions.searchRecords(table, settled.trim(), { limit: 30 }).then(
      (page) => {
        if (ticket === latest.current) setAnswer({ status: 'ok', page });
      },
      (error: Error) => {
        if (ticket === latest.current) setAnswer({ status: 'error', error });
      },
    );
  }, [settled, table, attempt]);

  return (
    <section class="view" aria-label={t('search')}>
      {capacity && capacity.level !== 'ok' && (
        <div class="banner" role="alert" data-testid="capacity-banner">
          {capacity.level === 'full' ? t('capacityFull') : t('capacityWarning', { pct: `${Math.floor(capacity.ratio * 100)}%` })}
        </div>
      )}
      <div class="row">
        <button type="button" class="action grow" onClick={() => onNew(table)}>
          {newRecordLabel(table, lang)}
        </button>
        {onImport && (
          <button type="button" class="secondary" onClick={() => onImport(table)}>
            {t('import')}
          </button>
        )}
        {onLists && (
          <button type="button" class="secondary" onClick={onLists}>
            {t('lists')}
          </button>
        )}
      </div>
      <input
        class="input search"
        type="search"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        value={query}
        autoFocus
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <select class="input" aria-label={t('searchIn')} value={table} onChange={(e) => setTable(e.currentTarget.value as DataTableKey)}>
        {DATA_TABLE_KEYS.map((k) => (
          <option key={k} value={k}>
            {tableDef(k).tab[lang]}
          </option>
        ))}
      </select>
      {answer.status === 'loading' && <Spinner />}
      {answer.status === 'error' && <ErrorBox error={answer.error} retry={() => setAttempt((n) => n + 1)} />}
      {answer.status === 'ok' && (
        <>
          <div class="muted small" aria-live="polite">
            {answer.page.total ? t('results', { n: answer.page.total }) : t('noResults')}
          </div>
          <ul class="list" aria-label={tableDef(table).tab[lang]}>
            {answer.page.items.map((r) => {
              const line = describeRecord(table, r, lang);
              return (
                <li key={String(r.id)}>
                  <button type="button" class="item" onClick={() => onOpen(table, r)}>
                    <span class="item-title">{line.title}</span>
                    <span class="item-facts">{line.facts.join(' · ')}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
