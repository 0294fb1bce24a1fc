import { addFollowUpDue, addHook, deliver, FEISHU, notifyCrm, outboxRows, WECOM, winDeal } from './helpers';
import { freshIntake } from '../intake/helpers';
import { addUsers, TEAM } from '../integrity/helpers';

const SETTINGS = '设置';

function settingsAt(crm: ReturnType<typeof notifyCrm>['crm']): { header: string[]; next: number } {
  const values = crm.rt.workbook.getSheet(SETTINGS)?.getValuesRaw() as unknown[][];
  return { header: values[0] as string[], next: values.length + 1 };
}

describe('webhook rows typed on the settings tab (the edit trigger)', () => {
  it('marks a URL that is not https on a known robot host, never uses it, and clears the mark once fixed', () => {
    const { crm, customerId } = notifyCrm();
    const { header, next } = settingsAt(crm);
    const row = new Array(header.length).fill('');
    row[header.indexOf('类型')] = '通知';
    row[header.indexOf('键')] = '假群';
    row[header.indexOf('值')] = 'https://hooks.example.com/x';
    row[header.indexOf('团队')] = '华东';
    const e = crm.rt.userEdit(SETTINGS, next, 1, [row]);
    crm.call('onEdit', e);
    const report = crm.call<{ invalid: number }>('handleEdit', e);
    expect(report.invalid).toBe(1);
    const col = header.indexOf('值') + 1;
    const sheet = crm.rt.workbook.getSheet(SETTINGS);
    const note = () => String(sheet?.notes.get(next, col) ?? '');
    expect(note()).toContain('hooks.example.com');
    expect(note()).toMatch(/不是支持的群机器人地址/);
    // The bad hook is not used.
    winDeal(crm, customerId, 'rep1@example.com');
    expect(outboxRows(crm)).toHaveLength(0);
    // Fixed: the mark goes, the hook posts.
    const fix = crm.rt.userEdit(SETTINGS, next, col, [[WECOM]]);
    expect(crm.call<{ invalid: number }>('handleEdit', fix).invalid).toBe(0);
    expect(note()).toBe('');
    winDeal(crm, customerId, 'rep1@example.com', '第二单');
    expect(outboxRows(crm).map((r) => r['通知'])).toEqual(['假群']);
  });

  it('a stage typed to 成交 on the opportunities tab posts a won deal once', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华东群', WECOM, '华东');
    const r = crm.call<{ ok: true; record: { id: string } }>('saveRecord', 'opportunities', {
      name: '手填单',
      customerId,
      stage: '合同谈判',
      amount: 5000,
      owner: 'rep1@example.com',
    });
    const sheet = crm.rt.workbook.getSheet('销售机会');
    const values = sheet?.getValuesRaw() as unknown[][];
    const header = values[0] as string[];
    const rowNo = values.findIndex((v) => v[header.indexOf('编号')] === r.record.id) + 1;
    const col = header.indexOf('销售阶段') + 1;
    const e = crm.rt.userEdit('销售机会', rowNo, col, [['成交']]);
    crm.call('onEdit', e);
    crm.call('handleEdit', e);
    expect(outboxRows(crm).map((x) => [x['事件'], x['记录编号']])).toEqual([['dealWon', r.record.id]]);
    // Typing it again (no change of stage) posts nothing more.
    const again = crm.rt.userEdit('销售机会', rowNo, col, [['成交']]);
    crm.call('handleEdit', again);
    expect(outboxRows(crm)).toHaveLength(1);
  });

  it('a paste of 成交 over several opportunities posts each deal that became won, once', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华东群', WECOM, '华东');
    const made = ['甲单', '乙单', '丙单'].map(
      (name) =>
        crm.call<{ ok: true; record: { id: string } }>('saveRecord', 'opportunities', {
          name,
          customerId,
          stage: name === '丙单' ? '成交' : '合同谈判',
          amount: 5000,
          owner: 'rep1@example.com',
        }).record.id,
    );
    expect(outboxRows(crm).map((x) => x['记录编号'])).toEqual([made[2]]);
    const values = crm.rt.workbook.getSheet('销售机会')?.getValuesRaw() as unknown[][];
    const header = values[0] as string[];
    const first = values.findIndex((v) => v[header.indexOf('编号')] === made[0]) + 1;
    const col = header.indexOf('销售阶段') + 1;
    // The three rows pasted at once: two become won, the third was won already.
    const e = crm.rt.userEdit('销售机会', first, col, [['成交'], ['成交'], ['成交']]);
    crm.call('onEdit', e);
    crm.call('handleEdit', e);
    expect(outboxRows(crm).map((x) => [x['事件'], x['记录编号']])).toEqual([
      ['dealWon', made[2]],
      ['dealWon', made[0]],
      ['dealWon', made[1]],
    ]);
    // Pasted again: nothing more.
    crm.call('handleEdit', crm.rt.userEdit('销售机会', first, col, [['成交'], ['成交'], ['成交']]));
    expect(outboxRows(crm)).toHaveLength(3);
  });
});

describe('other producers', () => {
  it('overdue follow-ups are posted once, on the day they become overdue', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华东群', WECOM, '华东');
    addFollowUpDue(crm, customerId, 'rep1@example.com', -1);
    addFollowUpDue(crm, customerId, 'rep2@example.com', -5);
    crm.call('sendReminderDigest');
    const rows = outboxRows(crm);
    expect(rows.map((r) => [r['事件'], r['相关人']])).toEqual([['overdueFollowUp', 'rep1@example.com']]);
    expect(String(rows[0]['内容'])).toContain('跟进已逾期');
    // Again the same day: nothing more.
    crm.call('sendReminderDigest');
    expect(outboxRows(crm)).toHaveLength(1);
    expect(deliver(crm).sent).toBe(1);
  });

  it('a lead-form submission that duplicates a customer is posted to its owner’s team chat, not mailed', () => {
    const crm = freshIntake();
    addUsers(crm, TEAM);
    const c = crm.call<{ ok: true; record: { id: string } }>('saveRecord', 'customers', { name: '华东电子', owner: 'rep1@example.com' });
    expect(c.ok).toBe(true);
    expect(addHook(crm, '华东群', FEISHU, '华东').ok).toBe(true);
    const made = crm.call<{ formId: string }>('createLeadForm');
    const before = crm.rt.mail.length;
    crm.submit(made.formId, { 公司名称: '华东电子', 联系人: '王五', 电话: '13800000000' });
    const rows = outboxRows(crm);
    expect(rows.map((r) => [r['事件'], r['相关人'], r['记录编号']])).toEqual([['duplicateLead', 'rep1@example.com', c.record.id]]);
    expect(crm.rt.mail.length).toBe(before);
    // Without a hook for the owner's team, the owner gets the intake's own mail, as before.
    const other = crm.call<{ ok: true; record: { id: string } }>('saveRecord', 'customers', {
      name: '华南贸易',
      owner: 'rep3@example.com',
    });
    expect(other.ok).toBe(true);
    crm.submit(made.formId, { 公司名称: '华南贸易', 联系人: '赵六', 电话: '13900000000' });
    expect(crm.rt.mail.slice(before).map((m) => [m.to, m.subject])).toEqual([['rep3@example.com', expect.stringContaining('华南贸易')]]);
  });
});
