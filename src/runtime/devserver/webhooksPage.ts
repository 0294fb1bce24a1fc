/**
 * The team-chat messages the workbook's bundle posted (GET /webhooks): every UrlFetchApp request of
 * the dev server's runtime, newest first, with the robot (by host), the virtual time, the text the
 * chat would show and what the emulated robot answered. Nothing leaves the machine: the runtime
 * answers as the robots do (src/runtime/emulator/services/urlFetch.ts). The messages wait on the
 * 通知队列 / Outbox tab until deliverNotifications runs (the every-minute trigger: Run time triggers).
 */
import type { FetchRecord } from '../types';
import { escapeHtml as esc } from '../emulator/services/html';

const ROBOTS: Record<string, string> = {
  'qyapi.weixin.qq.com': '企业微信 WeCom',
  'oapi.dingtalk.com': '钉钉 DingTalk',
  'open.feishu.cn': '飞书 Feishu',
  'open.larksuite.com': 'Lark',
  'chat.googleapis.com': 'Google Chat',
};

/** The text a robot shows for a payload: text.content (企业微信, 钉钉), content.text (飞书), text (Google Chat). */
export function postedText(payload: string): string {
  try {
    const p = JSON.parse(payload) as { text?: unknown; content?: { text?: unknown } };
    if (p.text && typeof p.text === 'object' && typeof (p.text as { content?: unknown }).content === 'string')
      return (p.text as { content: string }).content;
    if (typeof p.content?.text === 'string') return p.content.text;
    if (typeof p.text === 'string') return p.text;
  } catch {
    // Not JSON: shown as sent.
  }
  return payload;
}

export function webhooksPage(requests: readonly FetchRecord[], timeZone: string): string {
  const time = (d: Date) => d.toLocaleString('sv-SE', { timeZone }).slice(0, 19);
  const rows = [...requests]
    .reverse()
    .map((r) => {
      const answer = r.error ?? `${r.code ?? ''} ${(r.body ?? '').slice(0, 120)}`;
      const ok = r.code !== undefined && r.code >= 200 && r.code < 300 && !/"(errcode|code)":[1-9]/.test(r.body ?? '');
      return `<tr class="${ok ? 'ok' : 'bad'}"><td>${esc(time(r.at))}</td><td>${esc(ROBOTS[r.host] ?? r.host)}</td><td class="text">${esc(postedText(r.payload))}</td><td>${esc(answer)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Webhook messages</title>
<style>body{font:14px sans-serif;margin:24px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}.text{white-space:pre-wrap}.bad td{background:#fde2e1}</style>
</head><body><h1>Webhook messages / 群通知</h1>
<p>${requests.length} request(s) posted by the bundle (emulated robots; nothing leaves this machine).</p>
${requests.length ? `<table><thead><tr><th>Time / 时间</th><th>Robot / 机器人</th><th>Text / 内容</th><th>Answer / 应答</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>No message posted yet: register a webhook (addWebhook), make a won deal, then run the time triggers (deliverNotifications).</p>'}
</body></html>`;
}
