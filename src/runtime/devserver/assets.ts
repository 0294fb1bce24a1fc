/**
 * The dev page and the google.script.run shim, bundled in memory by esbuild when the server
 * starts (the dev server only runs from a checkout, where esbuild is installed).
 */
import { build } from 'esbuild';
import { join } from 'node:path';

export interface Assets {
  /** The whole dev page, JS and CSS inlined. */
  page: string;
  /** The shim script injected into the sidebar's HTML. */
  shim: string;
}

async function bundle(entry: string): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [join(__dirname, 'page', entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    write: false,
    outdir: join(__dirname, '.out'),
    logLevel: 'warning',
    charset: 'utf8',
  });
  const pick = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return { js: pick('.js'), css: pick('.css') };
}

/** Keeps a bundle from ending the inline <script> it is placed in. */
export function inlineScript(js: string): string {
  return `<script>${js.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
}

export async function buildAssets(): Promise<Assets> {
  const [page, shim] = await Promise.all([bundle('main.tsx'), bundle('shim.ts')]);
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>sheets-crm (local)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${page.css}</style></head>
<body><div id="app"></div>${inlineScript(page.js)}</body></html>`;
  return { page: html, shim: shim.js };
}

/**
 * The sidebar HTML the bundle showed (or a web-app page), with google.script.run available before
 * any of its own scripts run (as Apps Script's iframe provides it); its calls go to `runUrl`.
 */
export function sidebarDocument(html: string, shim: string, functions: readonly string[], runUrl = '/api/run'): string {
  const setup = `window.__CRM_FUNCTIONS__=${JSON.stringify(functions)};window.__CRM_RUN_URL__=${JSON.stringify(runUrl)};`;
  const inject = `${inlineScript(setup)}${inlineScript(shim)}`;
  const head = /<head[^>]*>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + inject + html.slice(head.index + head[0].length) : inject + html;
}
