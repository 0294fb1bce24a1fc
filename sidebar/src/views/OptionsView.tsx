/**
 * The editable option lists (admins): pick a list, see its options, add one. The server writes the
 * settings tab and the lists tab the dropdowns read (addOption), so the new option is offered in
 * the sheet at once; the sidebar's own forms get the returned list.
 */
import { useState } from 'preact/hooks';
import { DEFAULT_OPTION_LISTS, OPTION_LIST_LABELS, type EnumOption, type OptionListKey } from '../../../src/schema';
import { ErrorBox } from '../components/RemoteView';
import { useI18n } from '../useI18n';
import { errorsText } from '../lib/errors';
import { failureText } from '../lib/failure';
import { serverFunctions, type SidebarContext } from '../rpc';

const LISTS = Object.keys(DEFAULT_OPTION_LISTS) as OptionListKey[];

interface Props {
  ctx: SidebarContext;
  onAdded: (list: OptionListKey, options: EnumOption[]) => void;
}

export function OptionsView({ ctx, onAdded }: Props) {
  const { lang, t } = useI18n();
  const [list, setList] = useState<OptionListKey>('industry');
  const [value, setValue] = useState('');
  const [en, setEn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const options = ctx.lists[list];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    if (!value.trim()) {
      setError(t('optionRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const reply = await serverFunctions.addOption(list, value.trim(), en.trim());
      if (reply.ok) {
        onAdded(reply.list, reply.options);
        setValue('');
        setEn('');
      } else setError(errorsText(reply.errors, lang));
    } catch (err) {
      // A failed call (offline, time-out) in the person's language, never Apps Script's English text.
      setError(failureText(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-label={t('optionLists')}>
      <form class="form card" noValidate onSubmit={submit} aria-label={t('addOption')}>
        <div class="field">
          <label for="opt-list">{t('optionList')}</label>
          <select
            id="opt-list"
            class="input"
            value={list}
            onChange={(e) => {
              setList(e.currentTarget.value as OptionListKey);
              setError(null);
            }}
          >
            {LISTS.map((k) => (
              <option key={k} value={k}>
                {OPTION_LIST_LABELS[k][lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="opt-value">{t('optionValue')}</label>
          <input id="opt-value" class="input" value={value} maxLength={200} onInput={(e) => setValue(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="opt-en">{t('optionEnglish')}</label>
          <input id="opt-en" class="input" value={en} maxLength={200} onInput={(e) => setEn(e.currentTarget.value)} />
        </div>
        {error && <ErrorBox error={error} />}
        <div class="actions">
          <button type="submit" class="action" disabled={saving}>
            {saving ? t('saving') : t('addOption')}
          </button>
        </div>
      </form>
      <h3 class="subtitle">
        {OPTION_LIST_LABELS[list][lang]} ({options.length})
      </h3>
      <ul class="option-list">
        {options.map((o) => (
          <li key={o.value}>{lang === 'en' && o.en !== o.value ? `${o.value} · ${o.en}` : o.value}</li>
        ))}
      </ul>
    </section>
  );
}
