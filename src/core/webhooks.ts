/**
 * Team-chat webhooks (企业微信, 钉钉, 飞书/Lark, Google Chat group robots), pure: which URLs are
 * accepted, each robot's payload and success reply, its rate limits, and the retry backoff. The
 * server sends (src/server/notify); nothing here touches Apps Script.
 */
import type { Lang, SettingsRow } from '../schema';
import { fieldError, type FieldError } from './errors';

export type HookKind = 'wecom' | 'dingtalk' | 'feishu' | 'googleChat';

/** The hosts each robot posts to; any other host is refused. */
export const HOOK_HOSTS: Readonly<Record<string, HookKind>> = {
  'qyapi.weixin.qq.com': 'wecom',
  'oapi.dingtalk.com': 'dingtalk',
  'open.feishu.cn': 'feishu',
  'open.larksuite.com': 'feishu',
  'chat.googleapis.com': 'googleChat',
};

/**
 * Per-hook limits, from each vendor's documentation:
 * - 企业微信 group robot: at most 20 messages a minute per robot (developer.work.weixin.qq.com/document/path/91770).
 * - 钉钉 custom robot: 20 messages a minute per robot; over that the robot is throttled for 10 minutes
 *   (open.dingtalk.com/document/robots/custom-robot-access).
 * - 飞书/Lark custom bot: 100 requests a minute and 5 a second (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot).
 * - Google Chat: writes to one space, 1 a second (developers.google.com/workspace/chat/limits), so 60 a minute.
 */
export const HOOK_LIMITS: Readonly<Record<HookKind, { perMinute: number; perSecond: number }>> = {
  wecom: { perMinute: 20, perSecond: 20 },
  dingtalk: { perMinute: 20, perSecond: 20 },
  feishu: { perMinute: 100, perSecond: 5 },
  googleChat: { perMinute: 60, perSecond: 1 },
};

export const HOOK_LABELS: Readonly<Record<HookKind, { zh: string; en: string }>> = {
  wecom: { zh: '企业微信', en: 'WeCom' },
  dingtalk: { zh: '钉钉', en: 'DingTalk' },
  feishu: { zh: '飞书', en: 'Feishu/Lark' },
  googleChat: { zh: 'Google Chat', en: 'Google Chat' },
};

export interface Webhook {
  name: string;
  url: string;
  kind: HookKind;
  /** Whose events it posts: a team of the settings tab's users; '' for everyone's. */
  team: string;
}

/** Checks a webhook URL: https, and one of the known robot hosts. */
export function checkHookUrl(url: string, lang: Lang, field = 'value'): { kind: HookKind } | { error: FieldError } {
  const text = url.trim();
  // Apps Script has no URL class: scheme://authority then path, query and fragment.
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#\s]*)([^\s]*)$/.exec(text);
  if (!m || !m[2]) return { error: fieldError(field, 'webhook_url', lang, { url: text.slice(0, 200) }) };
  if (m[1].toLowerCase() !== 'https') return { error: fieldError(field, 'webhook_https', lang) };
  const authority = m[2];
  // Credentials or a port would post somewhere else than the robot.
  if (/[@:]/.test(authority)) return { error: fieldError(field, 'webhook_host', lang, { host: authority }) };
  const kind = HOOK_HOSTS[authority.toLowerCase()];
  if (!kind) return { error: fieldError(field, 'webhook_host', lang, { host: authority }) };
  return { kind };
}

/** The webhooks of the settings rows (type 通知): the ones whose URL passes checkHookUrl, first of each name. */
export function hooksOf(rows: readonly SettingsRow[]): Webhook[] {
  const out: Webhook[] = [];
  for (const row of rows) {
    if (row.type !== '通知' || !row.key || !row.value) continue;
    const name = row.key.trim();
    if (out.some((h) => h.name === name)) continue;
    const checked = checkHookUrl(row.value, 'en');
    if ('kind' in checked) out.push({ name, url: row.value.trim(), kind: checked.kind, team: (row.team ?? '').trim() });
  }
  return out;
}

/** The JSON body each robot takes for a plain text message. */
export function hookPayload(kind: HookKind, text: string): Record<string, unknown> {
  switch (kind) {
    case 'wecom':
    case 'dingtalk':
      return { msgtype: 'text', text: { content: text } };
    case 'feishu':
      return { msg_type: 'text', content: { text } };
    case 'googleChat':
      return { text };
  }
}

/** Error codes the robots answer when a robot is sending too fast: worth a later retry. */
const THROTTLED = new Set([45009, 130101, 9499, 11232]);

export type HookOutcome = { ok: true } | { ok: false; retry: boolean; reason: string };

/**
 * What a robot's answer means. 企业微信 and 钉钉 answer 200 with {errcode: 0}; 飞书 {code: 0} (older
 * bots {StatusCode: 0}); Google Chat a 2xx. Timeouts, 429, 5xx and "too fast" codes are retried;
 * other refusals (a wrong key, a keyword or signature mismatch, a deleted robot) are not: sending
 * the same request again would be refused the same way.
 */
export function hookOutcome(kind: HookKind, code: number | null, body: string, network?: string): HookOutcome {
  if (code === null) return { ok: false, retry: true, reason: network ?? 'no answer' };
  const short = body.slice(0, 300);
  if (code === 429 || code === 408 || code >= 500) return { ok: false, retry: true, reason: `HTTP ${code} ${short}`.trim() };
  if (code < 200 || code > 299) return { ok: false, retry: false, reason: `HTTP ${code} ${short}`.trim() };
  if (kind === 'googleChat') return { ok: true };
  let json: Record<string, unknown> | null = null;
  try {
    const v: unknown = JSON.parse(body);
    json = v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    json = null;
  }
  if (!json) return { ok: false, retry: true, reason: `HTTP ${code}, not JSON: ${short}` };
  const status = kind === 'feishu' ? (json.code ?? json.StatusCode) : json.errcode;
  if (status === 0) return { ok: true };
  const n = Number(status);
  const message = String(json.errmsg ?? json.msg ?? json.StatusMessage ?? '');
  return { ok: false, retry: THROTTLED.has(n), reason: `${kind === 'feishu' ? 'code' : 'errcode'} ${String(status)} ${message}`.trim() };
}

/** Minutes to wait before attempt `attempts + 1` after `attempts` failed ones: 1, 2, 4, 8, ... up to an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

/** 钉钉's signing string: timestamp (ms), a newline, the secret; HMAC-SHA256 keyed by the secret, base64, URL-encoded. */
export function dingTalkStringToSign(timestampMs: number, secret: string): string {
  return `${timestampMs}\n${secret}`;
}

/** A 钉钉 URL with its signature parameters. */
export function signedDingTalkUrl(url: string, timestampMs: number, signBase64: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestampMs}&sign=${encodeURIComponent(signBase64)}`;
}
