/** "My email": the caller turns logging of their own Gmail on or off, and can log now. */
import { useState } from 'preact/hooks';
import { useI18n } from '../useI18n';
import { ErrorBox, RemoteView } from './RemoteView';
import { useRemote } from '../lib/useRemote';
import { errorText } from '../lib/errors';
import { failureText } from '../lib/failure';
import { serverFunctions } from '../rpc';

export function EmailLogPanel() {
  const { lang, t } = useI18n();
  const state = useRemote(() => serverFunctions.getEmailLogging(), []);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // The switch shows what was asked at once; the answer (or a failure) settles it.
  const [asked, setAsked] = useState<boolean | null>(null);
  const act = async (fn: () => Promise<string | null>) => {
    setBusy(true);
    setFailure(null);
    setNote(null);
    try {
      setNote(await fn());
      // Replaced in place (no spinner): the switch stays where the person put it.
      state.set(await serverFunctions.getEmailLogging());
    } catch (e) {
      setFailure(failureText(e, t));
    } finally {
      setBusy(false);
      setAsked(null);
    }
  };
  const toggle = (on: boolean) => {
    setAsked(on);
    return act(async () => {
      const reply = await serverFunctions.setEmailLogging(on);
      if (!reply.ok) throw new Error(reply.errors.map((e) => errorText(e, lang)).join('; '));
      return null;
    });
  };
  const logNow = () =>
    act(async () => {
      const report = await serverFunctions.logEmails({});
      return t('emailLogDone', { n: report.logged });
    });
  return (
    <section class="section" aria-labelledby="sec-email">
      <h3 id="sec-email" class="subtitle">
        {t('emailLogTitle')}
      </h3>
      <RemoteView remote={state.remote} retry={state.retry}>
        {(s) => (
          <>
            {s.disabled && <p class="muted small">{t('emailLogOff')}</p>}
            <label class="check-line">
              <input
                type="checkbox"
                checked={asked ?? s.on}
                disabled={busy || (s.disabled && !s.on)}
                onChange={(e) => void toggle(e.currentTarget.checked)}
              />{' '}
              {t('emailLogOn')}
            </label>
            <p class="muted small">{t('emailLogHint', { label: s.excludeLabels[0] ?? '' })}</p>
            {s.on && (
              <div class="actions">
                <span class="small">{t('emailLogState', { n: s.logged, at: s.lastRunAt ?? '—' })}</span>
                <button type="button" class="secondary" disabled={busy} onClick={() => void logNow()}>
                  {t('emailLogNow')}
                </button>
              </div>
            )}
            {note && (
              <p class="small" role="status">
                {note}
              </p>
            )}
          </>
        )}
      </RemoteView>
      {failure && <ErrorBox error={failure} />}
    </section>
  );
}
