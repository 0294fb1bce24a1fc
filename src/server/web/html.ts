/** What the web apps' pages share: text made safe for HTML and for an inline script, and the page wrapper. */

const VIEWPORT = 'width=device-width, initial-scale=1';

/** Text as HTML content or an attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON for an inline <script>: nothing in it can end the script element or the line. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A web-app page: its title and a viewport for phones. */
export function webPage(html: string, title: string): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput(html).setTitle(title).addMetaTag('viewport', VIEWPORT);
}
