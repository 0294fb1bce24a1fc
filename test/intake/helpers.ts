import { existsSync } from 'node:fs';
import {
  createRuntime,
  loadBundle,
  submitForm,
  type BundleContext,
  type FormAnswer,
  type Runtime,
  type Submitted,
} from '../../src/runtime';
import { BUNDLE } from '../integration/harness';

export interface Intake {
  rt: Runtime;
  api: BundleContext;
  call<T = unknown>(name: string, ...args: unknown[]): T;
  submit(formId: string, answers: Record<string, FormAnswer>, options?: { unchecked?: boolean }): Submitted;
}

/** A fresh workbook, set up (and its key index built) by its owner, with the built bundle loaded. */
export function freshIntake(user = 'owner@example.com', locale = 'zh_CN'): Intake {
  if (!existsSync(BUNDLE)) throw new Error('dist/Code.js is missing: run `npm run build`');
  const rt = createRuntime({ locale, timeZone: 'Asia/Shanghai', user, now: new Date('2026-03-02T02:00:00Z') });
  const api = loadBundle(rt, BUNDLE);
  const call = <T>(name: string, ...args: unknown[]): T => {
    const fn = api[name];
    if (typeof fn !== 'function') throw new Error(`dist/Code.js has no top-level function ${name}`);
    return JSON.parse(JSON.stringify(fn(...args) ?? null)) as T;
  };
  call('setupWorkbook');
  call('rebuildIndex');
  return { rt, api, call, submit: (formId, answers, options) => submitForm(rt, api, formId, answers, options) };
}

/** A tab's rows as objects by header (host view, not counted). */
export function tabRows(rt: Runtime, tab: string): Record<string, unknown>[] {
  const sheet = rt.workbook.getSheet(tab);
  if (!sheet) return [];
  const [header, ...rows] = sheet.getValuesRaw() as unknown[][];
  return rows
    .filter((r) => r.some((c) => c !== '' && c !== null))
    .map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
}

/** Mulberry32: the seeded stream the integrity suites use. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
