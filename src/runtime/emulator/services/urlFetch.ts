/**
 * UrlFetchApp without a network: every request is recorded (runtime.urlFetch.requests) and answered
 * by what the host scripted for its host name (runtime.urlFetch.answer), else by a default: the chat
 * robots' success replies for the known webhook hosts, "DNS error" for any other host. Strict like
 * the other services: only real method and option names, non-2xx answers throw unless
 * muteHttpExceptions, network failures (timeouts, unreachable hosts) always throw, and the daily
 * UrlFetch quota (20,000 calls for a consumer account) is counted on the virtual clock.
 */
import type { FetchAnswer, FetchRecord } from '../../types';
import { Env } from '../env';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { wallClock } from '../model/timeZone';
import { EmuBlob, toSignedBytes } from './blob';

export const DAILY_URLFETCH_QUOTA = 20000;
/** How long a scripted timeout takes on the virtual clock (Apps Script gives up after about a minute). */
export const FETCH_TIMEOUT_MS = 60000;

const OPTION_NAMES = new Set([
  'contentType',
  'headers',
  'method',
  'payload',
  'useIntranet',
  'validateHttpsCertificates',
  'followRedirects',
  'muteHttpExceptions',
  'escaping',
]);
const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);

/** Success replies of the chat robots this project posts to (what their documentation shows). */
export function defaultAnswer(host: string): FetchAnswer {
  if (host === 'qyapi.weixin.qq.com' || host === 'oapi.dingtalk.com') return { code: 200, body: '{"errcode":0,"errmsg":"ok"}' };
  if (host === 'open.feishu.cn' || host === 'open.larksuite.com') return { code: 200, body: '{"code":0,"msg":"success","data":{}}' };
  if (host === 'chat.googleapis.com') return { code: 200, body: '{"name":"spaces/AAA/messages/BBB"}' };
  return { unreachable: true };
}

type Options = Record<string, unknown>;

export class EmuHTTPResponse extends Service {
  constructor(
    private readonly code: number,
    private readonly body: Buffer,
    private readonly headers: Record<string, string>,
  ) {
    super();
  }
  getResponseCode(): number {
    return this.code;
  }
  getContentText(charset?: string): string {
    void charset;
    return this.body.toString('utf8');
  }
  getContent(): number[] {
    return toSignedBytes(this.body);
  }
  getHeaders(): object {
    return { ...this.headers };
  }
  getAllHeaders(): object {
    return { ...this.headers };
  }
  getBlob(): EmuBlob {
    return new EmuBlob(this.getContent(), this.headers['Content-Type'] ?? 'application/octet-stream');
  }
  getAs(contentType: string): EmuBlob {
    return this.getBlob().setContentType(String(contentType));
  }
}

interface Prepared {
  url: string;
  host: string;
  method: string;
  headers: Record<string, string>;
  contentType: string | null;
  payload: string;
  mute: boolean;
}

function encodeForm(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

export class EmuUrlFetchApp extends Service {
  constructor(private readonly env: Env) {
    super();
  }

  private _day(ms: number): string {
    const w = wallClock(ms, this.env.scriptTimeZone);
    return `${w.year}-${w.month}-${w.day}`;
  }

  private _prepare(method: string, url: unknown, params: unknown): Prepared {
    if (typeof url !== 'string') throw signatureError(method, [url, params]);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw gasError(`Invalid argument: ${url}`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw gasError(`Invalid argument: ${url}`);
    if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params)))
      throw signatureError(method, [url, params]);
    const o = (params ?? {}) as Options;
    for (const k of Object.keys(o)) if (!OPTION_NAMES.has(k)) throw gasError(`Invalid argument: unexpected option ${k}`);
    const m = String(o.method ?? 'get').toLowerCase();
    if (!METHODS.has(m)) throw gasError(`Invalid argument: method ${String(o.method)}`);
    const headers: Record<string, string> = {};
    if (o.headers !== undefined) {
      if (!o.headers || typeof o.headers !== 'object') throw gasError('Invalid argument: headers');
      for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) headers[k] = String(v);
    }
    let payload = '';
    let contentType = o.contentType === undefined ? null : String(o.contentType);
    if (o.payload !== undefined && o.payload !== null) {
      if (typeof o.payload === 'string') payload = o.payload;
      else if (o.payload instanceof EmuBlob) payload = o.payload.getDataAsString();
      else if (typeof o.payload === 'object') payload = encodeForm(o.payload as Record<string, unknown>);
      else payload = String(o.payload);
      contentType ??= 'application/x-www-form-urlencoded';
    }
    return { url, host: parsed.hostname, method: m, headers, contentType, payload, mute: o.muteHttpExceptions === true };
  }

  /** One request: counted against the quota, recorded, answered; throws as Apps Script would. */
  private _send(p: Prepared): EmuHTTPResponse {
    const today = this._day(this.env.nowMs);
    const used = this.env.fetches.filter((f) => this._day(f.at.getTime()) === today).length;
    if (used >= DAILY_URLFETCH_QUOTA) throw gasError('Service invoked too many times for one day: urlfetch.');
    const record: FetchRecord = {
      url: p.url,
      host: p.host,
      method: p.method,
      headers: p.headers,
      contentType: p.contentType,
      payload: p.payload,
      at: new Date(this.env.nowMs),
    };
    this.env.fetches.push(record);
    const scripted = this.env.fetchScript.get(p.host);
    const next = scripted?.shift();
    const answer = typeof next === 'function' ? next(record) : (next ?? defaultAnswer(p.host));
    if ('timeout' in answer) {
      this.env.nowMs += FETCH_TIMEOUT_MS;
      record.error = 'timeout';
      throw gasError(`Timeout: ${p.url}`);
    }
    if ('unreachable' in answer) {
      record.error = 'unreachable';
      throw gasError(`DNS error: ${p.url}`);
    }
    record.code = answer.code;
    record.body = answer.body ?? '';
    const response = new EmuHTTPResponse(answer.code, Buffer.from(record.body, 'utf8'), {
      'Content-Type': 'application/json; charset=utf-8',
      ...(answer.headers ?? {}),
    });
    if (!p.mute && (answer.code < 200 || answer.code > 299)) {
      throw gasError(
        `Request failed for https://${p.host} returned code ${answer.code}. Truncated server response: ${record.body.slice(0, 200)} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return response;
  }

  fetch(url: string, params?: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions): EmuHTTPResponse {
    return this._send(this._prepare('UrlFetchApp.fetch', url, params));
  }

  /** The requests are made together (one call); any failure that would throw throws for the whole call. */
  fetchAll(requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]): EmuHTTPResponse[] {
    if (!Array.isArray(requests)) throw signatureError('UrlFetchApp.fetchAll', [requests]);
    const prepared = requests.map((r) => {
      if (typeof r === 'string') return this._prepare('UrlFetchApp.fetchAll', r, undefined);
      if (!r || typeof r !== 'object') throw signatureError('UrlFetchApp.fetchAll', [requests]);
      const { url, ...rest } = r;
      return this._prepare('UrlFetchApp.fetchAll', url, rest);
    });
    const out: EmuHTTPResponse[] = [];
    let failure: unknown = null;
    for (const p of prepared) {
      try {
        out.push(this._send(p));
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure) throw failure;
    return out;
  }

  getRequest(url: string, params?: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const p = this._prepare('UrlFetchApp.getRequest', url, params);
    const out: Record<string, unknown> = { url: p.url, method: p.method, headers: p.headers, payload: p.payload };
    if (p.contentType) out.contentType = p.contentType;
    out.muteHttpExceptions = p.mute;
    return out as unknown as GoogleAppsScript.URL_Fetch.URLFetchRequest;
  }
}

registerService(EmuHTTPResponse, 'HTTPResponse', { allLocal: true });
registerService(EmuUrlFetchApp, 'UrlFetchApp', { local: ['getRequest'] });
conforms<EmuHTTPResponse, GoogleAppsScript.URL_Fetch.HTTPResponse>(true);
conforms<EmuUrlFetchApp, GoogleAppsScript.URL_Fetch.UrlFetchApp>(true);
