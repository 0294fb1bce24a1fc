import type { EnumOption, Initial, OptionFlag, OptionListKey } from './field';

/**
 * Fixed option sets: values are the canonical (zh) stored form, `en` the English label, flags what
 * the value means to the code. The value's literal type survives (`const V`), so a set's values are
 * a union type and a misspelt value fails to compile where it is compared or assigned.
 */
const o = <const V extends string>(value: V, en: string, ...flags: OptionFlag[]): EnumOption<V> =>
  flags.length ? { value, en, flags } : { value, en };

/** The literal values of an option set. */
export type ValueOf<S extends readonly EnumOption[]> = S[number]['value'];

/** The values of a set that carry a flag, in the set's order (e.g. every won stage). */
export function flagged<const S extends readonly EnumOption[]>(set: S, flag: OptionFlag): ValueOf<S>[] {
  return set.filter((x) => x.flags?.includes(flag)).map((x) => x.value);
}

/** The one value of a set that carries a flag (the first, when several do: e.g. the won stage itself). */
export function firstFlagged<const S extends readonly EnumOption[]>(set: S, flag: OptionFlag): ValueOf<S> {
  const found = set.find((x) => x.flags?.includes(flag));
  // A schema edit that removes the flag must fail loudly at load, not silently match nothing.
  if (!found) throw new Error(`no option carries the flag "${flag}"`);
  return found.value;
}

/**
 * A field's starting value (its `initial` or `suggested`) at a moment: `now` is
 * 'YYYY-MM-DD HH:mm' in the spreadsheet's time zone.
 */
export function startingValue(start: Initial, options: readonly EnumOption[] | undefined, now: string): string {
  if (start === 'now') return now;
  if (start === 'today') return now.slice(0, 10);
  if (start === 'initialOption') return firstFlagged(options ?? [], 'initial');
  return start.value;
}

/** Whether a stored value is one of the set's values carrying the flag. */
export function hasFlag(set: readonly EnumOption[], value: unknown, flag: OptionFlag): boolean {
  return typeof value === 'string' && set.some((x) => x.value === value && (x.flags?.includes(flag) ?? false));
}

export const COMPANY_SIZES = [
  o('1-19', '1-19'),
  o('20-99', '20-99'),
  o('100-499', '100-499'),
  o('500-999', '500-999'),
  o('1000+', '1000+'),
] as const;
export const GRADES = [o('A', 'A'), o('B', 'B'), o('C', 'C'), o('D', 'D', 'initial')] as const;
export const LIFECYCLES = [
  o('潜在', 'Prospect', 'initial'),
  o('意向', 'Interested', 'engaged'),
  o('成交', 'Customer', 'won'),
  o('流失', 'Churned', 'churned'),
] as const;
export const CUSTOMER_KINDS = [
  o('直接客户', 'Direct'),
  o('代理商', 'Reseller'),
  o('合作伙伴', 'Partner'),
  o('竞争对手', 'Competitor'),
] as const;
export const LEAD_STATUSES = [
  o('新建', 'New', 'initial', 'open'),
  o('跟进中', 'Working', 'open'),
  o('已转化', 'Converted', 'converted'),
  o('无效', 'Disqualified', 'disqualified'),
] as const;
/** Ordered: the funnel runs 线索 → 售后; 输单 (lost) is outside it. 成交 is the win; 售后 follows a win. */
export const STAGES = [
  o('线索', 'Lead', 'initial', 'open'),
  o('需求分析', 'Needs analysis', 'open'),
  o('方案报价', 'Proposal', 'open'),
  o('合同谈判', 'Negotiation', 'open'),
  o('成交', 'Won', 'won'),
  o('售后', 'After-sales', 'won'),
  o('输单', 'Lost', 'lost'),
] as const;
/** Default win probability (percent) per stage, used when none is entered. */
export const STAGE_PROBABILITY: Readonly<Record<(typeof STAGES)[number]['value'], number>> = {
  线索: 10,
  需求分析: 20,
  方案报价: 40,
  合同谈判: 70,
  成交: 100,
  售后: 100,
  输单: 0,
};
export type Stage = ValueOf<typeof STAGES>;
export type Lifecycle = ValueOf<typeof LIFECYCLES>;
export type Grade = ValueOf<typeof GRADES>;
export const FOLLOW_UP_METHODS = [
  o('电话', 'Phone'),
  o('邮件', 'Email'),
  o('面谈', 'Meeting'),
  o('线上会议', 'Online meeting'),
  // Reps in the field log WeChat chats as follow-ups (the phone app's quick methods: 电话/面谈/微信).
  o('微信', 'WeChat'),
] as const;
/** Which way a logged email went, from the CRM user's side (followUps.emailDirection). */
export const EMAIL_DIRECTIONS = [o('发出', 'Sent'), o('收到', 'Received')] as const;
export const QUOTE_STATUSES = [
  o('审批中', 'Pending approval', 'initial'),
  o('已发送', 'Sent'),
  o('客户同意', 'Accepted', 'accepted'),
  o('客户拒绝', 'Rejected', 'lost'),
] as const;
export const DELIVERY_STATUSES = [
  o('待发货', 'To ship', 'initial'),
  o('部分发货', 'Partly shipped', 'partShipped'),
  o('已发货', 'Shipped', 'shipped'),
  o('已签收', 'Delivered', 'received'),
] as const;
/** A delivery plan's interval unit: every N weeks or every N months. */
export const PLAN_UNITS = [o('周', 'Weeks', 'weeks'), o('月', 'Months', 'initial', 'months')] as const;
export const CONTRACT_STATUSES = [
  o('草拟', 'Draft'),
  o('生效', 'Active', 'initial', 'active'),
  o('到期', 'Expired', 'expired'),
  o('终止', 'Terminated', 'closed'),
] as const;
export const PAYMENT_STATUSES = [o('待回款', 'Due', 'due'), o('已回款', 'Paid', 'paid'), o('逾期', 'Overdue', 'overdue')] as const;
export const FEEDBACK_TOPICS = [o('产品', 'Product'), o('服务', 'Service'), o('整体体验', 'Overall experience')] as const;
export const FEEDBACK_STATUSES = [
  o('待处理', 'Open', 'initial', 'open'),
  o('处理中', 'In progress', 'open'),
  o('已处理', 'Handled', 'closed'),
] as const;
export const TICKET_TYPES = [
  o('咨询', 'Inquiry'),
  o('投诉', 'Complaint', 'complaint'),
  o('维修', 'Repair'),
  o('服务请求', 'Service request'),
] as const;
export const TICKET_PRIORITIES = [o('低', 'Low'), o('中', 'Medium', 'initial'), o('高', 'High'), o('紧急', 'Urgent')] as const;
export const TICKET_STATUSES = [
  o('新建', 'New', 'initial', 'open'),
  o('处理中', 'In progress', 'open'),
  o('已解决', 'Resolved', 'closed'),
  o('已关闭', 'Closed', 'closed'),
] as const;
/** How a ticket reached the service team; 门户/Portal: raised by the customer's contact (docs/SELF_SERVICE.md). */
export const TICKET_CHANNELS = [o('电话', 'Phone'), o('邮件', 'Email'), o('现场', 'On site'), o('门户', 'Portal', 'portal')] as const;
/** A to-do's priority. */
export const TODO_PRIORITIES = [o('高', 'High'), o('普通', 'Normal', 'initial'), o('低', 'Low')] as const;
export type TodoPriority = ValueOf<typeof TODO_PRIORITIES>;
export const LINE_DOC_TYPES = [o('报价单', 'Quote', 'quoteLine'), o('订单', 'Order', 'orderLine')] as const;
export type LineDocType = ValueOf<typeof LINE_DOC_TYPES>;
export type TicketStatus = ValueOf<typeof TICKET_STATUSES>;
export type TicketType = ValueOf<typeof TICKET_TYPES>;
export type TicketPriority = ValueOf<typeof TICKET_PRIORITIES>;
export type FeedbackStatus = ValueOf<typeof FEEDBACK_STATUSES>;
export type FeedbackTopic = ValueOf<typeof FEEDBACK_TOPICS>;
export type FollowUpMethod = ValueOf<typeof FOLLOW_UP_METHODS>;
export type LeadStatus = ValueOf<typeof LEAD_STATUSES>;
export type QuoteStatus = ValueOf<typeof QUOTE_STATUSES>;
export type DeliveryStatus = ValueOf<typeof DELIVERY_STATUSES>;
export type ContractStatus = ValueOf<typeof CONTRACT_STATUSES>;
export const MEMBER_KINDS = [o('客户', 'Customer', 'customerMember'), o('潜在客户', 'Lead', 'leadMember')] as const;
export const MEMBER_STATUSES = [
  o('已邀请', 'Invited', 'initial'),
  o('已报名', 'Registered'),
  o('已参加', 'Attended'),
  o('未参加', 'No-show'),
] as const;
export type MemberKind = ValueOf<typeof MEMBER_KINDS>;
export type MemberStatus = ValueOf<typeof MEMBER_STATUSES>;
export const ROLES = [o('管理员', 'admin'), o('经理', 'manager'), o('销售', 'sales'), o('客服', 'service'), o('只读', 'viewer')] as const;
/** A form submission on the intake tab: waiting for an admin's fix, or done with (a lead made, or linked to an existing record). */
export const INTAKE_STATUSES = [
  o('待处理', 'Needs fixing', 'open'),
  o('已建线索', 'Lead created', 'closed'),
  o('已关联', 'Linked to existing', 'closed'),
] as const;
/** A team-chat message on the outbox tab: waiting (or waiting to retry), being sent, sent, or given up on. */
export const OUTBOX_STATUSES = [
  o('待发送', 'Queued', 'open'),
  o('发送中', 'Sending', 'open'),
  o('已发送', 'Sent', 'closed'),
  o('失败', 'Failed', 'closed'),
] as const;
/** What a mail merge addresses (docs/WORKSPACE.md, "Mail merge"). */
export const MAILING_KINDS = [o('客户', 'Customers'), o('联系人', 'Contacts'), o('潜在客户', 'Leads')] as const;
/** A mail-merge run: sending, waiting for tomorrow's quota, or done. */
export const MAILING_STATUSES = [
  o('发送中', 'Sending', 'open'),
  o('待续', 'Paused (quota)', 'open'),
  o('已完成', 'Done', 'closed'),
] as const;
/** One recipient of a run. 发送中 is written before the send, so a run cut off never sends twice. */
export const RECIPIENT_STATUSES = [
  o('待发送', 'Queued', 'open'),
  o('发送中', 'Sending', 'open'),
  o('已发送', 'Sent', 'closed'),
  o('失败', 'Failed', 'closed'),
  o('已跳过', 'Skipped', 'closed'),
] as const;
/**
 * Settings rows: users, options of lists, parameters, team-chat webhooks (key = name, value = URL, team) and
 * assignment rules (规则/Rule, see src/core/assignment.ts: key = its name, value = what it matches, team = whom it assigns to).
 */
export const SETTING_TYPES = [
  o('用户', 'User'),
  o('选项', 'Option'),
  o('参数', 'Parameter'),
  o('通知', 'Webhook'),
  o('规则', 'Rule'),
] as const;

/** GB/T 4754-2017 sections, then the divisions sales teams name most often. */
const INDUSTRIES: readonly EnumOption[] = [
  o('农、林、牧、渔业', 'Agriculture, forestry, animal husbandry and fishery'),
  o('采矿业', 'Mining'),
  o('制造业', 'Manufacturing'),
  o('电力、热力、燃气及水生产和供应业', 'Utilities'),
  o('建筑业', 'Construction'),
  o('批发和零售业', 'Wholesale and retail'),
  o('交通运输、仓储和邮政业', 'Transport, storage and post'),
  o('住宿和餐饮业', 'Hospitality and catering'),
  o('信息传输、软件和信息技术服务业', 'Information transmission, software and IT services'),
  o('金融业', 'Finance'),
  o('房地产业', 'Real estate'),
  o('租赁和商务服务业', 'Leasing and business services'),
  o('科学研究和技术服务业', 'Scientific research and technical services'),
  o('水利、环境和公共设施管理业', 'Water, environment and public facilities'),
  o('居民服务、修理和其他服务业', 'Resident, repair and other services'),
  o('教育', 'Education'),
  o('卫生和社会工作', 'Health and social work'),
  o('文化、体育和娱乐业', 'Culture, sports and entertainment'),
  o('公共管理、社会保障和社会组织', 'Public administration and social organisations'),
  o('国际组织', 'International organisations'),
  o('软件和信息技术服务业', 'Software and IT services'),
  o('互联网和相关服务', 'Internet services'),
  o('电信、广播电视和卫星传输服务', 'Telecommunications and broadcasting'),
  o('计算机、通信和其他电子设备制造业', 'Electronics manufacturing'),
  o('汽车制造业', 'Automotive manufacturing'),
  o('医药制造业', 'Pharmaceutical manufacturing'),
  o('专用设备制造业', 'Special equipment manufacturing'),
  o('通用设备制造业', 'General equipment manufacturing'),
  o('电气机械和器材制造业', 'Electrical machinery manufacturing'),
  o('化学原料和化学制品制造业', 'Chemicals manufacturing'),
  o('食品制造业', 'Food manufacturing'),
  o('纺织业', 'Textiles'),
  o('零售业', 'Retail'),
  o('批发业', 'Wholesale'),
  o('货币金融服务', 'Banking'),
  o('保险业', 'Insurance'),
  o('资本市场服务', 'Capital markets'),
  o('道路运输业', 'Road transport'),
  o('商务服务业', 'Business services'),
  o('专业技术服务业', 'Professional technical services'),
];

/** Seeded into the settings tab by setup; admins edit them there. */
export const DEFAULT_OPTION_LISTS: Readonly<Record<OptionListKey, readonly EnumOption[]>> = {
  industry: INDUSTRIES,
  source: [
    o('官网', 'Website'),
    o('展会', 'Trade show'),
    o('客户推荐', 'Referral'),
    o('电话营销', 'Cold call'),
    o('广告', 'Advertising'),
    o('社交媒体', 'Social media'),
    o('合作伙伴', 'Partner'),
    o('营销活动', 'Campaign'),
    o('在线表单', 'Web form', 'form'),
    o('其他', 'Other'),
  ],
  tag: [
    o('高潜力客户', 'High potential', 'highPotential'),
    o('重点维护客户', 'Key account'),
    o('风险客户', 'At risk', 'atRisk'),
    o('战略合作伙伴', 'Strategic partner'),
    o('老客户', 'Returning customer'),
    o('价格敏感', 'Price sensitive'),
  ],
  campaignType: [
    o('新品上市', 'Product launch'),
    o('展会', 'Trade show'),
    o('促销', 'Promotion'),
    o('研讨会', 'Seminar'),
    o('线上直播', 'Live stream'),
    o('邮件营销', 'Email campaign'),
    o('其他', 'Other'),
  ],
  paymentMethod: [
    o('银行转账', 'Bank transfer'),
    o('支付宝', 'Alipay'),
    o('微信支付', 'WeChat Pay'),
    o('支票', 'Cheque'),
    o('现金', 'Cash'),
    o('承兑汇票', 'Bank acceptance bill'),
  ],
  feedbackChannel: [
    o('电话', 'Phone'),
    o('邮件', 'Email'),
    o('问卷', 'Survey'),
    o('面谈', 'Meeting'),
    o('微信', 'WeChat'),
    o('官网', 'Website'),
  ],
  productCategory: [o('软件', 'Software'), o('硬件', 'Hardware'), o('服务', 'Services'), o('咨询', 'Consulting'), o('培训', 'Training')],
};

export const OPTION_LIST_LABELS: Readonly<Record<OptionListKey, { zh: string; en: string }>> = {
  industry: { zh: '行业', en: 'Industry' },
  source: { zh: '来源', en: 'Source' },
  tag: { zh: '客户标签', en: 'Customer tag' },
  campaignType: { zh: '活动类型', en: 'Campaign type' },
  paymentMethod: { zh: '付款方式', en: 'Payment method' },
  feedbackChannel: { zh: '反馈渠道', en: 'Feedback channel' },
  productCategory: { zh: '产品类别', en: 'Product category' },
};
