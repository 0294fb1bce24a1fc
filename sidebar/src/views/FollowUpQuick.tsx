/** "Log a follow-up" from the 360 view: the few fields a rep fills after a call, time = now. */
import { useRef, useState } from 'preact/hooks';
import { newRecordDefaults } from '../lib/defaults';
import { flagged, followUps, FOLLOW_UP_METHODS, STAGES, type FollowUpMethod } from '../../../src/schema';
import { prepareCreate, type FieldError, type Values } from '../../../src/core';
import { ErrorBox } from '../components/RemoteView';
import { optionLabel } from '../i18n';
import { useI18n } from '../useI18n';
import { failureText, newRequestId, nextSend, type CreateRequest } from '../lib/failure';
import { nowIn } from '../lib/time';
import { errorText } from '../lib/errors';
import { serverFunctions, type SidebarContext } from '../rpc';
import { followCalendar } from '../lib/calendar';

interface Props {
  customerId: string;
  opportunities: readonly Values[];
  ctx: SidebarContext;
  onSaved: (record: Values) => void;
  onCancel: () => void;
}

const F = followUps.fields;
/** One tap for the methods reps log most on the road; the list below has them all. */
const QUICK_METHODS = ['电话', '面谈', '微信'] as const satisfies readonly FollowUpMethod[];
const OPEN = new Set<string>(flagged(STAGES, 'open'));

export function FollowUpQuick({ customerId, opportunities, ctx, onSaved, onCancel }: Props) {
  const { lang, t } = useI18n();
  const [v, setV] = useState({
    method: String(newRecordDefaults('followUps', ctx.timeZone).method ?? ''),
    content: '',
    opportunityId: '',
    nextPlanAt: '',
    nextPlan: '',
  });
  const [alsoTodo, setAlsoTodo] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const request = useRef<CreateRequest>({ requestId: newRequestId(), sent: 0 });
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => setV((s) => ({ ...s, [k]: e.currentTarget.value }));
  const show = (list: readonly FieldError[]) => {
    const out: Record<string, string> = {};
    // The to-do's own errors (todo.owner...) show under the next follow-up time that makes it.
    for (const e of list) out[e.field in v ? e.field : e.field.startsWith('todo.') ? 'nextPlanAt' : 'content'] ??= errorText(e, lang);
    setErrors(out);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    const input: Values = { customerId, time: nowIn(ctx.timeZone), method: v.method, content: v.content.trim(), owner: ctx.user };
    if (v.opportunityId) input.opportunityId = v.opportunityId;
    if (v.nextPlanAt) input.nextPlanAt = v.nextPlanAt.replace('T', ' ');
    if (v.nextPlan.trim()) input.nextPlan = v.nextPlan.trim();
    const checked = prepareCreate(followUps, input, { lang, lists: ctx.lists });
    if (!checked.ok) {
      show(checked.errors);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const todo = alsoTodo && !!input.nextPlanAt;
      const reply = await serverFunctions.saveRecord('followUps', input, { ...nextSend(request.current), ...(todo ? { todo } : {}) });
      // A saved follow-up ends this request: the next one logged here is a new record.
      if (reply.ok) {
        request.current = { requestId: newRequestId(), sent: 0 };
        void followCalendar(reply.record, ctx.user);
        onSaved(reply.record);
      } else show(reply.errors);
    } catch (err) {
      setFailure(failureText(err, t));
    } finally {
      setSaving(false);
    }
  };

  const err = (k: string) =>
    errors[k] ? (
      <div id={`fu-${k}-err`} class="field-error">
        {errors[k]}
      </div>
    ) : null;
  const aria = (k: string) => ({ id: `fu-${k}`, 'aria-invalid': !!errors[k], 'aria-describedby': errors[k] ? `fu-${k}-err` : undefined });
  const open = opportunities.filter((o) => OPEN.has(String(o.stage)));
  return (
    <form class="form card" noValidate onSubmit={submit} aria-label={t('logFollowUp')}>
      <h3 class="subtitle">{t('logFollowUp')}</h3>
      <div class="field">
        <div class="label-row">
          <label for="fu-method">{F.method.meta.label[lang]}</label>
          <span class="req" aria-hidden="true">
            {' '}
            *
          </span>
        </div>
        <div class="quick-methods" role="group" aria-label={t('quickMethods')}>
          {QUICK_METHODS.map((m) => (
            <button
              key={m}
              type="button"
              class={v.method === m ? 'on' : undefined}
              aria-pressed={v.method === m}
              onClick={() => setV((s) => ({ ...s, method: m }))}
            >
              {optionLabel(FOLLOW_UP_METHODS, m, lang)}
            </button>
          ))}
        </div>
        <select class="input" {...aria('method')} aria-required value={v.method} onChange={set('method')}>
          {FOLLOW_UP_METHODS.map((o) => (
            <option key={o.value} value={o.value}>
              {optionLabel(FOLLOW_UP_METHODS, o.value, lang)}
            </option>
          ))}
        </select>
        {err('method')}
      </div>
      <div class="field">
        <div class="label-row">
          <label for="fu-content">{F.content.meta.label[lang]}</label>
          <span class="req" aria-hidden="true">
            {' '}
            *
          </span>
        </div>
        <textarea class="input" rows={3} {...aria('content')} aria-required value={v.content} onInput={set('content')} />
        {err('content')}
      </div>
      {open.length > 0 && (
        <div class="field">
          <label for="fu-opportunityId">{F.opportunityId.meta.label[lang]}</label>
          <select class="input" {...aria('opportunityId')} value={v.opportunityId} onChange={set('opportunityId')}>
            <option value="">{t('none')}</option>
            {open.map((o) => (
              <option key={String(o.id)} value={String(o.id)}>
                {String(o.name)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="fu-nextPlanAt">{F.nextPlanAt.meta.label[lang]}</label>
        <input class="input" type="datetime-local" {...aria('nextPlanAt')} value={v.nextPlanAt} onInput={set('nextPlanAt')} />
        {err('nextPlanAt')}
      </div>
      <div class="field">
        <label for="fu-nextPlan">{F.nextPlan.meta.label[lang]}</label>
        <input class="input" {...aria('nextPlan')} value={v.nextPlan} onInput={set('nextPlan')} />
        {err('nextPlan')}
      </div>
      {v.nextPlanAt && (
        <label class="check-line">
          <input type="checkbox" checked={alsoTodo} onChange={(e) => setAlsoTodo(e.currentTarget.checked)} /> {t('alsoTodo')}
        </label>
      )}
      {failure && <ErrorBox error={failure} />}
      <div class="actions">
        <button type="submit" class="action" disabled={saving}>
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
