import {
  checkFilters,
  checkTemplate,
  CrmError,
  passes,
  placeholderList,
  placeholdersIn,
  planRecipients,
  renderTemplate,
  templateFields,
} from '../../src/core';

/** The pure part of the mail merge: placeholders named by the schema's labels, filters per kind, who is skipped. */
describe('mail-merge templates', () => {
  it('names fields by their zh or en label or an alias, case and spaces aside; a contact reaches its customer', () => {
    const contact = { name: '张三', email: 'z@x.com', title: '经理' };
    const customer = { name: '华为', industry: '制造业', tags: ['重点维护客户', '老客户'] };
    const text = '{{客户名称}} / {{ customer NAME }} / {{姓名}} / {{Title}} / {{所属行业}} / {{标签}}';
    expect(renderTemplate('contacts', text, contact, customer, 'zh')).toBe('华为 / 华为 / 张三 / 经理 / 制造业 / 重点维护客户、老客户');
    // A lead's company answers to 客户名称 (one of its aliases).
    expect(renderTemplate('leads', '{{客户名称}}，{{联系人}}', { company: '甲', contactName: '王' }, null, 'zh')).toBe('甲，王');
    // Options in the mail's language.
    expect(renderTemplate('customers', '{{Lifecycle}}', { lifecycle: '成交客户' }, null, 'en')).not.toBe('{{Lifecycle}}');
    expect(templateFields('contacts', [text])).toEqual({ self: ['name', 'title'], customer: ['name', 'industry', 'tags'] });
  });

  it('refuses a placeholder naming no field, and stray braces, in both languages, naming the part', () => {
    const refused = (kind: 'customers' | 'leads', subject: string, body: string) => {
      try {
        checkTemplate(kind, { subject, body }, 'en');
      } catch (e) {
        return (e as CrmError).errors;
      }
      return [];
    };
    const [e] = refused('customers', 'Hi {{nope}}', 'ok');
    expect(e).toMatchObject({ field: 'subject', code: 'mail_placeholder' });
    expect(e.messages.zh).toContain('{{nope}}');
    expect(e.messages.zh).toContain('客户');
    expect(e.messages.en).toContain('customer');
    // A lead's template may not name a customer-only field (no customer behind a lead).
    expect(refused('leads', 'a', '{{客户标签}}')[0]).toMatchObject({ field: 'body', code: 'mail_placeholder' });
    expect(refused('customers', 'a', 'oops {{客户名称}')[0]).toMatchObject({ code: 'mail_braces' });
    expect(refused('customers', '{{客户名称}}', '{{Email}} {{备注}}')).toEqual([]);
    expect(placeholdersIn('{{a}} {{ a }} {{b}}')).toEqual(['a', 'b']);
  });

  it('lists each field once, leaving out the flags and the pool bookkeeping', () => {
    const list = placeholderList('contacts');
    expect(list).toContainEqual({ zh: '姓名', en: 'Name', customer: false });
    expect(list).toContainEqual({ zh: '客户名称', en: 'Customer name', customer: true });
    expect(list.map((p) => p.en)).not.toContain('Unsubscribed');
    expect(list.map((p) => p.en)).not.toContain('Owner since');
    expect(list.filter((p) => p.en === 'Email')).toHaveLength(1);
  });
});

describe('mail-merge audience', () => {
  it('filters by the kind’s fields; a filter a kind does not have is refused', () => {
    const set = checkFilters('contacts', { tag: ' Key account ', region: '华东', owner: '' }, 'en');
    expect(set).toEqual([
      ['tag', 'Key account'],
      ['region', '华东'],
    ]);
    const lists = { tag: [{ value: '重点维护客户', en: 'Key account' }] };
    expect(passes('contacts', { tags: ['重点维护客户'], region: '华东/上海' }, set, lists)).toBe(true);
    expect(passes('contacts', { tags: ['老客户'], region: '华东' }, set, lists)).toBe(false);
    expect(passes('leads', { status: '跟进中' }, checkFilters('leads', { stage: '跟进中' }, 'zh'))).toBe(true);
    expect(() => checkFilters('leads', { tag: 'x', region: 'y' }, 'zh')).toThrow(CrmError);
    try {
      checkFilters('leads', { region: 'y' }, 'zh');
    } catch (e) {
      expect((e as CrmError).errors[0]).toMatchObject({ field: 'filters.region', code: 'mail_filter_kind' });
      expect((e as CrmError).errors[0].messages.en).toBe('A lead cannot be filtered by region (filters for it: industry, stage, owner)');
    }
  });

  it('skips no address, an unsubscribed address wherever it is flagged, and a repeated address (first one mailed)', () => {
    const c = (id: string, email: string, unsubscribed = false) => ({ kind: 'contacts' as const, id, name: id, email, unsubscribed });
    const planned = planRecipients(
      [c('a', ''), c('b', 'B@x.com'), c('c', 'b@X.com '), c('d', 'd@x.com', true), c('e', 'e@x.com')],
      new Set(['e@x.com']),
    );
    expect(planned.map((p) => p.skip)).toEqual(['no_email', null, 'duplicate', 'unsubscribed', 'unsubscribed']);
  });
});
