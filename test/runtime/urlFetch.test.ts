import { setup } from './helpers';

const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc';

describe('UrlFetchApp', () => {
  it('records requests and answers with the chat robots’ success replies by default', () => {
    const { UrlFetchApp, rt } = setup();
    const r = UrlFetchApp.fetch(WECOM, { method: 'post', contentType: 'application/json', payload: '{"msgtype":"text"}' });
    expect(r.getResponseCode()).toBe(200);
    expect(JSON.parse(r.getContentText())).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(r.getHeaders()).toMatchObject({ 'Content-Type': expect.stringContaining('json') });
    expect(rt.urlFetch.requests).toHaveLength(1);
    expect(rt.urlFetch.requests[0]).toMatchObject({
      host: 'qyapi.weixin.qq.com',
      method: 'post',
      contentType: 'application/json',
      payload: '{"msgtype":"text"}',
      code: 200,
    });
    expect(rt.stats().roundTrips).toBe(1);
  });

  it('throws on non-2xx unless muteHttpExceptions, and on network failures always', () => {
    const { UrlFetchApp, rt } = setup();
    rt.urlFetch.answer('qyapi.weixin.qq.com', { code: 429, body: 'slow down' }, { code: 500 }, { timeout: true });
    expect(() => UrlFetchApp.fetch(WECOM, { method: 'post' })).toThrow(
      /Request failed for https:\/\/qyapi.weixin.qq.com returned code 429/,
    );
    const muted = UrlFetchApp.fetch(WECOM, { method: 'post', muteHttpExceptions: true });
    expect(muted.getResponseCode()).toBe(500);
    const before = rt.now().getTime();
    expect(() => UrlFetchApp.fetch(WECOM, { method: 'post', muteHttpExceptions: true })).toThrow(/Timeout/);
    expect(rt.now().getTime() - before).toBe(60000);
    expect(() => UrlFetchApp.fetch('https://example.com/x', { muteHttpExceptions: true })).toThrow(/DNS error/);
    expect(rt.urlFetch.requests.map((q) => q.code ?? q.error)).toEqual([429, 500, 'timeout', 'unreachable']);
  });

  it('is strict about option names, methods and URLs', () => {
    const { UrlFetchApp, rt } = setup();
    expect(() => UrlFetchApp.fetch(WECOM, { mute: true } as never)).toThrow(/unexpected option mute/);
    expect(() => UrlFetchApp.fetch(WECOM, { method: 'send' as never })).toThrow(/method/);
    expect(() => UrlFetchApp.fetch('not a url')).toThrow(/Invalid argument/);
    expect((UrlFetchApp as unknown as Record<string, unknown>).fetchAsync).toBeUndefined();
    expect(rt.urlFetch.requests).toHaveLength(0);
  });

  it('fetchAll sends each request, answers scripted per host in order, form-encodes object payloads', () => {
    const { UrlFetchApp, rt } = setup();
    rt.urlFetch.answer('oapi.dingtalk.com', { code: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    rt.urlFetch.answer('chat.googleapis.com', (req) => ({ code: req.payload.includes('hi') ? 200 : 400 }));
    const out = UrlFetchApp.fetchAll([
      { url: 'https://oapi.dingtalk.com/robot/send?access_token=t', method: 'post', payload: '{}', muteHttpExceptions: true },
      { url: 'https://chat.googleapis.com/v1/spaces/X/messages?key=k', method: 'post', payload: { text: 'hi' } },
      'https://open.feishu.cn/open-apis/bot/v2/hook/x',
    ]);
    expect(out.map((r) => r.getResponseCode())).toEqual([200, 200, 200]);
    expect(JSON.parse(out[0].getContentText()).errcode).toBe(310000);
    expect(JSON.parse(out[2].getContentText()).code).toBe(0);
    expect(rt.urlFetch.requests[1]).toMatchObject({ payload: 'text=hi', contentType: 'application/x-www-form-urlencoded' });
    expect(rt.stats().roundTrips).toBe(1);
  });

  it('counts the daily quota (20,000 requests) on the virtual clock', () => {
    const { UrlFetchApp, rt } = setup();
    const stub = {
      url: '',
      host: 'qyapi.weixin.qq.com',
      method: 'post',
      headers: {},
      contentType: null,
      payload: '',
      at: rt.now(),
      code: 200,
    };
    for (let i = 0; i < 20000; i++) rt.urlFetch.requests.push({ ...stub });
    expect(() => UrlFetchApp.fetch(WECOM)).toThrow(/too many times for one day: urlfetch/);
    rt.advanceClock(24 * 3600 * 1000);
    expect(UrlFetchApp.fetch(WECOM).getResponseCode()).toBe(200);
  });
});
