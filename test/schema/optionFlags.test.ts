import {
  CONTRACT_STATUSES, DEFAULT_OPTION_LISTS, firstFlagged, flagged, hasFlag, LEAD_STATUSES, LIFECYCLES, PAYMENT_STATUSES, STAGES,
  TICKET_STATUSES, type EnumOption, type Stage, type TicketStatus,
} from '../../src/schema';

// Compile-time: option values keep their literal types, so a misspelt value does not compile
// (`npm run typecheck` covers test/: an @ts-expect-error that is not an error fails it).
// @ts-expect-error 成文 is not a stage
const misspeltStage: Stage = '成文';
// @ts-expect-error 已关 is not a ticket status
const misspeltStatus: TicketStatus = '已关';
const wonStage: Stage = firstFlagged(STAGES, 'won');

describe('option flags: what options mean, said once in the schema', () => {
  it('keeps the literals for the compile-time checks above', () => {
    expect([misspeltStage, misspeltStatus, wonStage]).toEqual(['成文', '已关', '成交']);
  });

  it('names the stages by meaning, in funnel order', () => {
    expect(flagged(STAGES, 'open')).toEqual(['线索', '需求分析', '方案报价', '合同谈判']);
    expect(flagged(STAGES, 'won')).toEqual(['成交', '售后']);
    expect(flagged(STAGES, 'lost')).toEqual(['输单']);
    // Every stage is exactly one of open, won, lost.
    for (const s of STAGES) expect(['open', 'won', 'lost'].filter((f) => s.flags?.includes(f as 'open'))).toHaveLength(1);
  });

  it('gives statuses their meaning', () => {
    expect(flagged(TICKET_STATUSES, 'closed')).toEqual(['已解决', '已关闭']);
    expect(flagged(TICKET_STATUSES, 'open')).toEqual(['新建', '处理中']);
    expect(firstFlagged(LEAD_STATUSES, 'converted')).toBe('已转化');
    expect(firstFlagged(CONTRACT_STATUSES, 'active')).toBe('生效');
    expect(firstFlagged(PAYMENT_STATUSES, 'overdue')).toBe('逾期');
    expect(firstFlagged(LIFECYCLES, 'churned')).toBe('流失');
    expect(firstFlagged(DEFAULT_OPTION_LISTS.tag, 'atRisk')).toBe('风险客户');
  });

  it('has at most one initial value per set', () => {
    const sets: readonly (readonly EnumOption[])[] = [STAGES, LIFECYCLES, LEAD_STATUSES, TICKET_STATUSES, CONTRACT_STATUSES, PAYMENT_STATUSES];
    for (const set of sets) expect(flagged(set, 'initial').length).toBeLessThanOrEqual(1);
  });

  it('answers hasFlag only for the set’s own values', () => {
    expect(hasFlag(STAGES, '售后', 'won')).toBe(true);
    expect(hasFlag(STAGES, '线索', 'won')).toBe(false);
    expect(hasFlag(STAGES, 'Won', 'won')).toBe(false);
    expect(hasFlag(STAGES, null, 'won')).toBe(false);
  });

  it('fails loudly when no option carries a flag', () => {
    expect(() => firstFlagged(STAGES, 'paid')).toThrow(/paid/);
  });
});
