import { checkHookUrl, CrmError, HOOK_LABELS, type HookKind } from '../../core';
import type { SettingsRow } from '../../schema';
import { maybeText, signature, text } from '../args';
import { openContext } from '../context';
import { enveloped } from '../entry';
import { documentProperties, NOTIFY_PROPS } from './outbox';

export interface AddWebhookResult {
  ok: true;
  hook: { name: string; kind: HookKind; label: string; team: string; signed: boolean };
}

/**
 * addWebhook(name, url, team?, secret?): registers a team-chat robot (admins): one settings row of
 * type 通知/Webhook (key = name, value = URL, team = whose events it posts, blank for everyone's).
 * The URL must be https on a known robot host (企业微信, 钉钉, 飞书/Lark, Google Chat); the team one
 * the settings tab's users have; a 钉钉 robot's signing secret (SEC...) is kept in the document's
 * properties, off the tab. Anything wrong is refused with the reason and nothing is written.
 */
export const addWebhook = enveloped(
  signature(['name', 'url', 'team', 'secret'], text(200), text(2000), maybeText(100), maybeText(200)),
  (name, url, team, secret): AddWebhookResult => {
    const ctx = openContext();
    const { store } = ctx;
    const checked = checkHookUrl(url, ctx.lang, 'url');
    if ('error' in checked) throw new CrmError([checked.error]);
    if (secret && (checked.kind !== 'dingtalk' || !/^SEC[0-9A-Za-z]+$/.test(secret)))
      throw CrmError.of('webhook_secret', ctx.lang, {}, 'secret');
    const teamName = team ?? '';
    return store.withLock(() => {
      // Read again under the lock: another admin may have just added the same name.
      const rows = store.load('settings').records;
      if (teamName && !rows.some((r) => r.type === '用户' && (r.team ?? '').trim() === teamName))
        throw CrmError.of('webhook_team', ctx.lang, { team: teamName }, 'team');
      if (rows.some((r) => r.type === '通知' && (r.key ?? '').trim() === name))
        throw CrmError.of('webhook_taken', ctx.lang, { name }, 'name');
      const label = HOOK_LABELS[checked.kind][ctx.lang];
      const row: SettingsRow = { type: '通知', key: name, value: url.trim(), en: null, role: null, team: teamName || null, note: label };
      store.append('settings', [row]);
      const props = documentProperties();
      if (secret) props.setProperty(NOTIFY_PROPS.secret + name, secret);
      else props.deleteProperty(NOTIFY_PROPS.secret + name);
      return { ok: true as const, hook: { name, kind: checked.kind, label, team: teamName, signed: !!secret } };
    });
  },
  'admin',
);
