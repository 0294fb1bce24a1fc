import {
  dingTalkStringToSign,
  hookOutcome,
  hookPayload,
  HOOK_LIMITS,
  numberParam,
  retryDelayMinutes,
  signedDingTalkUrl,
  type Values,
  type Webhook,
} from '../../core';
import { invalidateColumns, loadColumns, loadFieldsAt, type Layout } from '../../store';
import { NO_ARGS } from '../args';
import { openContext, type Context } from '../context';
import { throwing } from '../entry';
import { documentProperties, NOTIFY_PROPS, writeOutboxRows } from './outbox';

/** A 发送中 row older than this was claimed by a run that stopped before writing its outcome. */
const STALE_SENDING_MINUTES = 10;
/** Waves per run: a robot with a per-second limit gets one wave a second, for at most this many seconds. */
const MAX_WAVES = 30;

export interface DeliveryReport {
  /** The pending flag was down: nothing read. */
  idle: boolean;
  sent: number;
  /** Failed this run and queued again for a later try. */
  retrying: number;
  /** Given up on this run (a permanent refusal, attempts used up, the webhook gone, or an interrupted run). */
  failed: number;
  /** Due messages left for a later run (rate limits, the daily quota). */
  deferred: number;
}

interface Claimed {
  row: number;
  hook: Webhook;
  text: string;
  attempts: number;
  /** What identifies the message on the tab (its row number moves if an admin deletes rows above it). */
  identity: string;
}

const IDENTITY_FIELDS = ['queuedAt', 'hook', 'text'] as const;
const identityOf = (r: Values) => IDENTITY_FIELDS.map((f) => String(r[f] ?? '')).join('\u0001');

const minuteText = (ctx: Context, ms: number) => Utilities.formatDate(new Date(ms), ctx.timeZone, 'yyyy-MM-dd HH:mm');

function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * The claim, in one locked step: the outbox's status column read whole, the due rows read by row
 * (status 待发送 whose next try has come), each robot's allowance (its per-minute and per-second
 * limits against its requests of the last minute) and the day's UrlFetch allowance taken, and the
 * claimed rows marked 发送中 (attempts + 1) before any request goes out. Requests planned are
 * recorded as made (rate and quota) in the same step, so a second run at the same time claims
 * only what is left. Rows still 发送中 from a run that stopped are marked failed, not resent.
 */
function claim(ctx: Context, report: DeliveryReport): { claimed: Claimed[]; sheetName: string | null; secrets: Record<string, string> } {
  const { store } = ctx;
  return store.withLock(() => {
    const props = documentProperties();
    const all = props.getProperties();
    const status = loadColumns(store, 'outbox', ['status', 'nextAt', 'lastAt'], { withoutId: true });
    const nowMs = new Date().getTime();
    const now = minuteText(ctx, nowMs);
    const stale = minuteText(ctx, nowMs - STALE_SENDING_MINUTES * 60000);
    const due: number[] = [];
    const updates = new Map<number, Values>();
    let waiting = 0;
    status.records.forEach((r, i) => {
      const row = status.rowNumbers[i];
      if (r.status === '待发送') {
        waiting++;
        if (!r.nextAt || String(r.nextAt) <= now) due.push(row);
      } else if (r.status === '发送中' && (!r.lastAt || String(r.lastAt) <= stale)) {
        updates.set(row, { status: '失败', error: interruptedText(ctx) });
      }
    });
    const header = store.header('outbox');
    const hooks = new Map((ctx.settings.hooks ?? []).map((h) => [h.name, h]));
    const rows = loadFieldsAt(store, 'outbox', [...IDENTITY_FIELDS, 'attempts', 'error'], due);
    const rate = parseJson<Record<string, number[]>>(all[NOTIFY_PROPS.rate], {});
    for (const url of Object.keys(rate)) rate[url] = rate[url].filter((t) => nowMs - t < 60000);
    const today = now.slice(0, 10);
    const fetches = parseJson<{ day: string; count: number }>(all[NOTIFY_PROPS.fetches], { day: today, count: 0 });
    if (fetches.day !== today) Object.assign(fetches, { day: today, count: 0 });
    let quota = Math.max(0, numberParam(ctx.settings, 'notifyDailyFetches') - fetches.count);
    const claimed: Claimed[] = [];
    const planned = new Map<string, number>();
    for (const row of due) {
      const r = rows.get(row) ?? {};
      const hook = hooks.get(String(r.hook ?? '').trim());
      const attempts = Number(r.attempts) || 0;
      if (!hook) {
        updates.set(row, { status: '失败', attempts, nextAt: null, lastAt: now, error: goneText(ctx, String(r.hook ?? '')) });
        waiting--;
        continue;
      }
      const limit = HOOK_LIMITS[hook.kind];
      const taken = planned.get(hook.url) ?? 0;
      // This run sends a robot's messages in waves a second apart: its per-minute allowance, at most MAX_WAVES waves.
      const allowance = Math.min(Math.max(0, limit.perMinute - (rate[hook.url] ?? []).length), limit.perSecond * MAX_WAVES);
      if (taken >= allowance || quota <= 0) {
        report.deferred++;
        continue;
      }
      planned.set(hook.url, taken + 1);
      quota--;
      claimed.push({ row, hook, text: String(r.text ?? ''), attempts: attempts + 1, identity: identityOf(r) });
      updates.set(row, { status: '发送中', attempts: attempts + 1, nextAt: null, lastAt: now, error: r.error ?? null });
    }
    for (const c of claimed) {
      const wave = claimed.filter((o) => o.hook.url === c.hook.url && o.row < c.row).length;
      (rate[c.hook.url] ??= []).push(nowMs + Math.floor(wave / HOOK_LIMITS[c.hook.kind].perSecond) * 1000);
    }
    report.failed += [...updates.values()].filter((u) => u.status === '失败').length;
    if (header.sheet) writeOutboxRows(store, header.name, header.layout, updates);
    fetches.count += claimed.length;
    const next: Record<string, string> = { [NOTIFY_PROPS.rate]: JSON.stringify(rate), [NOTIFY_PROPS.fetches]: JSON.stringify(fetches) };
    props.setProperties(next);
    if (waiting <= 0) props.deleteProperty(NOTIFY_PROPS.pending);
    return { claimed, sheetName: header.sheet ? header.name : null, secrets: all };
  });
}

function interruptedText(ctx: Context): string {
  return ctx.lang === 'zh'
    ? '发送过程被中断，无法确认是否已送达，未重发（如需重发，把状态改回“待发送”）'
    : 'The run sending it stopped, so whether it arrived is unknown; not resent (set the status back to Queued to send it again)';
}
function goneText(ctx: Context, name: string): string {
  return ctx.lang === 'zh' ? `设置中没有名为“${name}”的有效通知` : `No valid webhook named "${name}" on the settings tab`;
}

/** One request: the robot's payload (钉钉 signed when its hook has a secret); never throws. */
function send(c: Claimed, secrets: Record<string, string>): { code: number | null; body: string; network?: string } {
  let url = c.hook.url;
  const secret = secrets[NOTIFY_PROPS.secret + c.hook.name];
  if (c.hook.kind === 'dingtalk' && secret) {
    const ts = new Date().getTime();
    const sign = Utilities.base64Encode(Utilities.computeHmacSha256Signature(dingTalkStringToSign(ts, secret), secret));
    url = signedDingTalkUrl(url, ts, sign);
  }
  try {
    const res = UrlFetchApp.fetch(url, {
      method: 'post',
      contentType: 'application/json; charset=utf-8',
      payload: JSON.stringify(hookPayload(c.hook.kind, c.text)),
      muteHttpExceptions: true,
    });
    return { code: res.getResponseCode(), body: res.getContentText() };
  } catch (e) {
    return { code: null, body: '', network: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * deliverNotifications(): the time-driven trigger (every minute) that posts the outbox's messages
 * to their robots. An idle run reads one document property. Otherwise: the claim (one locked step,
 * see claim), then the requests, outside the lock (a save never waits for a robot), one at a time
 * so each message's answer is known, in waves a second apart per robot, and after each wave the
 * outcomes written in place: sent; or queued again with backoff (1, 2, 4... minutes) for a timeout,
 * 429, 5xx or "too fast"; or failed with the robot's reason for a refusal, or once the attempts
 * (parameter notifyMaxAttempts) are used up.
 */
export const deliverNotifications = throwing(
  NO_ARGS,
  (): DeliveryReport => {
    const report: DeliveryReport = { idle: false, sent: 0, retrying: 0, failed: 0, deferred: 0 };
    const props = documentProperties();
    if (props.getProperty(NOTIFY_PROPS.pending) !== '1') return { ...report, idle: true };
    const ctx = openContext();
    // The document properties read by the claim hold the 钉钉 signing secrets too.
    const { claimed, sheetName, secrets } = claim(ctx, report);
    if (!claimed.length || !sheetName) return report;
    const layout = ctx.store.header('outbox').layout;
    const maxAttempts = Math.max(1, numberParam(ctx.settings, 'notifyMaxAttempts'));
    // Waves: each robot's next `perSecond` messages, then a second's pause.
    const queues = new Map<string, Claimed[]>();
    for (const c of claimed) queues.set(c.hook.url, [...(queues.get(c.hook.url) ?? []), c]);
    let retry = false;
    for (let wave = 0; [...queues.values()].some((q) => q.length); wave++) {
      if (wave > 0) Utilities.sleep(1000);
      const updates = new Map<number, Values>();
      for (const q of queues.values()) {
        for (const c of q.splice(0, HOOK_LIMITS[q[0]?.hook.kind ?? 'wecom'].perSecond)) {
          const answer = send(c, secrets);
          const outcome = hookOutcome(c.hook.kind, answer.code, answer.body, answer.network);
          const lastAt = minuteText(ctx, new Date().getTime());
          if (outcome.ok) {
            report.sent++;
            updates.set(c.row, { status: '已发送', attempts: c.attempts, nextAt: null, lastAt, error: null });
          } else if (outcome.retry && c.attempts < maxAttempts) {
            report.retrying++;
            retry = true;
            const nextAt = minuteText(ctx, new Date().getTime() + retryDelayMinutes(c.attempts) * 60000);
            updates.set(c.row, { status: '待发送', attempts: c.attempts, nextAt, lastAt, error: outcome.reason });
          } else {
            report.failed++;
            updates.set(c.row, { status: '失败', attempts: c.attempts, nextAt: null, lastAt, error: outcome.reason });
          }
        }
      }
      // The wave's outcomes at once: a run cut off later leaves at most one wave's rows 发送中.
      writeOutcomes(ctx, sheetName, layout, updates, claimed);
    }
    if (retry || report.deferred) props.setProperty(NOTIFY_PROPS.pending, '1');
    return report;
  },
  'admin',
);

/**
 * Writes a wave's outcomes where their messages are now. Requests go out outside the lock, so an
 * admin may have deleted outbox rows meanwhile: under the lock, the rows are read back by number
 * (one read) and an outcome is written only over its own message. A message that moved is found
 * again by its identity among the rows still 发送中 (the whole tab read, only in that rare case);
 * one deleted is not written anywhere.
 */
function writeOutcomes(ctx: Context, sheetName: string, layout: Layout, updates: Map<number, Values>, claimed: readonly Claimed[]): void {
  const { store } = ctx;
  store.withLock(() => {
    // Column reads cached before the requests went out are not trusted: rows may have moved.
    invalidateColumns(store);
    const byRow = new Map(claimed.map((c) => [c.row, c]));
    const now = loadFieldsAt(store, 'outbox', IDENTITY_FIELDS, [...updates.keys()]);
    const placed = new Map<number, Values>();
    const moved: [Claimed, Values][] = [];
    for (const [row, outcome] of updates) {
      const c = byRow.get(row);
      if (c && identityOf(now.get(row) ?? {}) === c.identity) placed.set(row, outcome);
      else if (c) moved.push([c, outcome]);
    }
    if (moved.length) {
      const tab = loadColumns(store, 'outbox', [...IDENTITY_FIELDS, 'status'], { withoutId: true });
      const sending = new Map<string, number[]>();
      tab.records.forEach((r, i) => {
        if (r.status !== '发送中' || placed.has(tab.rowNumbers[i])) return;
        const k = identityOf(r);
        sending.set(k, [...(sending.get(k) ?? []), tab.rowNumbers[i]]);
      });
      for (const [c, outcome] of moved) {
        const row = sending.get(c.identity)?.shift();
        if (row !== undefined) placed.set(row, outcome);
        else console.warn(`deliverNotifications: the outbox row of a message to ${c.hook.name} was deleted during the run`);
      }
    }
    writeOutboxRows(store, sheetName, layout, placed);
  });
}
