/**
 * The shared pool (公海): its customers and leads, longest in the pool first, each with Claim (and,
 * for managers and admins, Assign to a rep). The server decides (limits, cooling-off, a colleague
 * who claimed first) and says why in the person's language; the list reloads after each answer.
 */
import { useState } from 'preact/hooks';
import { tableDef } from '../../../src/schema';
import { useI18n } from '../useI18n';
import { ErrorBox, RemoteView } from '../components/RemoteView';
import { errorsText } from '../lib/errors';
import { failureText } from '../lib/failure';
import { useRemote } from '../lib/useRemote';
import { serverFunctions, type SidebarContext } from '../rpc';

type PoolTable = 'customers' | 'leads';

export function PoolView({ ctx }: { ctx: SidebarContext }) {
  const { lang, t } = useI18n();
  const [table, setTable] = useState<PoolTable>('customers');
  const [reload, setReload] = useState(0);
  const page = useRemote(() => serverFunctions.listPool(table, { limit: 30 }), [table, reload]);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [assignee, setAssignee] = useState<Record<string, string>>({});
  const manager = ctx.role === 'manager' || ctx.role === 'admin';
  const reps = ctx.users.filter((u) => u.role === 'sales' || u.role === 'manager' || u.role === 'admin');
  const titleField = table === 'customers' ? 'name' : 'company';

  const act = async (id: string, owner: string | null) => {
    setBusy(id);
    setResult(null);
    try {
      const reply =
        owner === null ? await serverFunctions.claimFromPool(table, id) : await serverFunctions.assignFromPool(table, id, owner);
      if (reply.ok) {
        const title = String(reply.record[titleField] ?? id);
        setResult({ ok: true, text: owner === null ? t('poolClaimed', { title }) : t('poolAssignedTo', { title, owner }) });
      } else setResult({ ok: false, text: errorsText(reply.errors, lang) });
    } catch (err) {
      setResult({ ok: false, text: failureText(err, t) });
    }
    setBusy(null);
    setReload((n) => n + 1);
  };

  return (
    <section class="view" aria-label={t('pool')}>
      <select
        class="input"
        aria-label={t('searchIn')}
        value={table}
        onChange={(e) => {
          setTable(e.currentTarget.value as PoolTable);
          setResult(null);
        }}
      >
        {(['customers', 'leads'] as const).map((k) => (
          <option key={k} value={k}>
            {tableDef(k).tab[lang]}
          </option>
        ))}
      </select>
      {result?.ok && (
        <div class="notice" role="status">
          {result.text}
        </div>
      )}
      {result && !result.ok && <ErrorBox error={result.text} />}
      <RemoteView remote={page.remote} retry={page.retry}>
        {(data) =>
          data.items.length === 0 ? (
            <p class="muted">{t('poolEmpty')}</p>
          ) : (
            <>
              <div class="muted small">{t('results', { n: data.total })}</div>
              <ul class="list compact">
                {data.items.map((r) => {
                  const id = String(r.id);
                  return (
                    <li key={id} class="pool-item">
                      <span class="item-title">{String(r[titleField] ?? id)}</span>
                      <span class="item-facts">
                        {id}
                        {r.previousOwner ? ` · ${t('poolFrom', { owner: String(r.previousOwner) })}` : ''}
                        {r.poolSince ? ` · ${t('poolSince', { date: String(r.poolSince) })}` : ''}
                      </span>
                      <div class="actions">
                        <button type="button" class="action" disabled={busy !== null} onClick={() => void act(id, null)}>
                          {busy === id ? t('poolClaiming') : t('poolClaim')}
                        </button>
                        {manager && (
                          <>
                            <select
                              class="input grow"
                              aria-label={t('poolAssignTo')}
                              value={assignee[id] ?? ''}
                              onChange={(e) => setAssignee((a) => ({ ...a, [id]: e.currentTarget.value }))}
                            >
                              <option value="">{t('poolAssignTo')}</option>
                              {reps.map((u) => (
                                <option key={u.email} value={u.email}>
                                  {u.name}
                                </option>
                              ))}
                            </select>
                            <button
                              type="button"
                              class="secondary"
                              disabled={busy !== null || !assignee[id]}
                              onClick={() => void act(id, assignee[id])}
                            >
                              {t('poolAssign')}
                            </button>
                          </>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </>
          )
        }
      </RemoteView>
    </section>
  );
}
