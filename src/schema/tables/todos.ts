import { bool, datetime, link, longText, oneOf, ref, text, user } from '../field';
import { TODO_PRIORITIES } from '../options';
import { defineTable } from '../table';

/**
 * 待办事项 / To-dos: a task with a due time, handed to one person (the assignee, `owner`), about any
 * record: the customer (customerId) and, when the task is about one of its records or a lead, that
 * record (linkId, a typed reference whose ID prefix names its table). A link to a record with a
 * customer fills customerId, so the 360 view reads to-dos by customer like every other child.
 * Completing stamps done and doneAt (completeTodo); an open to-do past due is a reminder.
 */
export const todos = defineTable({
  key: 'todos',
  glance: ['dueAt', 'owner', 'priority', 'done'],
  record: { zh: '待办', en: 'to-do' },
  customer360: 10,
  writers: ['sales', 'service'],
  selfAssigned: true,
  tab: { zh: '待办事项', en: 'To-dos' },
  prefix: 'TD',
  titleField: 'title',
  fields: {
    title: text({ zh: '待办内容', en: 'Title' }, { required: true, max: 200, aliases: ['待办', '事项', 'task', 'to-do'] }),
    dueAt: datetime({ zh: '截止时间', en: 'Due at' }, { required: true, aliases: ['截止日期', '到期时间', 'due', 'due date'] }),
    owner: user({ zh: '执行人', en: 'Assignee' }, { required: true, member: true, aliases: ['负责人', '指派给', 'assignee', 'owner'] }),
    priority: oneOf({ zh: '优先级', en: 'Priority' }, TODO_PRIORITIES, { aliases: ['紧急程度'], initial: 'initialOption' }),
    customerId: ref({ zh: '客户编号', en: 'Customer ID' }, 'customers', { aliases: ['客户ID', 'customer'] }),
    linkId: link({ zh: '关联记录', en: 'Linked record' }, ['leads', 'opportunities', 'orders', 'contracts', 'tickets'], {
      aliases: ['关联编号', 'record', 'linked to'],
    }),
    done: bool({ zh: '已完成', en: 'Done' }, { aliases: ['完成', 'completed'] }),
    doneAt: datetime({ zh: '完成时间', en: 'Done at' }, { derived: true, aliases: ['completed at'] }),
    notes: longText({ zh: '备注', en: 'Notes' }),
  },
});
