import { checkHookUrl, hookOutcome, hookPayload, hooksOf, retryDelayMinutes, signedDingTalkUrl } from '../../src/core';
import type { SettingsRow } from '../../src/schema';

describe('core/webhooks', () => {
  it('accepts https URLs on the robot hosts only', () => {
    expect(checkHookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1', 'en')).toEqual({ kind: 'wecom' });
    expect(checkHookUrl(' https://OAPI.dingtalk.com/robot/send?access_token=1 ', 'en')).toEqual({ kind: 'dingtalk' });
    expect(checkHookUrl('https://open.larksuite.com/open-apis/bot/v2/hook/x', 'en')).toEqual({ kind: 'feishu' });
    expect(checkHookUrl('https://chat.googleapis.com/v1/spaces/A/messages?key=k', 'en')).toEqual({ kind: 'googleChat' });
    for (const bad of [
      'http://qyapi.weixin.qq.com/x',
      'https://qyapi.weixin.qq.com.evil.com/x',
      'https://evil.com/qyapi.weixin.qq.com',
      'https://user@qyapi.weixin.qq.com/x',
      'https://qyapi.weixin.qq.com:444/x',
      'ftp://open.feishu.cn/x',
      'open.feishu.cn/x',
      '',
    ]) {
      const r = checkHookUrl(bad, 'zh');
      expect('error' in r && r.error.messages.zh && r.error.messages.en).toBeTruthy();
    }
  });

  it('reads the hooks of the settings rows: valid ones, first of each name', () => {
    const row = (key: string, value: string, team = ''): SettingsRow =>
      ({ type: '通知', key, value, en: null, role: null, team, note: null }) as SettingsRow;
    expect(
      hooksOf([
        row('a', 'https://open.feishu.cn/x', '华东'),
        row('b', 'https://bad.example.com/x'),
        row('a', 'https://chat.googleapis.com/y'),
      ]),
    ).toEqual([{ name: 'a', url: 'https://open.feishu.cn/x', kind: 'feishu', team: '华东' }]);
  });

  it('builds each robot’s payload and reads its answer', () => {
    expect(hookPayload('feishu', 'hi')).toEqual({ msg_type: 'text', content: { text: 'hi' } });
    expect(hookPayload('wecom', 'hi')).toEqual({ msgtype: 'text', text: { content: 'hi' } });
    expect(hookOutcome('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(hookOutcome('wecom', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}')).toMatchObject({ ok: false, retry: true });
    expect(hookOutcome('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toMatchObject({ ok: false, retry: false });
    expect(hookOutcome('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toMatchObject({ ok: false, retry: false });
    expect(hookOutcome('feishu', 200, '{"StatusCode":0}')).toEqual({ ok: true });
    expect(hookOutcome('feishu', 200, '{"code":9499,"msg":"too many request"}')).toMatchObject({ ok: false, retry: true });
    expect(hookOutcome('googleChat', 200, '')).toEqual({ ok: true });
    expect(hookOutcome('googleChat', 429, '')).toMatchObject({ ok: false, retry: true });
    expect(hookOutcome('googleChat', 404, 'not found')).toMatchObject({ ok: false, retry: false });
    expect(hookOutcome('wecom', 503, '')).toMatchObject({ ok: false, retry: true });
    expect(hookOutcome('wecom', null, '', 'Timeout: x')).toEqual({ ok: false, retry: true, reason: 'Timeout: x' });
    expect([1, 2, 3, 4, 7, 9].map(retryDelayMinutes)).toEqual([1, 2, 4, 8, 60, 60]);
    expect(signedDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 1, 'a+b/c=')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1&sign=a%2Bb%2Fc%3D',
    );
  });
});
