import { foldKey, type Label } from '../../schema';
import type { TeamMember } from '../settings';
import { memberOf, targetSubject, teamsOf } from '../targets';
import { byText, col, section } from './build';
import { makeScope, str, type Prepared, type SummaryContext } from './data';
import type { SummaryFilters } from './filters';
import { L } from './labels';
import { cents, NONE, type Cell, type SummaryReport, type SummarySection } from './model';
import { resolvePeriod, type Period, type PeriodKind } from './period';
import { startReport } from './report';
import { newCustomersByOwner, ownerTally } from './team';

const T = {
  team: { zh: '团队', en: 'Team' },
  byOwner: { zh: '{period}（{start} ~ {end}）· 按负责人', en: '{period} ({start} ~ {end}) · by owner' },
  byTeam: { zh: '{period}（{start} ~ {end}）· 按团队', en: '{period} ({start} ~ {end}) · by team' },
  month: { zh: '本月', en: 'This month' },
  quarter: { zh: '本季度', en: 'This quarter' },
  year: { zh: '本年', en: 'This year' },
  target: { zh: '{metric}目标', en: '{metric} target' },
  actual: { zh: '{metric}实际', en: '{metric} actual' },
  attainment: { zh: '{metric}达成率', en: '{metric} attainment' },
  wonAmount: { zh: '赢单金额', en: 'Won amount' },
  collectedAmount: { zh: '回款金额', en: 'Collected' },
  newCustomers: { zh: '新增客户', en: 'New customers' },
  followUps: { zh: '跟进次数', en: 'Follow-ups' },
  chart: { zh: '本月目标达成率（按负责人）', en: 'Attainment this month by owner' },
  note: {
    zh: '目标 = 期间内各月目标之和（团队没有自己的目标行时为其成员目标之和）；实际与“团队业绩”同口径：赢单金额按赢单日期，回款 = 期间内到期且已回款的金额，新增客户按创建时间，跟进次数按跟进时间；目标为 0 或未填写时达成率为 —',
    en: "Target = the sum of the period's monthly targets (a team without rows of its own: its members' sum); actuals as on Team performance: won amount by won date, collected = paid among the amounts due in the period, new customers by creation date, follow-ups by time; attainment is — where the target is 0 or not set",
  },
} satisfies Record<string, Label>;

/** The four figures a target sets, in column order. */
export const TARGET_METRICS = ['wonAmount', 'collectedAmount', 'newCustomers', 'followUps'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
/** The periods the tab shows, each around today. */
export const TARGET_PERIODS = ['month', 'quarter', 'year'] as const satisfies readonly PeriodKind[];
const MONEY: ReadonlySet<TargetMetric> = new Set(['wonAmount', 'collectedAmount']);

type Figures = Record<TargetMetric, number>;
type MaybeFigures = Record<TargetMetric, number | null>;
const zero = (): Figures => ({ wonAmount: 0, collectedAmount: 0, newCustomers: 0, followUps: 0 });
const unset = (): MaybeFigures => ({ wonAmount: null, collectedAmount: null, newCustomers: null, followUps: null });

/** A team's subject key, as core/targets' targetSubject spells it. */
const teamKey = (team: string): string => `team:${foldKey(team)}`;

/** The months ('YYYY-MM') a period covers. */
function monthsOf(p: Period): Set<string> {
  const out = new Set<string>();
  if (!p.start || !p.end) return out;
  let y = Number(p.start.slice(0, 4));
  let m = Number(p.start.slice(5, 7));
  const last = p.end.slice(0, 7);
  for (;;) {
    const key = `${y}-${m < 10 ? '0' : ''}${m}`;
    out.add(key);
    if (key >= last) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * The valid target rows by subject ('rep:<email>' / 'team:<folded>') and month: rows whose owner or
 * team is not on the settings tab are left out, and of two rows for one subject and month (the
 * edit trigger marks the second) the first counts.
 */
export function targetsBySubject(
  rows: readonly Record<string, unknown>[],
  members: readonly TeamMember[],
): Map<string, Map<string, MaybeFigures>> {
  const teams = new Set(teamsOf(members).map(teamKey));
  const out = new Map<string, Map<string, MaybeFigures>>();
  for (const r of rows) {
    const subject = targetSubject(r, members);
    const month = str(r.month);
    if (!subject || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) continue;
    if (subject.startsWith('rep:') ? !memberOf(members, r.rep) : !teams.has(subject)) continue;
    let byMonth = out.get(subject);
    if (!byMonth) out.set(subject, (byMonth = new Map()));
    if (byMonth.has(month)) continue;
    const f = unset();
    for (const k of TARGET_METRICS)
      f[k] = typeof r[k] === 'number' && Number.isFinite(r[k]) && (r[k] as number) >= 0 ? (r[k] as number) : null;
    byMonth.set(month, f);
  }
  return out;
}

/** Sums a subject's targets over the months; a figure no month sets stays null. */
function targetOver(byMonth: Map<string, MaybeFigures> | undefined, months: Set<string>): MaybeFigures {
  const out = unset();
  if (!byMonth) return out;
  for (const [month, f] of byMonth) {
    if (!months.has(month)) continue;
    for (const k of TARGET_METRICS) if (f[k] !== null) out[k] = (out[k] ?? 0) + (f[k] as number);
  }
  return out;
}

/** Attainment: actual ÷ target, '—' where the target is 0 or not set. */
export function attainment(actual: number, target: number | null): number | string {
  return target === null || target === 0 ? NONE : actual / target;
}

/**
 * 8. Targets against results (业绩目标达成): per owner and per team, for this month, quarter and
 * year: each figure's target (targets tab), actual (the team report's tally) and attainment.
 */
export function targetAttainment(p: Prepared, ctx: SummaryContext, filters: SummaryFilters): SummaryReport {
  const { tr, scope: shown, finish } = startReport('targets', p, ctx, filters);
  const members = ctx.members ?? [];
  const targets = targetsBySubject(p.data.targets, members);
  const everyone: SummaryFilters = { ...filters, owner: null, kind: null };
  const sections: SummarySection[] = [];
  const metricLabel = (k: TargetMetric) => tr(T[k]);
  const figureColumns = TARGET_METRICS.flatMap((k) => [
    col(tr(T.target, { metric: metricLabel(k) }), MONEY.has(k) ? 'currency' : 'count'),
    col(tr(T.actual, { metric: metricLabel(k) }), MONEY.has(k) ? 'currency' : 'count'),
    col(tr(T.attainment, { metric: metricLabel(k) }), 'percent'),
  ]);
  const figureCells = (target: MaybeFigures, actual: Figures): Cell[] =>
    TARGET_METRICS.flatMap((k) => {
      const a = MONEY.has(k) ? cents(actual[k]) : actual[k];
      return [target[k] === null ? NONE : target[k], a, attainment(actual[k], target[k])];
    });

  for (const kind of TARGET_PERIODS) {
    const period = resolvePeriod(kind, ctx.today, null, null);
    const months = monthsOf(period);
    const scope = makeScope(p, ctx, everyone, period, tr(L.notSet));
    const { rows } = ownerTally(p, ctx, scope, true);
    const created = newCustomersByOwner(p, scope);
    // Actuals per person: owner cells name a member by email or display name.
    const actualOf = new Map<string, Figures>();
    const add = (owner: string, k: TargetMetric, n: number) => {
      if (!owner) return;
      const key = memberOf(members, owner)?.email ?? owner;
      const f = actualOf.get(key) ?? zero();
      f[k] += n;
      actualOf.set(key, f);
    };
    for (const [owner, r] of rows) {
      add(owner, 'wonAmount', r.wonAmount);
      add(owner, 'collectedAmount', r.collected);
      add(owner, 'followUps', r.followUps);
    }
    for (const [owner, n] of created) add(owner, 'newCustomers', n);

    // Owners: members with a target in the period or any actual, and owners not on the tab with actuals.
    const owners = new Set<string>();
    for (const m of members) if (targets.has(`rep:${m.email.toLowerCase()}`) || actualOf.has(m.email)) owners.add(m.email);
    for (const [who, f] of actualOf) if (TARGET_METRICS.some((k) => f[k] !== 0)) owners.add(who);
    const teamOf = (who: string) => memberOf(members, who)?.team.trim() ?? '';
    const ownerRows: Cell[][] = [...owners]
      .filter((who) => shown.ownerOk(who))
      .map((who) => ({ who, name: shown.ownerName(who) }))
      .sort((a, b) => byText(a.name, b.name))
      .map(({ who, name }) => {
        const target = targetOver(targets.get(`rep:${who.toLowerCase()}`), months);
        return [name, teamOf(who) || tr(L.notSet), ...figureCells(target, actualOf.get(who) ?? zero())];
      });

    // Teams: every team on the settings tab (those of the owners shown, with an owner filter).
    const visibleTeams = new Set(
      filters.owner === null
        ? teamsOf(members)
        : [...owners]
            .filter((w) => shown.ownerOk(w))
            .map(teamOf)
            .filter(Boolean),
    );
    const teamRows: Cell[][] = teamsOf(members)
      .filter((t) => visibleTeams.has(t))
      .sort(byText)
      .map((team) => {
        // A user on several settings rows counts once.
        const inTeam = [...new Map(members.filter((m) => m.team.trim() === team).map((m) => [m.email, m])).values()];
        const actual = zero();
        for (const m of inTeam) {
          const f = actualOf.get(m.email);
          if (f) for (const k of TARGET_METRICS) actual[k] += f[k];
        }
        const own = targets.get(teamKey(team));
        let target: MaybeFigures;
        if (own && [...own.keys()].some((m) => months.has(m))) target = targetOver(own, months);
        else {
          // No row of its own in the period: its members' targets added up.
          target = unset();
          for (const m of inTeam) {
            const t = targetOver(targets.get(`rep:${m.email.toLowerCase()}`), months);
            for (const k of TARGET_METRICS) if (t[k] !== null) target[k] = (target[k] ?? 0) + (t[k] as number);
          }
        }
        return [team, ...figureCells(target, actual)];
      });

    const label = tr(T[kind]);
    const bounds = { period: label, start: period.start ?? '', end: period.end ?? '' };
    const attainmentColumns = TARGET_METRICS.map((_, i) => 2 + i * 3 + 2);
    sections.push(
      section(
        tr,
        tr(T.byOwner, bounds),
        { columns: [col(tr(L.owner)), col(tr(T.team)), ...figureColumns], rows: ownerRows },
        kind === 'month' ? { type: 'column', title: tr(T.chart), valueColumns: attainmentColumns } : undefined,
        kind === 'month' ? tr(T.note) : undefined,
      ),
      section(tr, tr(T.byTeam, bounds), { columns: [col(tr(T.team)), ...figureColumns], rows: teamRows }),
    );
  }
  return finish(sections);
}

/** One period's figures for one owner or team, as the tab shows them. */
export interface TargetFigure {
  metric: TargetMetric;
  /** null: no target set. */
  target: number | null;
  actual: number;
  /** null where the tab shows — (a target of 0 or none). */
  attainment: number | null;
}
export interface TargetPeriodRow {
  period: (typeof TARGET_PERIODS)[number];
  start: string;
  end: string;
  figures: TargetFigure[];
}
/** What the 业绩目标达成 tab holds, read back: per period, owner rows (by display name) and team rows. */
export interface TargetsTab {
  /** The built-at stamp of the last rebuild, null when the tab has none (never built). */
  builtAt: string | null;
  owners: Map<string, TargetPeriodRow[]>;
  teams: Map<string, TargetPeriodRow[]>;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A section title of either language, as a pattern: period label and bounds captured. */
function titlePattern(label: Label, lang: 'zh' | 'en'): RegExp {
  const periods = TARGET_PERIODS.map((k) => escapeRe(T[k][lang])).join('|');
  const source = escapeRe(label[lang])
    .replace('\\{period\\}', `(${periods})`)
    .replace('\\{start\\}', '(\\d{4}-\\d{2}-\\d{2})')
    .replace('\\{end\\}', '(\\d{4}-\\d{2}-\\d{2})');
  return new RegExp(`^${source}$`);
}
const cellNumber = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Reads the tab's cells (as values come back from Sheets: numbers unformatted, — as text) into
 * per-owner and per-team figures, so the sidebar's getMyTargets answers from the last rebuild with
 * one read of a small tab instead of reading the tables. Either language's headings are recognised.
 */
export function readTargetsTab(values: readonly (readonly unknown[])[]): TargetsTab {
  const out: TargetsTab = { builtAt: null, owners: new Map(), teams: new Map() };
  const patterns = (['zh', 'en'] as const).flatMap((lang) => [
    { by: 'owner' as const, lang, re: titlePattern(T.byOwner, lang) },
    { by: 'team' as const, lang, re: titlePattern(T.byTeam, lang) },
  ]);
  const built = (['zh', 'en'] as const).map((lang) => `${L.builtAt[lang]}${lang === 'zh' ? '：' : ': '}`);
  for (let i = 0; i < values.length; i++) {
    const first = typeof values[i][0] === 'string' ? (values[i][0] as string) : '';
    const stamp = built.find((b) => first.startsWith(b));
    if (stamp && out.builtAt === null) out.builtAt = first.slice(stamp.length).trim();
    let hit: { by: 'owner' | 'team'; lang: 'zh' | 'en'; m: RegExpExecArray } | null = null;
    for (const p of patterns) {
      const m = p.re.exec(first);
      if (m) hit = { by: p.by, lang: p.lang, m };
    }
    if (!hit) continue;
    const period = TARGET_PERIODS.find((k) => T[k][hit.lang] === hit.m[1]) as (typeof TARGET_PERIODS)[number];
    const headLabel = hit.by === 'owner' ? L.owner[hit.lang] : T.team[hit.lang];
    let j = i + 1;
    while (j < values.length && values[j][0] !== headLabel && j <= i + 2) j++;
    const offset = hit.by === 'owner' ? 2 : 1;
    for (j++; j < values.length && typeof values[j][0] === 'string' && values[j][0] !== ''; j++) {
      const r = values[j];
      const name = String(r[0]);
      const figures = TARGET_METRICS.map((metric, k): TargetFigure => {
        const at = offset + k * 3;
        return { metric, target: cellNumber(r[at]), actual: cellNumber(r[at + 1]) ?? 0, attainment: cellNumber(r[at + 2]) };
      });
      const map = hit.by === 'owner' ? out.owners : out.teams;
      const list = map.get(name) ?? [];
      list.push({ period, start: hit.m[2], end: hit.m[3], figures });
      map.set(name, list);
    }
    i = j - 1;
  }
  return out;
}
