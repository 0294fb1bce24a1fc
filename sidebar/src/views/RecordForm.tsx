/**
 * Create or edit one record of any data table, generated from the schema. The browser runs the
 * server's own validation (src/core prepareCreate/prepareUpdate) first, so a missing required field
 * is marked inline without a server call; errors only the server can know (duplicates, missing
 * references, a stale version) come back from saveRecord and are shown the same way.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isDataTableKey, tableDef, todos, type DataTableKey } from '../../../src/schema';
import { prepareCreate, prepareUpdate, type FieldError, type Values } from '../../../src/core';
import { Field } from '../components/Field';
import { DuplicateHints } from '../components/DuplicateHints';
import { SelfServicePanel } from '../components/SelfServicePanel';
import { followCalendar, inMyCalendar } from '../lib/calendar';
import { DocumentsPanel } from '../components/DocumentsPanel';
import { ErrorBox } from '../components/RemoteView';
import { newRecordLabel } from '../i18n';
import { useI18n } from '../useI18n';
import { createInput, formColumns, initialState, optionsOf, updateInput, type FormState, type FormValue } from '../lib/formValues';
import { newRecordDefaults } from '../lib/defaults';
import { errorText } from '../lib/errors';
import { failureText, newRequestId, nextSend, toFailure, type CreateRequest } from '../lib/failure';
import { serverFunctions, type SidebarContext } from '../rpc';

export interface RecordFormProps {
  table: DataTableKey;
  /** The record to edit, or null to create one. */
  record: Values | null;
  /** Initial values of a new record (e.g. the customer it belongs to). */
  preset?: Values;
  /** Captions of preset references (e.g. { customerId: 'Acme' }). */
  captions?: Record<string, string>;
  ctx: SidebarContext;
  onSaved: (record: Values) => void;
  onCancel: () => void;
  /** Opens a new to-do about this record (shown on a saved record of a table a to-do can be about). */
  onNewTodo?: (preset: Values, captions: Record<string, string>) => void;
  /** Opens a new delivery note for this order (shown on a saved order). */
  onNewDeliveryNote?: (preset: Values) => void;
}

/** The tables a to-do can be about: the customer itself, or a record its typed link may name. */
const TODO_LINKS = todos.fields.linkId.meta.refs ?? [];

export function RecordForm({
  table,
  record: initial,
  preset,
  captions: initialCaptions,
  ctx,
  onSaved,
  onCancel,
  onNewTodo,
  onNewDeliveryNote,
}: RecordFormProps) {
  const { lang, t } = useI18n();
  const def = tableDef(table);
  const cols = useMemo(() => formColumns(def), [def]);
  const [record, setRecord] = useState(initial);
  const [state, setState] = useState<FormState>(() =>
    initialState(cols, initial, { ...newRecordDefaults(table, ctx.timeZone), ...preset }),
  );
  const [captions, setCaptions] = useState<Record<string, string>>(initialCaptions ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<{ message: string; stale: boolean; resend?: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const formId = `form-${table}`;
  const request = useRef<CreateRequest>({ requestId: newRequestId(), sent: 0 });

  const showErrors = (list: readonly FieldError[]) => {
    const byField: Record<string, string> = {};
    const general: string[] = [];
    for (const e of list) {
      const text = errorText(e, lang);
      if (cols.some((c) => c.key === e.field)) byField[e.field] ??= text;
      else general.push(text);
    }
    setErrors(byField);
    const stale = list.some((e) => e.code === 'stale');
    setFormError(
      general.length
        ? { message: general.join('; '), stale }
        : Object.keys(byField).length
          ? { message: t('fixErrors'), stale: false }
          : null,
    );
    const first = cols.find((c) => byField[c.key]);
    if (first) setTimeout(() => document.getElementById(`${formId}-${first.key}`)?.focus(), 0);
  };

  // The form is long and its error sits above the buttons: bring it into view when it appears.
  useEffect(() => {
    if (formError) document.querySelector(`#${formId} .error-box`)?.scrollIntoView({ block: 'nearest' });
  }, [formError]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    const vctx = { lang, lists: ctx.lists };
    let input = record ? updateInput(cols, record, state) : createInput(cols, state);
    // The server defaults an empty owner to the current user; validate what it will store.
    if (!record && cols.some((c) => c.key === 'owner') && !input.owner) input = { ...input, owner: ctx.user };
    const checked = record ? prepareUpdate(def, record, input, vctx) : prepareCreate(def, input, vctx);
    if (!checked.ok) {
      showErrors(checked.errors);
      return;
    }
    if (record && Object.keys(input).length === 0) {
      onSaved(record);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const reply = record
        ? await serverFunctions.saveRecord(table, { ...input, id: record.id, version: record.version })
        : await serverFunctions.saveRecord(table, input, nextSend(request.current));
      if (reply.ok) {
        request.current = { requestId: newRequestId(), sent: 0 };
        setErrors({});
        if (table === 'followUps') void followCalendar(reply.record, ctx.user);
        onSaved(reply.record);
      } else showErrors(reply.errors);
    } catch (err) {
      setFormError({ message: failureText(err, t), stale: false, resend: toFailure(err).kind !== null });
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    if (!record) return;
    try {
      const fresh = await serverFunctions.getRecord(table, String(record.id));
      if (fresh) {
        setRecord(fresh);
        setFormError(null);
      }
    } catch (err) {
      setFormError({ message: failureText(err, t), stale: true });
    }
  };

  const heading = record ? `${t('edit')} · ${String(record[def.titleField] ?? record.id)}` : newRecordLabel(table, lang);
  return (
    <form class="form" id={formId} noValidate onSubmit={submit} aria-label={heading}>
      <h2 class="title">{heading}</h2>
      {record && <div class="muted small">{String(record.id)}</div>}
      {record && onNewTodo && (table === 'customers' || TODO_LINKS.includes(table)) && (
        <button
          type="button"
          class="secondary"
          onClick={() => {
            const title = String(record[def.titleField] ?? record.id);
            const about: Values =
              table === 'customers'
                ? { customerId: record.id }
                : { linkId: record.id, ...(record.customerId ? { customerId: record.customerId } : {}) };
            onNewTodo({ ...about, owner: ctx.user }, table === 'customers' ? { customerId: title } : {});
          }}
        >
          {t('newTodo')}
        </button>
      )}
      {record && table === 'followUps' && (inMyCalendar(record, ctx.user) || record.calendarSync === true) && (
        <p class="muted" role="status">
          {t(record.calendarSync === true ? 'calendarPending' : 'inYourCalendar')}
        </p>
      )}
      {record && table === 'contacts' && (ctx.role === 'admin' || ctx.role === 'service') && (
        <SelfServicePanel contact={record} onChanged={() => void reload()} />
      )}
      {record && (table === 'customers' || table === 'quotes' || table === 'orders' || table === 'contracts') && (
        <DocumentsPanel table={table} record={record} />
      )}
      {record && onNewDeliveryNote && table === 'orders' && (
        <button type="button" class="secondary" onClick={() => onNewDeliveryNote({ orderId: record.id, customerId: record.customerId })}>
          {t('newDeliveryNote')}
        </button>
      )}
      {cols.map((col) => (
        <Field
          key={col.key}
          formId={formId}
          col={col}
          value={state[col.key] ?? ''}
          error={errors[col.key]}
          options={optionsOf(col, ctx.lists)}
          users={ctx.users}
          refCaption={captions[col.key]}
          refCustomer={pickerCustomer(col, state.customerId)}
          onChange={(v: FormValue, caption?: string) => {
            setState((s) => ({ ...s, [col.key]: v }));
            if (caption !== undefined) setCaptions((c) => ({ ...c, [col.key]: caption }));
            if (errors[col.key])
              setErrors((er) => {
                const next = { ...er };
                delete next[col.key];
                return next;
              });
          }}
        />
      ))}
      {formError && (
        <ErrorBox
          error={formError.message}
          retry={
            formError.stale
              ? reload
              : formError.resend
                ? () => (document.getElementById(formId) as HTMLFormElement | null)?.requestSubmit()
                : undefined
          }
          retryLabel={formError.stale ? t('reload') : t('retry')}
        />
      )}
      <div class="actions sticky">
        {/* In the sticky footer: in view wherever the name, phone or email is being typed. */}
        <DuplicateHints table={table} state={state} recordId={record ? String(record.id) : null} />
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

/**
 * The customer a reference's picker keeps to: the form's, for a reference to a table of customer
 * children (a delivery note's order and line, a payment's order), so the picker reads by key and
 * offers only that customer's records.
 */
function pickerCustomer(col: { ref?: string }, customerId: unknown): string | undefined {
  if (!col.ref || col.ref === 'customers' || typeof customerId !== 'string' || customerId.trim() === '') return undefined;
  if (!isDataTableKey(col.ref) || !tableDef(col.ref).columns.some((c) => c.key === 'customerId')) return undefined;
  return customerId.trim();
}
