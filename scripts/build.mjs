// Builds the Apps Script bundle: src/server/index.ts -> dist/Code.js (IIFE with global CRM) plus
// one top-level function per export, because Apps Script only sees top-level function declarations.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import bundling from './bundle.cjs';

const { serverBuildOptions, withWrappers } = bundling;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const result = await build(serverBuildOptions(root));
const bundle = result.outputFiles[0].text;

// Load the bundle with nothing but JavaScript's own globals: it must not need Node or touch
// Apps Script services at load time, and its top level must only declare `var CRM`.
const sandbox = vm.createContext({});
vm.runInContext(bundle, sandbox, { filename: 'Code.js' });
const api = sandbox.CRM;
const names = Object.keys(api)
  .filter((k) => typeof api[k] === 'function')
  .sort();
if (!names.length) throw new Error('The bundle exports no entry points');

const code = withWrappers(bundle, names);
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
console.log(
  '  by package:',
  Object.entries(byPackage)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${kb(v)}`)
    .join(', '),
);
