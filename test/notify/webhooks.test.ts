import { createHmac } from 'node:crypto';
import { addHook, ADMIN, as, deliver, DINGTALK, FEISHU, GCHAT, notifyCrm, outboxRows, settingsValues, WECOM, winDeal } from './helpers';

describe('addWebhook', () => {
  it('refuses URLs that are not https on a known robot host, with zh/en reasons, writing nothing', () => {
    const { crm } = notifyCrm();
    const before = JSON.stringify(settingsValues(crm));
    const cases: [unknown[], string, RegExp][] = [
      [['群', 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x'], 'url', /https:\/\//],
      [['群', 'https://evil.example.com/cgi-bin/webhook/send?key=x'], 'url', /evil\.example\.com/],
      [['群', 'https://qyapi.weixin.qq.com.evil.com/send?key=x'], 'url', /qyapi\.weixin\.qq\.com\.evil\.com/],
      [['群', 'https://qyapi.weixin.qq.com:8443/send?key=x'], 'url', /qyapi/],
      [['群', 'not a url'], 'url', /not a url/],
      [['群', WECOM, null, 'SECabc'], 'secret', /SEC/],
      [['群', DINGTALK, null, 'abc'], 'secret', /SEC/],
      [['群', WECOM, '火星'], 'team', /火星/],
    ];
    for (const [args, field, detail] of cases) {
      const r = crm.call<{ ok: false; errors: { field: string; messages: { zh: string; en: string } }[] }>('addWebhook', ...args);
      expect(r.ok).toBe(false);
      expect(r.errors[0].field).toBe(field);
      expect(r.errors[0].messages.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(`${r.errors[0].messages.zh} ${r.errors[0].messages.en}`).toMatch(detail);
    }
    expect(JSON.stringify(settingsValues(crm))).toBe(before);
    expect(addHook(crm, '华东群', WECOM, '华东').ok).toBe(true);
    const dup = addHook(crm, '华东群', FEISHU);
    expect(dup.ok).toBe(false);
    // Reps may not register hooks.
    const rep = as(crm, 'rep1@example.com', () => addHook(crm, '我的群', FEISHU));
    expect(rep.ok).toBe(false);
  });
});

describe('team-chat messages', () => {
  it('a won deal queues one message per matching hook, sent once each in each robot’s format; covered people get no mail', () => {
    const { crm, customerId } = notifyCrm();
    expect(addHook(crm, '华东群', WECOM, '华东').ok).toBe(true);
    expect(addHook(crm, '华南群', FEISHU, '华南').ok).toBe(true);
    expect(addHook(crm, '全员钉钉', DINGTALK, null, 'SEC0123456789abcdef').ok).toBe(true);
    expect(addHook(crm, '全员 Chat', GCHAT).ok).toBe(true);
    const mailBefore = crm.rt.mail.length;
    const id = winDeal(crm, customerId, 'rep1@example.com');
    // The save made no request: the messages wait on the outbox tab.
    expect(crm.rt.urlFetch.requests).toHaveLength(0);
    const queued = outboxRows(crm);
    expect(queued.map((r) => [r['通知'], r['状态'], r['记录编号']])).toEqual([
      ['华东群', '待发送', id],
      ['全员钉钉', '待发送', id],
      ['全员 Chat', '待发送', id],
    ]);
    expect(String(queued[0]['内容'])).toContain('赢单');
    expect(crm.rt.mail.length).toBe(mailBefore);

    const first = deliver(crm);
    expect(first).toMatchObject({ sent: 3, failed: 0, retrying: 0 });
    const reqs = crm.rt.urlFetch.requests;
    expect(reqs.map((r) => r.host).sort()).toEqual(['chat.googleapis.com', 'oapi.dingtalk.com', 'qyapi.weixin.qq.com']);
    const wecom = reqs.find((r) => r.host === 'qyapi.weixin.qq.com');
    expect(JSON.parse(wecom?.payload ?? '')).toEqual({ msgtype: 'text', text: { content: expect.stringContaining(id) } });
    const chat = reqs.find((r) => r.host === 'chat.googleapis.com');
    expect(JSON.parse(chat?.payload ?? '')).toEqual({ text: expect.stringContaining('年度框架') });
    // 钉钉 signing: timestamp + "\n" + secret, HMAC-SHA256 keyed by the secret, base64, URL-encoded.
    const ding = reqs.find((r) => r.host === 'oapi.dingtalk.com');
    const url = new URL(ding?.url ?? '');
    expect(url.searchParams.get('access_token')).toBe('abc123');
    const ts = url.searchParams.get('timestamp') ?? '';
    expect(Math.abs(Number(ts) - crm.rt.now().getTime())).toBeLessThan(5000);
    const expected = createHmac('sha256', 'SEC0123456789abcdef').update(`${ts}\nSEC0123456789abcdef`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(ding?.url).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(JSON.parse(ding?.payload ?? '')).toEqual({ msgtype: 'text', text: { content: expect.any(String) } });
    expect(outboxRows(crm).map((r) => [r['状态'], r['尝试次数']])).toEqual([
      ['已发送', 1],
      ['已发送', 1],
      ['已发送', 1],
    ]);
    // Once each: later runs send nothing, and then go idle.
    crm.rt.advanceClock(60000);
    expect(deliver(crm).sent).toBe(0);
    crm.rt.advanceClock(60000);
    expect(deliver(crm).idle).toBe(true);
    expect(crm.rt.urlFetch.requests).toHaveLength(3);
    // A 华南 deal goes to the 华南 Feishu robot in its format.
    winDeal(crm, customerId, 'rep3@example.com', '华南项目');
    deliver(crm);
    const feishu = crm.rt.urlFetch.requests.find((r) => r.host === 'open.feishu.cn');
    expect(JSON.parse(feishu?.payload ?? '')).toEqual({ msg_type: 'text', content: { text: expect.stringContaining('华南项目') } });
  });

  it('retries a 429 with backoff (two attempts, one message), marks a refusal failed with the robot’s reason', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华东群', WECOM, '华东');
    addHook(crm, '华南群', FEISHU, '华南');
    crm.rt.urlFetch.answer('qyapi.weixin.qq.com', { code: 429, body: 'too many' });
    crm.rt.urlFetch.answer('open.feishu.cn', {
      code: 200,
      body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
    });
    winDeal(crm, customerId, 'rep1@example.com');
    winDeal(crm, customerId, 'rep3@example.com', '华南项目');
    expect(deliver(crm)).toMatchObject({ sent: 0, retrying: 1, failed: 1 });
    let rows = outboxRows(crm);
    expect(rows.map((r) => [r['通知'], r['状态'], r['尝试次数']])).toEqual([
      ['华东群', '待发送', 1],
      ['华南群', '失败', 1],
    ]);
    expect(String(rows[0]['错误'])).toContain('429');
    expect(String(rows[1]['错误'])).toContain('19021');
    // Not due yet in the same minute.
    expect(deliver(crm).sent).toBe(0);
    crm.rt.advanceClock(60000);
    expect(deliver(crm)).toMatchObject({ sent: 1, failed: 0 });
    rows = outboxRows(crm);
    expect(rows.map((r) => [r['状态'], r['尝试次数']])).toEqual([
      ['已发送', 2],
      ['失败', 1],
    ]);
    expect(crm.rt.urlFetch.requests.filter((r) => r.host === 'qyapi.weixin.qq.com').map((r) => r.code)).toEqual([429, 200]);
    expect(crm.rt.urlFetch.requests.filter((r) => r.host === 'open.feishu.cn')).toHaveLength(1);
  });

  it('writes each outcome over its own message when an admin deletes outbox rows while the requests are out', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华东群', WECOM, '华东');
    addHook(crm, '全员 Chat', GCHAT);
    winDeal(crm, customerId, 'rep1@example.com', '旧单');
    expect(deliver(crm).sent).toBe(2);
    crm.rt.advanceClock(60000);
    winDeal(crm, customerId, 'rep1@example.com', '新单');
    expect(outboxRows(crm).map((r) => r['状态'])).toEqual(['已发送', '已发送', '待发送', '待发送']);
    // While the run waits on the chat robot, an admin tidies the two sent rows away (rows 2 and 3).
    crm.rt.urlFetch.answer('chat.googleapis.com', () => {
      crm.rt.workbook.getSheet('通知队列')?.deleteRows(2, 2);
      return { code: 200, body: '{}' };
    });
    expect(deliver(crm)).toMatchObject({ sent: 2, failed: 0 });
    const rows = outboxRows(crm);
    expect(rows.map((r) => [r['通知'], r['状态'], r['尝试次数']])).toEqual([
      ['华东群', '已发送', 1],
      ['全员 Chat', '已发送', 1],
    ]);
    expect(rows.every((r) => String(r['内容']).includes('新单'))).toBe(true);
  });

  it('gives up after notifyMaxAttempts timeouts; a failing robot never blocks a save', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华东群', WECOM, '华东');
    crm.rt.urlFetch.answer('qyapi.weixin.qq.com', ...Array.from({ length: 10 }, () => ({ timeout: true as const })));
    winDeal(crm, customerId, 'rep1@example.com');
    for (let i = 0; i < 40; i++) {
      deliver(crm);
      // The next deal's save is not held up by the robot timing out.
      crm.rt.advanceClock(60000);
    }
    const rows = outboxRows(crm);
    expect(rows[0]['状态']).toBe('失败');
    expect(rows[0]['尝试次数']).toBe(5);
    expect(String(rows[0]['错误'])).toContain('Timeout');
    expect(crm.rt.urlFetch.requests).toHaveLength(5);
    const before = crm.rt.urlFetch.requests.length;
    const id = winDeal(crm, customerId, 'rep1@example.com', '第二单');
    expect(id).toMatch(/^O/);
    expect(crm.rt.urlFetch.requests).toHaveLength(before);
  });

  it('respects a robot’s rate limit: 30 queued for one 企业微信 hook → 20 in the first minute, the rest after', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华东群', WECOM, '华东');
    for (let i = 0; i < 30; i++) winDeal(crm, customerId, 'rep2@example.com', `单${i}`);
    expect(outboxRows(crm)).toHaveLength(30);
    expect(deliver(crm)).toMatchObject({ sent: 20, deferred: 10 });
    const t0 = crm.rt.urlFetch.requests[0].at.getTime();
    // Another run within the minute sends nothing.
    crm.rt.advanceClock(20000);
    expect(deliver(crm).sent).toBe(0);
    const inFirstMinute = crm.rt.urlFetch.requests.filter((r) => r.at.getTime() - t0 < 60000);
    expect(inFirstMinute).toHaveLength(20);
    // Past the minute (the bundle's clock also runs with real time: a few seconds of margin), the rest go out.
    crm.rt.advanceClock(45000);
    expect(deliver(crm)).toMatchObject({ sent: 10, deferred: 0 });
    expect(outboxRows(crm).every((r) => r['状态'] === '已发送')).toBe(true);
    expect(new Set(crm.rt.urlFetch.requests.map((r) => r.payload)).size).toBe(30);
  });

  it('a won deal without a hook for the owner’s team is not queued, and not mailed (the owner knows; chats celebrate)', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华南群', FEISHU, '华南');
    const before = crm.rt.mail.length;
    winDeal(crm, customerId, 'rep1@example.com');
    expect(outboxRows(crm)).toHaveLength(0);
    expect(crm.rt.mail.length).toBe(before);
    expect(as(crm, ADMIN, () => deliver(crm)).idle).toBe(true);
  });
});

describe('an admin resends a failed message', () => {
  it('typing 待发送 over 失败 on the outbox tab queues it again; the next run sends it once', () => {
    const { crm, customerId } = notifyCrm();
    addHook(crm, '华东群', WECOM, '华东');
    crm.rt.urlFetch.answer('qyapi.weixin.qq.com', { code: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    winDeal(crm, customerId, 'rep1@example.com');
    expect(deliver(crm)).toMatchObject({ failed: 1 });
    crm.rt.advanceClock(120000);
    // The run after the last one finds nothing waiting and lowers the flag; later runs are idle.
    expect(deliver(crm)).toMatchObject({ idle: false, sent: 0 });
    expect(deliver(crm).idle).toBe(true);
    const sheet = crm.rt.workbook.getSheet('通知队列');
    const header = (sheet?.getValuesRaw() as unknown[][])[0] as string[];
    const e = crm.rt.userEdit('通知队列', 2, header.indexOf('状态') + 1, [['待发送']]);
    crm.call('onEdit', e);
    crm.call('handleEdit', e);
    expect(deliver(crm)).toMatchObject({ sent: 1 });
    expect(outboxRows(crm).map((r) => [r['状态'], r['尝试次数']])).toEqual([['已发送', 2]]);
    expect(crm.rt.urlFetch.requests).toHaveLength(2);
  });
});
