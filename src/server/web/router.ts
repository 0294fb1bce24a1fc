import { langOfLocale, type Lang } from '../../schema';
import { isTokenShape } from '../../core';
import { portalPage } from '../portal/page';
import { noticePage, staffAppPage } from './staffApp';
import { webPage } from './html';

/**
 * The web app (doGet): a small router. Each route says which requests it takes and who it is for:
 *
 * - 'anyone': works in a deployment that executes as the script's owner with access "Anyone"
 *   (the self-service portal: customers have no Google account of the domain). Such a route must
 *   authorize by something it is given (the portal: a contact's token), never by the user.
 * - 'user': staff pages (issue #17's phone app). They need a deployment that executes as the user
 *   accessing it, so roles, protections and history are that person's: they refuse to run when the
 *   script runs as someone else than the person opening it (the owner-run deployment).
 *
 * To add a route, add it to WEB_ROUTES (first match wins; the portal's is the most specific, so
 * put narrower routes before catch-alls). docs/SELF_SERVICE.md gives the deployment steps.
 */
export interface WebRequest {
  /** The query's first value per name (Apps Script's e.parameter). */
  params: Readonly<Record<string, string>>;
  /** The page's language: ?lang=zh|en, else the visitor's. */
  lang: Lang;
  /** Whether ?lang= chose it. */
  fixedLang: boolean;
}

export interface WebRoute {
  name: string;
  runsFor: 'anyone' | 'user';
  matches(req: WebRequest): boolean;
  render(req: WebRequest): GoogleAppsScript.HTML.HtmlOutput;
}

const PORTAL_ROUTE: WebRoute = {
  name: 'portal',
  runsFor: 'anyone',
  matches: (req) => typeof req.params.portal === 'string',
  render: (req) => {
    const token = req.params.portal.trim();
    // A token of another shape gets the same page (with no token in it): the answer of its first call says "not valid".
    return webPage(
      portalPage(isTokenShape(token) || isTokenShape(token.toLowerCase()) ? token : '', req.lang, req.fixedLang),
      req.lang === 'zh' ? '我的服务工单' : 'My service tickets',
    );
  },
};

/** The staff app for phones and browsers (issue #17): the sidebar's page in its web layout; every request the portal's route does not take. */
const STAFF_APP_ROUTE: WebRoute = {
  name: 'app',
  runsFor: 'user',
  matches: () => true,
  render: (req) => staffAppPage(req.params, req.lang),
};

/** The routes, in the order they are tried. */
export const WEB_ROUTES: WebRoute[] = [PORTAL_ROUTE, STAFF_APP_ROUTE];

/** Whether the execution runs as the person who opened the page (a 'user' route's deployment). */
export function runsAsVisitor(): boolean {
  const active = Session.getActiveUser().getEmail();
  // An effective user Apps Script does not name (''): nothing says the script runs as someone else.
  const effective = Session.getEffectiveUser().getEmail();
  return active !== '' && (effective === '' || active.toLowerCase() === effective.toLowerCase());
}

/** The request as the routes see it, from whatever doGet was given (a missing or odd event: no parameters). */
export function webRequest(e: unknown): WebRequest {
  const raw = e && typeof e === 'object' ? (e as { parameter?: unknown }).parameter : undefined;
  const params: Record<string, string> = {};
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string') params[k] = v;
  }
  const asked = params.lang === 'zh' || params.lang === 'en' ? params.lang : null;
  let visitor: Lang = 'en';
  try {
    visitor = langOfLocale(Session.getActiveUserLocale());
  } catch {
    visitor = 'en';
  }
  return { params, lang: asked ?? visitor, fixedLang: asked !== null };
}

/**
 * doGet(e): the web app's entry point. Reads no spreadsheet itself; the route's page asks for its
 * data through google.script.run. A request no route takes gets a short notice.
 */
export function doGet(e?: unknown): GoogleAppsScript.HTML.HtmlOutput {
  const req = webRequest(e);
  const route = WEB_ROUTES.find((r) => r.matches(req));
  if (!route) return noticePage(req.lang, { zh: '此页面不存在。', en: 'There is no such page.' });
  if (route.runsFor === 'user' && !runsAsVisitor())
    return noticePage(req.lang, {
      zh: '此页面仅供 CRM 用户使用，请通过团队的 CRM 链接打开。',
      en: "This page is for the CRM's users; open it through your team's CRM link.",
    });
  return route.render(req);
}
