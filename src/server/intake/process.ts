import { DUPLICATE_FIELDS, tableDef, type DataTableKey } from '../../schema';
import { dayOf, fieldError, ownerOf, type FieldError, type Values } from '../../core';
import {
  collectHits,
  duplicateProbes,
  formSource,
  keptToValues,
  mapAnswers,
  type Answer,
  type DuplicateHit,
  type FormField,
  type FormMapping,
} from '../../core/workflows';
import { escapeText } from '../../store';
import type { Context } from '../context';
import { createRecord } from '../operations/save';
import { announce } from '../notify/announce';

/** What became of one submission. */
export type IntakeStatus = '待处理' | '已建线索' | '已关联';
export interface IntakeOutcome {
  responseId: string;
  /** 'seen': the response was handled before (nothing done now). */
  status: IntakeStatus | 'seen';
  leadId?: string;
  linkedTo?: { table: string; id: string; owner: string | null; reasons: string[] };
  errors?: FieldError[];
}

export interface Submission {
  responseId: string;
  formId: string;
  submittedAt: string;
  answers: readonly Answer[];
}

/** A mail to send once the step's writes are out (never inside the lock, never blocking a save). */
export interface Notice {
  to: string;
  subject: string;
  body: string;
  /** The record the submission duplicates (the team-chat message names it). */
  table: DataTableKey;
  recordId: string;
  title: string;
  /** How it matched (name, phone, email), in the workbook's language. */
  detail: string;
}

const errorText = (errors: readonly FieldError[], ctx: Context) =>
  errors
    .map((e) => {
      const label = tableDef('leads').columns.find((c) => c.key === e.field)?.label[ctx.lang];
      return label ? `${label}: ${e.message}` : e.message;
    })
    .join('\n');

/** The rows a lookup of the probes needs, for the plan's batched reads. */
function probeKeys(values: Partial<Record<FormField, string>>): [DataTableKey, string, unknown][] {
  return duplicateProbes('leads', { name: values.company, phone: values.phone, email: values.email }).map((p) => [
    p.table,
    DUPLICATE_FIELDS[p.table][p.by],
    p.value,
  ]);
}

function findHits(ctx: Context, values: Partial<Record<FormField, string>>): DuplicateHit[] {
  const probes = duplicateProbes('leads', { name: values.company, phone: values.phone, email: values.email });
  const rows = ctx.store.lookups.withKeys(probes.map((p) => [p.table, DUPLICATE_FIELDS[p.table][p.by], p.value]));
  return collectHits(probes.map((probe, i) => ({ probe, field: DUPLICATE_FIELDS[probe.table][probe.by], rows: rows[i] })));
}

/**
 * The record a duplicate submission is linked to: an existing customer first (the company is
 * already a customer), then a contact (a person of one), then a lead; the oldest of each.
 */
function linkTarget(hits: readonly DuplicateHit[]): DuplicateHit {
  return hits[0];
}

function summary(values: Partial<Record<FormField, string>>, ctx: Context): string {
  return Object.entries(values)
    .map(([k, v]) => `${tableDef('leads').columns.find((c) => c.key === k)?.label[ctx.lang] ?? k}: ${v}`)
    .join('\n');
}

/**
 * One submission's values, in the caller's locked step: a duplicate of a customer, contact or lead
 * (folded company name, phone digits, email) is linked to that record (a change-log entry on it,
 * source 'form', which its history and the customer 360 view show, and a mail to its owner); else
 * the values become a lead through the same checks as saveRecord (source: the form's option).
 * Returns what happened and the intake columns to write; nothing is written when `errors`.
 */
function settle(
  ctx: Context,
  values: Partial<Record<FormField, string>>,
  responseId: string,
  notices: Notice[],
): { outcome: Omit<IntakeOutcome, 'responseId'>; row: Values } {
  const hits = findHits(ctx, values);
  if (hits.length) {
    const hit = linkTarget(hits);
    const owner = ownerOf(hit.table, hit.record, (t, id) => ctx.store.record(t, id));
    const reasons = hit.reasons.map(
      (r) =>
        ({
          name: ctx.lang === 'zh' ? '名称' : 'name',
          phone: ctx.lang === 'zh' ? '电话' : 'phone',
          email: ctx.lang === 'zh' ? '邮箱' : 'email',
        })[r],
    );
    ctx.store.appendHistory([
      {
        time: ctx.now,
        user: ctx.user,
        table: hit.table,
        recordId: hit.id,
        field: 'formSubmission',
        oldValue: '',
        newValue: summary(values, ctx),
        source: 'form',
        note: `${ctx.lang === 'zh' ? '表单再次提交，匹配' : 'form submission matching by'} ${reasons.join(', ')} (${responseId})`,
      },
    ]);
    if (owner) {
      const name = String(hit.record[tableDef(hit.table).titleField] ?? hit.id);
      notices.push({
        table: hit.table,
        recordId: hit.id,
        title: name,
        detail: `${ctx.lang === 'zh' ? '表单提交匹配' : 'form submission matching by'} ${reasons.join(', ')} (${responseId})`,
        to: owner,
        subject:
          ctx.lang === 'zh'
            ? `[CRM] 表单提交与你的${tableDef(hit.table).record.zh}“${name}”重复`
            : `[CRM] A form submission matches your ${tableDef(hit.table).record.en} "${name}"`,
        body: `${ctx.lang === 'zh' ? '一条表单提交与现有记录重复，未新建线索，已关联到' : 'A form submission matched an existing record; no lead was created. Linked to'} ${hit.table} ${hit.id} (${reasons.join(', ')}).\n\n${summary(values, ctx)}`,
      });
    }
    const linkedTo = { table: hit.table, id: hit.id, owner, reasons: hit.reasons };
    return {
      outcome: { status: '已关联', linkedTo },
      row: { status: '已关联', linkedTo: `${hit.table}:${hit.id}`, errors: null, leadId: null },
    };
  }
  const input: Values = { ...values, source: formSource(ctx.settings.lists.source) };
  const created = createRecord(ctx, 'leads', input, 'form', { assign: true });
  if (!created.ok)
    return {
      outcome: { status: '待处理', errors: created.errors },
      row: { status: '待处理', errors: errorText(created.errors, ctx), leadId: null, linkedTo: null },
    };
  const leadId = String(created.record.id);
  return { outcome: { status: '已建线索', leadId }, row: { status: '已建线索', leadId, errors: null, linkedTo: null } };
}

/**
 * The plan of one submission's step, in the plan's reads: the intake tab's header and its first
 * column (where setup puts the response IDs), the leads' ID directory, the duplicate lookups.
 * Returns the intake's first column as read (null when the tab is missing).
 */
function prefetch(ctx: Context, values: Partial<Record<FormField, string>>): unknown[] | null {
  const found = ctx.store.findSheet(tableDef('formIntake'));
  let first: unknown[] | null = null;
  const blocks = found
    ? [
        {
          block: { sheet: found.name, row: 1, column: 1, numRows: null, numColumns: 1 },
          accept: (v: unknown[][]) => {
            first = v.map((r) => r[0]);
          },
        },
      ]
    : [];
  ctx.store.lookups.prefetch({
    tables: ['leads', 'customers', 'contacts', 'history', 'formIntake'],
    newIds: [['leads', dayOf(ctx.now)]],
    keyed: probeKeys(values),
    blocks,
  });
  return first;
}

/** The intake tab's response IDs: the first column read with the plan when it holds them, else that column read now. */
function intakeIds(ctx: Context, first: unknown[] | null): Iterable<unknown> {
  if (first && ctx.store.header('formIntake').layout.index.get('responseId') === 0) return first.slice(1);
  return ctx.store.lookups.column('formIntake', 'responseId').values();
}

/**
 * One submission in one locked step (the caller holds the lock): skipped when its response ID is on
 * the intake tab already (handled before); else the answers are checked (shape, control
 * characters, length), then linked or made a lead, and the intake row written with it: the lead,
 * the log and the intake row go out in one batched write, so the response is handled exactly once.
 */
export function handleSubmission(ctx: Context, sub: Submission, mapping: FormMapping, notices: Notice[]): IntakeOutcome {
  const mapped = mapAnswers(sub.answers, mapping, ctx.lang);
  const first = prefetch(ctx, mapped.values);
  // The intake tab's response IDs (one small column, read under the lock): handled before, skipped.
  for (const v of intakeIds(ctx, first)) {
    if (String(v).replace(/^'/, '') === sub.responseId) return { responseId: sub.responseId, status: 'seen' };
  }
  let result: { outcome: Omit<IntakeOutcome, 'responseId'>; row: Values };
  if (mapped.errors.length) {
    result = { outcome: { status: '待处理', errors: mapped.errors }, row: { status: '待处理', errors: errorText(mapped.errors, ctx) } };
  } else {
    result = settle(ctx, mapped.values, sub.responseId, notices);
  }
  ctx.store.append('formIntake', [
    {
      responseId: sub.responseId,
      submittedAt: sub.submittedAt,
      formId: sub.formId,
      processedAt: ctx.now,
      ...mapped.kept,
      answers: JSON.stringify(mapped.raw).slice(0, 45000),
      ...result.row,
    },
  ]);
  return { responseId: sub.responseId, ...result.outcome };
}

/**
 * retryIntake's step: the intake row (as an admin corrected its answer columns) checked and
 * settled again; its status, lead, link and errors cells are rewritten in place.
 */
export function retryRow(ctx: Context, row: number, notices: Notice[]): IntakeOutcome | { error: FieldError } {
  const intake = ctx.store.load('formIntake');
  const i = intake.rowNumbers.indexOf(row);
  const rec = i >= 0 ? intake.records[i] : null;
  if (!rec || !rec.responseId) return { error: fieldError('row', 'intake_row', ctx.lang, { row }) };
  if (rec.status !== '待处理') return { error: fieldError('row', 'intake_done', ctx.lang, { row, status: String(rec.status ?? '') }) };
  const kept: Partial<Record<FormField, unknown>> = {
    company: rec.company,
    contactName: rec.contactName,
    phone: rec.phone,
    email: rec.email,
    industry: rec.industry,
    notes: rec.notes,
  };
  const { values, errors } = keptToValues(kept, ctx.lang);
  ctx.store.lookups.prefetch({
    tables: ['leads', 'customers', 'contacts', 'history'],
    newIds: [['leads', dayOf(ctx.now)]],
    keyed: probeKeys(values),
  });
  const result = errors.length
    ? { outcome: { status: '待处理' as const, errors }, row: { status: '待处理', errors: errorText(errors, ctx) } as Values }
    : settle(ctx, values, String(rec.responseId), notices);
  const cells = { ...result.row, processedAt: ctx.now };
  const layout = intake.layout.index;
  for (const [field, value] of Object.entries(cells)) {
    const at = layout.get(field);
    if (at === undefined) continue;
    ctx.store.queueWrite({ sheet: intake.name, row, column: at + 1, numRows: 1, numColumns: 1 }, [
      [value === null || value === undefined ? '' : escapeText(String(value))],
    ]);
  }
  return { responseId: String(rec.responseId), ...result.outcome };
}

/**
 * Tells the duplicates' owners, once the step's writes are out: through announce (their team's
 * chat, else their mail with the notice's subject and body); never undoing what was saved.
 */
export function sendNotices(ctx: Context, notices: readonly Notice[]): number {
  return announce(
    notices.map((n) => ({
      kind: 'duplicateLead' as const,
      to: n.to,
      table: n.table,
      recordId: n.recordId,
      title: n.title,
      detail: n.detail,
      mail: { subject: n.subject, body: n.body },
    })),
    ctx.settings.users,
    ctx.lang,
  );
}
