import { type Lang } from '../../schema';
import { findMember } from '../../core';
import { openContext } from '../context';
import { escapeHtml, scriptJson, webPage } from './html';

/**
 * The CRM as a web app for reps on the road (issue #17): the sidebar's page, served by doGet in a
 * deployment that executes as the user opening it, so roles, protections and history are theirs
 * exactly as in the sidebar. The page learns how it was opened from `__CRM_START__` (set here,
 * before its own script): that it is the web app (the phone layout) and a deep link's customer.
 */

const TITLE = { zh: 'CRM 客户管理', en: 'CRM' } as const;
/** A short page with one message and nothing of the CRM's data. */
export function noticePage(lang: Lang, text: Record<Lang, string>): GoogleAppsScript.HTML.HtmlOutput {
  return webPage(
    `<!DOCTYPE html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"></head>` +
      `<body style="font:16px/1.5 system-ui,'Noto Sans CJK SC',sans-serif;margin:24px;color:#202124">` +
      `<h1 style="font-size:20px;font-weight:500">${escapeHtml(TITLE[lang])}</h1><p role="alert">${escapeHtml(text[lang])}</p></body></html>`,
    TITLE[lang],
  );
}

/**
 * The staff web app's page for `params` (doGet's e.parameter): the sidebar's page in its web
 * layout, or a clear page (in the visitor's language) for someone who is not on the settings tab's
 * user list (nor the owner).
 * Reads the settings (one round trip); the page then asks for its data like the sidebar.
 */
export function staffAppPage(params: Readonly<Record<string, string>>, visitorLang: Lang): GoogleAppsScript.HTML.HtmlOutput {
  const ctx = openContext();
  const listed = ctx.user !== '' && ctx.user !== 'unknown' && (!!findMember(ctx.settings.users, ctx.user) || ctx.auth.isOwner());
  // Someone not on the list is answered in their own language (?lang=, else their Google locale).
  if (!listed)
    return noticePage(visitorLang, {
      zh: `${ctx.user && ctx.user !== 'unknown' ? ctx.user : '当前账号'} 不在 CRM 的用户名单上。请联系 CRM 管理员在「设置」表中添加你的邮箱。`,
      en: `${ctx.user && ctx.user !== 'unknown' ? ctx.user : 'This account'} is not on the CRM's user list. Ask a CRM admin to add your email on the settings tab.`,
    });
  // Any text opens the app: an ID that is no customer's gets the 360 view's "not found" message.
  const asked = (params.customer ?? '').trim().toUpperCase().slice(0, 40);
  const customer = asked === '' ? null : asked;
  const start = `<script>window.__CRM_START__=${scriptJson({ surface: 'web', customer })};</script>`;
  const page = HtmlService.createHtmlOutputFromFile('Sidebar').getContent();
  const head = /<head[^>]*>/i.exec(page);
  const html = head ? page.slice(0, head.index + head[0].length) + start + page.slice(head.index + head[0].length) : start + page;
  return webPage(html, TITLE[ctx.lang]);
}
