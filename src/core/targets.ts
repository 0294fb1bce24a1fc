import { foldKey, type Lang } from '../schema';
import { fieldError, type FieldError } from './errors';
import type { TeamMember } from './settings';
import type { Values } from './validate';

/** The fields of a targets row that decide whose target it is and for when. */
export const TARGET_KEY_FIELDS: readonly string[] = ['rep', 'team', 'month'];

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v).trim());

/**
 * The settings-tab member an owner cell names (email or display name), if any. A user listed on
 * several rows (setup's own row for its runner, and the team's row) is one member: the first team
 * and name given count.
 */
export function memberOf(users: readonly TeamMember[], who: unknown): TeamMember | undefined {
  const k = foldKey(text(who));
  if (!k) return undefined;
  const hit = users.find((u) => foldKey(u.email) === k) ?? users.find((u) => u.name !== '' && foldKey(u.name) === k);
  if (!hit) return undefined;
  const same = users.filter((u) => foldKey(u.email) === foldKey(hit.email));
  if (same.length === 1) return hit;
  return {
    ...hit,
    name: same.find((u) => u.name.trim() !== '')?.name ?? hit.name,
    team: same.find((u) => u.team.trim() !== '')?.team ?? hit.team,
  };
}

/** The teams of the settings tab's users, as first written (folded duplicates dropped). */
export function teamsOf(users: readonly TeamMember[]): string[] {
  const seen = new Map<string, string>();
  for (const u of users) {
    const t = u.team.trim();
    if (t && !seen.has(foldKey(t))) seen.set(foldKey(t), t);
  }
  return [...seen.values()];
}

/**
 * Whose a target row is: 'rep:<email>' for an owner on the settings tab, 'team:<folded team>' for
 * a team; an owner not on the tab keys by the folded text (such a row is refused anyway).
 */
export function targetSubject(row: Values, users: readonly TeamMember[]): string | null {
  const rep = text(row.rep);
  const team = text(row.team);
  if (rep && !team) return `rep:${memberOf(users, rep)?.email.toLowerCase() ?? foldKey(rep)}`;
  if (team && !rep) return `team:${foldKey(team)}`;
  return null;
}

/**
 * The checks of a target that need the settings tab and the other rows: exactly one of owner and
 * team; the owner a user of the settings tab, the team one of its users' teams; no other live row
 * for the same owner or team and month (`others`: the table's rows, `selfId` left out). `values`
 * are valid field values (schema checks passed).
 */
export function targetErrors(
  values: Values,
  others: readonly Values[],
  selfId: string | null,
  users: readonly TeamMember[],
  lang: Lang,
): FieldError[] {
  const rep = text(values.rep);
  const team = text(values.team);
  if (!rep === !team) return [fieldError(rep ? 'team' : 'rep', 'target_subject', lang)];
  if (rep && !memberOf(users, rep)) return [fieldError('rep', 'target_owner_unknown', lang, { value: rep })];
  if (team && !teamsOf(users).some((t) => foldKey(t) === foldKey(team))) {
    const teams = teamsOf(users).join(lang === 'zh' ? '、' : ', ') || (lang === 'zh' ? '无' : 'none');
    return [fieldError('team', 'target_team_unknown', lang, { value: team, teams })];
  }
  const subject = targetSubject(values, users);
  const month = text(values.month);
  if (!subject || !month) return [];
  const clash = others.find(
    (o) =>
      o.deleted !== true && (selfId === null || text(o.id) !== selfId) && text(o.month) === month && targetSubject(o, users) === subject,
  );
  if (!clash) return [];
  return [fieldError('month', 'target_duplicate', lang, { who: rep || team, month, id: text(clash.id) || '?' })];
}
