import { PARAMS, type EnumOption, type Lang, type OptionListKey, type ParamKey } from '../../schema';
import { numberParam, type Role } from '../../core';
import { openContext } from '../context';
import { NO_ARGS } from '../args';
import { throwing } from '../entry';
import { knownCapacityLevel, type CapacityLevelInfo } from '../capacity';

export interface SidebarUser {
  email: string;
  name: string;
  role: Role;
}

/** What the sidebar needs before its first view: one call, one settings read. */
export interface SidebarContext {
  lang: Lang;
  user: string;
  /** The user's effective role (the spreadsheet owner is admin): the sidebar hides what it may not do. */
  role: Role;
  timeZone: string;
  /** 'YYYY-MM-DD HH:mm' in the spreadsheet's time zone when the sidebar opened. */
  now: string;
  /** Current settings lists (industry, source, tag...): form dropdowns and the browser-side validation. */
  lists: Record<OptionListKey, EnumOption[]>;
  users: SidebarUser[];
  /** Numeric parameters (reminder windows...), as numbers. */
  params: Partial<Record<ParamKey, number>>;
  /**
   * Admins only: the workbook's last known use of Sheets' 10M cells (cached; never a grid read on
   * open), so the sidebar can warn from 80%. Null for other roles or when never measured.
   */
  capacity: CapacityLevelInfo | null;
}

const NUMERIC_PARAMS = (Object.keys(PARAMS) as ParamKey[]).filter((k) => k !== 'timeZone' && k !== 'locale');

/** getSidebarContext(): language, user, option lists and team for the sidebar. */
export const getSidebarContext = throwing(NO_ARGS, (): SidebarContext => {
  const ctx = openContext();
  const role = ctx.auth.role();
  return {
    lang: ctx.lang,
    user: ctx.user,
    role,
    timeZone: ctx.timeZone,
    now: ctx.now,
    lists: ctx.settings.lists,
    users: ctx.settings.users.map((u) => ({ email: u.email, name: u.name || u.email, role: u.role })),
    params: Object.fromEntries(NUMERIC_PARAMS.map((k) => [k, numberParam(ctx.settings, k)])),
    capacity: role === 'admin' ? knownCapacityLevel() : null,
  };
});
