import { setup } from './helpers';

describe('userEdit', () => {
  it('applies typed input and returns the installable onEdit event', () => {
    const { rt, sheet, ScriptApp, ss } = setup({ user: 'rep@example.com' });
    const trigger = ScriptApp.newTrigger('handleEdit').forSpreadsheet(ss).onEdit().create();
    sheet.getRange('B2').setValue('old');
    rt.resetStats();
    const e = rt.userEdit('工作表1', 2, 2, [['2024-03-15']]);
    expect(rt.stats().calls).toBe(0);
    expect(sheet.getRange('B2').getValue()).toEqual(new Date('2024-03-14T16:00:00Z'));
    expect(e).toMatchObject({ oldValue: 'old', authMode: 'FULL', triggerUid: trigger.getUniqueId() });
    expect(e.value).toBe('45366');
    rt.resetStats();
    expect(e.range.getA1Notation()).toBe('B2');
    expect(e.source.getId()).toBe(ss.getId());
    expect(e.user.getEmail()).toBe('rep@example.com');
    expect(rt.stats().calls).toBe(4); // event objects are counted proxies (3 calls) + ss.getId()
    const paste = rt.userEdit('工作表1', 3, 1, [
      ['a', '1'],
      ['TRUE', "'007"],
    ]);
    expect(paste.value).toBeUndefined();
    expect(paste.range.getA1Notation()).toBe('A3:B4');
    expect(sheet.getRange('A3:B4').getValues()).toEqual([
      ['a', 1],
      [true, '007'],
    ]);
  });

  it('rejects input that breaks a validation with allowInvalid=false', () => {
    const { rt, sheet, SpreadsheetApp } = setup();
    sheet
      .getRange('C1:C10')
      .setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['新建', '处理中']).setAllowInvalid(false).build());
    expect(() => rt.userEdit('工作表1', 1, 3, [['bogus']])).toThrow(/violates the data validation rules/);
    rt.userEdit('工作表1', 1, 3, [['新建']]);
    expect(sheet.getRange('C1').getValue()).toBe('新建');
  });
});
