/**
 * Import a CSV or XLSX file into any table (admins): pick the table and a file (or paste CSV),
 * Preview (nothing is written: mapping, counts, per-row errors and duplicates), correct the
 * mapping or the duplicates policy (each asks for a new preview), then Import: all rows or none,
 * resumed run by run while the server says it is not done, cancellable between runs.
 */
import { useRef, useState } from 'preact/hooks';
import type { DataTableKey } from '../../../../src/schema';
import type { FieldError } from '../../../../src/core';
import type { DuplicatePolicy } from '../../../../src/core/workflows';
import { ErrorBox } from '../../components/RemoteView';
import type { UiKey } from '../../i18n';
import { useI18n } from '../../useI18n';
import { labelledError } from '../../lib/errors';
import { failureText } from '../../lib/failure';
import type { ImportSource } from '../../lib/importFile';
import { cancelImport, runImport, type ImportOutcome, type ImportProgress, type ImportSend } from '../../lib/importRun';
import { serverFunctions, type ImportResult } from '../../rpc';
import { ImportReport } from './ImportReport';
import { SourceFields } from './SourceFields';

const POLICIES: Record<DuplicatePolicy, UiKey> = { skip: 'dupSkip', update: 'dupUpdate', merge: 'dupMerge' };

export function ImportView({ initialTable }: { initialTable: DataTableKey }) {
  const { lang, t } = useI18n();
  const [table, setTable] = useState(initialTable);
  const [source, setSource] = useState<ImportSource | null>(null);
  const [policy, setPolicy] = useState<DuplicatePolicy>('skip');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | 'cancel' | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  /** A job that stopped on a failed call: it can be continued or cancelled. */
  const [stopped, setStopped] = useState<ImportProgress | null>(null);
  /** A thrown error's message, or the server's refusal (kept as errors so a language switch re-words it). */
  const [failure, setFailure] = useState<string | readonly FieldError[] | null>(null);
  const [finished, setFinished] = useState<Extract<ImportOutcome, { status: 'done' | 'cancelled' }> | null>(null);
  const [cancelAsked, setCancelAsked] = useState(false);
  const cancelRef = useRef(false);
  const [generation, setGeneration] = useState(0);

  /** A new table or file: what was previewed no longer applies. */
  const reset = () => {
    setPreview(null);
    setMapping({});
    setFailure(null);
    setFinished(null);
    setStopped(null);
    setProgress(null);
  };
  const send: ImportSend = (options) => serverFunctions.importRecords(table, source?.content ?? '', options);
  const options = (s: ImportSource) => ({ format: s.format, mapping, duplicates: policy });

  const runPreview = async (nextMapping: Record<string, string>, nextPolicy: DuplicatePolicy) => {
    if (!source) return;
    setBusy('preview');
    setFailure(null);
    try {
      const reply = await send({ mode: 'preview', format: source.format, mapping: nextMapping, duplicates: nextPolicy });
      if (reply.ok) setPreview(reply);
      else {
        setPreview(null);
        setFailure(reply.errors);
      }
    } catch (e) {
      setFailure(failureText(e, t));
    } finally {
      setBusy(null);
    }
  };

  const finish = (outcome: ImportOutcome) => {
    setBusy(null);
    if (outcome.status === 'done' || outcome.status === 'cancelled') setFinished(outcome);
    else if (outcome.status === 'failed') {
      setFailure(failureText(outcome.error, t));
      setStopped(outcome.progress.jobId ? outcome.progress : null);
    } else {
      // The rows changed since the preview: show the general message, and a fresh preview for the rows.
      setFailure(outcome.errors.filter((e) => !/^\d/.test(e.field)));
      void runPreview(mapping, policy);
    }
  };

  const commit = async (from?: ImportProgress) => {
    if (!source) return;
    cancelRef.current = false;
    setCancelAsked(false);
    setBusy('commit');
    setFailure(null);
    setStopped(null);
    setProgress(from ?? { created: 0, updated: 0, jobId: null });
    finish(await runImport(send, options(source), { onProgress: setProgress, cancelRequested: () => cancelRef.current }, from));
  };

  const cancelStopped = async (job: ImportProgress) => {
    if (!source) return;
    setBusy('cancel');
    setFailure(null);
    finish(await cancelImport(send, options(source), job));
  };

  const again = () => {
    setSource(null);
    setGeneration((g) => g + 1);
    reset();
  };
  const writable = preview ? preview.counts.create + preview.counts.update + preview.counts.merge : 0;
  const canCommit = !!preview && !busy && !finished && preview.counts.error === 0 && writable > 0;
  // A stopped job resumes with the same file, table, mapping and policy, or is cancelled: nothing else.
  const locked = busy !== null || stopped !== null;
  return (
    <section class="view import" aria-labelledby="import-title">
      <h2 id="import-title" class="title">
        {t('importTitle')}
      </h2>
      <SourceFields
        key={generation}
        table={table}
        disabled={locked}
        onTable={(k) => {
          setTable(k);
          reset();
        }}
        onSource={(s) => {
          setSource(s);
          reset();
        }}
      />
      <div class="field">
        <label for="import-policy">{t('duplicatePolicy')}</label>
        <select
          id="import-policy"
          class="input"
          value={policy}
          disabled={locked}
          onChange={(e) => {
            const next = e.currentTarget.value as DuplicatePolicy;
            setPolicy(next);
            if (preview && !finished) void runPreview(mapping, next);
          }}
        >
          {(Object.keys(POLICIES) as DuplicatePolicy[]).map((p) => (
            <option key={p} value={p}>
              {t(POLICIES[p])}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="button" class="secondary" disabled={!source || locked || !!finished} onClick={() => void runPreview(mapping, policy)}>
          {busy === 'preview' ? t('previewing') : t('preview')}
        </button>
      </div>
      {failure && <ErrorBox error={typeof failure === 'string' ? failure : failure.map((e) => labelledError(table, e, lang)).join('; ')} />}
      {preview && !finished && (
        <ImportReport
          table={table}
          result={preview}
          locked={locked}
          onMap={(header, field) => {
            const next = { ...mapping, [header]: field };
            setMapping(next);
            void runPreview(next, policy);
          }}
        />
      )}
      {preview && !finished && busy !== 'commit' && preview.counts.error > 0 && <p class="muted small">{t('fixFirst')}</p>}
      {preview && !finished && busy !== 'commit' && preview.counts.error === 0 && writable === 0 && (
        <p class="muted small">{t('nothingToImport')}</p>
      )}
      {busy === 'commit' && progress && preview && (
        <div class="loading" role="status">
          <span class="spinner" aria-hidden="true" />
          {t('importing', { done: progress.created, total: preview.counts.create })}
        </div>
      )}
      {finished && (
        <div class="notice" role="status">
          {finished.status === 'done'
            ? t('imported', { created: finished.created, updated: finished.updated })
            : t('importCancelled', { n: finished.removed })}
        </div>
      )}
      <div class="actions sticky">
        {!finished && !stopped && (
          <button type="button" class="action" disabled={!canCommit} onClick={() => void commit()}>
            {t('import')}
          </button>
        )}
        {stopped && (
          <button type="button" class="action" disabled={busy !== null} onClick={() => void commit(stopped)}>
            {t('importAgain')}
          </button>
        )}
        {(busy === 'commit' || stopped) && (
          <button
            type="button"
            class="secondary"
            disabled={cancelAsked || busy === 'cancel'}
            onClick={() => {
              if (stopped) void cancelStopped(stopped);
              else {
                cancelRef.current = true;
                setCancelAsked(true);
              }
            }}
          >
            {t('cancelImport')}
          </button>
        )}
        {finished && (
          <button type="button" class="secondary" onClick={again}>
            {t('importAnother')}
          </button>
        )}
      </div>
    </section>
  );
}
