/**
 * Converting a lead: into a new customer (name prefilled from the lead's company) or an existing
 * one (search-as-you-type), optionally with an opportunity. One convertLead call; the server's
 * errors on these inputs are shown at them, the rest (e.g. the lead's own bad email) as one message.
 */
import { useState } from 'preact/hooks';
import { firstFlagged, MESSAGES, STAGES, tableDef, type Column, type DataTableKey, type Label, type Lang } from '../../../src/schema';
import type { FieldError, Values } from '../../../src/core';
import type { ConvertOptions } from '../../../src/core/workflows';
import { Field } from '../components/Field';
import { ErrorBox } from '../components/RemoteView';
import { newRecordLabel, recordName, uiLabel } from '../i18n';
import { useI18n } from '../useI18n';
import { errorText, labelledError } from '../lib/errors';
import { failureText } from '../lib/failure';
import { optionsOf, type FormValue } from '../lib/formValues';
import { serverFunctions, type SidebarContext } from '../rpc';

interface Props {
  lead: Values;
  ctx: SidebarContext;
  onConverted: (customerId: string) => void;
  onCancel: () => void;
}

type Target = 'new' | 'existing';
type Input = 'name' | 'customerId' | 'oppName' | 'amount' | 'stage';
const INPUTS: Record<Input, { table: DataTableKey; key: string; form: string; serverField: string }> = {
  name: { table: 'customers', key: 'name', form: 'convert-customer', serverField: 'customer.name' },
  customerId: { table: 'opportunities', key: 'customerId', form: 'convert-customer', serverField: 'customerId' },
  oppName: { table: 'opportunities', key: 'name', form: 'convert-opp', serverField: 'opportunity.name' },
  amount: { table: 'opportunities', key: 'amount', form: 'convert-opp', serverField: 'opportunity.amount' },
  stage: { table: 'opportunities', key: 'stage', form: 'convert-opp', serverField: 'opportunity.stage' },
};
/** The records a conversion writes, by the prefix the server puts on their errors' fields. */
const RECORD_OF: Record<string, DataTableKey> = { customer: 'customers', contact: 'contacts', opportunity: 'opportunities' };

const columnOf = (i: Input): Column => tableDef(INPUTS[i].table).columns.find((c) => c.key === INPUTS[i].key) as Column;
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An error of the conversion that no input of the panel shows: "Contact · Phone: ...". */
function generalText(e: FieldError, lang: Lang): string {
  const [prefix, field = ''] = e.field.split('.');
  const table = RECORD_OF[prefix];
  return table ? `${capitalised(recordName(table, lang))} · ${labelledError(table, e, lang, field)}` : errorText(e, lang);
}

export function ConvertPanel({ lead, ctx, onConverted, onCancel }: Props) {
  const { lang, t } = useI18n();
  const company = String(lead.company ?? '');
  const [target, setTarget] = useState<Target>('new');
  const [withOpportunity, setWithOpportunity] = useState(false);
  const [v, setV] = useState<Record<Input, string>>({
    name: company,
    customerId: '',
    oppName: company,
    amount: '',
    stage: firstFlagged(STAGES, 'initial'),
  });
  const [caption, setCaption] = useState('');
  // Kept in both languages, so a language switch re-words them.
  const [errors, setErrors] = useState<Partial<Record<Input, Label>>>({});
  const [general, setGeneral] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const show = (list: readonly FieldError[]) => {
    const at: Partial<Record<Input, Label>> = {};
    const rest: FieldError[] = [];
    for (const e of list) {
      const input = (Object.keys(INPUTS) as Input[]).find((i) => INPUTS[i].serverField === e.field);
      if (input) at[input] ??= e.messages;
      else rest.push(e);
    }
    setErrors(at);
    setGeneral(rest);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || done) return;
    const required: Partial<Record<Input, Label>> = {};
    if (target === 'new' && !v.name.trim()) required.name = MESSAGES.required;
    if (target === 'existing' && !v.customerId) required.customerId = uiLabel('pickCustomer');
    if (withOpportunity && !v.oppName.trim()) required.oppName = MESSAGES.required;
    if (Object.keys(required).length) {
      setErrors(required);
      setGeneral([]);
      setFailure(null);
      return;
    }
    const options: ConvertOptions = target === 'new' ? { customer: { name: v.name.trim() } } : { customerId: v.customerId };
    if (withOpportunity)
      options.opportunity = { name: v.oppName.trim(), stage: v.stage, ...(v.amount.trim() ? { amount: v.amount.trim() } : {}) };
    setBusy(true);
    setErrors({});
    setGeneral([]);
    setFailure(null);
    try {
      const reply = await serverFunctions.convertLead(String(lead.id), options);
      if (reply.ok) {
        // Never twice: the panel stays disabled while the shell moves on to the customer.
        setDone(true);
        onConverted(reply.customerId);
        return;
      }
      show(reply.errors);
    } catch (err) {
      setFailure(failureText(err, t));
    }
    setBusy(false);
  };

  const input = (i: Input) => (
    <Field
      formId={INPUTS[i].form}
      col={columnOf(i)}
      value={v[i]}
      error={errors[i]?.[lang]}
      options={optionsOf(columnOf(i), ctx.lists)}
      users={ctx.users}
      refCaption={i === 'customerId' ? caption : undefined}
      onChange={(value: FormValue, c?: string) => {
        setV((s) => ({ ...s, [i]: typeof value === 'string' ? value : '' }));
        if (c !== undefined) setCaption(c);
        if (errors[i])
          setErrors((er) => {
            const next = { ...er };
            delete next[i];
            return next;
          });
      }}
    />
  );
  return (
    <form class="form card convert" noValidate onSubmit={submit} aria-label={t('convertToCustomer')}>
      <h3 class="subtitle">{t('convertToCustomer')}</h3>
      <fieldset class="field choice" disabled={busy || done}>
        <legend>{t('convertInto')}</legend>
        {(['new', 'existing'] as const).map((k) => (
          <label key={k} class="tag">
            <input
              type="radio"
              name="convert-target"
              value={k}
              checked={target === k}
              onChange={() => {
                setTarget(k);
                setErrors({});
              }}
            />
            {k === 'new' ? newRecordLabel('customers', lang) : t('existingCustomer')}
          </label>
        ))}
      </fieldset>
      {target === 'new' ? input('name') : input('customerId')}
      <div class="field check">
        <input
          id="convert-with-opp"
          type="checkbox"
          checked={withOpportunity}
          disabled={busy || done}
          onChange={(e) => setWithOpportunity(e.currentTarget.checked)}
        />
        <label for="convert-with-opp">{t('alsoOpportunity')}</label>
      </div>
      {withOpportunity && (
        <>
          {input('oppName')}
          {input('amount')}
          {input('stage')}
        </>
      )}
      {(failure || general.length > 0 || Object.keys(errors).length > 0) && (
        <ErrorBox error={failure ?? (general.length ? general.map((e) => generalText(e, lang)).join('; ') : t('fixErrors'))} />
      )}
      <div class="actions">
        <button type="submit" class="action" disabled={busy || done}>
          {busy || done ? t('converting') : t('convert')}
        </button>
        <button type="button" class="secondary" disabled={busy || done} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
