import {
  CONTRACT_STATUSES,
  DEFAULT_OPTION_LISTS,
  firstFlagged,
  flagged,
  hasFlag,
  LEAD_STATUSES,
  LIFECYCLES,
  PAYMENT_STATUSES,
  STAGES,
  TICKET_STATUSES,
  CUSTOMER_360_SECTIONS,
  DATA_TABLE_KEYS,
  tableDef,
  type EnumOption,
  type Stage,
  type TicketStatus,
} from '../../src/schema';
import { applyRules, roleWritesTable, type Values } from '../../src/core';
import { newRecordLabel } from '../../sidebar/src/i18n';
import { newRecordDefaults } from '../../sidebar/src/lib/defaults';

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
    const sets: readonly (readonly EnumOption[])[] = [
      STAGES,
      LIFECYCLES,
      LEAD_STATUSES,
      TICKET_STATUSES,
      CONTRACT_STATUSES,
      PAYMENT_STATUSES,
    ];
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

describe('fields’ starting values, declared once in the schema', () => {
  const ctx = { user: 'rep@example.com', now: '2026-12-07 09:30' };
  const saved = (table: string, values: Values, prev: Values | null = null) => {
    const next = { ...values };
    applyRules(table, next, prev, ctx, true);
    return next;
  };

  it('fills every save’s empty initial fields: the initial option, today, now', () => {
    expect(saved('tickets', { subject: 'x', type: '投诉' })).toMatchObject({
      status: '新建',
      priority: '中',
      openedAt: '2026-12-07 09:30',
      owner: 'rep@example.com',
    });
    expect(saved('quotes', {})).toMatchObject({ status: '审批中', quoteDate: '2026-12-07' });
    expect(saved('customers', { name: 'A' })).toMatchObject({ lifecycle: '潜在', grade: 'D' });
    expect(saved('campaignMembers', {})).toMatchObject({ status: '已邀请' });
    // A value given is kept.
    expect(saved('tickets', { status: '处理中', priority: '高' })).toMatchObject({ status: '处理中', priority: '高' });
  });

  it('does not fill suggested fields on save (a required method stays missing)', () => {
    expect(saved('followUps', {}).method).toBeUndefined();
    expect(saved('opportunities', { name: 'x', stage: '需求分析' }).stage).toBe('需求分析');
  });

  it('gives the entry form the suggested values', () => {
    const at = newRecordDefaults('followUps', 'Asia/Shanghai');
    expect(at.method).toBe('电话');
    expect(String(at.time)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(newRecordDefaults('opportunities', 'Asia/Shanghai')).toEqual({ stage: '线索' });
    expect(newRecordDefaults('tickets', 'Asia/Shanghai')).toMatchObject({ type: '咨询' });
    expect(String(newRecordDefaults('contracts', 'Asia/Shanghai').signDate)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(newRecordDefaults('customers', 'Asia/Shanghai')).toEqual({});
  });
});

describe('tables carry their names, 360 place and writers', () => {
  it('orders the 360 view’s sections as the product lists them', () => {
    expect(CUSTOMER_360_SECTIONS).toEqual([
      'contacts',
      'opportunities',
      'followUps',
      'quotes',
      'orders',
      'deliveryNotes',
      'contracts',
      'payments',
      'feedback',
      'tickets',
      'todos',
      'files',
    ]);
  });

  it('lets service write tickets, feedback, (their own) to-dos and files only, sales everything but products and targets, viewers nothing', () => {
    const writes = (role: 'sales' | 'service' | 'viewer' | 'manager') => DATA_TABLE_KEYS.filter((t) => roleWritesTable(role, t));
    expect(writes('service')).toEqual(['feedback', 'tickets', 'todos', 'files']);
    // Targets are set by managers and admins (业绩目标).
    expect(writes('sales')).toEqual(DATA_TABLE_KEYS.filter((t) => t !== 'products' && t !== 'targets'));
    expect(writes('viewer')).toEqual([]);
    expect(writes('manager')).toEqual(DATA_TABLE_KEYS);
  });

  it('names one row of every data table in both languages', () => {
    for (const t of DATA_TABLE_KEYS) {
      expect(tableDef(t).record.zh).not.toBe('');
      expect(tableDef(t).record.en).toMatch(/^[a-z][a-z -]*$/);
    }
    expect(newRecordLabel('followUps', 'en')).toMatch(/follow-up/);
  });
});
