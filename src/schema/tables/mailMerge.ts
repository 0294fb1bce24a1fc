import { datetime, integer, longText, oneOf, text } from '../field';
import { MAILING_KINDS, MAILING_STATUSES, RECIPIENT_STATUSES } from '../options';
import { defineTable } from '../table';

/**
 * 邮件群发 / Mailings: one row per mail-merge run of a campaign (docs/WORKSPACE.md, "Mail merge").
 * The template is kept as written (placeholders unresolved); the counts are rewritten after every
 * wave of sends, so the tab reads as a progress board.
 */
export const mailings = defineTable({
  key: 'mailings',
  record: { zh: '邮件群发', en: 'mailing' },
  tab: { zh: '邮件群发', en: 'Mailings' },
  kind: 'log',
  prefix: null,
  titleField: 'subject',
  fields: {
    runId: text({ zh: '群发编号', en: 'Mailing ID' }, { required: true, max: 40 }),
    campaignId: text({ zh: '活动编号', en: 'Campaign ID' }, { required: true, max: 40 }),
    sender: text({ zh: '发件人', en: 'Sender' }, { required: true, max: 200 }),
    startedAt: datetime({ zh: '开始时间', en: 'Started at' }, { required: true }),
    audience: oneOf({ zh: '收件对象', en: 'Send to' }, MAILING_KINDS, { required: true }),
    filters: text({ zh: '筛选条件', en: 'Filters' }, { max: 500 }),
    subject: text({ zh: '邮件主题', en: 'Subject' }, { required: true, max: 250 }),
    body: longText({ zh: '邮件正文', en: 'Body' }, { required: true }),
    status: oneOf({ zh: '状态', en: 'Status' }, MAILING_STATUSES, { required: true }),
    total: integer({ zh: '收件人数', en: 'Recipient count' }),
    sent: integer({ zh: '已发送', en: 'Sent' }),
    failed: integer({ zh: '失败', en: 'Failed' }),
    skipped: integer({ zh: '已跳过', en: 'Skipped' }),
    lastRunAt: datetime({ zh: '最近发送', en: 'Last run' }),
  },
});

/**
 * 群发收件人 / Mailing recipients: one row per record a run addresses, written when the run starts
 * (one block), its status rewritten in place: 待发送 → 发送中 (marked before the send) → 已发送 or
 * 失败 with the reason; 已跳过 with why (no email, unsubscribed, a duplicate address).
 */
export const mailingRecipients = defineTable({
  key: 'mailingRecipients',
  record: { zh: '群发收件人', en: 'mailing recipient' },
  tab: { zh: '群发收件人', en: 'Mailing recipients' },
  kind: 'log',
  prefix: null,
  titleField: 'email',
  fields: {
    runId: text({ zh: '群发编号', en: 'Mailing ID' }, { required: true, max: 40 }),
    kind: oneOf({ zh: '对象类型', en: 'Kind' }, MAILING_KINDS, { required: true }),
    recordId: text({ zh: '记录编号', en: 'Record ID' }, { required: true, max: 40 }),
    name: text({ zh: '名称', en: 'Name' }, { max: 200 }),
    email: text({ zh: '邮箱', en: 'Email' }, { max: 200 }),
    status: oneOf({ zh: '状态', en: 'Status' }, RECIPIENT_STATUSES, { required: true }),
    reason: text({ zh: '原因', en: 'Reason' }, { max: 500 }),
    sentAt: datetime({ zh: '发送时间', en: 'Sent at' }),
    followUpId: text({ zh: '跟进记录', en: 'Follow-up' }, { max: 40 }),
  },
});
