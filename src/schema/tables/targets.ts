import { integer, money, month, text, user } from '../field';
import { defineTable } from '../table';

/**
 * 业绩目标 / Targets: what a manager sets for one owner, or one team (the team column of the users
 * on the settings tab), for one month. Exactly one of owner and team is filled, and an owner or a
 * team has at most one row per month (core/targets checks both, and that the owner or team is on the
 * settings tab, on every input path). The owner field is `rep`, not `owner`: a team's row has no
 * owner, and every save fills a blank `owner` with the person saving. The 业绩目标达成 summary
 * compares these with the actuals of the team report (core/summaries/targets).
 */
export const targets = defineTable({
  key: 'targets',
  record: { zh: '业绩目标', en: 'target' },
  tab: { zh: '业绩目标', en: 'Targets' },
  prefix: 'Y',
  titleField: 'month',
  writers: [],
  glance: ['rep', 'team', 'month'],
  fields: {
    rep: user({ zh: '负责人', en: 'Owner' }, { aliases: ['销售', '跟进人', 'owner', 'rep'] }),
    team: text({ zh: '团队', en: 'Team' }, { max: 100, aliases: ['小组', 'team'] }),
    month: month({ zh: '月份', en: 'Month' }, { required: true, aliases: ['目标月份', 'month'] }),
    wonAmount: money({ zh: '赢单金额目标', en: 'Won amount target' }, { aliases: ['赢单金额', '成交金额目标'] }),
    collectedAmount: money({ zh: '回款金额目标', en: 'Collected amount target' }, { aliases: ['回款金额', '回款目标'] }),
    newCustomers: integer({ zh: '新增客户目标', en: 'New customers target' }, { aliases: ['新增客户'] }),
    followUps: integer({ zh: '跟进次数目标', en: 'Follow-ups target' }, { aliases: ['跟进次数'] }),
    note: text({ zh: '备注', en: 'Note' }),
  },
});
