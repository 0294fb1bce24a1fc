import {
  calendarOutOfDate,
  customerLink,
  eventContent,
  eventMarker,
  formatEventRef,
  markedFollowUp,
  parseEventRef,
  parseRegistry,
  wantsEvent,
} from '../../src/core/calendar';

const REP = 'rep@example.com';
const f = {
  id: 'F20261208001',
  customerId: 'C20261208001',
  owner: REP,
  content: '介绍新品',
  nextPlanAt: '2026-12-09 10:00',
  nextPlan: '送样品',
  deleted: false,
  calendarEvent: null,
};
const on = (u: string) => u === REP;
const off = () => false;

describe('follow-ups on the calendar (core)', () => {
  it('wants an event for a live follow-up with a next time whose owner opted in', () => {
    expect(wantsEvent(f, on)).toBe(true);
    expect(wantsEvent(f, off)).toBe(false);
    expect(wantsEvent({ ...f, nextPlanAt: null }, on)).toBe(false);
    expect(wantsEvent({ ...f, deleted: true }, on)).toBe(false);
    expect(wantsEvent({ ...f, owner: 'REP@example.com' }, on)).toBe(true);
  });

  it('marks a write out of date when a field the event shows changed, and an event exists or is wanted', () => {
    expect(calendarOutOfDate(null, f, on)).toBe(true);
    expect(calendarOutOfDate(null, f, off)).toBe(false);
    expect(calendarOutOfDate(f, { ...f, content: '另一个内容' }, on)).toBe(false);
    expect(calendarOutOfDate(f, { ...f, nextPlanAt: '2026-12-10 10:00' }, on)).toBe(true);
    expect(calendarOutOfDate(f, { ...f, nextPlan: '签合同' }, on)).toBe(true);
    // An existing event must go when the next time is cleared, whoever's choice it is now.
    const withEvent = { ...f, calendarEvent: `${REP} abc@google.com` };
    expect(calendarOutOfDate(withEvent, { ...withEvent, nextPlanAt: null }, off)).toBe(true);
    expect(calendarOutOfDate(withEvent, { ...withEvent, deleted: true }, off)).toBe(true);
  });

  it('keeps the event and its calendar in one cell', () => {
    expect(parseEventRef(`${REP} abc123@google.com`)).toEqual({ owner: REP, id: 'abc123@google.com' });
    expect(parseEventRef('Rep@Example.com x')).toEqual({ owner: REP, id: 'x' });
    expect(parseEventRef('')).toBeNull();
    expect(parseEventRef('garbage')).toBeNull();
    expect(formatEventRef({ owner: REP, id: 'x' })).toBe(`${REP} x`);
    expect(formatEventRef(null)).toBe('');
  });

  it('writes the customer, the plan, the way back and the marker, in the spreadsheet language', () => {
    const link = customerLink('', 'https://docs.google.com/spreadsheets/d/S1/edit', f.customerId);
    const zh = eventContent(f, '星河科技', link, 'zh', eventMarker('S1', f.id));
    expect(zh.title).toBe('跟进：星河科技 · 送样品');
    expect(zh.start).toBe('2026-12-09 10:00');
    expect(zh.description.split('\n')).toEqual([
      '客户：星河科技（C20261208001）',
      '下次跟进计划：送样品',
      '跟进记录 F20261208001：介绍新品',
      '在 CRM 中打开：https://docs.google.com/spreadsheets/d/S1/edit',
      'CRM S1 F20261208001',
    ]);
    const en = eventContent({ ...f, nextPlan: null }, '', 'https://x/exec?customer=C1', 'en');
    expect(en.title).toBe('Follow up: C20261208001');
    expect(markedFollowUp(zh.description, 'S1')).toBe(f.id);
    expect(markedFollowUp(zh.description, 'S2')).toBeNull();
    expect(markedFollowUp(en.description, 'S1')).toBeNull();
    expect(customerLink('https://x/exec', '', 'C1')).toBe('https://x/exec?customer=C1');
    expect(customerLink('https://x/exec?lang=en', '', 'C1')).toBe('https://x/exec?lang=en&customer=C1');
  });

  it('reads the registry leniently', () => {
    expect(parseRegistry(null)).toEqual({ users: [] });
    expect(parseRegistry('not json')).toEqual({ users: [] });
    expect(parseRegistry('{"users":["A@x.com","a@x.com",3]}')).toEqual({ users: ['a@x.com'] });
  });
});
