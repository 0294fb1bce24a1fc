import { setup } from './helpers';

describe('ScriptApp triggers', () => {
  it('creates, lists and deletes time and spreadsheet triggers', () => {
    const { ScriptApp, ss, rt } = setup();
    const t1 = ScriptApp.newTrigger('rebuildSummaries').timeBased().everyHours(6).create();
    const t2 = ScriptApp.newTrigger('sendReminderDigest').timeBased().everyDays(1).atHour(8).nearMinute(15).create();
    const t3 = ScriptApp.newTrigger('handleEdit').forSpreadsheet(ss).onEdit().create();
    expect(t1.getHandlerFunction()).toBe('rebuildSummaries');
    expect(t1.getEventType()).toBe(ScriptApp.EventType.CLOCK);
    expect(t1.getTriggerSource()).toBe(ScriptApp.TriggerSource.CLOCK);
    expect(t3.getEventType()).toBe(ScriptApp.EventType.ON_EDIT);
    expect(t3.getTriggerSource()).toBe(ScriptApp.TriggerSource.SPREADSHEETS);
    expect(t3.getTriggerSourceId()).toBe(ss.getId());
    expect(t1.getUniqueId()).not.toBe(t2.getUniqueId());
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'rebuildSummaries',
      'sendReminderDigest',
      'handleEdit',
    ]);
    expect(rt.triggers()[1]).toMatchObject({
      handler: 'sendReminderDigest',
      eventType: 'CLOCK',
      schedule: { everyDays: 1, atHour: 8, nearMinute: 15 },
    });
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(rt.triggers().map((t) => t.handler)).toEqual(['sendReminderDigest', 'handleEdit']);
  });

  it('validates schedules and the per-user trigger limit', () => {
    const { ScriptApp } = setup();
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow(/everyMinutes/);
    expect(() => ScriptApp.newTrigger('f').timeBased().create()).toThrow(/schedule/);
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(1).atHour(3).create()).toThrow(/atHour/);
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('g').timeBased().everyHours(1).create()).toThrow(/too many triggers/);
  });
});
