/**
 * A campaign's mail merge (docs/WORKSPACE.md, "Mail merge"): recipients by kind and filters with
 * their count, the template with its placeholders, a preview for any recipient, a test send to
 * oneself, the send, and each run's progress per recipient with Resume.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Values } from '../../../src/core';
import { MAILING_STATUSES, optionText, RECIPIENT_STATUSES } from '../../../src/schema';
import { useI18n } from '../useI18n';
import { errorsText } from '../lib/errors';
import { failureText } from '../lib/failure';
import { serverFunctions } from '../rpc';
import type { UiKey } from '../i18n';

type Kind = 'customers' | 'contacts' | 'leads';
type Preview = Awaited<ReturnType<typeof serverFunctions.previewMailMerge>>;
type Status = Awaited<ReturnType<typeof serverFunctions.mailMergeStatus>>;
const FILTERS = ['tag', 'industry', 'region', 'stage', 'owner'] as const;

export function MailMergePanel({ campaign }: { campaign: Values }) {
  const { lang, t } = useI18n();
  const id = String(campaign.id);
  const [kind, setKind] = useState<Kind>('contacts');
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [pick, setPick] = useState<string | undefined>();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const draft = () => ({ kind, filters, subject, body });

  const call = async (fn: () => Promise<void>) => {
    setBusy(true);
    setNote(null);
    try {
      await fn();
    } catch (err) {
      setNote(failureText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const refresh = () => call(async () => setStatus(await serverFunctions.mailMergeStatus(id)));
  useEffect(() => void refresh(), [id]);
  const show = (recipientId?: string) =>
    call(async () => {
      setPick(recipientId);
      setPreview(await serverFunctions.previewMailMerge(id, draft(), { recipientId }));
    });
  const send = (test: boolean) =>
    call(async () => {
      const r = test
        ? await serverFunctions.testMailMerge(id, draft(), { recipientId: pick })
        : await serverFunctions.startMailMerge(id, draft());
      if (!r.ok) return setNote(errorsText(r.errors, lang));
      setNote('to' in r ? t('mmTested', { to: r.to }) : t(r.waiting ? 'mmStarted' : 'mmDone', { sent: r.sent, waiting: r.waiting }));
      if (!test) setStatus(await serverFunctions.mailMergeStatus(id));
    });
  const resume = () =>
    call(async () => {
      const r = await serverFunctions.resumeMailMerges();
      setNote(t(r.waiting ? 'mmStarted' : 'mmDone', { sent: r.sent, waiting: r.waiting }));
      setStatus(await serverFunctions.mailMergeStatus(id));
    });

  const p = preview;
  const run = status?.runs[0];
  return (
    <section class="card mailmerge" aria-label={t('mmTitle')}>
      <h3>{t('mmTitle')}</h3>
      <label class="small">
        {t('mmKind')}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          {(['customers', 'contacts', 'leads'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`mm_${k}` as UiKey)}
            </option>
          ))}
        </select>
      </label>
      <div class="mm-filters">
        {FILTERS.map((f) => (
          <input
            key={f}
            aria-label={t(`mm_${f}` as UiKey)}
            placeholder={t(`mm_${f}` as UiKey)}
            value={filters[f] ?? ''}
            onInput={(e) => setFilters({ ...filters, [f]: e.currentTarget.value })}
          />
        ))}
      </div>
      <input aria-label={t('mmSubject')} placeholder={t('mmSubject')} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      <textarea aria-label={t('mmBody')} placeholder={t('mmBody')} rows={5} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      {p && (
        <div class="chips" aria-label={t('mmPlaceholders')}>
          {p.placeholders.map((h) => (
            <button type="button" class="chip" key={h.zh + h.customer} onClick={() => setBody(`${body}{{${h[lang]}}}`)}>
              {h[lang]}
            </button>
          ))}
        </div>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={busy} onClick={() => void show(pick)}>
          {t('mmPreview')}
        </button>
        <button type="button" class="secondary" disabled={busy || !p} onClick={() => void send(true)}>
          {t('mmTest')}
        </button>
        <button type="button" class="action" disabled={busy || !p?.toSend} onClick={() => void send(false)}>
          {t('mmSend', { n: p?.toSend ?? 0 })}
        </button>
      </div>
      {note && (
        <div class="small" role="status">
          {note}
        </div>
      )}
      {p && (
        <div class="small mm-preview">
          <div role="status">{t('mmCount', { total: p.total, send: p.toSend, ...p.skipped, quota: p.quota })}</div>
          <select aria-label={t('mmRecipient')} value={p.preview?.id} onChange={(e) => void show(e.currentTarget.value)}>
            {p.recipients.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} {r.email || '—'} {r.skip ? `(${t(`mm_${r.skip}` as UiKey)})` : ''}
              </option>
            ))}
          </select>
          {p.preview && (
            <pre class="mm-mail">{`${t('mmTo')}: ${p.preview.to}\n${t('mmSubject')}: ${p.preview.subject}\n\n${p.preview.body}`}</pre>
          )}
        </div>
      )}
      {run && (
        <div class="small mm-status">
          <div>
            {run.runId} · {optionText(MAILING_STATUSES, run.status, lang)} ·{' '}
            {t('mmProgress', { sent: run.sent, failed: run.failed, skipped: run.skipped, total: run.total })}
          </div>
          <button type="button" class="secondary" disabled={busy} onClick={() => void resume()}>
            {t('mmResume')}
          </button>
          <table>
            <tbody>
              {status.recipients.slice(0, 100).map((r) => (
                <tr key={r.recordId}>
                  <td>{r.name}</td>
                  <td>{optionText(RECIPIENT_STATUSES, r.status, lang)}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
