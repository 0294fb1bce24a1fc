import { PROTECTION_PREFIX, type WantedProtection } from './protectionPlan';
import { keyOf, type ProtectionReport } from './protections';
import type { RequestBatch, RestProtection, WorkbookState } from './sheetsBatch';

type Request = GoogleAppsScript.Sheets.Schema.Request;

const NO_PERMISSION = 'You do not have permission to modify this protection.';

const isSheetWide = (p: RestProtection) => {
  const r = p.range ?? {};
  return r.startRowIndex === undefined && r.endRowIndex === undefined && r.startColumnIndex === undefined && r.endColumnIndex === undefined;
};

/**
 * syncProtections (protections.ts) through the Sheets API: the same protections, found again by
 * description, as add / update / delete requests added to `batch` (no round trip of their own).
 * Only what differs is sent; one the runner may not change is reported as skipped, not sent (a
 * request it may not make would fail the whole batch).
 */
export function syncProtectionsRest(
  state: WorkbookState,
  batch: RequestBatch,
  wanted: readonly WantedProtection[],
  keep: readonly string[],
  warningOnly: boolean,
  runner: string,
  owner: string,
): ProtectionReport {
  const report: ProtectionReport = { created: 0, updated: 0, removed: 0, warningOnly, skipped: [] };
  const lower = (e: string | undefined | null) => String(e ?? '').toLowerCase();
  const mayChange = (p: RestProtection) =>
    !runner || lower(runner) === lower(owner) || (p.editors?.users ?? []).some((u) => lower(u) === lower(runner));
  const ours = new Map<string, RestProtection[]>();
  // As ss.getProtections(SHEET) then (RANGE): sheet-wide ones first.
  const all = [...state.protections.filter(isSheetWide), ...state.protections.filter((p) => !isSheetWide(p))];
  for (const p of all) {
    const d = p.description ?? '';
    if (d.startsWith(PROTECTION_PREFIX)) ours.set(keyOf(d), [...(ours.get(keyOf(d)) ?? []), p]);
  }
  const out: Request[] = [];
  const remove = (key: string, p: RestProtection) => {
    if (!mayChange(p)) {
      report.skipped.push(`${key}: ${NO_PERMISSION}`);
      return false;
    }
    out.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
    report.removed++;
    return true;
  };
  for (const w of wanted) {
    const key = keyOf(w.description);
    const sheetId = batch.sheetId(w.sheet.name);
    const [found, ...duplicates] = ours.get(key) ?? [];
    ours.delete(key);
    if (sheetId === null) {
      report.skipped.push(`${key}: no tab ${w.sheet.name}`);
      continue;
    }
    if (!duplicates.every((d) => remove(key, d))) continue;
    const editors = [...new Set([...w.editors, ...keep].map(lower).filter(Boolean))];
    const range = w.columns
      ? { sheetId, startColumnIndex: w.columns.column - 1, endColumnIndex: w.columns.column - 1 + w.columns.numColumns }
      : { sheetId };
    const open = w.unprotected
      ? [
          {
            sheetId,
            startRowIndex: w.unprotected.row - 1,
            endRowIndex: w.unprotected.row,
            startColumnIndex: w.unprotected.column - 1,
            endColumnIndex: w.unprotected.column - 1 + w.unprotected.numColumns,
          },
        ]
      : [];
    // A tab has one sheet protection: one made by hand is taken over, as Sheet.protect() hands it back.
    const p =
      found ??
      (w.columns
        ? undefined
        : state.protections.find(
            (x) => isSheetWide(x) && x.range?.sheetId === sheetId && !(x.description ?? '').startsWith(PROTECTION_PREFIX),
          ));
    if (!p) {
      out.push({
        addProtectedRange: {
          protectedRange: {
            range,
            description: w.description,
            warningOnly: w.warningOnly,
            ...(w.warningOnly
              ? {}
              : { editors: { users: editors, domainUsersCanEdit: false }, ...(open.length ? { unprotectedRanges: open } : {}) }),
          },
        },
      });
      report.created++;
      continue;
    }
    const fields: string[] = [];
    if ((p.description ?? '') !== w.description) fields.push('description');
    if (w.columns && (p.range?.startColumnIndex !== range.startColumnIndex || p.range?.endColumnIndex !== range.endColumnIndex))
      fields.push('range');
    if ((p.warningOnly === true) !== w.warningOnly) fields.push('warningOnly');
    if (!w.warningOnly) {
      // Sheets keeps the owner and the runner as editors whatever is asked.
      const after = new Set([...editors, lower(owner), lower(runner)].filter(Boolean));
      const current = new Set((p.editors?.users ?? []).map(lower));
      if (after.size !== current.size || [...after].some((e) => !current.has(e))) fields.push('editors.users');
      if (p.editors?.domainUsersCanEdit) fields.push('editors.domainUsersCanEdit');
      const u = p.unprotectedRanges ?? [];
      const k = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'] as const;
      const same = w.unprotected ? u.length === 1 && k.every((f) => (u[0][f] ?? null) === (open[0][f] ?? null)) : true;
      if (!same) fields.push('unprotectedRanges');
    }
    if (!fields.length) continue;
    if (!mayChange(p)) {
      report.skipped.push(`${key}: ${NO_PERMISSION}`);
      continue;
    }
    out.push({
      updateProtectedRange: {
        protectedRange: {
          protectedRangeId: p.protectedRangeId,
          range,
          description: w.description,
          warningOnly: w.warningOnly,
          editors: { users: editors, domainUsersCanEdit: false },
          unprotectedRanges: open,
        },
        fields: fields.join(','),
      },
    });
    if (found) report.updated++;
    else report.created++;
  }
  for (const [key, rest] of ours) for (const p of rest) remove(key, p);
  batch.push(...out);
  return report;
}
