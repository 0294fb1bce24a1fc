/**
 * Option values keep their literal types from the schema to the store's reads: a misspelt value
 * fails to compile (the `@ts-expect-error` lines are checked by `tsc`, which fails if they compile).
 */
import { firstFlagged, STAGES, TICKET_STATUSES, type RowOf, type SettingsRow, type Stage } from '../../src/schema';
import type { SheetStore } from '../../src/store';

function compileOnly(store: SheetStore): void {
  const opportunity = store.load('opportunities').records[0];
  // @ts-expect-error 赢单 is no stage (the won stage is 成交)
  if (opportunity.stage === '赢单') return;
  if (opportunity.stage === '成交') return;
  const ticket = store.record('tickets', 'T1');
  // @ts-expect-error 关闭 is no ticket status (已关闭 is)
  if (ticket?.status === '关闭') return;
  const setting: SettingsRow = store.load('settings').records[0];
  // @ts-expect-error 用戶 (traditional) is no setting type
  if (setting.type === '用戶') return;
  // @ts-expect-error a number is no customer name
  const named: RowOf<'customers'> = { ...store.load('customers').records[0], name: 1 };
  void named;
}

describe('typed option values', () => {
  it('keep their literal types through the flags', () => {
    const won: Stage = firstFlagged(STAGES, 'won');
    // @ts-expect-error a stage is no ticket status
    const wrong: (typeof TICKET_STATUSES)[number]['value'] = won;
    expect([won, wrong]).toEqual(['成交', '成交']);
    expect(typeof compileOnly).toBe('function');
  });
});
