import { appendStageLog, applyRules, parseStageLog, STAGE_LOG_MAX, type Values } from '../../src/core';

describe('stage log', () => {
  it('appends in the workbook language and parses either language back to stage values', () => {
    const zh = appendStageLog(appendStageLog(null, '2024-01-01 09:00', '线索', 'zh'), '2024-01-03 09:00', '需求分析', 'zh');
    expect(zh).toBe('2024-01-01 09:00 线索; 2024-01-03 09:00 需求分析');
    const en = appendStageLog(zh, '2024-01-05 10:00', '输单', 'en');
    expect(en).toBe('2024-01-01 09:00 线索; 2024-01-03 09:00 需求分析; 2024-01-05 10:00 Lost');
    expect(parseStageLog(en)).toEqual([
      { at: '2024-01-01 09:00', stage: '线索' },
      { at: '2024-01-03 09:00', stage: '需求分析' },
      { at: '2024-01-05 10:00', stage: '输单' },
    ]);
  });

  it('skips what it cannot read and keeps the creation entry when the cell would overflow', () => {
    expect(parseStageLog('garbage; 2024-01-01 09:00 不是阶段; 2024-01-02 09:00 成交')).toEqual([{ at: '2024-01-02 09:00', stage: '成交' }]);
    expect(parseStageLog(null)).toEqual([]);
    let log = appendStageLog(null, '2020-01-01 00:00', '线索', 'zh');
    for (let i = 0; i < 1000; i++)
      log = appendStageLog(log, `2021-01-01 ${String(i % 24).padStart(2, '0')}:00`, i % 2 ? '需求分析' : '方案报价', 'zh');
    expect(log.length).toBeLessThanOrEqual(STAGE_LOG_MAX);
    const entries = parseStageLog(log);
    expect(entries[0]).toEqual({ at: '2020-01-01 00:00', stage: '线索' });
    expect(entries[entries.length - 1].stage).toBe('需求分析');
  });

  it('every save rule appends a stage change, and only a change', () => {
    const ctx = { user: 'a@x.com', now: '2024-03-01 10:00', lang: 'en' as const };
    const created: Values = { stage: '线索' };
    applyRules('opportunities', created, null, ctx, true);
    expect(created.stageLog).toBe('2024-03-01 10:00 Lead');
    const same: Values = { ...created, amount: 5 };
    applyRules('opportunities', same, created, { ...ctx, now: '2024-03-02 10:00' }, true);
    expect(same.stageLog).toBe('2024-03-01 10:00 Lead');
    const moved: Values = { ...same, stage: '方案报价' };
    applyRules('opportunities', moved, same, { ...ctx, now: '2024-03-05 11:30' }, true);
    expect(moved.stageLog).toBe('2024-03-01 10:00 Lead; 2024-03-05 11:30 Proposal');
  });
});
