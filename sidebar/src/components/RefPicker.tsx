/**
 * A foreign-key field: type part of a name or an ID, pick from the target table's matches (one
 * searchRecords call per pause in typing). The value is the picked record's ID.
 */
import { useEffect, useState } from 'preact/hooks';
import { tableDef, type DataTableKey } from '../../../src/schema';
import type { Values } from '../../../src/core';
import { useI18n } from '../useI18n';
import { failureText } from '../lib/failure';
import { describeRecord } from '../lib/describe';
import { useDebounced } from '../lib/useDebounced';
import { serverFunctions } from '../rpc';

interface Props {
  id: string;
  label: string;
  table: DataTableKey;
  value: string;
  /** What the current ID stands for, when known (e.g. the customer's name). */
  caption?: string;
  invalid: boolean;
  describedBy?: string;
  required: boolean;
  /** Only records of this customer (the form's), read by key: an order's lines, a customer's orders. */
  customerId?: string;
  onChange: (id: string, caption: string) => void;
}

export function RefPicker({ id, label, table, value, caption, invalid, describedBy, required, customerId, onChange }: Props) {
  const { lang, t } = useI18n();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Values[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  const query = useDebounced(text, 250);
  useEffect(() => {
    if (!open || query.trim() === '') {
      setItems([]);
      return;
    }
    let live = true;
    serverFunctions.searchRecords(table, query, { limit: 8, ...(customerId ? { where: { customerId } } : {}) }).then(
      (page) => {
        if (live) {
          setItems(page.items);
          setFailed(null);
        }
      },
      (e: Error) => {
        if (live) setFailed(failureText(e, t));
      },
    );
    return () => {
      live = false;
    };
  }, [query, open, table, customerId]);
  const listId = `${id}-list`;
  const pick = (r: Values) => {
    onChange(String(r.id), describeRecord(table, r, lang).title);
    setText('');
    setOpen(false);
  };
  if (value && !open) {
    return (
      <div class="ref-chosen">
        <input
          id={id}
          class="input"
          readOnly
          value={caption ? `${caption} (${value})` : value}
          aria-label={label}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          aria-required={required}
          onFocus={() => {
            setOpen(true);
            setText('');
          }}
        />
        <button type="button" class="icon" aria-label={`${t('clear')} ${label}`} onClick={() => onChange('', '')}>
          ×
        </button>
      </div>
    );
  }
  return (
    <div class="ref-picker">
      <input
        id={id}
        class="input"
        role="combobox"
        aria-label={label}
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        aria-required={required}
        placeholder={t('pickHint')}
        value={text}
        autoComplete="off"
        onFocus={() => setOpen(true)}
        onInput={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          // A typed ID is taken as is: people paste IDs from the sheet.
          if (/^[A-Za-z]{1,3}\d{11,}$/.test(v.trim())) onChange(v.trim().toUpperCase(), '');
        }}
        onBlur={() => setTimeout(() => setOpen(false), 200)}
      />
      {failed && <div class="field-error">{failed}</div>}
      {open && items.length > 0 && (
        <ul id={listId} class="options" role="listbox" aria-label={tableDef(table).tab[lang]}>
          {items.map((r) => {
            const line = describeRecord(table, r, lang);
            return (
              <li
                key={String(r.id)}
                role="option"
                aria-selected={false}
                tabIndex={-1}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(r);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') pick(r);
                }}
              >
                <span class="opt-title">{line.title}</span> <span class="muted">{String(r.id)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
