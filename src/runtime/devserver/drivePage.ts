/**
 * The runtime's Drive (GET /drive): folders as a tree, each with its files (trashed ones marked),
 * a link to open each file's bytes (GET /drive/file?id=: a Google Doc as its PDF, an upload as
 * uploaded, a quote PDF as made), and the outbox's emails with their attachments. Nothing leaves
 * the machine; Drive lives with the dev server's process (it is not saved with the workbook).
 */
import type { DriveFileInfo, SentMail } from '../types';
import { escapeHtml as esc } from '../emulator/services/html';

export function drivePage(folders: readonly DriveFileInfo[], files: readonly DriveFileInfo[], mail: readonly SentMail[]): string {
  const children = (id: string) => folders.filter((f) => f.folderIds.includes(id));
  const filesIn = (id: string) => files.filter((f) => f.folderIds.includes(id));
  const fileItem = (f: DriveFileInfo) =>
    `<li class="${f.trashed ? 'trashed' : ''}"><a href="/drive/file?id=${encodeURIComponent(f.id)}" target="_blank">${esc(f.name)}</a>` +
    ` <span class="muted">${esc(f.mimeType)}${f.trashed ? ' · 已删除 trashed' : ''}</span></li>`;
  const folder = (f: DriveFileInfo): string =>
    `<li><strong>▸ ${esc(f.name)}</strong>${f.trashed ? ' <span class="muted">trashed</span>' : ''}<ul>` +
    children(f.id).map(folder).join('') +
    filesIn(f.id).map(fileItem).join('') +
    '</ul></li>';
  const roots = folders.filter((f) => f.folderIds.length === 0);
  const outbox = [...mail]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${esc(m.sentAt.toISOString().slice(0, 16).replace('T', ' '))}</td><td>${esc(m.to)}</td><td>${esc(m.subject)}</td>` +
        `<td>${(m.attachments ?? []).map((a) => `${esc(a.name)} (${a.size} B)`).join('<br>')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>Drive · sheets-crm</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#202124}ul{list-style:none;padding-left:18px}li{margin:3px 0}
.muted{color:#5f6368;font-size:12px}.trashed a{text-decoration:line-through;color:#80868b}table{border-collapse:collapse}
td,th{border:1px solid #dadce0;padding:4px 8px;text-align:left;vertical-align:top}</style></head><body>
<h1>云端硬盘 Drive</h1><ul>${roots.map(folder).join('')}</ul>
<h2>发件箱 Outbox</h2><table><tr><th>Sent</th><th>To</th><th>Subject</th><th>Attachments</th></tr>${outbox}</table>
</body></html>`;
}
