/**
 * One size (or part of one) in its own process, so each gets a fresh heap and the parent can run
 * two at once on a 2-core machine. Usage (runner.ts spawns it):
 *   node --max-old-space-size=10240 --import tsx bench/worker.ts --size N --bundle F --sq F --parts reads,writes --out F
 */
import { writeFileSync } from 'node:fs';
import { ALL_PARTS, runSize, type Part } from './suite';

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`worker: --${name} is required`);
  return value;
}

const parts = arg('parts')
  .split(',')
  .filter((p): p is Part => (ALL_PARTS as readonly string[]).includes(p));
const result = runSize({ customers: Number(arg('size')), bundlePath: arg('bundle'), sheetQueryScript: arg('sq') || null, parts });
writeFileSync(arg('out'), JSON.stringify(result));
