import type { ComponentChildren } from 'preact';
import { useI18n } from '../useI18n';
import type { Remote } from '../lib/useRemote';
import { failureText } from '../lib/failure';

export function Spinner() {
  const { t } = useI18n();
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t('loading')}
    </div>
  );
}

export function ErrorBox({ error, retry, retryLabel }: { error: Error | string; retry?: () => void; retryLabel?: string }) {
  const { t } = useI18n();
  return (
    <div class="error-box" role="alert">
      <span title={typeof error === 'string' ? undefined : error.message}>{typeof error === 'string' ? error : failureText(error, t)}</span>
      {retry && (
        <button type="button" class="link" onClick={retry}>
          {retryLabel ?? t('retry')}
        </button>
      )}
    </div>
  );
}

/** Loading, error (with Retry) or the data: every server-backed view goes through this. */
export function RemoteView<T>({
  remote,
  retry,
  children,
}: {
  remote: Remote<T>;
  retry: () => void;
  children: (data: T) => ComponentChildren;
}) {
  if (remote.status === 'loading') return <Spinner />;
  if (remote.status === 'error') return <ErrorBox error={remote.error} retry={retry} />;
  return <>{children(remote.data)}</>;
}
