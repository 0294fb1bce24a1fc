/** The pure part of email logging: addresses, direction, snippets, the cursor and the pass query. */
import {
  addressList,
  advance,
  counterparts,
  emailContent,
  passQuery,
  PAGE_OVERLAP,
  parseCursor,
  snippetOf,
  type EmailLogCursor,
  type MailFacts,
} from '../../src/core/emailLog';

const ME = 'rep@example.com';
const mail = (over: Partial<MailFacts>): MailFacts => ({
  id: 'm1',
  threadId: 't1',
  from: ME,
  to: '',
  cc: '',
  bcc: '',
  subject: 's',
  plainBody: '',
  dateMs: 0,
  ...over,
});

describe('email logging (core)', () => {
  it('reads the bare addresses of a header, lower-cased, once each', () => {
    expect(addressList('"王芳" <Wang@Acme.cn>, li@acme.cn, wang@acme.cn, not an address')).toEqual(['wang@acme.cn', 'li@acme.cn']);
    expect(addressList('')).toEqual([]);
  });

  it('a sent message is with its recipients (to, cc, bcc), a received one with its sender; a note to oneself with nobody', () => {
    expect(counterparts(mail({ to: 'a@x.cn, Rep@Example.com', cc: 'b@x.cn', bcc: 'c@x.cn' }), ME)).toEqual({
      direction: '发出',
      addresses: ['a@x.cn', 'b@x.cn', 'c@x.cn'],
    });
    expect(counterparts(mail({ from: '"A" <a@x.cn>', to: ME, cc: 'b@x.cn' }), ME)).toEqual({ direction: '收到', addresses: ['a@x.cn'] });
    expect(counterparts(mail({ to: ME }), ME)).toBeNull();
  });

  it('a snippet leaves out quoted replies and signatures, on one line, at most 200 characters', () => {
    expect(snippetOf('Hi,\n\nSee the quote.\n\nOn Mon, A wrote:\n> old')).toBe('Hi, See the quote.');
    expect(snippetOf('好的\n在 2026年3月1日，王芳 写道：\n> 请报价')).toBe('好的');
    expect(snippetOf('Thanks\n--\nSales team')).toBe('Thanks');
    expect(snippetOf('x'.repeat(300))).toHaveLength(200);
    expect(emailContent('  ', 'body', 'en')).toBe('(no subject)\nbody');
    expect(emailContent('主题', '', 'zh')).toBe('主题');
  });

  it('the cursor pages through a pass with an overlap, and a short page ends the pass', () => {
    const c: EmailLogCursor = { on: true, floorS: 100, fromS: 100, toS: 500, start: 0, since: '', lastRunAt: null, logged: 0 };
    expect(advance(c, 50, 50)).toMatchObject({ fromS: 100, toS: 500, start: 50 - PAGE_OVERLAP });
    expect(advance({ ...c, start: 45 }, 20, 50)).toMatchObject({ fromS: 500, toS: null, start: 0 });
    expect(passQuery({ ...c, toS: 500 }, ['CRM-不记录', 'a"b'])).toBe('after:100 before:500 -label:"CRM-不记录" -label:"ab"');
    expect(parseCursor(JSON.stringify(c))).toEqual(c);
    expect(parseCursor('{"on":"yes"}')).toBeNull();
    expect(parseCursor('not json')).toBeNull();
  });
});
