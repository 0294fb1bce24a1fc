import * as z from 'zod/mini';
import { CrmError, memberOf, roleLabel } from '../../core';
import { readTargetsTab, SUMMARY_TABS, type TargetPeriodRow } from '../../core/summaries';
import { optionsArg, signature } from '../args';
import { openContext } from '../context';
import { throwing } from '../entry';

/** One person's or one team's progress: this month, quarter and year, as the last rebuild left them. */
export interface TargetProgress {
  /** The member's email, or the team's name. */
  key: string;
  name: string;
  team: string;
  /** Empty when the tab has no row for them (no target and nothing done in any of the periods). */
  periods: TargetPeriodRow[];
}

export interface MyTargets {
  /** When the 业绩目标达成 tab was last rebuilt ('YYYY-MM-DD HH:mm'); null: never (nothing to show yet). */
  builtAt: string | null;
  /** The person asked for (the caller by default). */
  me: TargetProgress;
  /** Managers and admins: their team's rows and each member's; null / [] for everyone else. */
  team: TargetProgress | null;
  members: TargetProgress[];
}

const args = signature(['options'], z.optional(optionsArg({ owner: z.nullish(z.string().check(z.maxLength(200))) })));

/**
 * getMyTargets({ owner? }): a rep's own targets, actuals and attainment for this month, quarter and
 * year (the sidebar's 我的目标 view); managers and admins also get their team and its members, and
 * may ask for a member (`owner`: email or name; a manager within their team). It reads the settings
 * and the 业绩目标达成 tab the hourly rebuild writes (one small read, whatever the tables' size):
 * the figures are those of the last rebuild, whose time it returns.
 */
export const getMyTargets = throwing(args, (o = {}): MyTargets => {
  const ctx = openContext();
  const users = ctx.settings.users;
  // The settings tab's role: role() would also ask who owns the spreadsheet (a round trip), which
  // only matters for an owner missing from the settings tab, asked only when looking at someone else.
  let role = ctx.auth.actor.role;
  const manages = role === 'admin' || role === 'manager';
  const self = memberOf(users, ctx.user);
  const asked = typeof o.owner === 'string' && o.owner.trim() !== '' ? o.owner.trim() : null;
  const who = asked === null ? self : memberOf(users, asked);
  if (asked !== null && !who) throw CrmError.of('target_owner_unknown', ctx.lang, { value: asked }, 'options.owner');
  const other = who !== undefined && who.email.toLowerCase() !== ctx.user.toLowerCase();
  if (other && role !== 'admin') role = ctx.auth.role();
  // A rep sees their own; a manager their team's members; an admin anyone's.
  if (other && !(role === 'admin' || (role === 'manager' && who.team.trim() !== '' && who.team.trim() === (self?.team.trim() ?? '')))) {
    const label = roleLabel(ctx.auth.actor.role);
    throw CrmError.of('forbidden_action', ctx.lang, { roleZh: label.zh, roleEn: label.en });
  }
  const ss = ctx.store.env.spreadsheet;
  const name = [SUMMARY_TABS.targets[ctx.lang], SUMMARY_TABS.targets[ctx.lang === 'zh' ? 'en' : 'zh']].find((n) => ss.getSheetByName(n));
  const values = name ? ctx.store.io.read([{ sheet: name, row: 1, column: 1, numRows: null, numColumns: null }])[0] : [];
  const tab = readTargetsTab(values);
  // Owner rows are labelled as the rebuild labels them (its userNames: the last row of an email).
  const names = new Map(users.map((u) => [u.email, u.name]));
  const shown = (email: string) => names.get(email) || email;
  const progress = (email: string): TargetProgress => {
    const m = memberOf(users, email);
    const display = m ? shown(m.email) : email;
    return { key: m?.email ?? email, name: display, team: m?.team.trim() ?? '', periods: tab.owners.get(display) ?? [] };
  };
  const me = progress(who?.email ?? ctx.user);
  const teamName = me.team;
  const team = manages && teamName ? { key: teamName, name: teamName, team: teamName, periods: tab.teams.get(teamName) ?? [] } : null;
  const emails = [...new Set(users.filter((u) => u.team.trim() === teamName).map((u) => u.email))];
  const members = manages && teamName ? emails.map(progress) : [];
  return { builtAt: tab.builtAt, me, team, members };
});
