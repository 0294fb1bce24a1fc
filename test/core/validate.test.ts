import { customers, contacts, opportunities, payments, feedback } from '../../src/schema';
import { parseSettings, validateInput, type ValidationContext } from '../../src/core';

const ctx = (lang: 'zh' | 'en' = 'en'): ValidationContext => ({ lang, lists: parseSettings([]).lists });
const errorsOf = (r: ReturnType<typeof validateInput>) => (r.ok ? [] : r.errors);

describe('validateInput', () => {
  it('reports each missing required field in both languages', () => {
    const errs = errorsOf(validateInput(customers, {}, ctx('zh')));
    expect(errs.map((e) => e.field).sort()).toEqual(['name', 'owner']);
    expect(errs[0].message).toBe('必填');
    expect(errs[0].messages.en).toBe('Required');
  });

  it('treats whitespace-only as empty', () => {
    expect(errorsOf(validateInput(customers, { name: '   ', owner: 'a@x.com' }, ctx())).map((e) => e.field)).toEqual(['name']);
  });

  it('checks email, phone, dates, money, scores', () => {
    const bad = errorsOf(
      validateInput(customers, { name: 'A', owner: 'o', email: 'nope', phone: '12345', firstDealDate: '2024-02-30' }, ctx()),
    );
    expect(bad.map((e) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        ['email', 'email'],
        ['phone', 'phone'],
      ]),
    );
    expect(errorsOf(validateInput(payments, { customerId: 'C20240101001', amount: -5 }, ctx()))[0].code).toBe('non_negative');
    expect(errorsOf(validateInput(feedback, { customerId: 'C20240101001', satisfaction: 6 }, ctx()))[0].code).toBe('score_range');
    expect(errorsOf(validateInput(feedback, { customerId: 'C20240101001', satisfaction: 4.5 }, ctx()))[0].code).toBe('score_range');
  });

  it('accepts mobile, landline with area code and extension, 400 numbers', () => {
    for (const phone of ['13800138000', '+86 138-0013-8000', '010-12345678', '(0755) 8765 4321 转 12', '400-800-1234']) {
      expect(errorsOf(validateInput(contacts, { customerId: 'C20240101001', name: 'x', phone }, ctx()))).toEqual([]);
    }
  });

  it('normalises dates, money and enums given in either language', () => {
    const r = validateInput(
      opportunities,
      {
        name: 'Deal',
        customerId: 'c20240101001',
        stage: 'negotiation',
        amount: '¥1,234.567',
        expectedCloseDate: '2024年3月5日',
        owner: 'o',
      },
      ctx(),
    );
    expect(r.ok && r.value).toMatchObject({
      stage: '合同谈判',
      amount: 1234.57,
      expectedCloseDate: '2024-03-05',
      customerId: 'C20240101001',
    });
  });

  it('rejects values outside a settings list, and maps English labels to the stored value', () => {
    expect(errorsOf(validateInput(customers, { name: 'A', owner: 'o', industry: '炼金术' }, ctx()))[0]).toMatchObject({
      field: 'industry',
      code: 'option',
    });
    const r = validateInput(customers, { name: 'A', owner: 'o', industry: 'manufacturing', tags: 'Key account, 风险客户' }, ctx());
    expect(r.ok && r.value).toMatchObject({ industry: '制造业', tags: ['重点维护客户', '风险客户'] });
  });

  it('rejects unknown fields, wrong types, huge strings and non-objects', () => {
    expect(errorsOf(validateInput(customers, { name: 'A', owner: 'o', colour: 'red' }, ctx()))).toEqual([
      expect.objectContaining({ field: 'colour', code: 'unknown_field' }),
    ]);
    expect(errorsOf(validateInput(customers, { name: { evil: true }, owner: 'o' }, ctx()))[0]).toMatchObject({
      field: 'name',
      code: 'invalid_type',
    });
    expect(errorsOf(validateInput(customers, { name: 'x'.repeat(50000), owner: 'o' }, ctx()))[0]).toMatchObject({
      field: 'name',
      code: 'too_long',
    });
    expect(errorsOf(validateInput(customers, ['a'], ctx()))[0].code).toBe('bad_argument');
    expect(errorsOf(validateInput(customers, null, ctx()))[0].code).toBe('bad_argument');
  });

  it('lists the allowed options in an enum error', () => {
    const e = errorsOf(validateInput(customers, { name: 'A', owner: 'o', size: 'huge' }, ctx()))[0];
    expect(e.code).toBe('enum');
    expect(e.message).toContain('1000+');
  });
});
