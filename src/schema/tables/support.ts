import { date, datetime, integer, listed, longText, money, oneOf, ref, score, text, user } from '../field';
import {
  FEEDBACK_STATUSES,
  FEEDBACK_TOPICS,
  MEMBER_KINDS,
  MEMBER_STATUSES,
  TICKET_PRIORITIES,
  TICKET_CHANNELS,
  TICKET_STATUSES,
  TICKET_TYPES,
} from '../options';
import { defineTable } from '../table';

const customerId = () => ref({ zh: '客户编号', en: 'Customer ID' }, 'customers', { required: true, aliases: ['客户ID', 'customer'] });

export const campaigns = defineTable({
  key: 'campaigns',
  glance: ['type', 'startDate', 'budget'],
  ownsChildren: true,
  record: { zh: '营销活动', en: 'campaign' },
  tab: { zh: '营销活动', en: 'Campaigns' },
  prefix: 'M',
  titleField: 'name',
  fields: {
    name: text({ zh: '活动名称', en: 'Campaign name' }, { required: true, max: 200, aliases: ['名称'] }),
    type: listed({ zh: '活动类型', en: 'Type' }, 'campaignType', { aliases: ['类型'] }),
    startDate: date({ zh: '开始日期', en: 'Start date' }),
    endDate: date({ zh: '结束日期', en: 'End date' }),
    budget: money({ zh: '成本预算', en: 'Budget' }, { aliases: ['预算'] }),
    actualCost: money({ zh: '实际成本', en: 'Actual cost' }, { aliases: ['实际花费'] }),
    revenue: money({ zh: '归因收入', en: 'Attributed revenue' }, { derived: true }),
    owner: user({ zh: '负责人', en: 'Owner' }, { required: true }),
    content: longText({ zh: '活动内容', en: 'Content' }, { aliases: ['内容'] }),
    // Counted by the mail merge (docs/WORKSPACE.md): every email its mailings sent.
    mailsSent: integer({ zh: '已发邮件', en: 'Emails sent' }, { derived: true }),
  },
});

/** Who took part in a campaign: a customer or a lead (moved to the customer when the lead converts). */
export const campaignMembers = defineTable({
  key: 'campaignMembers',
  glance: ['memberKind', 'status'],
  record: { zh: '活动参与', en: 'campaign member' },
  tab: { zh: '活动参与', en: 'Campaign members' },
  prefix: 'A',
  titleField: 'campaignId',
  fields: {
    campaignId: ref({ zh: '活动编号', en: 'Campaign ID' }, 'campaigns', { required: true }),
    memberKind: oneOf({ zh: '参与方类型', en: 'Member kind' }, MEMBER_KINDS, { required: true }),
    customerId: ref({ zh: '客户编号', en: 'Customer ID' }, 'customers'),
    leadId: ref({ zh: '潜在客户编号', en: 'Lead ID' }, 'leads'),
    status: oneOf({ zh: '参与状态', en: 'Status' }, MEMBER_STATUSES, { initial: 'initialOption' }),
    respondedAt: date({ zh: '响应日期', en: 'Responded at' }),
  },
});

export const feedback = defineTable({
  key: 'feedback',
  glance: ['date', 'topic', 'satisfaction'],
  record: { zh: '客户反馈', en: 'feedback' },
  customer360: 8,
  writers: ['sales', 'service'],
  tab: { zh: '客户反馈', en: 'Feedback' },
  prefix: 'B',
  titleField: 'content',
  fields: {
    customerId: customerId(),
    date: date({ zh: '反馈日期', en: 'Date' }, { aliases: ['日期'], initial: 'today' }),
    channel: listed({ zh: '反馈渠道', en: 'Channel' }, 'feedbackChannel', { aliases: ['渠道'] }),
    topic: oneOf({ zh: '反馈主题', en: 'Topic' }, FEEDBACK_TOPICS, { aliases: ['主题', '类别'] }),
    satisfaction: score({ zh: '满意度', en: 'Satisfaction (1-5)' }, { aliases: ['满意度评分', 'satisfaction'] }),
    content: longText({ zh: '反馈内容', en: 'Content' }, { aliases: ['内容'] }),
    suggestion: longText({ zh: '改进意见', en: 'Suggestion' }, { aliases: ['建议'] }),
    status: oneOf({ zh: '处理状态', en: 'Status' }, FEEDBACK_STATUSES, { aliases: ['状态'], initial: 'initialOption' }),
  },
});

export const tickets = defineTable({
  key: 'tickets',
  glance: ['type', 'priority', 'status', 'openedAt'],
  record: { zh: '工单', en: 'ticket' },
  customer360: 9,
  writers: ['sales', 'service'],
  tab: { zh: '售后服务', en: 'Tickets' },
  prefix: 'T',
  titleField: 'subject',
  fields: {
    customerId: customerId(),
    contactId: ref({ zh: '联系人编号', en: 'Contact ID' }, 'contacts'),
    subject: text({ zh: '问题摘要', en: 'Subject' }, { max: 200, aliases: ['标题', '问题'] }),
    type: oneOf({ zh: '服务类型', en: 'Type' }, TICKET_TYPES, { required: true, aliases: ['类型'], suggested: { value: '咨询' } }),
    priority: oneOf({ zh: '优先级', en: 'Priority' }, TICKET_PRIORITIES, { initial: 'initialOption' }),
    openedAt: datetime({ zh: '受理时间', en: 'Opened at' }, { aliases: ['创建时间', '报修时间'], initial: 'now', suggested: 'now' }),
    owner: user({ zh: '负责人', en: 'Owner' }, { required: true, aliases: ['处理人'] }),
    status: oneOf({ zh: '状态', en: 'Status' }, TICKET_STATUSES, { aliases: ['处理状态'], initial: 'initialOption' }),
    description: longText({ zh: '问题描述', en: 'Description' }, { aliases: ['描述'] }),
    resolution: longText({ zh: '处理结果', en: 'Resolution' }, { aliases: ['解决方案'] }),
    closedAt: datetime({ zh: '关闭时间', en: 'Closed at' }, { aliases: ['解决时间'] }),
    channel: oneOf({ zh: '受理渠道', en: 'Channel' }, TICKET_CHANNELS, { aliases: ['来源渠道'] }),
  },
});
