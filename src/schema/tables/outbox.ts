import { datetime, integer, longText, oneOf, text } from '../field';
import { OUTBOX_STATUSES } from '../options';
import { defineTable } from '../table';

/**
 * 通知队列 / Outbox: one row per team-chat message (one event for one webhook of the settings tab).
 * Producers append rows (announce, after their own writes are committed); the delivery trigger
 * (deliverNotifications) sends them, rewriting status, attempts, next try, last try and error in
 * place, so an admin sees what was sent, what waits for a retry and what failed, and why.
 */
export const outbox = defineTable({
  key: 'outbox',
  record: { zh: '通知', en: 'message' },
  tab: { zh: '通知队列', en: 'Outbox' },
  kind: 'log',
  prefix: null,
  titleField: 'text',
  fields: {
    queuedAt: datetime({ zh: '加入时间', en: 'Queued at' }, { required: true }),
    hook: text({ zh: '通知', en: 'Webhook' }, { required: true, max: 200 }),
    event: text({ zh: '事件', en: 'Event' }, { max: 40 }),
    recordId: text({ zh: '记录编号', en: 'Record ID' }, { max: 40 }),
    person: text({ zh: '相关人', en: 'Person' }, { max: 200 }),
    text: longText({ zh: '内容', en: 'Text' }),
    status: oneOf({ zh: '状态', en: 'Status' }, OUTBOX_STATUSES, { required: true }),
    attempts: integer({ zh: '尝试次数', en: 'Attempts' }),
    nextAt: datetime({ zh: '下次尝试', en: 'Next try' }),
    lastAt: datetime({ zh: '上次尝试', en: 'Last try' }),
    error: longText({ zh: '错误', en: 'Error' }),
  },
});
