// Builds the Apps Script bundle: src/server/index.ts -> dist/Code.js (IIFE with global CRM) plus
// one top-level function per export, because Apps Script only sees top-level function declarations.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

// papaparse's Node-only stream mode calls require('stream'); Apps Script never reaches it, so the
// module resolves to an empty object instead of a require the V8 runtime does not have.
const nodeOnlyModules = {
  name: 'node-only-modules',
  setup(b) {
    b.onResolve({ filter: /^stream$/ }, () => ({ path: 'stream', namespace: 'node-only' }));
    b.onLoad({ filter: /.*/, namespace: 'node-only' }, () => ({ contents: 'module.exports = {};' }));
  },
};

const result = await build({
  entryPoints: [join(root, 'src/server/index.ts')],
  bundle: true,
  format: 'iife',
  globalName: 'CRM',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2019',
  write: false,
  legalComments: 'none',
  minifySyntax: true,
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
  plugins: [nodeOnlyModules],
});
const bundle = result.outputFiles[0].text;

// Load the bundle with nothing but JavaScript's own globals: it must not need Node or touch
// Apps Script services at load time, and its top level must only declare `var CRM`.
const sandbox = vm.createContext({});
vm.runInContext(bundle, sandbox, { filename: 'Code.js' });
const api = sandbox.CRM;
const names = Object.keys(api).filter((k) => typeof api[k] === 'function').sort();
if (!names.length) throw new Error('The bundle exports no entry points');

const wrappers = names
  .map((n) => `/** Entry point: see src/server. */\nfunction ${n}() {\n  return CRM.${n}.apply(this, arguments);\n}`)
  .join('\n');
const code = `// sheets-crm: built by scripts/build.mjs from src/. Do not edit.\n${bundle}\n${wrappers}\n`;
writeFileSync(join(dist, 'Code.js'), code);
copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));

const sidebar = join(root, 'sidebar/build.mjs');
if (existsSync(sidebar)) await import(sidebar);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// What each dependency adds to the shipped bundle (bytes in the output, not in its sources).
const output = Object.values(result.metafile.outputs)[0];
const byPackage = Object.entries(output.inputs).reduce((acc, [file, info]) => {
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file);
  const pkg = m ? m[1] : 'src';
  acc[pkg] = (acc[pkg] ?? 0) + info.bytesInOutput;
  return acc;
}, {});
console.log(`dist/Code.js ${kb(code.length)} (${names.length} entry points: ${names.join(', ')})`);
console.log('  by package:', Object.entries(byPackage).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${kb(v)}`).join(', '));
