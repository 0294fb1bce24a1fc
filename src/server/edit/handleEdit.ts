import { langOfLocale, tableDef, type DataTableKey, type Lang } from '../../schema';
import { isCrmError, roleLabel, sameValue, type Values } from '../../core';
import { noteText, planEdit, type EditCounts } from '../../core/edits';
import { asCrmError, Authority } from '../auth';
import { openContext, type Context } from '../context';
import { refLookup } from '../services/save';
import { markCell, writeMarks, writeValues } from './apply';
import { previousValue, readEvent, tableOfTab, type EditEvent } from './event';

export interface EditReport extends EditCounts {
  ok: boolean;
  /** The table the edit was in; null when the edit was not in a table tab (nothing to do). */
  table: DataTableKey | null;
  /** Why the edit could not be processed (busy, a broken header...), when it could not. */
  problem?: string;
}

const isBusyNote = (note: string) => note === noteText('busy', 'zh') || note === noteText('busy', 'en');
const NOTHING: EditCounts = { rows: 0, created: 0, invalid: 0, restored: 0, refused: 0 };
/** Minutes since 2020: grows past any count of saves a record can have had (see planEdit). */
const versionFloor = () => Math.floor((Date.now() - Date.UTC(2020, 0, 1)) / 60000);

/** The editor's rights; null when Apps Script does not say who typed (nothing can be checked). */
function editorRights(ctx: Context, key: DataTableKey, editor: string) {
  if (!editor) return { permits: null, roleName: '' };
  const auth = new Authority(editor, ctx.settings, ctx.lang);
  const permits = (before: Values | null, after: Values) => auth.canWrite(key, before, after, (t, id) => ctx.store.record(t, id));
  return { permits, roleName: roleLabel(auth.actor.role)[ctx.lang] };
}

/** Under the lock: one read of the table, the plan, then log, values, notes and highlights. */
function applyEdit(ctx: Context, key: DataTableKey, event: EditEvent): EditReport {
  const t = ctx.store.load(key);
  const sheet = t.sheet as GoogleAppsScript.Spreadsheet.Sheet;
  const top = event.range.getRow();
  const left = event.range.getColumn();
  const numRows = event.range.getNumRows();
  const numColumns = event.range.getNumColumns();
  const fieldAt = new Map([...t.layout.index].map(([field, at]) => [at, field]));
  const edited: string[] = [];
  for (let c = left - 1; c < left - 1 + numColumns; c++) if (fieldAt.has(c)) edited.push(fieldAt.get(c) as string);
  const last = Math.min(top + numRows - 1, t.grid.length);
  if (!edited.length || last < 2) return { ok: true, table: key, ...NOTHING };
  const rows = [];
  for (let r = Math.max(top, 2); r <= last; r++) rows.push({ rowNumber: r, values: t.read(t.grid[r - 1]) });
  const single = numRows === 1 && numColumns === 1;
  const column = t.def.columns.find((c) => c.key === edited[0]);
  let previous = single && column ? { value: previousValue(column, event.oldValue, ctx.timeZone, ctx.store.env.formatDate) } : null;
  // Typing the same value again over a "busy, not checked" mark is how people retry: treat it as new.
  if (previous && rows.length === 1 && sameValue(rows[0].values[edited[0]], previous.value) && isBusyNote(event.range.getNote())) previous = null;
  const idCounts = new Map<string, number>();
  for (const r of t.records) idCounts.set(String(r.id), (idCounts.get(String(r.id)) ?? 0) + 1);
  const plan = planEdit({
    table: t.def, edited, present: [...t.layout.index.keys()], rows, previous, idCounts, records: t.records,
    refState: refLookup(ctx), tableLabel: (x) => tableDef(x as DataTableKey).tab[ctx.lang],
    lang: ctx.lang, lists: ctx.settings.lists, now: ctx.now, editor: event.editor, ...editorRights(ctx, key, event.editor),
    versionFloor: versionFloor(),
  });
  // The log first: a failure after it leaves an entry for an edit that is in the cells anyway.
  ctx.store.appendHistory(plan.history);
  writeValues(t, plan.writes, ctx.lang);
  writeMarks(sheet, t, plan.marks);
  return { ok: true, table: key, ...plan.counts };
}

/**
 * handleEdit(e): the installable on-edit trigger. Checks every edited cell of a table tab against
 * the table's schema (the sidebar's rules), gives typed new rows an ID and created stamps, stamps
 * updatedAt/updatedBy and the version of changed rows, undoes typed changes to system columns,
 * marks bad values with a note and highlight (kept as typed, and logged), clears the mark once a
 * cell is fixed, and refuses changes the editor's role does not allow. Cost is flat in rows: one
 * read of the table, one write per run of written columns, one notes read and write.
 */
export function handleEdit(e?: unknown): EditReport {
  const event = readEvent(e);
  if (!event) return { ok: true, table: null, ...NOTHING };
  let lang: Lang = langOfLocale(Session.getActiveUserLocale());
  let key: DataTableKey | null = null;
  try {
    key = tableOfTab(event.range.getSheet().getName());
    if (!key) return { ok: true, table: null, ...NOTHING };
    const ctx = openContext();
    lang = ctx.lang;
    return ctx.store.withLock(() => applyEdit(ctx, key as DataTableKey, event));
  } catch (err) {
    const refusal = asCrmError(err, lang);
    if (!isCrmError(refusal)) throw err;
    // A trigger has nobody to answer: the cell says what happened, the execution log keeps it.
    console.error(`handleEdit: ${refusal.message}`);
    const busy = refusal.errors[0]?.code === 'busy';
    try {
      markCell(event.range, busy ? noteText('busy', lang) : noteText('broken', lang, { reason: refusal.message }));
    } catch {
      // The mark is a courtesy; the report and the log carry the problem.
    }
    return { ok: false, table: key, ...NOTHING, problem: refusal.message };
  }
}
