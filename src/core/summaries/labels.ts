import { fill, type Label, type Lang } from '../../schema';
import type { SummaryKey } from './model';

/** Summary tab names. They differ from every table tab (营销活动, 售后服务 are tables). */
export const SUMMARY_TABS: Readonly<Record<SummaryKey, Label>> = {
  distribution: { zh: '客户分布', en: 'Customer distribution' },
  funnel: { zh: '销售漏斗', en: 'Sales funnel' },
  team: { zh: '团队业绩', en: 'Team performance' },
  value: { zh: '客户价值', en: 'Customer value' },
  attention: { zh: '重点关注', en: 'Attention list' },
  service: { zh: '服务统计', en: 'Service summary' },
  campaigns: { zh: '活动效果', en: 'Campaign results' },
  targets: { zh: '业绩目标达成', en: 'Target attainment' },
};

/** Every heading the summaries print, in both languages. */
export const L = {
  total: { zh: '合计', en: 'Total' },
  count: { zh: '数量', en: 'Count' },
  share: { zh: '占比', en: 'Share' },
  amount: { zh: '金额', en: 'Amount' },
  blank: { zh: '（未填写）', en: '(blank)' },
  other: { zh: '其他', en: 'Other' },
  noData: { zh: '（无数据）', en: '(no data)' },
  month: { zh: '月份', en: 'Month' },
  metric: { zh: '指标', en: 'Metric' },
  value: { zh: '数值', en: 'Value' },
  owner: { zh: '负责人', en: 'Owner' },
  customer: { zh: '客户', en: 'Customer' },
  customerId: { zh: '客户编号', en: 'Customer ID' },
  customerName: { zh: '客户名称', en: 'Customer name' },
  stage: { zh: '阶段', en: 'Stage' },
  id: { zh: '编号', en: 'ID' },
  notSet: { zh: '（未设置）', en: '(not set)' },
  builtAt: { zh: '生成时间', en: 'Built at' },
  filters: { zh: '筛选', en: 'Filters' },
  all: { zh: '全部', en: 'All' },
  truncated: { zh: '仅显示前 {shown} 条，共 {total} 条', en: 'Showing the first {shown} of {total}' },
} as const satisfies Record<string, Label>;

export type Tr = (label: Label, params?: Record<string, string | number>) => string;

/** A translator bound to the workbook language. */
export function translator(lang: Lang): Tr {
  return (label, params = {}) => fill(label, lang, params);
}

export { optionText } from '../../schema';
