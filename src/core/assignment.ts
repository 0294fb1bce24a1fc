import { foldKey, hasFlag, isPoolOwner, LEAD_STATUSES, type Lang } from '../schema';
import type { RuleRow, TeamMember } from './settings';
import type { Values } from './validate';

/**
 * Assignment rules, pure. An admin lists rules on the settings tab (type 规则/Rule, one row each,
 * in order): key = the rule's name, value = what it matches, team = whom it assigns to.
 *
 * - Match: `区域:华东` / `region:East` (the record's region contains the text, case-folded),
 *   `行业:制造业` / `industry:Manufacturing` (the industry equals it, zh value or English label),
 *   `*`, `任意`, `any` or empty (every record). Leads have no region: a region rule never matches one.
 * - Target: a team name (round-robin among that team's sales reps, in settings-tab order, skipping
 *   reps at the open-lead cap) or one rep (an email or display name on the settings tab).
 *
 * The first rule that matches wins. When every candidate is at the cap the record goes to the
 * shared pool (公海): nobody is overloaded and a manager or a free rep takes it from there.
 */
export type Match = { kind: 'any' } | { kind: 'region'; text: string } | { kind: 'industry'; value: string };
export type Target = { kind: 'team'; team: string } | { kind: 'rep'; member: TeamMember };
export interface AssignRule {
  name: string;
  match: Match;
  target: Target;
}
export interface RuleProblem {
  name: string;
  problem: 'match' | 'target';
}

const ANY = new Set(['', '*', '任意', '全部', 'any', 'all']);
const REGION = new Set(['区域', '地区', 'region']);
const INDUSTRY = new Set(['行业', '所属行业', 'industry']);

export function parseMatch(text: string): Match | null {
  const t = text.trim();
  if (ANY.has(t.toLowerCase())) return { kind: 'any' };
  const m = /^([^:：=]+)\s*[:：=]\s*(.+)$/.exec(t);
  if (!m) return null;
  const what = m[1].trim().toLowerCase();
  const value = m[2].trim();
  if (REGION.has(what)) return { kind: 'region', text: value };
  if (INDUSTRY.has(what)) return { kind: 'industry', value };
  return null;
}

function memberOf(users: readonly TeamMember[], who: string): TeamMember | undefined {
  const k = foldKey(who);
  return users.find((u) => foldKey(u.email) === k || (u.name !== '' && foldKey(u.name) === k));
}

/** The rules as written; a row whose match or target makes no sense is skipped and reported. */
export function parseRules(rows: readonly RuleRow[], users: readonly TeamMember[]): { rules: AssignRule[]; problems: RuleProblem[] } {
  const rules: AssignRule[] = [];
  const problems: RuleProblem[] = [];
  for (const row of rows) {
    const match = parseMatch(row.match);
    if (!match) {
      problems.push({ name: row.name, problem: 'match' });
      continue;
    }
    const member = row.target.includes('@') || !teamExists(users, row.target) ? memberOf(users, row.target) : undefined;
    if (member) rules.push({ name: row.name, match, target: { kind: 'rep', member } });
    else if (teamExists(users, row.target)) rules.push({ name: row.name, match, target: { kind: 'team', team: row.target } });
    else problems.push({ name: row.name, problem: 'target' });
  }
  return { rules, problems };
}

function teamExists(users: readonly TeamMember[], team: string): boolean {
  return team !== '' && users.some((u) => u.role === 'sales' && foldKey(u.team) === foldKey(team));
}

/** The industry option's two spellings, so a rule may name either. */
export type IndustryLabels = (value: string) => readonly string[];

export function matches(m: Match, record: Values, industryLabels: IndustryLabels = (v) => [v]): boolean {
  if (m.kind === 'any') return true;
  if (m.kind === 'region') {
    return typeof record.region === 'string' && foldKey(record.region).includes(foldKey(m.text));
  }
  const ind = typeof record.industry === 'string' ? record.industry : '';
  return ind !== '' && industryLabels(ind).some((l) => foldKey(l) === foldKey(m.value));
}

/** The first rule the record matches, or null. */
export function firstMatch(rules: readonly AssignRule[], record: Values, industryLabels?: IndustryLabels): AssignRule | null {
  return rules.find((r) => matches(r.match, record, industryLabels)) ?? null;
}

/** Whether a lead counts toward its owner's cap: not converted, not disqualified. */
export function isOpenLead(lead: Values): boolean {
  if (lead.deleted) return false;
  const s = lead.status;
  return !(typeof s === 'string' && (hasFlag(LEAD_STATUSES, s, 'converted') || hasFlag(LEAD_STATUSES, s, 'disqualified')));
}

/** Open leads per owner (folded email or name → count), from the leads' owner and status columns. */
export function openLeadCounts(leads: readonly Values[], users: readonly TeamMember[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of leads) {
    if (!isOpenLead(l) || typeof l.owner !== 'string' || !l.owner.trim() || isPoolOwner(l.owner)) continue;
    const m = memberOf(users, l.owner);
    const k = foldKey(m ? m.email : l.owner);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export type Assignment =
  | { to: 'rep'; owner: string; rule: AssignRule; /** the team's round-robin position after this one */ next: string | null }
  | { to: 'pool'; rule: AssignRule };

/**
 * Whom a matched rule gives the record to. Team: the sales reps of the team in settings-tab order,
 * starting after `last` (the team's previous pick, kept between executions), the first under the
 * cap. A named rep under the cap gets it. Nobody under the cap: the pool. `cap` 0: no cap.
 */
export function pickOwner(
  rule: AssignRule,
  users: readonly TeamMember[],
  last: string | null,
  open: ReadonlyMap<string, number>,
  cap: number,
): Assignment {
  const free = (m: TeamMember) => cap <= 0 || (open.get(foldKey(m.email)) ?? 0) < cap;
  if (rule.target.kind === 'rep') {
    return free(rule.target.member) ? { to: 'rep', owner: rule.target.member.email, rule, next: null } : { to: 'pool', rule };
  }
  const team = foldKey(rule.target.team);
  const reps = users.filter((u) => u.role === 'sales' && foldKey(u.team) === team);
  const at = last === null ? -1 : reps.findIndex((u) => foldKey(u.email) === foldKey(last));
  for (let step = 1; step <= reps.length; step++) {
    const m = reps[(at + step + reps.length) % reps.length];
    if (free(m)) return { to: 'rep', owner: m.email, rule, next: m.email };
  }
  return { to: 'pool', rule };
}

/** The history note and the mail's detail line for an assignment. */
export function assignmentNote(a: Assignment, lang: Lang): string {
  const rule = a.rule.name || (lang === 'zh' ? '未命名规则' : 'unnamed rule');
  if (a.to === 'pool') return lang === 'zh' ? `规则“${rule}”：团队已满，进入公海` : `rule "${rule}": everyone at the cap, to the pool`;
  return lang === 'zh' ? `规则“${rule}”` : `rule "${rule}"`;
}
