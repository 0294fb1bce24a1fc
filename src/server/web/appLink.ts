import { renderSVG } from 'uqr';
import { openContext } from '../context';
import { escapeHtml } from './html';

/**
 * Menu: 手机版链接 / Phone app link. Shows the team web app's address and its QR code, for an admin to
 * share with the team (the app opens for people on the settings tab's user list only). Without a
 * web-app deployment there is no address yet: the dialog says how to make one (README, "Deploy").
 */
export function showAppLink(): void {
  const ctx = openContext();
  const lang = ctx.lang;
  // The team app's deployment (README step 7), else the script's web-app address.
  const url = String(ctx.settings.params.appUrl ?? '').trim() || (ScriptApp.getService().getUrl() ?? '');
  const ui = SpreadsheetApp.getUi();
  const title = lang === 'zh' ? '手机版链接' : 'Phone app link';
  if (!url) {
    ui.alert(
      title,
      lang === 'zh'
        ? '还没有网页应用部署。请按 README「部署」一节用 clasp deploy 部署网页应用（以访问者身份运行，仅限本域），然后再打开此菜单。'
        : 'There is no web-app deployment yet. Deploy the web app as the README\'s "Deploy" section says (clasp deploy; execute as the user accessing it, within your domain), then open this menu again.',
      ui.ButtonSet.OK,
    );
    return;
  }
  const hint =
    lang === 'zh'
      ? '用手机扫码打开 CRM（需用团队账号登录，且在「设置」表的用户名单上）。在链接后加 ?customer=客户编号 可直接打开该客户。'
      : "Scan with a phone to open the CRM (signed in with a team account on the settings tab's user list). Add ?customer=<customer ID> to the link to open that customer.";
  const html =
    `<div style="font:14px/1.5 system-ui,'Noto Sans CJK SC',sans-serif;text-align:center">` +
    `<div style="width:240px;margin:0 auto">${renderSVG(url, { border: 2 })}</div>` +
    `<p><a href="${escapeHtml(url)}" target="_blank" rel="noopener" style="word-break:break-all">${escapeHtml(url)}</a></p>` +
    `<p style="color:#5f6368">${escapeHtml(hint)}</p></div>`;
  ui.showModalDialog(HtmlService.createHtmlOutput(html).setWidth(360).setHeight(440), title);
}
