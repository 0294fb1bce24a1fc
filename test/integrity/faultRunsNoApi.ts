/**
 * faultRuns.ts loaded for a copy of the script without the Sheets advanced service, whose steps
 * write one setValues per block, kept all or nothing by the store's write intents
 * (src/store/intent.ts). The switch is read when faultRuns.ts builds its base workbook, so it is set
 * around the require (an import would be hoisted above it).
 */
process.env.FAULT_RUNS_WITHOUT_SHEETS_API = '1';
const runs = require('./faultRuns') as typeof import('./faultRuns');
delete process.env.FAULT_RUNS_WITHOUT_SHEETS_API;

export const describeFaultRunsWithoutApi = runs.describeFaultRuns;
