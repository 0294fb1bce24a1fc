import { STAGES } from '../../schema';
import { loadColumns } from '../../store';
import { openContext } from '../context';
import { ownerLimitArgs } from '../args';
import { throwing } from '../entry';

/** One opportunity as a board card: enough to show it and to move it (id + version). */
export interface PipelineCard {
  id: string;
  version: number;
  name: string;
  stage: string;
  customerId: string;
  customerName: string;
  owner: string;
  amount: number | null;
  probability: number | null;
  expectedCloseDate: string | null;
  stageChangedAt: string | null;
}

export interface PipelineColumn {
  /** Canonical stage value (线索, 需求分析, ...). */
  stage: string;
  count: number;
  /** Sum of expected amounts of every opportunity in the stage (not only the cards sent). */
  amount: number;
  cards: PipelineCard[];
}

export interface Pipeline {
  owner: string | null;
  columns: PipelineColumn[];
}

/** The opportunity fields the board reads (customers: only their names). */
export const CARD_FIELDS = [
  'id',
  'deleted',
  'version',
  'name',
  'stage',
  'customerId',
  'owner',
  'amount',
  'probability',
  'expectedCloseDate',
  'stageChangedAt',
];
const DEFAULT_CARDS = 30;
const MAX_CARDS = 200;
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const amountOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * getPipeline({ owner?, limit? }): opportunities by stage for the sidebar's board; each column's
 * cards are the most recently moved ones. owner: an e-mail, '' (default) for everyone.
 */
export const getPipeline = throwing(ownerLimitArgs, (o = {}): Pipeline => {
  const limit = Math.min(MAX_CARDS, Math.floor(o.limit ?? DEFAULT_CARDS));
  const owner = typeof o.owner === 'string' && o.owner.trim() !== '' ? o.owner.trim() : null;
  const ctx = openContext();
  const names = new Map<string, string>();
  for (const c of loadColumns(ctx.store, 'customers', ['name']).records) if (!c.deleted) names.set(String(c.id), String(c.name ?? ''));
  const columns: PipelineColumn[] = STAGES.map((s) => ({ stage: s.value, count: 0, amount: 0, cards: [] }));
  const byStage = new Map(columns.map((c) => [c.stage, c]));
  for (const r of loadColumns(ctx.store, 'opportunities', CARD_FIELDS).records) {
    const column = byStage.get(String(r.stage));
    if (r.deleted || !column || (owner !== null && r.owner !== owner)) continue;
    column.count++;
    column.amount += amountOf(r.amount) ?? 0;
    column.cards.push({
      id: String(r.id),
      version: typeof r.version === 'number' ? r.version : 0,
      name: String(r.name ?? ''),
      stage: column.stage,
      customerId: String(r.customerId ?? ''),
      customerName: names.get(String(r.customerId)) ?? String(r.customerId ?? ''),
      owner: String(r.owner ?? ''),
      amount: amountOf(r.amount),
      probability: amountOf(r.probability),
      expectedCloseDate: text(r.expectedCloseDate),
      stageChangedAt: text(r.stageChangedAt),
    });
  }
  for (const c of columns) {
    c.cards.sort((a, b) => (b.stageChangedAt ?? '').localeCompare(a.stageChangedAt ?? '') || b.id.localeCompare(a.id));
    c.cards = c.cards.slice(0, limit);
    c.amount = Math.round(c.amount * 100) / 100;
  }
  return { owner, columns };
});
