import type { Label } from './i18n';

/** Tunable parameters on the settings tab (type 参数/Parameter), with their defaults. */
export const PARAMS = {
  timeZone: { default: '', label: { zh: '表格时区（由初始化写入）', en: 'Spreadsheet time zone (written by setup)' } },
  locale: { default: '', label: { zh: '表格语言（由初始化写入）', en: 'Spreadsheet locale (written by setup)' } },
  churnDays: {
    default: '90',
    label: { zh: '无活动且无进行中机会多少天视为流失', en: 'Days without activity or open deal before a customer counts as churned' },
  },
  gradeA: { default: '1000000', label: { zh: 'A 级客户历史金额下限（元）', en: 'Lifetime amount (CNY) for grade A' } },
  gradeB: { default: '200000', label: { zh: 'B 级客户历史金额下限（元）', en: 'Lifetime amount (CNY) for grade B' } },
  gradeC: { default: '20000', label: { zh: 'C 级客户历史金额下限（元）', en: 'Lifetime amount (CNY) for grade C' } },
  gradeRecencyDays: {
    default: '365',
    label: { zh: '超过多少天无成交降一级', en: 'Days since last deal after which the grade drops one step' },
  },
  contractExpiryDays: { default: '30', label: { zh: '合同到期提醒提前天数', en: 'Days before a contract ends to remind' } },
  stalledDays: {
    default: '14',
    label: { zh: '机会停滞提醒天数', en: 'Days without stage change or follow-up before an opportunity is stalled' },
  },
  ticketOpenDays: { default: '3', label: { zh: '工单未解决提醒天数', en: 'Days a ticket may stay open before a reminder' } },
  backupKeep: { default: '7', label: { zh: '保留备份份数', en: 'Backups to keep' } },
  notifyMaxAttempts: {
    default: '5',
    label: { zh: '群通知发送失败后最多尝试次数', en: 'Attempts at a team-chat message before it is marked failed' },
  },
  notifyDailyFetches: {
    default: '20000',
    label: {
      zh: '每天最多调用 UrlFetch 次数（个人账号 20000，Workspace 100000）',
      en: 'UrlFetch calls allowed per day (20,000 for a consumer account, 100,000 for Workspace)',
    },
  },
  // Assignment rules (settings rows of type 规则/Rule) and the shared pool (公海): docs/SALES_TEAM.md.
  assignLeadCap: {
    default: '0',
    label: { zh: '每位销售最多未结线索数（分配时跳过已满者；0 不限）', en: 'Open leads per rep before assignment skips them (0: no cap)' },
  },
  poolDaysA: {
    default: '0',
    label: {
      zh: 'A 级客户多少天无跟进退回公海（0 不退回）',
      en: 'Days without follow-up before a grade A customer returns to the pool (0: never)',
    },
  },
  poolDaysB: {
    default: '0',
    label: {
      zh: 'B 级客户多少天无跟进退回公海（0 不退回）',
      en: 'Days without follow-up before a grade B customer returns to the pool (0: never)',
    },
  },
  poolDaysC: {
    default: '0',
    label: {
      zh: 'C 级客户多少天无跟进退回公海（0 不退回）',
      en: 'Days without follow-up before a grade C customer returns to the pool (0: never)',
    },
  },
  poolDaysD: {
    default: '0',
    label: {
      zh: 'D 级客户多少天无跟进退回公海（0 不退回）',
      en: 'Days without follow-up before a grade D customer returns to the pool (0: never)',
    },
  },
  poolLeadDays: {
    default: '0',
    label: {
      zh: '未结线索多少天无更新退回公海（0 不退回）',
      en: 'Days without an update before an open lead returns to the pool (0: never)',
    },
  },
  poolNoDealDays: {
    default: '0',
    label: { zh: '客户多少天无成交退回公海（0 不退回）', en: 'Days without a won deal before a customer returns to the pool (0: never)' },
  },
  poolWarnDays: {
    default: '3',
    label: { zh: '退回公海前几天提醒负责人', en: 'Days before the return to the pool that the owner is warned' },
  },
  poolClaimsPerDay: { default: '5', label: { zh: '每人每天最多从公海领取数', en: 'Claims from the pool per rep per day' } },
  poolHoldingCap: {
    default: '0',
    label: {
      zh: '每人最多持有客户（或线索）数，领取时检查（0 不限）',
      en: 'Customers (or leads) a rep may hold when claiming (0: no cap)',
    },
  },
  poolCoolingDays: {
    default: '7',
    label: { zh: '退回公海后原负责人多少天内不能领回', en: 'Days after a return before the previous owner may claim it back' },
  },
  // Email logging (docs/WORKSPACE.md): each user turns it on for their own mailbox.
  emailLogging: {
    default: 'on',
    label: { zh: '邮件记录（on 开启 / off 关闭所有人的记录）', en: 'Email logging (on / off for everyone)' },
  },
  emailLogExcludeLabel: {
    default: '',
    label: {
      zh: '不记录的 Gmail 标签（留空：CRM-不记录 和 CRM-no-log）',
      en: 'Gmail label that keeps a thread out of the CRM (blank: CRM-不记录 and CRM-no-log)',
    },
  },
  emailLogBackfillDays: {
    default: '30',
    label: { zh: '开启邮件记录时补记多少天内的邮件', en: 'Days of earlier mail logged when email logging is turned on' },
  },
  portalTicketsPerDay: {
    default: '5',
    label: { zh: '自助门户每位联系人每天最多提交工单数', en: 'Tickets a self-service contact may raise per day' },
  },
  // The web apps' addresses (README, step 7): one project has two deployments, so the CRM is told which is which.
  appUrl: { default: '', label: { zh: '手机版（团队网页应用）地址', en: 'Phone app (team web app) address' } },
  portalUrl: { default: '', label: { zh: '客户自助门户（网页应用）地址', en: 'Self-service portal (web app) address' } },
  // Quotes as documents and files per customer (docs/WORKSPACE.md): empty means the CRM's own, made on first use.
  documentTemplateId: {
    default: '',
    label: {
      zh: '报价单/订单/合同 PDF 的 Google 文档模板 ID（留空用系统默认模板）',
      en: 'Google Docs template ID for quote/order/contract PDFs (empty: the built-in template)',
    },
  },
  crmFolderId: {
    default: '',
    label: {
      zh: '客户文件夹所在的云端硬盘文件夹 ID（留空则在表格旁自动创建）',
      en: 'Drive folder ID holding the customer folders (empty: one is made next to the spreadsheet)',
    },
  },
} as const satisfies Record<string, { default: string; label: Label }>;

export type ParamKey = keyof typeof PARAMS;
export type Params = Record<ParamKey, string>;
