/** Shared setup for runtime tests. */
import { appsScript, createRuntime, Runtime } from '../../src/runtime';
import type { RuntimeOptions } from '../../src/runtime';

export const T0 = new Date('2024-03-15T02:00:00Z'); // 10:00 in Asia/Shanghai

export function setup(
  options: RuntimeOptions = {},
): { rt: Runtime; ss: GoogleAppsScript.Spreadsheet.Spreadsheet; sheet: GoogleAppsScript.Spreadsheet.Sheet } & ReturnType<
  typeof appsScript
> {
  const rt = createRuntime({ now: T0, ...options });
  const g = appsScript(rt);
  const ss = g.SpreadsheetApp.getActive();
  const sheet = ss.getActiveSheet();
  rt.resetStats();
  return { rt, ss, sheet, ...g };
}
