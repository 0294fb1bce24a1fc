import { bool, date, datetime, integer, listed, longText, money, number, oneOf, percent, ref, text, url, user } from '../field';
import {
  CONTRACT_STATUSES,
  DELIVERY_STATUSES,
  EMAIL_DIRECTIONS,
  FOLLOW_UP_METHODS,
  LINE_DOC_TYPES,
  PAYMENT_STATUSES,
  QUOTE_STATUSES,
  STAGES,
} from '../options';
import { defineTable } from '../table';

const customerId = () => ref({ zh: '客户编号', en: 'Customer ID' }, 'customers', { required: true, aliases: ['客户ID', 'customer'] });
const opportunityId = () => ref({ zh: '销售机会编号', en: 'Opportunity ID' }, 'opportunities', { aliases: ['机会编号'] });
const owner = (label = { zh: '负责人', en: 'Owner' }) => user(label, { required: true, aliases: ['跟进人', '负责人', 'owner'] });

export const opportunities = defineTable({
  key: 'opportunities',
  glance: ['stage', 'amount', 'expectedCloseDate'],
  record: { zh: '销售机会', en: 'opportunity' },
  customer360: 2,
  tab: { zh: '销售机会', en: 'Opportunities' },
  prefix: 'O',
  titleField: 'name',
  fields: {
    name: text({ zh: '机会名称', en: 'Opportunity name' }, { required: true, max: 200, aliases: ['项目名称'] }),
    customerId: customerId(),
    stage: oneOf({ zh: '销售阶段', en: 'Stage' }, STAGES, { required: true, aliases: ['阶段'], suggested: 'initialOption' }),
    amount: money({ zh: '预计成交金额', en: 'Expected amount' }, { aliases: ['金额', '预计金额', 'amount'] }),
    probability: percent({ zh: '成交概率', en: 'Probability (%)' }, { aliases: ['概率', 'probability'] }),
    expectedCloseDate: date({ zh: '预计成交日期', en: 'Expected close date' }, { aliases: ['预计成交时间'] }),
    competitor: text({ zh: '竞争对手', en: 'Competitor' }),
    competitorFocus: text({ zh: '对比关注点', en: 'Competitor focus' }),
    nextStep: text({ zh: '下一步', en: 'Next step' }, { aliases: ['下一步行动'] }),
    owner: owner({ zh: '跟进人', en: 'Owner' }),
    stageChangedAt: datetime({ zh: '阶段变更时间', en: 'Stage changed at' }, { derived: true }),
    stageLog: longText({ zh: '阶段记录', en: 'Stage log' }, { derived: true, aliases: ['阶段历史', 'stage history'] }),
    wonAt: date({ zh: '赢单日期', en: 'Won at' }, { derived: true }),
    lostAt: date({ zh: '输单日期', en: 'Lost at' }, { derived: true }),
    lostReason: text({ zh: '输单原因', en: 'Lost reason' }),
  },
});

export const followUps = defineTable({
  key: 'followUps',
  glance: ['time', 'method', 'owner'],
  record: { zh: '跟进记录', en: 'follow-up' },
  customer360: 3,
  tab: { zh: '跟进记录', en: 'Follow-ups' },
  prefix: 'F',
  titleField: 'content',
  fields: {
    customerId: customerId(),
    opportunityId: opportunityId(),
    time: datetime({ zh: '跟进时间', en: 'Time' }, { required: true, aliases: ['时间', '跟进日期'], suggested: 'now' }),
    method: oneOf({ zh: '跟进方式', en: 'Method' }, FOLLOW_UP_METHODS, { required: true, aliases: ['方式'], suggested: { value: '电话' } }),
    owner: owner({ zh: '跟进人', en: 'Owner' }),
    content: longText({ zh: '跟进内容', en: 'Content' }, { required: true, aliases: ['内容', '沟通内容'] }),
    feedback: longText({ zh: '客户反馈', en: 'Customer feedback' }, { aliases: ['反馈'] }),
    nextPlanAt: datetime({ zh: '下次跟进时间', en: 'Next follow-up at' }, { aliases: ['下次跟进日期'] }),
    nextPlan: text({ zh: '下次跟进计划', en: 'Next plan' }, { aliases: ['跟进计划'] }),
    // The event in its owner's calendar (`<email> <iCal ID>`) and whether it is out of date: written
    // by the CRM only (src/server/calendar, core/calendar.ts).
    calendarEvent: text({ zh: '日历事件', en: 'Calendar event' }, { derived: true, max: 300 }),
    calendarSync: bool({ zh: '日历待同步', en: 'Calendar out of date' }, { derived: true }),
    // A logged email (docs/WORKSPACE.md, "Email logging"): written only by logEmails. The Gmail
    // message ID is key-indexed, so a message is logged once across runs and concurrent runs.
    emailId: text({ zh: '邮件ID', en: 'Email message ID' }, { derived: true, max: 64 }),
    emailDirection: oneOf({ zh: '邮件方向', en: 'Email direction' }, EMAIL_DIRECTIONS, { derived: true }),
    emailLink: url({ zh: '邮件链接', en: 'Email link' }, { derived: true }),
  },
});

export const quotes = defineTable({
  key: 'quotes',
  glance: ['status', 'total', 'validUntil'],
  record: { zh: '报价单', en: 'quote' },
  customer360: 4,
  tab: { zh: '报价单', en: 'Quotes' },
  prefix: 'Q',
  titleField: 'id',
  fields: {
    customerId: customerId(),
    opportunityId: opportunityId(),
    status: oneOf({ zh: '状态', en: 'Status' }, QUOTE_STATUSES, { aliases: ['报价状态'], initial: 'initialOption' }),
    quoteDate: date({ zh: '报价日期', en: 'Quote date' }, { initial: 'today' }),
    validUntil: date({ zh: '有效期', en: 'Valid until' }, { aliases: ['有效期至'] }),
    total: money({ zh: '报价总额', en: 'Total' }, { derived: true, aliases: ['总额', '合计'] }),
    terms: longText({ zh: '条款', en: 'Terms' }, { aliases: ['报价条款'] }),
    owner: owner(),
  },
});

export const orders = defineTable({
  key: 'orders',
  glance: ['orderDate', 'total', 'deliveryStatus'],
  record: { zh: '订单', en: 'order' },
  customer360: 5,
  tab: { zh: '销售订单', en: 'Orders' },
  prefix: 'S',
  titleField: 'id',
  fields: {
    customerId: customerId(),
    quoteId: ref({ zh: '报价单编号', en: 'Quote ID' }, 'quotes'),
    contractId: ref({ zh: '合同编号', en: 'Contract ID' }, 'contracts'),
    orderDate: date({ zh: '下单日期', en: 'Order date' }, { aliases: ['订单日期'], initial: 'today' }),
    total: money({ zh: '订单总额', en: 'Total' }, { derived: true, aliases: ['总额', '订单金额'] }),
    // Set from the order's delivery notes by every write of a note and the daily job (core/workflows/delivery.ts).
    deliveryStatus: oneOf({ zh: '发货状态', en: 'Delivery status' }, DELIVERY_STATUSES, {
      aliases: ['发货情况'],
      initial: 'initialOption',
      derived: true,
    }),
    owner: owner(),
    notes: longText({ zh: '备注', en: 'Notes' }),
  },
});

/** Quote and order lines: one row per product, keyed by the quote or order they belong to. */
export const lineItems = defineTable({
  key: 'lineItems',
  glance: ['quantity', 'unitPrice', 'amount'],
  record: { zh: '明细', en: 'line item' },
  tab: { zh: '明细', en: 'Line items' },
  prefix: 'D',
  titleField: 'product',
  fields: {
    docType: oneOf({ zh: '单据类型', en: 'Document type' }, LINE_DOC_TYPES, { required: true }),
    docId: text({ zh: '单据编号', en: 'Document ID' }, { required: true, max: 40 }),
    customerId: customerId(),
    productId: ref({ zh: '产品编号', en: 'Product ID' }, 'products'),
    product: text({ zh: '产品名称', en: 'Product' }, { required: true, max: 200, aliases: ['产品', '商品'] }),
    quantity: number({ zh: '数量', en: 'Quantity' }, { required: true, aliases: ['qty'] }),
    unitPrice: money({ zh: '单价', en: 'Unit price' }, { required: true }),
    discount: percent({ zh: '折扣(%)', en: 'Discount (%)' }, { aliases: ['折扣'] }),
    amount: money({ zh: '金额', en: 'Amount' }, { derived: true }),
  },
});

export const contracts = defineTable({
  key: 'contracts',
  glance: ['signDate', 'amount', 'endDate', 'status'],
  record: { zh: '合同', en: 'contract' },
  customer360: 6,
  tab: { zh: '合同', en: 'Contracts' },
  prefix: 'K',
  titleField: 'contractNo',
  fields: {
    customerId: customerId(),
    opportunityId: opportunityId(),
    contractNo: text({ zh: '合同编号', en: 'Contract number' }, { max: 100, unique: true, aliases: ['合同号'] }),
    signDate: date({ zh: '签署日期', en: 'Sign date' }, { required: true, aliases: ['签订日期'], suggested: 'today' }),
    amount: money({ zh: '合同金额', en: 'Amount' }, { required: true, aliases: ['金额'] }),
    startDate: date({ zh: '开始日期', en: 'Start date' }),
    endDate: date({ zh: '结束日期', en: 'End date' }, { aliases: ['有效期', '到期日期'] }),
    status: oneOf({ zh: '状态', en: 'Status' }, CONTRACT_STATUSES, { aliases: ['合同状态'], initial: 'initialOption' }),
    owner: owner(),
    documentUrl: url({ zh: '合同文件', en: 'Document link' }, { aliases: ['附件', '文件链接'] }),
  },
});

export const payments = defineTable({
  key: 'payments',
  glance: ['amount', 'dueDate', 'status'],
  record: { zh: '回款', en: 'payment' },
  customer360: 7,
  tab: { zh: '回款', en: 'Payments' },
  prefix: 'R',
  titleField: 'id',
  fields: {
    customerId: customerId(),
    orderId: ref({ zh: '订单编号', en: 'Order ID' }, 'orders'),
    contractId: ref({ zh: '合同编号', en: 'Contract ID' }, 'contracts'),
    amount: money({ zh: '回款金额', en: 'Amount' }, { required: true, aliases: ['金额'] }),
    dueDate: date({ zh: '应收日期', en: 'Due date' }, { aliases: ['计划回款日期'] }),
    paidDate: date({ zh: '实收日期', en: 'Paid date' }, { aliases: ['回款日期', '付款日期'] }),
    method: listed({ zh: '付款方式', en: 'Method' }, 'paymentMethod', { aliases: ['方式'] }),
    status: oneOf({ zh: '回款状态', en: 'Status' }, PAYMENT_STATUSES, { derived: true, aliases: ['状态'] }),
    installment: integer({ zh: '期数', en: 'Installment' }, { min: 1 }),
    notes: longText({ zh: '备注', en: 'Notes' }),
  },
});
