// Lists the exports of src/ and sidebar/src/ that no other file uses (tests, bench and scripts count
// as users), and those used only inside their own file (the `export` can go).
//   node scripts/unused-exports.mjs
import ts from 'typescript';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const mine = (f) => !f.isDeclarationFile && !f.fileName.includes('node_modules');
const audited = (f) =>
  mine(f) && /^(src|sidebar\/src)\//.test(relative(root, f.fileName)) && !relative(root, f.fileName).startsWith('src/runtime/');
/** The bundle's entry file. */
const ENTRY = new Set(['src/server/index.ts']);

const resolve = (s) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const used = new Map(); // symbol -> Set of files using it (not counting its declaration)
for (const file of program.getSourceFiles().filter(mine)) {
  const visit = (node) => {
    if (ts.isIdentifier(node)) {
      const s = resolve(checker.getSymbolAtLocation(node));
      if (s && !(s.declarations ?? []).some((d) => d.name === node || (ts.isExportSpecifier(node.parent) && node.parent.parent))) {
        if (!used.has(s)) used.set(s, new Set());
        used.get(s).add(file.fileName);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

// What the entry file re-exports is the bundle's contract, used by name from outside.
const contract = new Set();
for (const file of program.getSourceFiles().filter((f) => ENTRY.has(relative(root, f.fileName)))) {
  const m = checker.getSymbolAtLocation(file);
  if (m) for (const exp of checker.getExportsOfModule(m)) contract.add(resolve(exp));
}

const unused = [];
const local = [];
for (const file of program.getSourceFiles().filter(audited)) {
  const rel = relative(root, file.fileName);
  if (ENTRY.has(rel)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol) continue;
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const target = resolve(exp);
    const decl = target.declarations?.[0];
    if (!decl || decl.getSourceFile() !== file || contract.has(target)) continue; // re-exports are judged where they are declared
    const users = used.get(target) ?? new Set();
    const others = [...users].filter((f) => f !== file.fileName);
    if (!users.size) unused.push(`${rel}: ${exp.name}`);
    else if (!others.length) local.push(`${rel}: ${exp.name}`);
  }
}
console.log(`unused exports (${unused.length}):\n  ${unused.join('\n  ')}`);
console.log(`exports used only in their own file (${local.length}):\n  ${local.join('\n  ')}`);
