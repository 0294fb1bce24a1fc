/** Fixed demo content: the team, the product list and pools of text the generator draws from. */

export interface TeamMember {
  email: string;
  name: string;
}

export const DEFAULT_TEAM: readonly TeamMember[] = [
  { email: 'zhang.wei@example.com', name: '张伟' },
  { email: 'li.na@example.com', name: '李娜' },
  { email: 'wang.fang@example.com', name: '王芳' },
  { email: 'liu.yang@example.com', name: '刘洋' },
  { email: 'chen.jing@example.com', name: '陈静' },
  { email: 'yang.lei@example.com', name: '杨磊' },
  { email: 'zhao.min@example.com', name: '赵敏' },
  { email: 'huang.tao@example.com', name: '黄涛' },
];

export interface ProductSpec {
  name: string;
  code: string;
  /** A value of the productCategory option list. */
  category: string;
  unit: string;
  unitPrice: number;
  /** Typical order quantity range for a mid-sized customer. */
  minQty: number;
  maxQty: number;
  active: boolean;
  description: string;
}

const p = (
  name: string,
  code: string,
  category: string,
  unit: string,
  unitPrice: number,
  minQty: number,
  maxQty: number,
  description: string,
  active = true,
): ProductSpec => ({ name, code, category, unit, unitPrice, minQty, maxQty, active, description });

export const PRODUCTS: readonly ProductSpec[] = [
  p('云客CRM 标准版', 'CRM-STD', '软件', '账号/年', 1200, 5, 60, '客户、联系人、跟进与机会管理'),
  p('云客CRM 专业版', 'CRM-PRO', '软件', '账号/年', 2400, 5, 80, '标准版功能加报价、合同、回款与报表'),
  p('云客CRM 企业版', 'CRM-ENT', '软件', '账号/年', 4800, 10, 120, '专业版功能加流程审批、权限与开放接口'),
  p('数据分析平台', 'BI-100', '软件', '套', 68000, 1, 1, '自助报表与经营驾驶舱'),
  p('移动办公套件', 'MOB-01', '软件', '账号/年', 360, 10, 300, '移动审批、打卡与日程'),
  p('电子签章模块', 'ESIGN-01', '软件', '套', 15000, 1, 1, '合同在线签署'),
  p('API 集成接口包', 'API-01', '软件', '套', 20000, 1, 1, '与 ERP、财务系统对接'),
  p('呼叫中心坐席', 'CC-SEAT', '软件', '席/年', 3600, 3, 40, '云呼叫中心坐席授权'),
  p('智能终端 T1', 'HW-T1', '硬件', '台', 2800, 2, 40, '门店与外勤智能终端'),
  p('工业网关 G200', 'HW-G200', '硬件', '台', 6500, 1, 20, '设备数据采集网关'),
  p('条码扫描枪', 'HW-SCAN', '硬件', '台', 980, 2, 50, '一维/二维条码扫描'),
  p('服务器一体机', 'HW-SRV', '硬件', '台', 45000, 1, 3, '本地部署服务器'),
  p('实施服务', 'SV-IMPL', '服务', '人天', 2000, 3, 40, '需求调研、配置与上线支持'),
  p('数据迁移服务', 'SV-MIG', '服务', '项', 12000, 1, 1, '历史数据清洗与导入'),
  p('年度运维服务', 'SV-OPS', '服务', '年', 30000, 1, 2, '7x24 运维与版本升级'),
  p('定制开发', 'SV-DEV', '服务', '人天', 2500, 5, 60, '按需定制功能开发'),
  p('管理咨询', 'CS-MGT', '咨询', '项', 50000, 1, 1, '销售管理体系咨询'),
  p('销售流程诊断', 'CS-DIAG', '咨询', '项', 20000, 1, 1, '销售流程梳理与改进建议'),
  p('管理员培训', 'TR-ADM', '培训', '次', 5000, 1, 3, '系统管理员培训'),
  p('最终用户培训', 'TR-USR', '培训', '人次', 300, 10, 100, '一线用户操作培训'),
  p('云客CRM 旧版（停售）', 'CRM-OLD', '软件', '账号/年', 900, 5, 50, '已停售，仅老客户续费', false),
];

const combine = (templates: readonly string[], topics: readonly string[]): string[] =>
  templates.flatMap((t) => topics.map((topic) => t.replace('{t}', topic)));

const TOPICS = [
  '产品功能',
  '报价方案',
  '实施计划',
  '合同条款',
  '付款安排',
  '系统演示',
  '试用反馈',
  '续约事宜',
  '技术对接',
  '培训安排',
  '年度采购计划',
  '售后问题',
];

/** Follow-up content per method (the method's canonical value). */
export const FOLLOW_UP_CONTENT: Readonly<Record<string, readonly string[]>> = {
  电话: combine(['电话沟通{t}，客户表示会内部讨论', '致电客户确认{t}，对方希望尽快推进', '电话回访，了解客户对{t}的意见'], TOPICS),
  邮件: combine(['发送{t}相关资料，等待客户回复', '邮件确认{t}，客户已回复收到', '邮件跟进{t}，附上最新文档'], TOPICS),
  面谈: combine(['上门拜访，与客户详细讨论{t}', '到客户现场沟通{t}', '与客户负责人面谈{t}，气氛良好'], TOPICS),
  线上会议: combine(['线上会议讨论{t}，客户提出若干问题', '视频会议沟通{t}，对方技术团队参加', '线上沟通{t}，约定下一步安排'], TOPICS),
};
export const FOLLOW_UP_FEEDBACK = [
  '客户比较认可，需要内部审批',
  '对价格比较敏感，希望再优惠',
  '需要和技术部门确认',
  '暂无明确需求',
  '计划下季度启动',
  '也在评估其他厂商',
  '希望提供同行业案例',
  '很满意，准备推进',
  '决策人出差，下周再约',
  '预算已批，等待流程',
];
export const NEXT_PLANS = [
  '发送正式报价',
  '安排产品演示',
  '预约上门拜访',
  '跟进合同审批',
  '确认付款进度',
  '电话回访使用情况',
  '邀请参加产品发布会',
  '提交技术方案',
  '安排培训时间',
  '确认需求清单',
];

export const OPPORTUNITY_PROJECTS = [
  'CRM 系统采购',
  '数字化升级项目',
  '销售管理平台建设',
  '年度软件续费',
  '客服中心升级',
  'ERP 集成项目',
  '移动办公部署',
  '数据分析平台建设',
  '门店管理系统',
  '渠道管理系统',
  '设备联网改造',
  '全员培训项目',
];
export const COMPETITORS = ['远景软件', '蓝海云', '智通科技', '优客CRM', '客户自研团队', '本地集成商'];
export const COMPETITOR_FOCUS = ['价格', '实施周期', '本地化服务', '功能完整度', '与现有系统集成', '数据安全'];
export const NEXT_STEPS = ['约见决策人', '提交解决方案', '安排产品演示', '商务谈判', '准备合同文本', '技术交流', '确认预算'];
export const LOST_REASONS = ['价格过高', '选择了竞争对手', '项目预算取消', '需求变更', '决策周期过长，项目搁置', '功能不满足要求'];

export const QUOTE_TERMS = ['报价含 6% 增值税，有效期 30 天', '含一年免费运维服务', '分两期付款：签约 50%，验收 50%', '含现场实施与培训'];
export const ORDER_NOTES = ['加急发货', '分批交付', '开具增值税专用发票', '送货前电话联系'];
export const CUSTOMER_NOTES = [
  '年度预算在每年一季度确定',
  '决策流程较长，需要总部审批',
  '对数据安全要求高',
  '老板比较重视数字化',
  '有多个分支机构',
  '财务付款周期较长',
];
export const LEAD_NOTES = ['官网留资', '展会上交换名片', '老客户介绍', '电话咨询产品', '下载了产品白皮书'];

export const FEEDBACK_CONTENT: Readonly<Record<string, readonly string[]>> = {
  产品: ['系统运行稳定，操作方便', '报表功能还不够灵活', '移动端偶尔卡顿', '希望增加批量导入功能', '界面清晰，上手快'],
  服务: ['实施顾问响应及时', '售后响应速度有待提高', '培训很有帮助', '客服态度很好'],
  整体体验: ['整体满意，会继续合作', '性价比较高', '期待后续版本更新', '达到预期效果'],
};
export const SUGGESTIONS = ['增加自定义报表', '优化移动端体验', '提供更多培训视频', '缩短工单响应时间', '开放更多接口'];

export const TICKET_SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  咨询: ['如何导出客户数据', '账号权限设置咨询', '发票开具咨询', '如何设置审批流程'],
  投诉: ['实施进度延误', '售后响应太慢', '账单金额有误', '升级后数据显示异常'],
  维修: ['设备无法开机', '扫描枪无法识别条码', '网关频繁断线', '终端屏幕损坏'],
  服务请求: ['新增账号', '数据迁移协助', '预约现场培训', '开通接口权限'],
};
export const TICKET_DESCRIPTIONS = [
  '客户来电反映该问题，需尽快处理',
  '客户邮件反馈，附有截图',
  '客户在微信群中提出',
  '现场工程师巡检时发现',
];
export const RESOLUTIONS = [
  '远程协助已解决',
  '更换配件后恢复正常',
  '已提供操作文档并电话指导',
  '升级版本后问题消失',
  '已安排工程师上门处理',
  '与客户沟通确认后关闭',
];

/** Campaign title per campaign type (values of the campaignType list). */
export const CAMPAIGN_THEMES: Readonly<Record<string, string>> = {
  新品上市: '新品发布会',
  展会: '行业博览会',
  促销: '限时优惠季',
  研讨会: '数字化转型研讨会',
  线上直播: '产品直播课',
  邮件营销: '客户关怀邮件',
  其他: '客户答谢会',
};
export const CAMPAIGN_CONTENT = [
  '面向重点客户介绍新版本功能',
  '现场演示与客户案例分享',
  '限时折扣与赠送培训',
  '行业专家分享与交流',
  '老客户回馈活动',
];
