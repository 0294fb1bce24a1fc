import * as z from 'zod/mini';
import {
  CrmError,
  dayOf,
  findMember,
  MAIL_KIND_VALUE,
  placeholderList,
  updateStamps,
  filtersText,
  checkFilters,
  type MailKind,
  type Values,
} from '../../core';
import { foldKey } from '../../schema';
import { invalidateColumns, loadColumns } from '../../store';
import { idArg, maybeText, optionsArg, signature, text, NO_ARGS } from '../args';
import { openContext, type Context } from '../context';
import { enveloped, throwing, type Envelope } from '../entry';
import { setOwnTrigger, type TriggerSpec } from '../triggers';
import { WritePlan } from '../workflows/batch';
import { customerOf, readAudience, type Audience, type MailDraft } from './audience';
import { markRuns, readRuns, reason, renderFor, sendWaves, type SendReport } from './run';

/** A draft as the sidebar sends it: recipients (kind and filters) and the template. */
const draftArg = z.strictObject({
  kind: z.enum(['customers', 'contacts', 'leads']),
  filters: z.optional(
    optionsArg({
      tag: maybeText(100),
      industry: maybeText(100),
      region: maybeText(100),
      stage: maybeText(100),
      owner: maybeText(200),
    }),
  ),
  subject: text(250),
  body: text(10000),
});
type DraftIn = z.output<typeof draftArg>;
const asDraft = (d: DraftIn): MailDraft => ({ kind: d.kind, filters: d.filters ?? {}, subject: d.subject, body: d.body });

/**
 * Who may mail a campaign: its owner (a sales rep), managers and admins. A sales rep's recipients
 * are their own and their team's (the follow-ups logged are theirs to write): the restriction
 * returned is the actor, null for everyone.
 */
function requireCampaign(ctx: Context, id: string): { campaign: Values; restrictTo: string | null } {
  const campaign = ctx.store.record('campaigns', id);
  if (!campaign || campaign.deleted === true) throw CrmError.of('mail_campaign_missing', ctx.lang, { id });
  const role = ctx.auth.role();
  if (role === 'admin' || role === 'manager') return { campaign, restrictTo: null };
  const owner = String(campaign.owner ?? '').trim();
  const me = ctx.auth.actor.email;
  const member = findMember(ctx.settings.users, owner);
  const mine = owner !== '' && (foldKey(owner) === foldKey(me) || (!!member && foldKey(member.email) === foldKey(me)));
  if (role !== 'sales' || !mine) throw CrmError.of('mail_forbidden', ctx.lang, { owner: owner || '-' });
  return { campaign, restrictTo: me };
}

interface RecipientView {
  kind: MailKind;
  id: string;
  name: string;
  email: string;
  /** null: to be sent; else why not. */
  skip: 'no_email' | 'unsubscribed' | 'duplicate' | null;
}

interface MailPreview {
  campaign: { id: string; name: string };
  total: number;
  toSend: number;
  skipped: { no_email: number; unsubscribed: number; duplicate: number };
  /** Emails MailApp may still send today (the run sends this many, then resumes the next day). */
  quota: number;
  placeholders: { zh: string; en: string; customer: boolean }[];
  /** The first `limit` recipients, in tab order. */
  recipients: RecipientView[];
  preview: { id: string; name: string; to: string; subject: string; body: string } | null;
}

function previewOf(ctx: Context, a: Audience, draft: MailDraft, recipientId: string | null) {
  const pick = recipientId ? a.planned.find((p) => p.id === recipientId) : (a.planned.find((p) => !p.skip) ?? a.planned[0]);
  if (recipientId && !pick) throw CrmError.of('mail_not_recipient', ctx.lang, { id: recipientId }, 'recipientId');
  if (!pick) return null;
  const mail = renderFor(
    ctx,
    { kind: draft.kind, subject: draft.subject, body: draft.body },
    a.records.get(pick.id) ?? {},
    customerOf(a, draft.kind, pick.id),
  );
  return { id: pick.id, name: pick.name, to: pick.email, ...mail };
}

/**
 * previewMailMerge(campaignId, draft, { recipientId?, limit? }): the recipients a draft reaches
 * (counts, who is skipped and why), today's quota, the placeholders, and the mail one recipient
 * would get (the first to be sent, or `recipientId`). Nothing is written. A placeholder naming no
 * field, or a filter that does not apply to the kind, is a clear error.
 */
export const previewMailMerge = throwing(
  signature(
    ['campaignId', 'draft', 'options'],
    idArg,
    draftArg,
    z.optional(optionsArg({ recipientId: z.optional(idArg), limit: z.optional(z.number().check(z.gte(1), z.lte(500))) })),
  ),
  (campaignId, d, given): MailPreview => {
    const options = given ?? {};
    const ctx = openContext();
    const { campaign, restrictTo } = requireCampaign(ctx, campaignId);
    const draft = asDraft(d);
    const a = readAudience(ctx, draft, restrictTo);
    const count = (why: string) => a.planned.filter((p) => p.skip === why).length;
    return {
      campaign: { id: campaignId, name: String(campaign.name ?? '') },
      total: a.planned.length,
      toSend: a.planned.filter((p) => !p.skip).length,
      skipped: { no_email: count('no_email'), unsubscribed: count('unsubscribed'), duplicate: count('duplicate') },
      quota: MailApp.getRemainingDailyQuota(),
      placeholders: placeholderList(draft.kind),
      recipients: a.planned
        .slice(0, options.limit ?? 100)
        .map((p) => ({ kind: p.kind, id: p.id, name: p.name, email: p.email, skip: p.skip })),
      preview: previewOf(ctx, a, draft, options.recipientId ?? null),
    };
  },
  'write',
);

/** testMailMerge(campaignId, draft, { recipientId? }): one recipient's mail, sent to oneself (subject marked as a test). */
export const testMailMerge = enveloped(
  signature(['campaignId', 'draft', 'options'], idArg, draftArg, z.optional(optionsArg({ recipientId: z.optional(idArg) }))),
  (campaignId, d, given): Envelope<{ to: string; subject: string }> => {
    const options = given ?? {};
    const ctx = openContext();
    const { restrictTo } = requireCampaign(ctx, campaignId);
    const draft = asDraft(d);
    const me = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
    if (!me) throw CrmError.of('mail_no_self', ctx.lang);
    const a = readAudience(ctx, draft, restrictTo);
    const p = previewOf(ctx, a, draft, options.recipientId ?? null);
    if (!p) throw CrmError.of('mail_no_recipients', ctx.lang);
    if (MailApp.getRemainingDailyQuota() <= 0) throw CrmError.of('mail_quota_empty', ctx.lang);
    const subject = `${ctx.lang === 'zh' ? '[测试] ' : '[Test] '}${p.subject}`;
    MailApp.sendEmail({ to: me, subject, body: p.body });
    return { ok: true, to: me, subject };
  },
);

function newRunId(ctx: Context): string {
  const stamp = Utilities.formatDate(new Date(), ctx.timeZone, 'yyyyMMddHHmmss');
  return `MM${stamp}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, '0')
    .toUpperCase()}`;
}

/** The resume trigger of this user (installable triggers run as whoever installs them: the sender). */
const RESUME_TRIGGER: TriggerSpec = { handler: 'resumeMailMerges', kind: 'hourly', everyHours: 1 };

interface StartResult extends SendReport {
  runId: string;
  total: number;
}

/**
 * startMailMerge(campaignId, draft): records the run (a 邮件群发 row) and its recipients (one
 * 群发收件人 row each: 待发送, or 已跳过 with why) in one locked step, makes each addressed customer
 * or lead a member of the campaign (已邀请) when not one yet, then sends what today's quota and the
 * execution allow. What is left is sent by resumeMailMerges, which a trigger of the sender's runs
 * hourly until the run is done.
 */
export const startMailMerge = enveloped(signature(['campaignId', 'draft'], idArg, draftArg), (campaignId, d): Envelope<StartResult> => {
  const ctx = openContext();
  const { restrictTo } = requireCampaign(ctx, campaignId);
  const draft = asDraft(d);
  const a = readAudience(ctx, draft, restrictTo);
  if (!a.planned.some((p) => !p.skip)) throw CrmError.of('mail_no_recipients', ctx.lang);
  const runId = newRunId(ctx);
  const set = checkFilters(draft.kind, draft.filters, ctx.lang);
  const skipText = {
    no_email: 'mail_reason_no_email',
    unsubscribed: 'mail_reason_unsubscribed',
    duplicate: 'mail_reason_duplicate',
  } as const;
  ctx.store.withLock(() => {
    invalidateColumns(ctx.store);
    const kindValue = MAIL_KIND_VALUE[draft.kind];
    ctx.store.append('mailings', [
      {
        runId,
        campaignId,
        sender: ctx.user,
        startedAt: ctx.now,
        audience: kindValue,
        filters: filtersText(set, ctx.lang),
        subject: draft.subject,
        body: draft.body,
        status: '发送中',
        total: a.planned.length,
        sent: 0,
        failed: 0,
        skipped: a.planned.filter((p) => p.skip).length,
        lastRunAt: ctx.now,
      },
    ]);
    ctx.store.append(
      'mailingRecipients',
      a.planned.map((p) => ({
        runId,
        kind: kindValue,
        recordId: p.id,
        name: p.name,
        email: p.email,
        status: p.skip ? '已跳过' : '待发送',
        reason: p.skip ? reason(ctx, skipText[p.skip]) : null,
        sentAt: null,
        followUpId: null,
      })),
    );
    addMembers(ctx, campaignId, draft.kind, a);
  });
  setOwnTrigger(RESUME_TRIGGER, true);
  const report = sendWaves(ctx, new Set([runId]));
  if (!report.waiting) dropIfIdle(ctx);
  return { ok: true, runId, total: a.planned.length, ...report };
});

/** New campaign members for the customers (a contact's customer) and leads the run mails. */
function addMembers(ctx: Context, campaignId: string, kind: MailKind, a: Audience): void {
  const members = loadColumns(ctx.store, 'campaignMembers', ['campaignId', 'customerId', 'leadId']);
  const have = new Set(
    members.records.filter((m) => m.deleted !== true && m.campaignId === campaignId).map((m) => String((m.leadId || m.customerId) ?? '')),
  );
  const wanted: string[] = [];
  for (const p of a.planned) {
    if (p.skip) continue;
    const id = kind === 'contacts' ? String(a.records.get(p.id)?.customerId ?? '') : p.id;
    if (id && !have.has(id)) {
      have.add(id);
      wanted.push(id);
    }
  }
  if (!wanted.length) return;
  const ids = ctx.store.lookups.nextIds('campaignMembers', dayOf(ctx.now), wanted.length);
  const plan = new WritePlan(ctx, 'mail merge');
  plan.append(
    'campaignMembers',
    wanted.map((id, i) => ({
      id: ids[i],
      campaignId,
      memberKind: kind === 'leads' ? '潜在客户' : '客户',
      customerId: kind === 'leads' ? null : id,
      leadId: kind === 'leads' ? id : null,
      status: '已邀请',
      respondedAt: null,
      createdAt: ctx.now,
      createdBy: ctx.user,
      ...updateStamps(null, ctx.user, ctx.clock),
      deleted: false,
    })),
  );
  plan.commit();
}

/** Removes this user's resume trigger when none of their runs waits. */
function dropIfIdle(ctx: Context): void {
  invalidateColumns(ctx.store);
  const mine = readRuns(ctx).runs.filter((r) => foldKey(r.sender) === foldKey(ctx.user) && r.status !== '已完成');
  if (!mine.length) setOwnTrigger(RESUME_TRIGGER, false);
}

/**
 * resumeMailMerges(): sends what is left of this user's unfinished runs (the trigger startMailMerge
 * installs runs it hourly as the sender; the sidebar's Resume calls it too). Rows a cut-off run
 * left 发送中 are marked failed as interrupted, never resent. Removes the trigger once nothing waits.
 */
export const resumeMailMerges = throwing(
  NO_ARGS,
  (): SendReport & { runs: string[] } => {
    const ctx = openContext();
    // Runs with rows still to send (a row a person set back to 待发送 reopens a finished run).
    const open = new Set(
      loadColumns(ctx.store, 'mailingRecipients', ['runId', 'status'], { withoutId: true })
        .records.filter((r) => r.status === '待发送' || r.status === '发送中')
        .map((r) => String(r.runId ?? '')),
    );
    const mine = readRuns(ctx).runs.filter((r) => foldKey(r.sender) === foldKey(ctx.user) && (r.status !== '已完成' || open.has(r.runId)));
    const ids = new Set(mine.map((r) => r.runId));
    const report = sendWaves(ctx, ids);
    if (!report.waiting) {
      // Counts and status of runs finished by settling stale rows alone.
      ctx.store.withLock(() => {
        invalidateColumns(ctx.store);
        markRuns(ctx, loadColumns(ctx.store, 'mailingRecipients', ['runId', 'status'], { withoutId: true }), [...ids], new Map());
      });
      dropIfIdle(ctx);
    }
    return { runs: [...ids], ...report };
  },
  'write',
);

interface RunStatus {
  runId: string;
  campaignId: string;
  sender: string;
  subject: string;
  status: string;
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  startedAt: string;
  lastRunAt: string;
}

/**
 * mailMergeStatus(campaignId, { runId? }): the campaign's runs (newest first) with their counts,
 * and the recipients of one run (the newest, or `runId`) with status, reason and time.
 */
export const mailMergeStatus = throwing(
  signature(['campaignId', 'options'], idArg, z.optional(optionsArg({ runId: z.optional(text(40)) }))),
  (campaignId, given) => {
    const options = given ?? {};
    const ctx = openContext();
    const { table } = readRuns(ctx);
    const runs: RunStatus[] = table.records
      .filter((r) => String(r.campaignId ?? '') === campaignId)
      .map((r) => ({
        runId: String(r.runId ?? ''),
        campaignId,
        sender: String(r.sender ?? ''),
        subject: String(r.subject ?? ''),
        status: String(r.status ?? ''),
        total: Number(r.total) || 0,
        sent: Number(r.sent) || 0,
        failed: Number(r.failed) || 0,
        skipped: Number(r.skipped) || 0,
        startedAt: String(r.startedAt ?? ''),
        lastRunAt: String(r.lastRunAt ?? ''),
      }))
      .reverse();
    const runId = options.runId ?? runs[0]?.runId;
    if (options.runId && !runs.some((r) => r.runId === options.runId))
      throw CrmError.of('mail_run_missing', ctx.lang, { id: options.runId }, 'options.runId');
    const t = runId
      ? loadColumns(ctx.store, 'mailingRecipients', ['runId', 'kind', 'recordId', 'name', 'email', 'status', 'reason', 'sentAt'], {
          withoutId: true,
        })
      : null;
    const recipients = (t?.records ?? [])
      .filter((r) => r.runId === runId)
      .map((r) => ({
        kind: String(r.kind ?? ''),
        recordId: String(r.recordId ?? ''),
        name: String(r.name ?? ''),
        email: String(r.email ?? ''),
        status: String(r.status ?? ''),
        reason: String(r.reason ?? ''),
        sentAt: String(r.sentAt ?? ''),
      }));
    return { runs, runId: runId ?? null, recipients };
  },
);
