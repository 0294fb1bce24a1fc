/** One form field generated from its schema column: label (schema label), control, inline error. */
import type { Column, DataTableKey, EnumOption } from '../../../src/schema';
import { optionLabel } from '../i18n';
import { useI18n } from '../useI18n';
import type { FormValue } from '../lib/formValues';
import { RefPicker } from './RefPicker';

export interface FieldProps {
  formId: string;
  col: Column;
  value: FormValue;
  error?: string;
  options: readonly EnumOption[];
  /** Team members for owner fields: suggestions, not a closed list. */
  users: readonly { email: string; name: string }[];
  refCaption?: string;
  /** A reference's picker offers only this customer's records (see RefPicker). */
  refCustomer?: string;
  onChange: (value: FormValue, caption?: string) => void;
}

const NUMERIC = new Set(['money', 'number', 'integer', 'percent', 'score']);

export function Field({ formId, col, value, error, options, users, refCaption, refCustomer, onChange }: FieldProps) {
  const { lang, t } = useI18n();
  const id = `${formId}-${col.key}`;
  const errId = `${id}-err`;
  const label = col.label[lang];
  const common = { id, 'aria-invalid': !!error, 'aria-describedby': error ? errId : undefined, 'aria-required': col.required };
  const text = typeof value === 'string' ? value : '';
  const mark = col.required ? (
    <span class="req" aria-hidden="true">
      {' '}
      *
    </span>
  ) : null;
  const errorLine = error ? (
    <div id={errId} class="field-error">
      {error}
    </div>
  ) : null;
  const setText = (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value);

  if (col.kind === 'bool') {
    return (
      <div class="field check">
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />
        <label for={id}>{label}</label>
        {errorLine}
      </div>
    );
  }
  if (col.kind === 'tags') {
    const chosen = Array.isArray(value) ? value : [];
    const toggle = (v: string, on: boolean) => onChange(on ? [...chosen, v] : chosen.filter((x) => x !== v));
    return (
      <fieldset class="field tags" aria-describedby={error ? errId : undefined}>
        <legend>
          {label}
          {mark}
        </legend>
        {options.map((o) => (
          <label key={o.value} class="tag">
            <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.currentTarget.checked)} />
            {lang === 'zh' ? o.value : o.en}
          </label>
        ))}
        {errorLine}
      </fieldset>
    );
  }
  let control;
  if (col.kind === 'ref' && col.ref) {
    control = (
      <RefPicker
        id={id}
        label={label}
        table={col.ref as DataTableKey}
        value={text}
        caption={refCaption}
        invalid={!!error}
        describedBy={error ? errId : undefined}
        required={col.required}
        customerId={refCustomer}
        onChange={(v, caption) => onChange(v, caption)}
      />
    );
  } else if (col.kind === 'enum') {
    const known = text === '' || options.some((o) => o.value === text);
    control = (
      <select class="input" {...common} value={text} onChange={setText}>
        <option value="">{t('none')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {optionLabel(options, o.value, lang)}
          </option>
        ))}
        {!known && <option value={text}>{text}</option>}
      </select>
    );
  } else if (col.kind === 'longText') {
    control = <textarea class="input" rows={3} {...common} value={text} onInput={setText} />;
  } else if (col.kind === 'date' || col.kind === 'datetime') {
    control = <input class="input" type={col.kind === 'date' ? 'date' : 'datetime-local'} {...common} value={text} onInput={setText} />;
  } else if (col.kind === 'user') {
    control = (
      <>
        <input class="input" {...common} list={`${id}-users`} value={text} placeholder={t('me')} autoComplete="off" onInput={setText} />
        <datalist id={`${id}-users`}>
          {users.map((u) => (
            <option key={u.email} value={u.email}>
              {u.name}
            </option>
          ))}
        </datalist>
      </>
    );
  } else {
    const inputMode = NUMERIC.has(col.kind) ? 'decimal' : col.kind === 'phone' ? 'tel' : col.kind === 'email' ? 'email' : undefined;
    control = <input class="input" type="text" inputMode={inputMode} {...common} value={text} autoComplete="off" onInput={setText} />;
  }
  return (
    <div class="field">
      {/* The mark sits outside <label> so the accessible name is exactly the schema label. */}
      <div class="label-row">
        <label for={id}>{label}</label>
        {mark}
      </div>
      {control}
      {errorLine}
    </div>
  );
}
