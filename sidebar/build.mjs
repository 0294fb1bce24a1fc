// Builds the sidebar (Preact + TypeScript) into one self-contained dist/Sidebar.html: JS and CSS
// inlined, because HtmlService.createHtmlOutputFromFile serves exactly one file. Imported by
// scripts/build.mjs; fails the build when the page passes its gzipped size budget.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
// 60 KB until the Workspace panels (issue #13: mail merge, files and PDFs, email logging, the
// calendar switch) came; the page loads once per sidebar open. Past this, load panels on demand.
const BUDGET_GZIP = 72 * 1024;

const result = await build({
  entryPoints: [join(here, 'src/main.tsx')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2019',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  write: false,
  outdir: join(root, 'dist/.sidebar'),
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
});
const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
// An inline script ends at the first "</script": keep the bundle's own strings from closing it.
const safeJs = js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const template = readFileSync(join(here, 'index.html'), 'utf8');
const html = template.replace('/*CSS*/', () => css.trim()).replace('/*JS*/', () => safeJs.trim());
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist/Sidebar.html'), html);

const gz = gzipSync(html, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const byPackage = Object.entries(result.metafile.outputs)
  .flatMap(([, o]) => Object.entries(o.inputs))
  .reduce((acc, [file, info]) => {
    const pkg = file.startsWith('node_modules/')
      ? file
          .split('/')
          .slice(0, file.includes('/@') ? 3 : 2)
          .join('/')
      : file.startsWith('sidebar/')
        ? 'sidebar'
        : 'src';
    acc[pkg] = (acc[pkg] ?? 0) + info.bytesInOutput;
    return acc;
  }, {});
console.log(`dist/Sidebar.html ${kb(html.length)}, ${kb(gz)} gzipped (budget ${kb(BUDGET_GZIP)})`);
console.log(
  '  minified by package:',
  Object.entries(byPackage)
    .map(([k, v]) => `${k} ${kb(v)}`)
    .join(', '),
);
if (gz > BUDGET_GZIP) throw new Error(`dist/Sidebar.html is ${kb(gz)} gzipped, over the ${kb(BUDGET_GZIP)} budget`);
