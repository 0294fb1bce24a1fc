import { dayOf, findMember, foldEmail, renderTemplate, templateFields, updateStamps, type MailKind, type Values } from '../../core';
import { format, type MessageKey } from '../../schema';
import { invalidateColumns, loadColumns, loadFieldsAt, type ColumnTable } from '../../store';
import type { Context } from '../context';
import { WritePlan } from '../workflows/batch';
import { customerOf, suppressedAddresses } from './audience';
import { writeRows } from './tabs';

/** Sends per wave: each wave is marked 发送中 before its sends and settled after them. */
const WAVE = 25;
/** A 发送中 row older than this was claimed by a run that stopped before writing its outcome. */
const STALE_MINUTES = 10;
/** An execution starts no wave after this long (Apps Script stops a run at 6 minutes). */
const RUN_MS = 4 * 60 * 1000;

const RUN_FIELDS = [
  'runId',
  'campaignId',
  'sender',
  'startedAt',
  'audience',
  'filters',
  'subject',
  'body',
  'status',
  'total',
  'sent',
  'failed',
  'skipped',
  'lastRunAt',
] as const;
const KIND_OF: Readonly<Record<string, MailKind>> = { 客户: 'customers', 联系人: 'contacts', 潜在客户: 'leads' };
const kindOf = (value: unknown): MailKind => KIND_OF[String(value)] ?? 'customers';

interface RunInfo {
  row: number;
  runId: string;
  campaignId: string;
  sender: string;
  kind: MailKind;
  subject: string;
  body: string;
  status: string;
}

export function reason(ctx: Context, key: MessageKey, params: Record<string, string> = {}): string {
  return format(key, ctx.lang, params);
}

export function readRuns(ctx: Context): { table: ColumnTable; runs: RunInfo[] } {
  const table = loadColumns(ctx.store, 'mailings', RUN_FIELDS, { withoutId: true });
  const runs = table.records.map((r, i) => ({
    row: table.rowNumbers[i],
    runId: String(r.runId ?? ''),
    campaignId: String(r.campaignId ?? ''),
    sender: String(r.sender ?? ''),
    kind: kindOf(r.audience),
    subject: String(r.subject ?? ''),
    body: String(r.body ?? ''),
    status: String(r.status ?? ''),
  }));
  return { table, runs };
}

interface Claimed {
  row: number;
  runId: string;
  kind: MailKind;
  recordId: string;
  email: string;
}

interface Outcome {
  status: '已发送' | '失败' | '待发送' | '已跳过';
  reason: string | null;
  sentAt: string | null;
}

/** What the sends of one execution render from: the recipients' records, read once by columns. */
class Renderer {
  private readonly kinds = new Map<MailKind, { records: Map<string, Values>; customers: Map<string, Values> }>();
  readonly suppressed: Set<string>;
  /** What the runs' templates name, per kind and table: only those columns are read. */
  private readonly need = new Map<MailKind, { self: Set<string>; customer: Set<string> }>();
  constructor(
    private readonly ctx: Context,
    runs: readonly RunInfo[],
  ) {
    this.suppressed = suppressedAddresses(ctx);
    for (const r of runs) {
      const f = templateFields(r.kind, [r.subject, r.body]);
      const n = this.need.get(r.kind) ?? { self: new Set<string>(), customer: new Set<string>() };
      f.self.forEach((x) => n.self.add(x));
      f.customer.forEach((x) => n.customer.add(x));
      this.need.set(r.kind, n);
    }
  }
  private of(kind: MailKind) {
    let hit = this.kinds.get(kind);
    if (!hit) {
      const live = (t: ColumnTable) => new Map(t.records.filter((r) => r.deleted !== true).map((r) => [String(r.id), r]));
      const n = this.need.get(kind);
      const own = live(loadColumns(this.ctx.store, kind, ['email', 'customerId', 'unsubscribed', ...(n?.self ?? [])]));
      const customers = kind === 'contacts' ? live(loadColumns(this.ctx.store, 'customers', [...(n?.customer ?? [])])) : null;
      hit = { records: own, customers: customers ?? (kind === 'customers' ? own : new Map<string, Values>()) };
      this.kinds.set(kind, hit);
    }
    return hit;
  }
  record(kind: MailKind, id: string): Values | undefined {
    return this.of(kind).records.get(id);
  }
  customer(kind: MailKind, id: string): Values | null {
    return customerOf(this.of(kind), kind, id);
  }
  render(run: RunInfo, id: string): { subject: string; body: string } {
    const self = this.record(run.kind, id) ?? {};
    const customer = this.customer(run.kind, id);
    return {
      subject: renderTemplate(run.kind, run.subject, self, customer, this.ctx.lang),
      body: renderTemplate(run.kind, run.body, self, customer, this.ctx.lang),
    };
  }
}

export interface SendReport {
  sent: number;
  failed: number;
  skipped: number;
  /** Left queued: the daily quota or the execution's time ran out, or MailApp failed (retried on resume). */
  waiting: number;
  /** Sending stopped for the day: the quota is used up. */
  quotaLeft: number;
}

/**
 * Sends the queued recipients of `runIds` (runs of this execution's user), wave by wave within
 * the daily quota and the execution's time. Each wave: one locked step claims up to WAVE queued
 * rows (marked 发送中 with the time, before any send, so a run cut off never sends them again:
 * the next run marks them failed as interrupted), the sends, then one locked step writes the
 * outcomes, the follow-ups (method 邮件; a lead's in its change log), the mailing's counts and
 * the campaign's 已发邮件.
 */
export function sendWaves(ctx: Context, runIds: ReadonlySet<string>): SendReport {
  const report: SendReport = { sent: 0, failed: 0, skipped: 0, waiting: 0, quotaLeft: 0 };
  if (!runIds.size) return report;
  const started = new Date().getTime();
  const renderer = new Renderer(
    ctx,
    readRuns(ctx).runs.filter((r) => runIds.has(r.runId)),
  );
  const senderName = findMember(ctx.settings.users, ctx.user)?.name || undefined;
  for (;;) {
    const claim = claimWave(ctx, runIds, report);
    if (!claim.rows.length) break;
    const outcomes = new Map<number, Outcome>();
    let stop = false;
    for (const c of claim.rows) {
      if (stop) {
        outcomes.set(c.row, { status: '待发送', reason: null, sentAt: null });
        continue;
      }
      const run = claim.runs.get(c.runId) as RunInfo;
      const rec = renderer.record(c.kind, c.recordId);
      const email = foldEmail(c.email);
      if (!rec) {
        outcomes.set(c.row, { status: '已跳过', reason: reason(ctx, 'mail_reason_deleted'), sentAt: null });
        continue;
      }
      // Unsubscribed since the run started (anywhere): never mailed.
      if (rec.unsubscribed === true || renderer.suppressed.has(email)) {
        outcomes.set(c.row, { status: '已跳过', reason: reason(ctx, 'mail_reason_unsubscribed'), sentAt: null });
        continue;
      }
      const { subject, body } = renderer.render(run, c.recordId);
      try {
        MailApp.sendEmail({ to: c.email.trim(), subject, body, ...(senderName ? { name: senderName } : {}) });
        outcomes.set(c.row, { status: '已发送', reason: null, sentAt: minute() });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (/invalid/i.test(message) && !/too many/i.test(message)) {
          outcomes.set(c.row, { status: '失败', reason: reason(ctx, 'mail_reason_failed', { error: message }), sentAt: null });
        } else {
          // The quota, or the service failing: queued again, retried by the next run.
          outcomes.set(c.row, { status: '待发送', reason: reason(ctx, 'mail_reason_retry', { error: message }), sentAt: null });
          stop = true;
        }
      }
    }
    settleWave(ctx, claim.rows, claim.runs, outcomes, renderer, report);
    if (stop || new Date().getTime() - started > RUN_MS) break;
  }
  invalidateColumns(ctx.store);
  const left = loadColumns(ctx.store, 'mailingRecipients', ['runId', 'status'], { withoutId: true });
  report.waiting = left.records.filter((r) => runIds.has(String(r.runId ?? '')) && (r.status === '待发送' || r.status === '发送中')).length;
  report.quotaLeft = MailApp.getRemainingDailyQuota();
  return report;
}

function minute(): string {
  return Utilities.formatDate(new Date(), Session.getScriptTimeZone(), 'yyyy-MM-dd HH:mm');
}

/**
 * The claim, one locked step: stale 发送中 rows of these runs marked failed (interrupted, not
 * resent); then up to min(WAVE, remaining quota) queued rows, in tab order, marked 发送中.
 * With no quota left the runs are marked 待续 (resumed by the trigger the next day).
 */
function claimWave(ctx: Context, runIds: ReadonlySet<string>, report: SendReport): { rows: Claimed[]; runs: Map<string, RunInfo> } {
  const { store } = ctx;
  return store.withLock(() => {
    invalidateColumns(store);
    const status = loadColumns(store, 'mailingRecipients', ['runId', 'status', 'sentAt'], { withoutId: true });
    const runs = new Map(
      readRuns(ctx)
        .runs.filter((r) => runIds.has(r.runId))
        .map((r) => [r.runId, r]),
    );
    const now = minute();
    const stale = Utilities.formatDate(
      new Date(new Date().getTime() - STALE_MINUTES * 60000),
      Session.getScriptTimeZone(),
      'yyyy-MM-dd HH:mm',
    );
    const updates = new Map<number, Values>();
    const queued: number[] = [];
    status.records.forEach((r, i) => {
      const runId = String(r.runId ?? '');
      if (!runs.has(runId)) return;
      const row = status.rowNumbers[i];
      if (r.status === '待发送') queued.push(row);
      else if (r.status === '发送中' && (!r.sentAt || String(r.sentAt) <= stale)) {
        updates.set(row, { status: '失败', reason: reason(ctx, 'mail_reason_interrupted'), sentAt: r.sentAt ?? null });
        report.failed++;
      }
    });
    const quota = queued.length ? MailApp.getRemainingDailyQuota() : 0;
    const take = queued.slice(0, Math.min(WAVE, quota));
    const fields = loadFieldsAt(store, 'mailingRecipients', ['runId', 'kind', 'recordId', 'email'], take);
    const rows: Claimed[] = take.map((row) => {
      const f = fields.get(row) ?? {};
      return { row, runId: String(f.runId ?? ''), kind: kindOf(f.kind), recordId: String(f.recordId ?? ''), email: String(f.email ?? '') };
    });
    for (const c of rows) updates.set(c.row, { status: '发送中', reason: null, sentAt: now });
    const name = store.findSheet(status.def)?.name ?? '';
    writeRows(store, status, name, updates);
    // Nothing claimed (no quota left today: the runs wait for tomorrow's), or stale rows settled.
    if (!take.length && (queued.length || updates.size)) markRuns(ctx, status, [...runs.keys()], updates);
    return { rows, runs };
  });
}

/**
 * The wave's outcomes, one locked step. Rows are found again by run and record (an admin may have
 * sorted or deleted rows meanwhile); one gone is not written anywhere.
 */
function settleWave(
  ctx: Context,
  claimed: readonly Claimed[],
  runs: ReadonlyMap<string, RunInfo>,
  outcomes: ReadonlyMap<number, Outcome>,
  renderer: Renderer,
  report: SendReport,
): void {
  const { store } = ctx;
  store.withLock(() => {
    invalidateColumns(store);
    const tab = loadColumns(store, 'mailingRecipients', ['runId', 'recordId', 'status', 'sentAt', 'reason', 'followUpId'], {
      withoutId: true,
    });
    const where = new Map<string, number>();
    tab.records.forEach((r, i) => {
      if (r.status === '发送中') where.set(`${String(r.runId)}\u0001${String(r.recordId)}`, tab.rowNumbers[i]);
    });
    const plan = new WritePlan(ctx, `mail merge`);
    const updates = new Map<number, Values>();
    const sent: Claimed[] = [];
    for (const c of claimed) {
      const o = outcomes.get(c.row) as Outcome;
      const row = where.get(`${c.runId}\u0001${c.recordId}`);
      if (row === undefined) continue;
      updates.set(row, { status: o.status, reason: o.reason, sentAt: o.sentAt, followUpId: null });
      if (o.status === '已发送') sent.push(c);
      else if (o.status === '失败') report.failed++;
      else if (o.status === '已跳过') report.skipped++;
    }
    report.sent += sent.length;
    // Follow-ups for customers and contacts (on the customer); a lead's send goes in its change log.
    const logged = sent.filter((c) => c.kind !== 'leads');
    const ids = logged.length ? store.lookups.nextIds('followUps', dayOf(ctx.now), logged.length) : [];
    const followUps: Values[] = logged.map((c, i) => {
      const run = runs.get(c.runId) as RunInfo;
      const customerId = c.kind === 'customers' ? c.recordId : String(renderer.record(c.kind, c.recordId)?.customerId ?? '');
      const { subject, body } = renderer.render(run, c.recordId);
      const row = where.get(`${c.runId}\u0001${c.recordId}`) as number;
      (updates.get(row) as Values).followUpId = ids[i];
      return {
        id: ids[i],
        customerId,
        opportunityId: null,
        time: ctx.now,
        method: '邮件',
        owner: ctx.user,
        content:
          `${subject}\n\n${body}`.slice(0, 2000) +
          (ctx.lang === 'zh' ? `\n（邮件群发 ${c.runId}，收件人 ${c.email}）` : `\n(mailing ${c.runId}, to ${c.email})`),
        feedback: null,
        nextPlanAt: null,
        nextPlan: null,
        createdAt: ctx.now,
        createdBy: ctx.user,
        ...updateStamps(null, ctx.user, ctx.clock),
        deleted: false,
      };
    });
    plan.append('followUps', followUps);
    for (const c of sent.filter((x) => x.kind === 'leads')) {
      const run = runs.get(c.runId) as RunInfo;
      plan.history.push({
        time: ctx.now,
        user: ctx.user,
        table: 'leads',
        recordId: c.recordId,
        field: 'email',
        oldValue: '',
        newValue: renderer.render(run, c.recordId).subject,
        source: 'script',
        note: ctx.lang === 'zh' ? `邮件群发 ${c.runId}，发往 ${c.email}` : `mailing ${c.runId}, sent to ${c.email}`,
      });
    }
    // The campaigns' 已发邮件.
    const perCampaign = new Map<string, number>();
    for (const c of sent) {
      const id = (runs.get(c.runId) as RunInfo).campaignId;
      perCampaign.set(id, (perCampaign.get(id) ?? 0) + 1);
    }
    for (const [id, n] of perCampaign) {
      const campaign = store.record('campaigns', id);
      if (campaign) plan.update('campaigns', id, { mailsSent: (Number(campaign.mailsSent) || 0) + n }, { stamp: false, log: false });
    }
    plan.commit();
    writeRows(store, tab, store.findSheet(tab.def)?.name ?? '', updates);
    markRuns(ctx, tab, [...runs.keys()], updates);
  });
}

/** Rewrites the runs' counts and status from their recipients' rows (as they will be after `updates`). */
export function markRuns(ctx: Context, recipients: ColumnTable, runIds: readonly string[], updates: ReadonlyMap<number, Values>): void {
  const { table, runs } = readRuns(ctx);
  const counts = new Map(runIds.map((id) => [id, { total: 0, sent: 0, failed: 0, skipped: 0, open: 0 }]));
  recipients.records.forEach((r, i) => {
    const c = counts.get(String(r.runId ?? ''));
    if (!c) return;
    const status = String(updates.get(recipients.rowNumbers[i])?.status ?? r.status ?? '');
    c.total++;
    if (status === '已发送') c.sent++;
    else if (status === '失败') c.failed++;
    else if (status === '已跳过') c.skipped++;
    else c.open++;
  });
  const quota = [...counts.values()].some((c) => c.open) ? MailApp.getRemainingDailyQuota() : 1;
  const rowUpdates = new Map<number, Values>();
  for (const run of runs) {
    const c = counts.get(run.runId);
    if (!c) continue;
    const status = c.open === 0 ? '已完成' : quota <= 0 ? '待续' : '发送中';
    rowUpdates.set(run.row, { status, total: c.total, sent: c.sent, failed: c.failed, skipped: c.skipped, lastRunAt: minute() });
  }
  writeRows(ctx.store, table, ctx.store.findSheet(table.def)?.name ?? '', rowUpdates);
}

/** A recipient's rendered mail for a preview or a test. */
export function renderFor(ctx: Context, run: Pick<RunInfo, 'kind' | 'subject' | 'body'>, self: Values, customer: Values | null) {
  return {
    subject: renderTemplate(run.kind, run.subject, self, customer, ctx.lang),
    body: renderTemplate(run.kind, run.body, self, customer, ctx.lang),
  };
}
