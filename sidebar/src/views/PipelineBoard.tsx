/**
 * The pipeline by stage, stacked to fit 300 px. A card moves with ◀ ▶ or the stage dropdown:
 * saveRecord(opportunities, { id, version, stage }), so a card someone else moved meanwhile is
 * refused with the server's "changed by X, reload" message instead of being overwritten.
 */
import { useState } from 'preact/hooks';
import { flagged, opportunities, STAGES, type Lang } from '../../../src/schema';
import { ErrorBox, RemoteView } from '../components/RemoteView';
import { optionLabel } from '../i18n';
import { useI18n } from '../useI18n';
import { failureText } from '../lib/failure';
import { money } from '../lib/time';
import { errorsText } from '../lib/errors';
import { useRemote } from '../lib/useRemote';
import { serverFunctions, type PipelineCard, type PipelineReply } from '../rpc';

const stageName = (stage: string, lang: Lang) => optionLabel(STAGES, stage, lang);
/** Won, after-sales and lost start folded: the board is about open deals. */
const FOLDED = new Set<string>([...flagged(STAGES, 'won'), ...flagged(STAGES, 'lost')]);

export function PipelineBoard({ onOpenCustomer }: { onOpenCustomer: (id: string) => void }) {
  const { t } = useI18n();
  const [whose, setWhose] = useState<'mine' | 'all'>('mine');
  const board = useRemote(() => serverFunctions.getPipeline(whose === 'mine' ? {} : { owner: '' }), [whose]);
  return (
    <section class="view" aria-label={t('board')}>
      <select class="input" aria-label={t('whose')} value={whose} onChange={(e) => setWhose(e.currentTarget.value as 'mine' | 'all')}>
        <option value="mine">{t('mine')}</option>
        <option value="all">{t('everyone')}</option>
      </select>
      <RemoteView remote={board.remote} retry={board.retry}>
        {(data) => <Columns data={data} onChange={board.set} onOpenCustomer={onOpenCustomer} />}
      </RemoteView>
    </section>
  );
}

function Columns({
  data,
  onChange,
  onOpenCustomer,
}: {
  data: PipelineReply;
  onChange: (d: PipelineReply) => void;
  onOpenCustomer: (id: string) => void;
}) {
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const move = async (card: PipelineCard, stage: string) => {
    if (stage === card.stage || busy) return;
    setBusy(card.id);
    setErrors((e) => ({ ...e, [card.id]: '' }));
    try {
      const reply = await serverFunctions.saveRecord('opportunities', { id: card.id, version: card.version, stage });
      if (!reply.ok) {
        setErrors((e) => ({ ...e, [card.id]: errorsText(reply.errors, lang) }));
        return;
      }
      const r = reply.record;
      const moved: PipelineCard = {
        ...card,
        stage,
        version: Number(r.version),
        probability: typeof r.probability === 'number' ? r.probability : card.probability,
        stageChangedAt: typeof r.stageChangedAt === 'string' ? r.stageChangedAt : card.stageChangedAt,
      };
      const amount = card.amount ?? 0;
      onChange({
        ...data,
        columns: data.columns.map((c) => {
          if (c.stage === card.stage)
            return { ...c, count: c.count - 1, amount: c.amount - amount, cards: c.cards.filter((x) => x.id !== card.id) };
          if (c.stage === stage) return { ...c, count: c.count + 1, amount: c.amount + amount, cards: [moved, ...c.cards] };
          return c;
        }),
      });
    } catch (e) {
      setErrors((x) => ({ ...x, [card.id]: failureText(e, t) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="board">
      {data.columns.map((col, i) => (
        <details key={col.stage} class="stage" open={!FOLDED.has(col.stage)} aria-label={stageName(col.stage, lang)}>
          <summary>
            <span class="stage-name">{stageName(col.stage, lang)}</span>
            <span class="count">{col.count}</span>
            <span class="muted small stage-sum">{money(col.amount)}</span>
          </summary>
          <ul class="cards" aria-label={stageName(col.stage, lang)}>
            {col.cards.map((card) => (
              <Card
                key={card.id}
                card={card}
                prev={data.columns[i - 1]?.stage}
                next={data.columns[i + 1]?.stage}
                busy={busy === card.id}
                error={errors[card.id]}
                onMove={(s) => move(card, s)}
                onOpenCustomer={onOpenCustomer}
              />
            ))}
          </ul>
          {col.count > col.cards.length && <div class="muted small">…</div>}
        </details>
      ))}
    </div>
  );
}

interface CardProps {
  card: PipelineCard;
  prev?: string;
  next?: string;
  busy: boolean;
  error?: string;
  onMove: (stage: string) => void;
  onOpenCustomer: (id: string) => void;
}

function Card({ card, prev, next, busy, error, onMove, onOpenCustomer }: CardProps) {
  const { lang, t } = useI18n();
  const stageLabel = opportunities.fields.stage.meta.label[lang];
  return (
    <li class="card deal" aria-label={card.name} aria-busy={busy}>
      <div class="item-title">{card.name}</div>
      <button type="button" class="link small" onClick={() => onOpenCustomer(card.customerId)}>
        {card.customerName}
      </button>
      <div class="muted small">{[money(card.amount), card.expectedCloseDate].filter(Boolean).join(' · ')}</div>
      <div class="move">
        <button
          type="button"
          class="icon"
          disabled={!prev || busy}
          aria-label={prev ? t('moveTo', { stage: stageName(prev, lang) }) : undefined}
          onClick={() => prev && onMove(prev)}
        >
          ◀
        </button>
        <select
          class="input"
          aria-label={`${stageLabel}: ${card.name}`}
          value={card.stage}
          disabled={busy}
          onChange={(e) => onMove(e.currentTarget.value)}
        >
          {STAGES.map((s) => (
            <option key={s.value} value={s.value}>
              {stageName(s.value, lang)}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="icon"
          disabled={!next || busy}
          aria-label={next ? t('moveTo', { stage: stageName(next, lang) }) : undefined}
          onClick={() => next && onMove(next)}
        >
          ▶
        </button>
      </div>
      {error && <ErrorBox error={error} />}
    </li>
  );
}
