import { isDataTableKey, langOfLocale, SEARCH_KEY, tableDef, type DataTableKey, type Lang } from '../../schema';
import { dayOf, isCrmError, linkTarget, roleLabel, sameValue, searchKeyOf, TARGET_KEY_FIELDS, targetErrors, type Values } from '../../core';
import { noteText, planEdit, type CellWrite, type EditCounts } from '../../core/edits';
import { keyColumnsOf, loadColumns, searchKeyChanges, type LoadedTable } from '../../store';
import { asCrmError, Authority } from '../auth';
import { openContext, type Context } from '../context';
import { refLookup } from '../operations/save';
import { deliveryLookups, deliveryRowErrors, isDeliveryTable, statusChanges, writeStatus } from '../operations/delivery';
import { markCell, writeMarks, writeValues } from './apply';
import { previousValue, readEvent, tableOfTab, type EditEvent } from './event';
import { checkHookUrl } from '../../core';
import type { CellMark } from '../../core/edits';
import { isSettingsTab } from '../lists/settingsEdit';
import { announce, type TeamEvent } from '../notify/announce';
import { becameWon, dealWonEvent } from '../notify/events';
import { documentProperties, isOutboxTab, NOTIFY_PROPS } from '../notify/outbox';
import { CALENDAR_FIELDS } from '../../core/calendar';
import { calendarMark } from '../calendar/registry';

export interface EditReport extends EditCounts {
  ok: boolean;
  /** The table the edit was in; null when the edit was not in a table tab (nothing to do). */
  table: DataTableKey | null;
  /** Why the edit could not be processed (busy, a broken header...), when it could not. */
  problem?: string;
}

/** The text of an "unchecked" note before its reason, per language. */
const uncheckedPrefix = (lang: Lang) => noteText('unchecked', lang, { reason: '\u0000' }).split('\u0000')[0];
/** A mark asking for the edit again (busy, or a Google service failure): the cell's value was never checked or logged. */
const asksForRetry = (note: string) =>
  note.startsWith(noteText('busy', 'zh')) ||
  note.startsWith(noteText('busy', 'en')) ||
  note.startsWith(uncheckedPrefix('zh')) ||
  note.startsWith(uncheckedPrefix('en'));
/**
 * The last line of a retry mark on a single typed cell: the value the cell held before (as the
 * event reported it), so the edit typed again is checked against it. Without it a retyped value
 * could not be undone when the editor's role may not change the record (Sheets then reports the
 * typed value as its own old value).
 */
const PREVIOUS_LINE = '\n原值 / previous: ';
function withPrevious(note: string, event: EditEvent): string {
  if (event.range.getNumRows() !== 1 || event.range.getNumColumns() !== 1) return note;
  // A cell already marked by an earlier attempt keeps that attempt's previous value (Sheets reports
  // the retyped value as its own old value).
  let mark = '';
  try {
    mark = event.range.getNote();
  } catch {
    // Not known: the mark is still written, with this event's old value.
  }
  const earlier = asksForRetry(mark) ? previousOfMark(mark) : undefined;
  return `${note}${PREVIOUS_LINE}${JSON.stringify(earlier ?? event.oldValue ?? '')}`;
}
function previousOfMark(note: string): string | undefined {
  const at = note.lastIndexOf(PREVIOUS_LINE);
  if (at < 0) return undefined;
  try {
    const v: unknown = JSON.parse(note.slice(at + PREVIOUS_LINE.length));
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
const NOTHING: EditCounts = { rows: 0, created: 0, invalid: 0, restored: 0, refused: 0 };

/** The editor's rights; null when Apps Script does not say who typed (nothing can be checked). */
function editorRights(ctx: Context, key: DataTableKey, editor: string) {
  if (!editor) return { permits: null, roleName: '' };
  const auth = new Authority(editor, ctx.settings, ctx.lang);
  const permits = (before: Values | null, after: Values) => auth.canWrite(key, before, after, (t, id) => ctx.store.record(t, id));
  return { permits, roleName: roleLabel(auth.actor.role)[ctx.lang] };
}

/**
 * What the plan needs to know of rows outside the edit, read by key: how many rows carry each
 * typed ID, the records sharing a unique value, and today's highest ID (new rows draw after it).
 */
function keyedInputs(ctx: Context, key: DataTableKey, rows: readonly { rowNumber: number; values: Values }[]) {
  const def = tableDef(key);
  const inEdit = new Set(rows.map((r) => r.rowNumber));
  const typedIds = [...new Set(rows.map((r) => String(r.values.id ?? '').trim()).filter(Boolean))];
  const uniques = def.columns.filter((c) => c.unique);
  const refs = def.columns.filter((c) => c.ref || c.refs);
  const target = (c: (typeof refs)[number], id: string) => c.ref ?? linkTarget(c.refs, id) ?? '';
  const day = dayOf(ctx.now);
  ctx.store.lookups.prefetch({
    // The change log too: where its rows go is confirmed in the same read.
    tables: ['history'],
    logRows: rows.length * 2,
    ids: [
      ...typedIds.map((id) => [key, id] as [DataTableKey, string]),
      ...rows
        .flatMap((r) =>
          refs.map(
            (c) =>
              [
                target(
                  c,
                  String(r.values[c.key] ?? '')
                    .trim()
                    .toUpperCase(),
                ),
                String(r.values[c.key] ?? '')
                  .trim()
                  .toUpperCase(),
              ] as [DataTableKey, string],
          ),
        )
        .filter(([t, id]) => id && isDataTableKey(t)),
    ],
    keyed: [
      ...rows.flatMap((r) => uniques.map((c) => [key, c.key, r.values[c.key]] as [DataTableKey, string, unknown])),
      // Delivery notes and plans: the customer's lines and notes (their checks and the order's status).
      ...(deliveryLookups(
        key,
        rows.map((r) => r.values.customerId),
      ).keyed ?? []),
    ],
    newIds: [[key, day]],
  });
  const idCounts = new Map<string, number>();
  for (const r of rows) {
    const id = String(r.values.id ?? '').trim();
    if (id) idCounts.set(id, (idCounts.get(id) ?? 0) + 1);
  }
  for (const id of typedIds) {
    const elsewhere = ctx.store.lookups.rowsWithId(key, id).filter((row) => !inEdit.has(row)).length;
    idCounts.set(id, (idCounts.get(id) ?? 0) + elsewhere);
  }
  // Today's highest ID stands for all of today's: new rows draw after it.
  const [next] = ctx.store.lookups.nextIds(key, day);
  const seq = Number(next.slice((def.prefix ?? '').length + 8)) - 1;
  if (seq > 0) {
    const top = `${def.prefix ?? ''}${day}${String(seq).padStart(3, '0')}`;
    if (!idCounts.has(top)) idCounts.set(top, 1);
  }
  const records = rows
    .flatMap((r) => uniques.flatMap((c) => ctx.store.lookups.withKey(key, c.key, r.values[c.key])))
    .filter((rec) => !rows.some((r) => r.values.id === rec.id));
  return { idCounts, records };
}

/** Under the lock: the edited rows (and what they refer to) read by key, the plan, then log, values, notes and highlights. */
function applyEdit(ctx: Context, key: DataTableKey, event: EditEvent, events: TeamEvent[]): EditReport {
  const top = event.range.getRow();
  const left = event.range.getColumn();
  const numRows = event.range.getNumRows();
  const numColumns = event.range.getNumColumns();
  const first = Math.max(top, 2);
  const lastRow = top + numRows - 1;
  const edit = Array.from({ length: Math.max(0, lastRow - first + 1) }, (_, i) => first + i);
  ctx.store.readRows(new Map([[key, edit]]));
  const t = ctx.store.header(key);
  const sheet = t.sheet as GoogleAppsScript.Spreadsheet.Sheet;
  const fieldAt = new Map([...t.layout.index].map(([field, at]) => [at, field]));
  const edited: string[] = [];
  for (let c = left - 1; c < left - 1 + numColumns; c++) if (fieldAt.has(c)) edited.push(fieldAt.get(c) as string);
  // Rows past the tab's content are not part of it (as a whole-tab read would not see them).
  let end = edit.length;
  while (end > 0 && (t.grid[edit[end - 1] - 1] ?? []).every((c) => c === '' || c === null || c === undefined)) end--;
  const rows = edit.slice(0, end).map((r) => ({ rowNumber: r, values: t.read(t.grid[r - 1] ?? []) }));
  if (!edited.length || !rows.length) return { ok: true, table: key, ...NOTHING };
  const single = numRows === 1 && numColumns === 1;
  const column = t.def.columns.find((c) => c.key === edited[0]);
  let previous = single && column ? { value: previousValue(column, event.oldValue, ctx.timeZone, ctx.store.env.formatDate) } : null;
  // Typing the same value again over a "not checked, edit again" mark is how people retry: the
  // value was never logged, so it is treated as new, against the previous value the mark kept
  // (unknown for a mark without one).
  if (previous && rows.length === 1 && sameValue(rows[0].values[edited[0]], previous.value)) {
    const note = event.range.getNote();
    if (asksForRetry(note)) {
      // Unknown unless the mark kept the value from before the first attempt.
      const before = previousOfMark(note);
      previous = before === undefined || !column ? null : { value: previousValue(column, before, ctx.timeZone, ctx.store.env.formatDate) };
    }
  }
  const { idCounts, records } = keyedInputs(ctx, key, rows);
  const plan = planEdit({
    table: t.def,
    edited,
    present: [...t.layout.index.keys()],
    rows,
    previous,
    idCounts,
    records,
    refState: refLookup(ctx),
    users: ctx.settings.users,
    tableLabel: (x) => tableDef(x as DataTableKey).tab[ctx.lang],
    lang: ctx.lang,
    lists: ctx.settings.lists,
    now: ctx.now,
    editor: event.editor,
    ...editorRights(ctx, key, event.editor),
    clock: ctx.clock,
    ...(key === 'targets' ? { rowCheck: targetCheck(ctx, rows) } : {}),
    ...(isDeliveryTable(key) ? { rowCheck: deliveryCheck(ctx, key, rows) } : {}),
  });
  // Typed delivery notes set their orders' 发货状态 (a row left marked invalid does not count);
  // read before the edit's writes are queued.
  const status =
    key === 'deliveryNotes'
      ? typedStatus(ctx, rows, plan.marks, edited, previous, event, (r) => afterRow(t, r.rowNumber, plan.writes, r.values))
      : [];
  // The log rows, the values and the key index go out in one batched write when the lock is released.
  ctx.store.appendHistory(plan.history);
  const calendar = key === 'followUps' ? calendarWrites(ctx, t, rows, edited, plan.writes, previous, event) : [];
  writeValues(ctx.store, t, [...plan.writes, ...searchKeyWrites(t, rows, edited, plan.writes), ...calendar], ctx.lang);
  writeMarks(sheet, t, plan.marks);
  // The key index follows typed keys (IDs, customer IDs, unique values) and the IDs the plan gave.
  const keyed = new Set(keyColumnsOf(key).map((c) => c.field));
  const touched = new Set(plan.writes.filter((w) => keyed.has(w.field)).map((w) => w.rowNumber));
  if (edited.some((f) => keyed.has(f))) for (const r of rows) touched.add(r.rowNumber);
  // ID cells the plan filled or cleared (as the sheet held them before its writes) keep the
  // index's count of the tab's IDs in step with its sentinel.
  const idAt = t.layout.index.get('id');
  const filled = (row: number) => (idAt === undefined ? false : !['', null, undefined].includes(t.grid[row - 1]?.[idAt] as string));
  const idDelta = plan.writes.filter((w) => w.field === 'id').reduce((n, w) => n + (w.value ? 1 : 0) - (filled(w.rowNumber) ? 1 : 0), 0);
  writeStatus(ctx, status, 'edit');
  ctx.store.editedRows(
    key,
    rows
      .filter((r) => touched.has(r.rowNumber))
      .map((r) => ({
        row: r.rowNumber,
        before: [r.values, ...previousRow(r.values, edited, previous, event)],
        after: afterRow(t, r.rowNumber, plan.writes, r.values),
      })),
    idDelta,
  );
  // A stage typed to won is announced once the edit is committed. One cell: the stage before is
  // known. A paste (Sheets gives no values before): the rows this edit gave their first won date,
  // which the rules set exactly when an opportunity becomes won for the first time.
  if (key === 'opportunities' && previous && edited[0] === 'stage' && rows.length === 1 && !plan.counts.invalid && !plan.counts.refused) {
    const after = afterRow(t, rows[0].rowNumber, plan.writes, rows[0].values);
    if (becameWon({ ...after, stage: previous.value }, after)) events.push(dealWonEvent(after, ctx.lang));
  } else if (key === 'opportunities' && edited.includes('stage')) {
    const firstWon = new Set(plan.writes.filter((w) => w.field === 'wonAt' && w.value).map((w) => w.rowNumber));
    for (const r of rows) {
      if (!firstWon.has(r.rowNumber)) continue;
      const after = afterRow(t, r.rowNumber, plan.writes, r.values);
      if (becameWon({ ...after, stage: null }, after)) events.push(dealWonEvent(after, ctx.lang));
    }
  }
  return { ok: true, table: key, ...plan.counts };
}

/**
 * handleEdit(e): the installable on-edit trigger. Checks every edited cell of a table tab against
 * the table's schema (the sidebar's rules), gives typed new rows an ID and created stamps, stamps
 * updatedAt/updatedBy of changed rows (updatedAt, the edit token, always moves on), undoes typed changes to system columns,
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
    const tab = event.range.getSheet().getName();
    key = tableOfTab(tab);
    if (!key && isOutboxTab(tab)) {
      // An admin set a message back to 待发送 (to send it again): the next delivery run looks.
      documentProperties().setProperty(NOTIFY_PROPS.pending, '1');
      return { ok: true, table: null, ...NOTHING };
    }
    if (!key) return isSettingsTab(tab) ? checkTypedWebhooks(event) : { ok: true, table: null, ...NOTHING };
    const ctx = openContext();
    lang = ctx.lang;
    const events: TeamEvent[] = [];
    const report = ctx.store.withLock(() => applyEdit(ctx, key as DataTableKey, event, events));
    if (events.length) announce(events, ctx.settings.users, ctx.lang, { mail: false });
    return report;
  } catch (err) {
    const refusal = asCrmError(err, lang);
    if (!isCrmError(refusal)) throw err;
    // A trigger has nobody to answer: the cell says what happened, the execution log keeps it.
    console.error(`handleEdit: ${refusal.message}`);
    const code = refusal.errors[0]?.code;
    const note =
      code === 'busy'
        ? noteText('busy', lang)
        : code === 'google_failed'
          ? noteText('unchecked', lang, { reason: refusal.message })
          : noteText('broken', lang, { reason: refusal.message });
    try {
      markCell(event.range, code === 'busy' || code === 'google_failed' ? withPrevious(note, event) : note);
    } catch {
      // The mark is a courtesy; the report and the log carry the problem.
    }
    return { ok: false, table: key, ...NOTHING, problem: refusal.message };
  }
}

/**
 * An edit of the settings tab: each edited row of type 通知/Webhook whose URL is not https on a
 * known robot host gets the CRM's note and highlight on its URL cell (kept as typed; such a row is
 * never used: parseSettings skips it); a fixed URL has its mark cleared. Reads only the edited rows.
 */
function checkTypedWebhooks(event: EditEvent): EditReport {
  const ctx = openContext();
  const top = Math.max(event.range.getRow(), 2);
  const last = event.range.getRow() + event.range.getNumRows() - 1;
  const numbers = Array.from({ length: Math.max(0, last - top + 1) }, (_, i) => top + i);
  if (!numbers.length) return { ok: true, table: null, ...NOTHING };
  ctx.store.readRows(new Map([['settings', numbers]]));
  const t = ctx.store.header('settings');
  if (!t.sheet) return { ok: true, table: null, ...NOTHING };
  const marks: CellMark[] = [];
  for (const r of numbers) {
    const v = t.read(t.grid[r - 1] ?? []);
    if (v.type !== '通知') continue;
    const checked = checkHookUrl(String(v.value ?? ''), ctx.lang);
    marks.push({
      rowNumber: r,
      field: 'value',
      note: 'error' in checked ? noteText('invalid', ctx.lang, { reason: checked.error.message }) : null,
    });
  }
  writeMarks(t.sheet as GoogleAppsScript.Spreadsheet.Sheet, t, marks);
  const invalid = marks.filter((m) => m.note !== null).length;
  return { ok: true, table: null, ...NOTHING, invalid };
}

/**
 * The targets' whole-row check (core/targets) against the tab's other rows: their key columns in
 * one read (the tab is small), the rows of the edit itself left out (they are checked in order).
 */
function targetCheck(ctx: Context, rows: readonly { rowNumber: number }[]) {
  const t = loadColumns(ctx.store, 'targets', [...TARGET_KEY_FIELDS, 'deleted']);
  const inEdit = new Set(rows.map((r) => r.rowNumber));
  const others = t.records.filter((_, i) => !inEdit.has(t.rowNumbers[i]));
  return (values: Values, id: string, accepted: readonly Values[]) =>
    targetErrors(values, [...others, ...accepted], id, ctx.settings.users, ctx.lang);
}

/**
 * The delivery checks (core/workflows/delivery) of a typed note or plan against its order and the
 * customer's other notes, read by key; the rows of the edit itself are left out of those (they are
 * checked in order, each against the ones accepted before it).
 */
function deliveryCheck(ctx: Context, key: DataTableKey, rows: readonly { values: Values }[]) {
  const inEdit = new Set(rows.map((r) => String(r.values.id ?? '').trim()).filter(Boolean));
  return (values: Values, id: string, accepted: readonly Values[]) =>
    deliveryRowErrors(ctx, key, values, id, accepted, (r) => inEdit.has(String(r.id)));
}

/** The orders' status changes after typed notes: marked rows count as not there. */
function typedStatus(
  ctx: Context,
  rows: readonly { rowNumber: number; values: Values }[],
  marks: readonly CellMark[],
  edited: readonly string[],
  previous: { value: unknown } | null,
  event: EditEvent,
  after: (r: { rowNumber: number; values: Values }) => Values,
) {
  const bad = new Set(marks.filter((m) => m.note !== null && m.field !== 'id').map((m) => m.rowNumber));
  const written = rows.map((r): Values => ({ ...after(r), ...(bad.has(r.rowNumber) ? { deleted: true } : {}) })).filter((v) => v.id);
  const before = rows.flatMap((r) => previousRow(r.values, edited, previous, event));
  return statusChanges(ctx, written, before);
}

/** A row's values before the edit, as far as known: a single typed cell's old value; else unknown. */
function previousRow(values: Values, edited: readonly string[], previous: { value: unknown } | null, event: EditEvent): Values[] {
  if (!previous || event.range.getNumRows() !== 1) return [];
  return [{ ...values, [edited[0]]: previous.value }];
}

/**
 * Typed next times, plans, customers or owners of follow-ups: rows whose calendar event no longer
 * says what they do are marked for their owner's sync (src/server/calendar), in the edit's write.
 */
function calendarWrites(
  ctx: Context,
  t: LoadedTable,
  rows: readonly { rowNumber: number; values: Values }[],
  edited: readonly string[],
  writes: readonly CellWrite[],
  previous: { value: unknown } | null,
  event: EditEvent,
): CellWrite[] {
  if (!t.layout.index.has('calendarSync') || !edited.some((f) => (CALENDAR_FIELDS as readonly string[]).includes(f))) return [];
  return rows.flatMap((r) => {
    const after = afterRow(t, r.rowNumber, writes, r.values);
    if (!after.id || after.calendarSync === true) return [];
    const before = previousRow(r.values, edited, previous, event)[0] ?? null;
    return calendarMark(ctx, before, after) ? [{ rowNumber: r.rowNumber, field: 'calendarSync', value: true }] : [];
  });
}

/** A row's values after the plan's writes. */
function afterRow(t: LoadedTable, row: number, writes: readonly CellWrite[], values: Values): Values {
  const out = { ...values };
  for (const w of writes) if (w.rowNumber === row && t.layout.index.has(w.field)) out[w.field] = w.value;
  return out;
}

/** New search keys of the rows whose searched fields, ID, stamps or deleted flag the edit changed. */
function searchKeyWrites(
  t: LoadedTable,
  rows: readonly { rowNumber: number; values: Values }[],
  edited: readonly string[],
  writes: readonly CellWrite[],
): CellWrite[] {
  if (!t.def.searchable || !t.layout.index.has(SEARCH_KEY)) return [];
  const changes = (f: string) => searchKeyChanges(t.def, f);
  const touched = new Set(writes.filter((w) => changes(w.field)).map((w) => w.rowNumber));
  if (edited.some(changes)) for (const r of rows) touched.add(r.rowNumber);
  return rows
    .filter((r) => touched.has(r.rowNumber))
    .flatMap((r) => {
      const after = afterRow(t, r.rowNumber, writes, r.values);
      return after.id ? [{ rowNumber: r.rowNumber, field: SEARCH_KEY, value: searchKeyOf(t.def, after) }] : [];
    });
}
