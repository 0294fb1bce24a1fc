import { columnLetters } from '../summaries/layout';
import { PROTECTION_PREFIX, type WantedProtection } from './protectionPlan';

type Protection = GoogleAppsScript.Spreadsheet.Protection;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ProtectionReport {
  created: number;
  updated: number;
  removed: number;
  /** True when the runner's account could not be identified, so protections only warn. */
  warningOnly: boolean;
  /** Protections this runner may not change (set up by someone else): run setup as the owner. */
  skipped: string[];
}

/** The machine part of a description ('sheets-crm:tab:customers'), stable across languages. */
export const keyOf = (description: string) => description.split(' ')[0];

/** Whole columns in A1 ('C:E'): the protection covers rows added later too. */
const columnsA1 = (c: { column: number; numColumns: number }) => `${columnLetters(c.column)}:${columnLetters(c.column + c.numColumns - 1)}`;

function sheetOf(ss: Spreadsheet, w: WantedProtection): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = w.sheet.sheet ?? ss.getSheetByName(w.sheet.name);
  if (!sheet) throw new Error(`no tab ${w.sheet.name}`);
  return sheet;
}

function create(ss: Spreadsheet, w: WantedProtection): Protection {
  if (!w.columns) return sheetOf(ss, w).protect();
  return sheetOf(ss, w).getRange(columnsA1(w.columns)).protect();
}

/** Brings one protection in line with what is wanted; each call only when something differs. */
function align(ss: Spreadsheet, p: Protection, w: WantedProtection, keep: readonly string[]): boolean {
  let changed = false;
  if (p.getDescription() !== w.description) {
    p.setDescription(w.description);
    changed = true;
  }
  if (w.columns) {
    const r = p.getRange();
    if (r.getColumn() !== w.columns.column || r.getNumColumns() !== w.columns.numColumns) {
      p.setRange(sheetOf(ss, w).getRange(columnsA1(w.columns)));
      changed = true;
    }
  }
  if (p.isWarningOnly() !== w.warningOnly) {
    p.setWarningOnly(w.warningOnly);
    changed = true;
  }
  if (w.warningOnly) return changed;
  const current = p.getEditors().map((u) => u.getEmail().toLowerCase());
  const wanted = new Set([...w.editors, ...keep].map((e) => e.toLowerCase()).filter(Boolean));
  const add = [...wanted].filter((e) => !current.includes(e));
  const remove = current.filter((e) => !wanted.has(e));
  if (add.length) {
    p.addEditors(add);
    changed = true;
  }
  if (remove.length) {
    p.removeEditors(remove);
    changed = true;
  }
  if (p.canDomainEdit()) {
    p.setDomainEdit(false);
    changed = true;
  }
  if (w.unprotected) {
    const u = w.unprotected;
    const open = p.getUnprotectedRanges();
    const same =
      open.length === 1 &&
      open[0].getRow() === u.row &&
      open[0].getColumn() === u.column &&
      open[0].getNumColumns() === u.numColumns &&
      open[0].getNumRows() === 1;
    if (!same) {
      p.setUnprotectedRanges([sheetOf(ss, w).getRange(u.row, u.column, 1, u.numColumns)]);
      changed = true;
    }
  }
  return changed;
}

/**
 * Makes the workbook's protections match `wanted`: ours are found by description, so a re-run
 * updates them in place, removes duplicates and ones no longer wanted, and never adds a second.
 * `keep` are editors never removed (the runner and the owner: Sheets keeps them anyway).
 */
export function syncProtections(
  ss: Spreadsheet,
  wanted: readonly WantedProtection[],
  keep: readonly string[],
  warningOnly: boolean,
): ProtectionReport {
  const report: ProtectionReport = { created: 0, updated: 0, removed: 0, warningOnly, skipped: [] };
  const types = SpreadsheetApp.ProtectionType;
  const ours = new Map<string, Protection[]>();
  for (const p of [...ss.getProtections(types.SHEET), ...ss.getProtections(types.RANGE)]) {
    const d = p.getDescription();
    if (d.startsWith(PROTECTION_PREFIX)) ours.set(keyOf(d), [...(ours.get(keyOf(d)) ?? []), p]);
  }
  for (const w of wanted) {
    const key = keyOf(w.description);
    const [found, ...duplicates] = ours.get(key) ?? [];
    ours.delete(key);
    try {
      for (const d of duplicates) {
        d.remove();
        report.removed++;
      }
      // A tab has one sheet protection: protect() hands back an existing one made by hand.
      const p = found ?? create(ss, w);
      const changed = align(ss, p, w, keep);
      if (!found) report.created++;
      else if (changed) report.updated++;
    } catch (e) {
      report.skipped.push(`${key}: ${String((e as Error).message ?? e)}`);
    }
  }
  for (const [key, rest] of ours) {
    for (const p of rest) {
      try {
        p.remove();
        report.removed++;
      } catch (e) {
        report.skipped.push(`${key}: ${String((e as Error).message ?? e)}`);
      }
    }
  }
  return report;
}
