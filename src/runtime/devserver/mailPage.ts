/**
 * The mail of the dev server's runtime (GET /mail): each person's Gmail mailbox (threads newest
 * first, with their labels, and which messages the CRM has logged as follow-ups) and the outbox
 * of mail the bundle sent (MailApp and GmailApp), with the names of attachments. `?user=` picks
 * the mailbox (default: the dev user). Nothing leaves this machine.
 */
import type { Mailbox } from '../emulator/services/gmail/mailbox';
import type { SentMail } from '../types';
import { escapeHtml as esc } from '../emulator/services/html';

export interface MailPageInput {
  user: string;
  users: readonly string[];
  mailbox: Mailbox | null;
  outbox: readonly SentMail[];
  /** Gmail message IDs the CRM logged (the follow-ups' 邮件ID column). */
  logged: ReadonlySet<string>;
  timeZone: string;
}

export function mailPage(p: MailPageInput): string {
  const time = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: p.timeZone }).slice(0, 16);
  const picker = p.users
    .map((u) => (u === p.user ? `<strong>${esc(u)}</strong>` : `<a href="/mail?user=${encodeURIComponent(u)}">${esc(u)}</a>`))
    .join(' · ');
  const threads = p.mailbox
    ? [...p.mailbox.threads.values()]
        .map((t) => ({ t, last: p.mailbox?.lastDate(t) ?? 0 }))
        .sort((a, b) => b.last - a.last)
        .map(({ t }) => {
          const box = p.mailbox as Mailbox;
          const rows = box
            .threadMessages(t)
            .map((m) => {
              const files = m.attachments.map((a) => `<span class="file">附件 ${esc(a.name)}</span>`).join(' ');
              const mark = p.logged.has(m.id) ? '<span class="logged">CRM ✓</span>' : '';
              return `<tr><td>${esc(time(m.dateMs))}</td><td>${m.sent ? '→' : '←'} ${esc(m.sent ? m.to : m.from)}</td><td>${esc(m.subject)} ${files}</td><td>${mark}</td></tr>`;
            })
            .join('');
          const labels = [...t.labels].map((l) => `<span class="label">${esc(l)}</span>`).join(' ');
          return `<tbody class="thread"><tr><th colspan="4">${labels} <code>${esc(t.id)}</code></th></tr>${rows}</tbody>`;
        })
        .join('\n')
    : '';
  const outbox = [...p.outbox]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${esc(time(m.sentAt.getTime()))}</td><td>${esc(m.to)}${m.cc ? `<br>cc ${esc(m.cc)}` : ''}</td><td>${esc(m.subject)}</td><td>${(m.attachments ?? []).map((a) => `附件 ${esc(a.name)} (${a.size} B)`).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Mail</title>
<style>body{font:14px sans-serif;margin:24px}table{border-collapse:collapse;width:100%;margin-bottom:24px}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}tbody.thread th{background:#f4f6f8;font-weight:normal}.label{background:#e8eaed;border-radius:3px;padding:0 4px}.logged{color:#188038;font-weight:bold}</style>
</head><body><h1>Mail / 邮件</h1>
<p>Mailbox of / 邮箱：${picker || esc(p.user)}</p>
<h2>Gmail: ${esc(p.user)} (${p.mailbox?.messages.size ?? 0} messages / 封)</h2>
${threads ? `<table><thead><tr><th>Time / 时间</th><th>With / 对方</th><th>Subject / 主题</th><th>Logged / 已记录</th></tr></thead>${threads}</table>` : '<p>No mail.</p>'}
<h2>Outbox / 已发送（MailApp, GmailApp）: ${p.outbox.length}</h2>
${outbox ? `<table><thead><tr><th>Time / 时间</th><th>To / 收件人</th><th>Subject / 主题</th><th>Attachments / 附件</th></tr></thead><tbody>${outbox}</tbody></table>` : '<p>Nothing sent yet.</p>'}
</body></html>`;
}
