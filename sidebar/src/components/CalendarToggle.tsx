/** The opt-in: "put my next follow-ups on my calendar" (setCalendarSync; docs/WORKSPACE.md). */
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../useI18n';
import { failureText } from '../lib/failure';
import { serverFunctions } from '../rpc';

export function CalendarToggle() {
  const { t } = useI18n();
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    serverFunctions.getCalendarSync().then(
      (s) => setOn(s.on),
      (e) => setError(failureText(e, t)),
    );
  }, []);
  const change = async (next: boolean) => {
    setError(null);
    try {
      const reply = await serverFunctions.setCalendarSync(next);
      if (reply.ok) setOn(reply.on);
    } catch (e) {
      setError(failureText(e, t));
    }
  };
  return (
    <label class="check-line">
      <input type="checkbox" disabled={on === null} checked={on === true} onChange={(e) => void change(e.currentTarget.checked)} />{' '}
      {t('calendarToggle')}
      {error && <span class="field-error">{error}</span>}
    </label>
  );
}
