/** 我的目标: the rep's target, actual and attainment this month, quarter and year; a manager's team too. */
import type { UiKey } from '../i18n';
import { useI18n } from '../useI18n';
import { RemoteView } from '../components/RemoteView';
import { money } from '../lib/time';
import { useRemote } from '../lib/useRemote';
import { serverFunctions, type TargetsReply } from '../rpc';

type Progress = TargetsReply['me'];
type Period = Progress['periods'][number];
type Figure = Period['figures'][number];

const pct = (a: number | null) => (a === null ? '—' : `${Math.round(a * 1000) / 10}%`);
/** Whole yuan: the figures are for reading at a glance (the tab keeps the cents). */
const shown = (f: Figure, v: number | null) =>
  v === null ? '—' : f.metric === 'wonAmount' || f.metric === 'collectedAmount' ? money(Math.round(v)) : String(v);

export function TargetsView() {
  const { t } = useI18n();
  const targets = useRemote(() => serverFunctions.getMyTargets(), []);
  return (
    <section class="view targets" aria-label={t('targetsTitle')}>
      <RemoteView remote={targets.remote} retry={targets.retry}>
        {(data) =>
          data.builtAt === null ? (
            <p class="muted">{t('targetsNotBuilt')}</p>
          ) : (
            <>
              <p class="muted small">{t('targetsAsOf', { at: data.builtAt })}</p>
              {data.me.periods.length ? <Periods progress={data.me} /> : <p class="muted">{t('targetsNone')}</p>}
              {data.team && (
                <section class="section" aria-label={t('teamOf', { team: data.team.name })}>
                  <h3 class="subtitle">{t('teamOf', { team: data.team.name })}</h3>
                  <Periods progress={data.team} />
                  <Members members={data.members} />
                </section>
              )}
            </>
          )
        }
      </RemoteView>
    </section>
  );
}

function Periods({ progress }: { progress: Progress }) {
  const { t } = useI18n();
  return (
    <>
      {progress.periods.map((p) => (
        <section key={p.period} class="section target-period" aria-label={t(`period${p.period}` as UiKey)}>
          <h4 class="subtitle">
            {t(`period${p.period}` as UiKey)} <span class="muted small">{`${p.start} ~ ${p.end}`}</span>
          </h4>
          <table class="grid-table target-table">
            <thead>
              <tr>
                <th />
                <th>{t('target')}</th>
                <th>{t('actual')}</th>
                <th>{t('attainmentShort')}</th>
              </tr>
            </thead>
            <tbody>
              {p.figures.map((f) => (
                <tr key={f.metric}>
                  <th scope="row">{t(`metric${f.metric}` as UiKey)}</th>
                  <td>{shown(f, f.target)}</td>
                  <td>{shown(f, f.actual)}</td>
                  <td>
                    <span
                      class={`badge ${f.attainment === null ? '' : f.attainment >= 1 ? 'soon' : f.attainment >= 0.6 ? 'today' : 'overdue'}`}
                    >
                      {pct(f.attainment)}
                    </span>
                    {f.attainment !== null && (
                      <span class="bar-track" aria-hidden="true">
                        <span class="bar-fill" style={{ width: `${Math.min(100, Math.round(f.attainment * 100))}%` }} />
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

function Members({ members }: { members: readonly Progress[] }) {
  const { t } = useI18n();
  if (!members.length) return null;
  const metrics = members.find((m) => m.periods.length)?.periods[0].figures.map((f) => f.metric) ?? [];
  return (
    <section class="section" aria-label={t('membersThisMonth')}>
      <h4 class="subtitle">{t('membersThisMonth')}</h4>
      <table class="grid-table target-table">
        <thead>
          <tr>
            <th />
            {metrics.map((m) => (
              <th key={m}>{t(`metric${m}` as UiKey)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const month = m.periods.find((p) => p.period === 'month');
            return (
              <tr key={m.key}>
                <th scope="row">{m.name}</th>
                {metrics.map((k) => (
                  <td key={k}>{pct(month?.figures.find((f) => f.metric === k)?.attainment ?? null)}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
