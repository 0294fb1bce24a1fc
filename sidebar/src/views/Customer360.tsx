/** Customer 360: the customer and everything about them in one scroll, plus a quick follow-up. */
import { useState } from 'preact/hooks';
import { CUSTOMER_360_SECTIONS, customers, tableDef, type DataTableKey } from '../../../src/schema';
import type { Values } from '../../../src/core';
import { ErrorBox, RemoteView } from '../components/RemoteView';
import { newRecordLabel } from '../i18n';
import { useI18n } from '../useI18n';
import { describeRecord, display } from '../lib/describe';
import { useRemote } from '../lib/useRemote';
import { serverFunctions, type Customer360Reply, type SidebarContext } from '../rpc';
import { errorText } from '../lib/errors';
import { failureText } from '../lib/failure';
import { nowIn } from '../lib/time';
import { FollowUpQuick } from './FollowUpQuick';
import { HistoryList } from './HistoryList';

const FIRST = 5;

interface Props {
  customerId: string;
  ctx: SidebarContext;
  onEdit: (table: DataTableKey, record: Values, captions: Record<string, string>) => void;
  onNew: (table: DataTableKey, preset: Values, captions: Record<string, string>) => void;
}

export function Customer360({ customerId, ctx, onEdit, onNew }: Props) {
  const { t } = useI18n();
  const view = useRemote(() => serverFunctions.getCustomer360(customerId), [customerId]);
  return (
    <RemoteView remote={view.remote} retry={view.retry}>
      {(data) =>
        data ? (
          <Sheet data={data} ctx={ctx} onEdit={onEdit} onNew={onNew} reload={view.retry} />
        ) : (
          <p class="error-box" role="alert">
            {t('notFound')} ({customerId}). {t('notFoundHint')}
          </p>
        )
      }
    </RemoteView>
  );
}

function Sheet({ data, ctx, onEdit, onNew, reload }: { data: Customer360Reply; reload: () => void } & Omit<Props, 'customerId'>) {
  const { lang, t } = useI18n();
  const [logging, setLogging] = useState(false);
  const c = data.customer;
  const name = String(c.name ?? c.id);
  const captions = { customerId: name };
  const rows = (k: DataTableKey) => (Array.isArray(data[k]) ? (data[k] as Values[]) : []);
  const facts = ['grade', 'lifecycle', 'kind', 'industry', 'region']
    .map((k) => display('customers', k, c[k], lang, ctx.lists))
    .filter(Boolean);
  const contact = ['contactName', 'phone', 'email', 'owner'].map((k) => display('customers', k, c[k], lang)).filter(Boolean);
  return (
    <article class="view c360" aria-label={name}>
      <div class="card">
        <h2 class="title">{name}</h2>
        <div class="muted small">
          {String(c.id)}
          {facts.length ? ` · ${facts.join(' · ')}` : ''}
        </div>
        {contact.length > 0 && <div class="small">{contact.join(' · ')}</div>}
        {Array.isArray(c.tags) && c.tags.length > 0 && (
          <div class="chips" aria-label={customers.fields.tags.meta.label[lang]}>
            {c.tags.map((x) => (
              <span key={String(x)} class="chip">
                {String(x)}
              </span>
            ))}
          </div>
        )}
        {typeof c.lifetimeAmount === 'number' && c.lifetimeAmount > 0 && (
          <div class="small">
            {customers.fields.lifetimeAmount.meta.label[lang]}: {display('customers', 'lifetimeAmount', c.lifetimeAmount, lang)}
          </div>
        )}
        <div class="actions">
          <button type="button" class="action" onClick={() => setLogging(true)} disabled={logging}>
            {t('logFollowUp')}
          </button>
          <button type="button" class="secondary" onClick={() => onEdit('customers', c, {})}>
            {t('edit')}
          </button>
        </div>
      </div>
      {logging && (
        <FollowUpQuick
          customerId={String(c.id)}
          opportunities={rows('opportunities')}
          ctx={ctx}
          onSaved={() => {
            setLogging(false);
            reload();
          }}
          onCancel={() => setLogging(false)}
        />
      )}
      {CUSTOMER_360_SECTIONS.map((k) =>
        k === 'todos' ? (
          <TodoSection
            key={k}
            rows={rows(k)}
            timeZone={ctx.timeZone}
            onOpen={(r) => onEdit(k, r, captions)}
            onAdd={() => onNew(k, { customerId: c.id, owner: ctx.user }, captions)}
            reload={reload}
          />
        ) : (
          <Section
            key={k}
            table={k}
            rows={rows(k)}
            onOpen={(r) => onEdit(k, r, captions)}
            onAdd={() => onNew(k, { customerId: c.id }, captions)}
          />
        ),
      )}
      <HistoryList entries={data.history} />
    </article>
  );
}

function Section({ table, rows, onOpen, onAdd }: { table: DataTableKey; rows: Values[]; onOpen: (r: Values) => void; onAdd: () => void }) {
  const { lang, t } = useI18n();
  const [all, setAll] = useState(false);
  const headingId = `sec-${table}`;
  // Newest first, so what a rep just logged is in the first few shown (the tab is in entry order).
  const newest = [...rows].sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')));
  const shown = all ? newest : newest.slice(0, FIRST);
  return (
    <section class="section" aria-labelledby={headingId}>
      <div class="section-head">
        <h3 id={headingId} class="subtitle">
          {tableDef(table).tab[lang]} <span class="count">{rows.length}</span>
        </h3>
        <button type="button" class="icon add" aria-label={newRecordLabel(table, lang)} title={newRecordLabel(table, lang)} onClick={onAdd}>
          +
        </button>
      </div>
      {rows.length > 0 && (
        <ul class="list compact">
          {shown.map((r) => {
            const line = describeRecord(table, r, lang);
            return (
              <li key={String(r.id)}>
                <button type="button" class="item" onClick={() => onOpen(r)}>
                  <span class="item-title">{line.title}</span>
                  <span class="item-facts">{line.facts.join(' · ')}</span>
                </button>
                {typeof r.emailLink === 'string' && r.emailLink && (
                  <a class="link small" href={r.emailLink} target="_blank" rel="noopener noreferrer">
                    {t('openInGmail')}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!all && rows.length > FIRST && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {t('showAll', { n: rows.length })}
        </button>
      )}
    </section>
  );
}

/**
 * The customer's to-dos: open ones first (soonest due first), each completed with one tap
 * (completeTodo at the version read), then the done ones with their done time.
 */
function TodoSection({
  rows,
  timeZone,
  onOpen,
  onAdd,
  reload,
}: {
  rows: Values[];
  timeZone: string;
  onOpen: (r: Values) => void;
  onAdd: () => void;
  reload: () => void;
}) {
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const open = rows.filter((r) => r.done !== true).sort((a, b) => String(a.dueAt).localeCompare(String(b.dueAt)));
  const done = rows.filter((r) => r.done === true).sort((a, b) => String(b.doneAt).localeCompare(String(a.doneAt)));
  const list = [...open, ...done];
  const shown = all ? list : list.slice(0, FIRST);
  const now = nowIn(timeZone);
  const complete = async (r: Values) => {
    if (busy) return;
    setBusy(String(r.id));
    setFailure(null);
    try {
      const reply = await serverFunctions.completeTodo(String(r.id), Number(r.version));
      if (reply.ok) reload();
      else setFailure(reply.errors.map((e) => errorText(e, lang)).join('; '));
    } catch (err) {
      setFailure(failureText(err, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="section" aria-labelledby="sec-todos">
      <div class="section-head">
        <h3 id="sec-todos" class="subtitle">
          {tableDef('todos').tab[lang]} <span class="count">{open.length}</span>
        </h3>
        <button
          type="button"
          class="icon add"
          aria-label={newRecordLabel('todos', lang)}
          title={newRecordLabel('todos', lang)}
          onClick={onAdd}
        >
          +
        </button>
      </div>
      {failure && <ErrorBox error={failure} />}
      {list.length > 0 && (
        <ul class="list compact todos">
          {shown.map((r) => {
            const line = describeRecord('todos', r, lang);
            const isDone = r.done === true;
            const late = !isDone && String(r.dueAt) < now;
            return (
              <li key={String(r.id)} class={isDone ? 'todo done' : 'todo'}>
                {isDone ? (
                  <span class="tick" aria-hidden="true">
                    ✓
                  </span>
                ) : (
                  <button
                    type="button"
                    class="icon tick"
                    aria-label={t('completeTodoOf', { title: String(r.title) })}
                    title={t('completeTodo')}
                    disabled={busy !== null}
                    onClick={() => void complete(r)}
                  >
                    {busy === String(r.id) ? '…' : '○'}
                  </button>
                )}
                <button type="button" class="item" onClick={() => onOpen(r)}>
                  <span class="item-title">{line.title}</span>
                  <span class="item-facts">
                    {late && <span class="badge overdue">{t('todoOverdue')}</span>}{' '}
                    {isDone ? t('todoDoneAt', { at: String(r.doneAt ?? '') }) : line.facts.join(' · ')}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!all && list.length > FIRST && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {t('showAll', { n: list.length })}
        </button>
      )}
    </section>
  );
}
