import { DATA_TABLE_KEYS, type Lang, type TableDef } from '../../schema';
import { emailsWithRole, tableEditors, type TeamMember } from '../../core';
import { REPORT_FILTERS, type SummaryKey } from '../../core/summaries';
import { consecutiveRuns, readLayout } from '../../store';
import { FILTER_ROW } from '../summaries/layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Our protections carry this prefix in their description, so a re-run finds (never duplicates) them. */
export const PROTECTION_PREFIX = 'sheets-crm:';

/** A tab a protection is on: its handle (SpreadsheetApp path) or, before it exists, its name. */
export interface ProtectedTab {
  sheet: Sheet | null;
  name: string;
}

export interface WantedProtection {
  description: string;
  sheet: ProtectedTab;
  /** Whole tab, or columns [column, column + numColumns) of every row. */
  columns: { column: number; numColumns: number } | null;
  /** Who may edit (besides the owner); ignored when warning-only. */
  editors: string[];
  warningOnly: boolean;
  /** Cells of a protected tab that stay open to everyone (summary filters). */
  unprotected: { row: number; column: number; numColumns: number } | null;
}

const label = (zh: string, en: string, lang: Lang) => (lang === 'zh' ? zh : en);

/**
 * Data tabs: writable only by the roles that write the table. Apps Script runs a sidebar save as
 * the user who clicks it, so a protection that left out sales would also block their own saves'
 * stamps; the system and derived columns therefore get a warning-only protection (people are
 * warned before typing there, the edit handler reverts what they type) inside the tab's.
 */
export function dataTabProtections(
  sheet: ProtectedTab,
  def: TableDef,
  header: readonly unknown[],
  users: readonly TeamMember[],
  lang: Lang,
  hard: boolean,
): WantedProtection[] {
  const admins = emailsWithRole(users, ['admin']);
  const out: WantedProtection[] = [
    {
      description: `${PROTECTION_PREFIX}tab:${def.key} ${label('仅限可编辑此表的角色', 'roles that edit this table only', lang)}`,
      sheet,
      columns: null,
      editors: [...new Set([...admins, ...tableEditors(users, def.key)])],
      warningOnly: !hard,
      unprotected: null,
    },
  ];
  const layout = readLayout(def, header);
  const locked = def.columns
    .filter((c) => c.system || c.derived)
    .map((c) => layout.index.get(c.key))
    .filter((i): i is number => i !== undefined);
  for (const run of consecutiveRuns(locked)) {
    const first = def.columns.find((c) => layout.index.get(c.key) === run.start)?.key ?? String(run.start);
    out.push({
      description: `${PROTECTION_PREFIX}system:${def.key}:${first} ${label('系统维护的列，请勿修改', 'maintained by the CRM, do not edit', lang)}`,
      sheet,
      columns: { column: run.start + 1, numColumns: run.end - run.start + 1 },
      editors: [],
      warningOnly: true,
      unprotected: null,
    });
  }
  return out;
}

/** The history tab: appended by every role that saves (see above), edited by nobody else. */
export function historyProtection(sheet: ProtectedTab, users: readonly TeamMember[], lang: Lang, hard: boolean): WantedProtection {
  const writers = new Set<string>(emailsWithRole(users, ['admin']));
  for (const key of DATA_TABLE_KEYS) for (const e of tableEditors(users, key)) writers.add(e);
  return {
    description: `${PROTECTION_PREFIX}tab:history ${label('变更历史只追加，不修改', 'append-only change log', lang)}`,
    sheet,
    columns: null,
    editors: [...writers],
    warningOnly: !hard,
    unprotected: null,
  };
}

/** Settings and summary tabs: admins only (summary filter cells stay open to everyone). */
export function adminTabProtection(
  sheet: ProtectedTab,
  key: string,
  users: readonly TeamMember[],
  lang: Lang,
  hard: boolean,
  summary: SummaryKey | null,
): WantedProtection {
  return {
    description: `${PROTECTION_PREFIX}tab:${key} ${label('仅限管理员', 'admins only', lang)}`,
    sheet,
    columns: null,
    editors: emailsWithRole(users, ['admin']),
    warningOnly: !hard,
    unprotected: summary ? { row: FILTER_ROW, column: 1, numColumns: REPORT_FILTERS[summary].length } : null,
  };
}
