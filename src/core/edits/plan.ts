import { checkMembers, checkRefs, checkUnique } from '../integrity';
import { isWritable, sameValue } from '../records';
import { applyRules } from '../rules';
import { nextUpdatedAt, stampSeconds, stampText } from '../stamps';
import { validateField, type Values } from '../validate';
import type { FieldError } from '../errors';
import { assignIds, columnOf, identify, isBlank, shown, type RowIdentity } from './identity';
import { noteText } from './notes';
import type { EditInput, EditPlan } from './types';

/** Stamps the edit itself writes on every changed row: a paste over them needs no note. */
const RESTAMPED = ['updatedAt', 'updatedBy'];
/** Fields that decide whose a record is: a paste over them cannot show the earlier owner. */
const OWNERSHIP = ['owner', 'customerId', 'leadId', 'campaignId'];

/**
 * Plans what a typed edit or paste leads to, without touching the sheet: values to write (IDs of
 * new rows, stamps, restored system cells, derived values), notes to set or clear, and history
 * rows. Bad values stay in their cells, marked; nothing the user typed is dropped.
 */
export function planEdit(input: EditInput): EditPlan {
  const plan: EditPlan = { writes: [], marks: [], history: [], counts: { rows: 0, created: 0, invalid: 0, restored: 0, refused: 0 } };
  const identified = identify(input);
  const rows = identified.filter((r) => r.id !== null || r.isNew);
  // A paste or clear that blanked a whole row, ID included: the record (if it was one) is gone
  // from the tab; its values are still on the History tab, which the note points to.
  if (input.edited.includes('id') && !input.previous) {
    for (const r of identified)
      if (r.id === null && !r.isNew) plan.marks.push({ rowNumber: r.row.rowNumber, field: 'id', note: noteText('cleared', input.lang) });
  }
  const refused = new Set<number>();
  for (const r of rows) if (!permitted(input, r)) refused.add(r.row.rowNumber);
  const ids = assignIds(
    input,
    rows.filter((r) => !refused.has(r.row.rowNumber)),
  );
  const pool: Values[] = [...input.records];
  for (const r of rows) {
    plan.counts.rows++;
    if (refused.has(r.row.rowNumber)) planRefused(input, r, plan);
    else planRow(input, r, ids.get(r.row.rowNumber) ?? r.id ?? '', pool, plan);
  }
  return plan;
}

/** The state before the edit as far as it can be known: the old cell for a single edit. */
function before(input: EditInput, r: RowIdentity, blankUnknown: readonly string[]): Values {
  const out: Values = { ...r.row.values };
  if (input.previous) for (const f of input.edited) out[f] = input.previous.value;
  else for (const f of input.edited) if (blankUnknown.includes(f)) out[f] = null;
  return out;
}

function permitted(input: EditInput, r: RowIdentity): boolean {
  if (!input.permits) return true;
  // A new row's blank owner becomes the editor (see planRow), so it is checked as theirs.
  if (r.isNew) return input.permits(null, isBlank(r.row.values.owner) ? { ...r.row.values, owner: input.editor } : r.row.values);
  return input.permits(before(input, r, OWNERSHIP), r.row.values);
}

function planRefused(input: EditInput, r: RowIdentity, plan: EditPlan): void {
  const { rowNumber, values } = r.row;
  const role = input.roleName;
  plan.counts.refused++;
  for (const field of input.edited) {
    if (!columnOf(input.table, field)) continue;
    if (r.isNew) {
      plan.marks.push({ rowNumber, field, note: noteText('forbiddenNew', input.lang, { role }) });
    } else if (input.previous) {
      const old = input.previous.value;
      if (sameValue(old, values[field])) continue;
      plan.writes.push({ rowNumber, field, value: old });
      plan.marks.push({
        rowNumber,
        field,
        note: noteText('forbiddenRestored', input.lang, { role, old: shown(old), typed: shown(values[field]) }),
      });
      plan.history.push(entry(input, r.id ?? '', field, old, values[field], `refused (${role}); restored`));
    } else {
      plan.marks.push({ rowNumber, field, note: noteText('forbidden', input.lang, { role }) });
      plan.history.push(entry(input, r.id ?? '', field, '', values[field], `refused (${role}); paste, previous value not available`));
    }
  }
  // A paste that could not be undone still moves updatedAt (the edit token) on, so no stale save lands on it.
  if (!r.isNew && !input.previous) stamp(input, r, plan, stampedFrom(input, r), false);
}

function entry(input: EditInput, recordId: string, field: string, oldValue: unknown, newValue: unknown, note?: string) {
  return {
    time: input.now,
    user: input.editor || 'unknown',
    table: input.table.key,
    recordId,
    field,
    oldValue,
    newValue,
    source: 'edit' as const,
    ...(note ? { note } : {}),
  };
}

/**
 * How far past now a replaced stamp can lie: a stamp runs ahead of the clock only by the writes to
 * one record within the same seconds (each a second past the last), far fewer than this.
 */
const STAMP_DRIFT_SECONDS = 60;

/**
 * What a row's new updatedAt must pass: the one it holds; where a paste replaced it (the one it
 * replaced is not known), the later of the pasted one and now plus the most a stamp runs ahead.
 */
function stampedFrom(input: EditInput, r: RowIdentity): unknown {
  const at = r.row.values.updatedAt;
  if (input.previous || !input.edited.includes('updatedAt')) return at;
  const now = stampSeconds(input.clock) as number;
  return stampText(Math.max(stampSeconds(at) ?? now, now + STAMP_DRIFT_SECONDS));
}

function stamp(input: EditInput, r: RowIdentity, plan: EditPlan, from: unknown, created: boolean): void {
  const w = (field: string, value: unknown) => plan.writes.push({ rowNumber: r.row.rowNumber, field, value });
  w('updatedAt', nextUpdatedAt(from, input.clock));
  w('updatedBy', input.editor || 'unknown');
  if (created) {
    w('createdAt', input.now);
    w('createdBy', input.editor || 'unknown');
    w('deleted', false);
  }
}

function planRow(input: EditInput, r: RowIdentity, id: string, pool: Values[], plan: EditPlan): void {
  const { table, lang } = input;
  const { rowNumber } = r.row;
  const values: Values = { ...r.row.values, id };
  const mark = (field: string, note: string | null) => plan.marks.push({ rowNumber, field, note });
  const write = (field: string, value: unknown) => plan.writes.push({ rowNumber, field, value });
  const writable = input.present.filter((f) => {
    const c = columnOf(table, f);
    return !!c && isWritable(c);
  });
  const edited = input.edited.filter((f) => writable.includes(f));

  if (r.isNew) {
    write('id', id);
    mark('id', r.rejectedId ? noteText('newId', lang, { typed: r.rejectedId, id }) : null);
    if (writable.includes('owner') && isBlank(values.owner) && input.editor) {
      values.owner = input.editor;
      write('owner', input.editor);
    }
  } else if (r.restoreId) {
    write('id', r.restoreId);
    mark('id', noteText('restored', lang, { old: r.restoreId, typed: shown(r.row.values.id) }));
    plan.counts.restored++;
  }

  // The same rules as a sidebar save, cell by cell (schema and lists), then uniqueness and foreign keys.
  const errors = new Map<string, FieldError>();
  const valid: Values = {};
  for (const f of writable) {
    const v = validateField(table, f, values[f], { lang, lists: input.lists });
    if (v.ok) valid[f] = v.value;
    else errors.set(f, v.errors[0]);
  }
  const checked = r.isNew ? writable : edited;
  const cross = Object.fromEntries(checked.filter((f) => !errors.has(f)).map((f) => [f, valid[f]]));
  for (const e of [
    ...checkUnique(table, cross, pool, id, lang),
    ...checkRefs(table, cross, input.refState, lang, input.tableLabel),
    ...(input.users ? checkMembers(table, cross, input.users, lang) : []),
  ]) {
    if (!errors.has(e.field)) errors.set(e.field, e);
  }
  if (input.rowCheck && !errors.size) {
    const accepted = pool.slice(input.records.length);
    // A clash the edited cells caused is marked on one of them (another typed month, a new owner...).
    for (const e of input.rowCheck({ ...values, ...valid }, id, accepted)) {
      const field = edited.includes(e.field) || !edited.length ? e.field : edited[0];
      if (!errors.has(field)) errors.set(field, e);
    }
  }
  const canonical = (f: string) => (f in valid ? valid[f] : values[f]);
  for (const f of edited) {
    const e = errors.get(f);
    mark(f, e ? noteText('invalid', lang, { reason: e.message }) : null);
    if (e) plan.counts.invalid++;
  }
  if (r.isNew)
    for (const [f, e] of errors)
      if (!edited.includes(f) && e.code === 'required') {
        mark(f, noteText('required', lang));
        plan.counts.invalid++;
      }

  const changed = r.isNew ? [] : edited.filter((f) => !input.previous || !sameValue(values[f], input.previous.value));
  // The cell holds what the log says: a valid value whose canonical form differs from what was
  // typed (spaces around it, a byte-order mark, a list's spelling) is written back canonical, as a
  // sidebar save stores it. Invalid values stay as typed, and are logged as typed.
  for (const f of r.isNew ? writable : changed) if (!errors.has(f) && f in valid && !sameValue(values[f], valid[f])) write(f, valid[f]);
  const systemPasted = restoreSystem(input, r, values, plan);
  for (const f of changed) {
    const e = errors.get(f);
    const note = e ? `invalid: ${e.message}` : input.previous ? undefined : 'paste: previous value not available';
    plan.history.push(entry(input, id, f, input.previous ? input.previous.value : '', e ? values[f] : canonical(f), note));
  }
  let snapshot: Values | null = null;
  if (r.isNew) {
    snapshot = Object.fromEntries(
      writable.filter((f) => !isBlank(values[f]) && values[f] !== false).map((f) => [f, errors.has(f) ? values[f] : canonical(f)]),
    );
    plan.history.push(entry(input, id, '*', '', snapshot, 'create'));
    for (const [f, e] of errors) if (!isBlank(values[f])) plan.history.push(entry(input, id, f, '', values[f], `invalid: ${e.message}`));
    plan.counts.created++;
  }
  if (!r.isNew && !changed.length && !systemPasted) return;

  stamp(input, r, plan, r.isNew ? null : stampedFrom(input, r), r.isNew);
  if (!errors.size) {
    const defaults = applyDerived(input, r, values, valid, plan);
    // The create entry is the record as written: defaults filled into blank cells included, so
    // replaying the log gives the row (derived values are recomputed, not replayed).
    if (snapshot) for (const [f, v] of Object.entries(defaults)) if (!columnOf(input.table, f)?.derived && !isBlank(v)) snapshot[f] = v;
  }
  pool.push({ ...values, ...valid });
}

/**
 * System and derived cells the edit covered: a single edit is undone (the old value is known); a
 * paste cannot be, so its cells are marked and the row is stamped (a pasted-over updatedAt is
 * stamped past the pasted value and now, see stampedFrom). Returns whether a pasted system cell
 * needs a stamp.
 */
function restoreSystem(input: EditInput, r: RowIdentity, values: Values, plan: EditPlan): boolean {
  const { lang } = input;
  const { rowNumber } = r.row;
  let result = false;
  for (const f of input.edited) {
    const c = columnOf(input.table, f);
    if (!c || (!c.system && !c.derived) || f === 'id') continue;
    const typed = r.row.values[f];
    if (input.previous) {
      const old = input.previous.value;
      if (sameValue(typed, old)) continue;
      plan.writes.push({ rowNumber, field: f, value: old });
      plan.marks.push({ rowNumber, field: f, note: noteText('restored', lang, { old: shown(old), typed: shown(typed) }) });
      plan.history.push(entry(input, String(values.id), f, old, typed, 'reverted: maintained by the CRM'));
      plan.counts.restored++;
    } else if (!r.isNew) {
      // A pasted updatedAt is the edit token: it could take the token back to an earlier value,
      // so the row is always stamped past it (the stamps need no note: they are rewritten).
      if (!RESTAMPED.includes(f)) plan.marks.push({ rowNumber, field: f, note: noteText('pasted', lang, { typed: shown(typed) }) });
      result = true;
    }
  }
  return result;
}

/** Defaults (new rows, blank cells only) and derived values, as a sidebar save would set them; returns what it writes. */
function applyDerived(input: EditInput, r: RowIdentity, values: Values, valid: Values, plan: EditPlan): Values {
  const next: Values = { ...valid };
  const hasOwner = input.present.includes('owner');
  applyRules(
    input.table.key,
    next,
    r.isNew ? null : before(input, r, input.edited),
    { user: input.editor || 'unknown', now: input.now, lang: input.lang },
    hasOwner && !!input.editor,
  );
  const written: Values = {};
  for (const f of input.present) {
    const c = columnOf(input.table, f);
    if (!c || c.system || !(f in next) || sameValue(next[f], values[f])) continue;
    if (c.derived || (r.isNew && isBlank(values[f]))) {
      plan.writes.push({ rowNumber: r.row.rowNumber, field: f, value: next[f] });
      written[f] = next[f];
    }
  }
  return written;
}
