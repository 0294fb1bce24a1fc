import { datetime, longText, oneOf, text } from '../field';
import { INTAKE_STATUSES } from '../options';
import { defineTable } from '../table';

/**
 * 表单待处理 / Form intake: one row per lead-form submission the CRM has handled, written in the
 * same locked step as the lead it made (or the link to the record it duplicates), so a response ID
 * here is a response handled, and the form-submit trigger never handles it twice. A submission
 * that fails validation stays here with its errors (status 待处理): an admin corrects the answer
 * columns and runs retryIntake(row). Raw answers are kept as the form sent them (answers, JSON).
 */
export const formIntake = defineTable({
  key: 'formIntake',
  record: { zh: '表单提交', en: 'form submission' },
  tab: { zh: '表单待处理', en: 'Form intake' },
  kind: 'log',
  prefix: null,
  titleField: 'responseId',
  fields: {
    responseId: text({ zh: '提交编号', en: 'Response ID' }, { required: true, max: 200 }),
    submittedAt: datetime({ zh: '提交时间', en: 'Submitted at' }),
    status: oneOf({ zh: '状态', en: 'Status' }, INTAKE_STATUSES, { required: true }),
    company: text({ zh: '公司名称', en: 'Company' }, { max: 2000 }),
    contactName: text({ zh: '联系人', en: 'Contact name' }, { max: 2000 }),
    phone: text({ zh: '电话', en: 'Phone' }, { max: 2000 }),
    email: text({ zh: '邮箱', en: 'Email' }, { max: 2000 }),
    industry: text({ zh: '所属行业', en: 'Industry' }, { max: 2000 }),
    notes: longText({ zh: '备注', en: 'Notes' }),
    errors: longText({ zh: '错误', en: 'Errors' }),
    leadId: text({ zh: '线索编号', en: 'Lead ID' }, { max: 40 }),
    linkedTo: text({ zh: '关联记录', en: 'Linked to' }, { max: 200 }),
    processedAt: datetime({ zh: '处理时间', en: 'Processed at' }),
    formId: text({ zh: '表单编号', en: 'Form ID' }, { max: 200 }),
    answers: longText({ zh: '原始回答', en: 'Raw answers' }),
  },
});
