import {
  DEFAULT_OPTION_LISTS,
  foldKey,
  OPTION_LIST_LABELS,
  PARAMS,
  ROLES,
  type EnumOption,
  type OptionListKey,
  type ParamKey,
  type Params,
  type SettingsRow,
} from '../schema';
import { hooksOf, type Webhook } from './webhooks';

export type Role = 'admin' | 'manager' | 'sales' | 'service' | 'viewer';
export interface TeamMember {
  email: string;
  name: string;
  role: Role;
  team: string;
}
/** An assignment rule as the settings tab holds it (type 规则/Rule), in the tab's order: see assignment.ts. */
export interface RuleRow {
  name: string;
  /** What it matches: 区域:text / region:text, 行业:value / industry:value, or * (empty: any). */
  match: string;
  /** Whom it assigns to: a team (round-robin among its sales reps) or one rep (email or display name). */
  target: string;
}
export interface Settings {
  users: TeamMember[];
  rules: RuleRow[];
  lists: Record<OptionListKey, EnumOption[]>;
  params: Params;
  /** Team-chat webhooks (rows of type 通知/Webhook whose URL is accepted); absent in hand-made settings. */
  hooks?: Webhook[];
}

const LIST_BY_NAME: ReadonlyMap<string, OptionListKey> = new Map(
  (Object.keys(DEFAULT_OPTION_LISTS) as OptionListKey[]).flatMap((k) =>
    [k, OPTION_LIST_LABELS[k].zh, OPTION_LIST_LABELS[k].en].map((name) => [foldKey(name), k] as const),
  ),
);

export function toRole(text: string | null): Role {
  const k = foldKey(text ?? '');
  const hit = ROLES.find((r) => foldKey(r.value) === k || foldKey(r.en) === k);
  return (hit?.en as Role | undefined) ?? 'viewer';
}

/**
 * Builds settings from the tab's rows. A list with no rows on the tab falls back to its defaults,
 * so a fresh workbook (or one whose admin cleared a list by mistake) still validates.
 */
export function parseSettings(rows: readonly SettingsRow[], listAliases: ReadonlyMap<string, OptionListKey> = LIST_BY_NAME): Settings {
  const users: TeamMember[] = [];
  const rules: RuleRow[] = [];
  const lists: Partial<Record<OptionListKey, EnumOption[]>> = {};
  const params: Params = Object.fromEntries(Object.entries(PARAMS).map(([k, p]) => [k, p.default])) as Params;
  for (const row of rows) {
    if (!row.key) continue;
    if (row.type === '用户') {
      users.push({ email: row.key.trim(), name: row.value ?? '', role: toRole(row.role), team: row.team ?? '' });
    } else if (row.type === '选项') {
      const list = listAliases.get(foldKey(row.key));
      if (!list || !row.value) continue;
      (lists[list] ??= []).push({ value: row.value, en: row.en || row.value });
    } else if (row.type === '参数' && Object.prototype.hasOwnProperty.call(PARAMS, row.key)) {
      params[row.key as ParamKey] = row.value ?? '';
    } else if (row.type === '规则') {
      rules.push({ name: row.key.trim(), match: (row.value ?? '').trim(), target: (row.team ?? '').trim() });
    }
  }
  const full = Object.fromEntries(
    (Object.keys(DEFAULT_OPTION_LISTS) as OptionListKey[]).map((k) => [k, lists[k] ?? [...DEFAULT_OPTION_LISTS[k]]]),
  ) as Record<OptionListKey, EnumOption[]>;
  return { users, rules, lists: full, params, hooks: hooksOf(rows) };
}

export function numberParam(settings: Settings, key: ParamKey): number {
  const n = Number(settings.params[key]);
  return Number.isFinite(n) ? n : Number(PARAMS[key].default);
}
