// The Apps Script bundle's esbuild options and its top-level wrappers, shared by scripts/build.mjs
// and the tests that build the bundle from a fixture schema (schemaFixture).
const { join, resolve, sep } = require('node:path');

// papaparse's Node-only stream mode calls require('stream'); Apps Script never reaches it, so the
// module resolves to an empty object instead of a require the V8 runtime does not have.
const nodeOnlyModules = {
  name: 'node-only-modules',
  setup(b) {
    b.onResolve({ filter: /^stream$/ }, () => ({ path: 'stream', namespace: 'node-only' }));
    b.onLoad({ filter: /.*/, namespace: 'node-only' }, () => ({ contents: 'module.exports = {};' }));
  },
};

/** src/server/index.ts -> one IIFE with the global CRM. */
function serverBuildOptions(root) {
  return {
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
  };
}

/** One top-level function per export: Apps Script only sees top-level function declarations. */
function withWrappers(bundle, names) {
  const wrappers = names
    .map((n) => `/** Entry point: see src/server. */\nfunction ${n}() {\n  return CRM.${n}.apply(this, arguments);\n}`)
    .join('\n');
  return `// sheets-crm: built by scripts/build.mjs from src/. Do not edit.\n${bundle}\n${wrappers}\n`;
}

/**
 * For tests: the schema's option sets and table list come from `dir` (options.ts, tables.ts)
 * instead of src/schema/options.ts and src/schema/tables/index.ts, for every importer inside
 * src/schema (the fixture files themselves import the real ones).
 */
function schemaFixture(root, dir) {
  const schema = join(root, 'src/schema');
  const swap = new Map([
    [join(schema, 'options'), join(dir, 'options.ts')],
    [join(schema, 'tables'), join(dir, 'tables.ts')],
  ]);
  return {
    name: 'schema-fixture',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\/(options|tables)$/ }, (args) => {
        if (!args.importer.startsWith(schema + sep)) return undefined;
        const path = swap.get(resolve(args.resolveDir, args.path));
        return path ? { path } : undefined;
      });
    },
  };
}

module.exports = { serverBuildOptions, withWrappers, schemaFixture };
