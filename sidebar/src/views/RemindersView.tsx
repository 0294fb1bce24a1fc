/** My reminders, grouped by kind, most urgent first; a tap opens the customer. */
import { useState } from 'preact/hooks';
import { REMINDER_HEADINGS, type Translate } from '../i18n';
import { useI18n } from '../useI18n';
import { RemoteView } from '../components/RemoteView';
import { CalendarToggle } from '../components/CalendarToggle';
import { EmailLogPanel } from '../components/EmailLogPanel';
import { money } from '../lib/time';
import { useRemote } from '../lib/useRemote';
import { serverFunctions, type Reminder, type RemindersReply } from '../rpc';

function when(r: Reminder, t: Translate): string {
  if (r.kind === 'stalled') return t('idleDays', { n: r.days });
  if (r.kind === 'ticket') return t('openDays', { n: r.days });
  if (r.urgency === 'overdue') return t('overdueDays', { n: r.days });
  if (r.urgency === 'today') return t('dueToday');
  return t('daysLeft', { n: r.days });
}

export function RemindersView({ onOpenCustomer }: { onOpenCustomer: (id: string) => void }) {
  const { t } = useI18n();
  const [whose, setWhose] = useState<'mine' | 'all'>('mine');
  const reminders = useRemote(() => serverFunctions.getReminders(whose === 'mine' ? {} : { owner: '' }), [whose]);
  return (
    <section class="view" aria-label={t('reminders')}>
      <EmailLogPanel />
      <select class="input" aria-label={t('whose')} value={whose} onChange={(e) => setWhose(e.currentTarget.value as 'mine' | 'all')}>
        <option value="mine">{t('mine')}</option>
        <option value="all">{t('everyone')}</option>
      </select>
      <CalendarToggle />
      <RemoteView remote={reminders.remote} retry={reminders.retry}>
        {(data) => <Groups data={data} onOpenCustomer={onOpenCustomer} />}
      </RemoteView>
    </section>
  );
}

function Groups({ data, onOpenCustomer }: { data: RemindersReply; onOpenCustomer: (id: string) => void }) {
  const { lang, t } = useI18n();
  const kinds = (Object.keys(REMINDER_HEADINGS) as (keyof typeof REMINDER_HEADINGS)[]).filter((k) => data.counts[k] > 0);
  if (!kinds.length) return <p class="muted">{t('nothingDue')}</p>;
  return (
    <>
      {kinds.map((kind) => {
        const items = data.items.filter((r) => r.kind === kind);
        const rest = data.counts[kind] - items.length;
        return (
          <section key={kind} class="section" aria-labelledby={`rem-${kind}`}>
            <h3 id={`rem-${kind}`} class="subtitle">
              {REMINDER_HEADINGS[kind][lang]} <span class="count">{data.counts[kind]}</span>
            </h3>
            <ul class="list compact">
              {items.map((r) => (
                <li key={`${r.table}-${r.id}`}>
                  <button type="button" class="item" disabled={!r.customerId} onClick={() => r.customerId && onOpenCustomer(r.customerId)}>
                    <span class="item-title">{r.title}</span>
                    <span class="item-facts">
                      <span class={`badge ${r.urgency}`}>{when(r, t)}</span> {r.customerName}
                      {r.amount !== null ? ` · ${money(r.amount)}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            {rest > 0 && <div class="muted small">{t('more', { n: rest })}</div>}
          </section>
        );
      })}
    </>
  );
}
