import { staffAppPage } from './staffApp';

export { showAppLink } from './appLink';

/** doGet(e): the web app. e.parameter's first values (a missing or odd event: none). */
export function doGet(e?: unknown): GoogleAppsScript.HTML.HtmlOutput {
  const raw = e && typeof e === 'object' ? (e as { parameter?: unknown }).parameter : undefined;
  const params: Record<string, string> = {};
  if (raw && typeof raw === 'object')
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === 'string') params[k] = v;
  return staffAppPage(params);
}
