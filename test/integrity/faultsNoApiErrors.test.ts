// Issue #18 without the Sheets advanced service: the fault runs of faultRuns.ts (service error) on a copy of
// the script whose steps write one setValues per block, kept all or nothing by the store's write
// intents (src/store/intent.ts). Sampled: every round trip of each operation's write phase, every
// eighth of the reads before it (faultPoints in faultRuns.ts); FAULTS_EVERY_K=1 runs every one.
process.env.FAULT_RUNS_WITHOUT_SHEETS_API = '1';
// Loaded after the switch is set (an import would be hoisted above it).
const { describeFaultRuns } = require('./faultRuns') as typeof import('./faultRuns');
delete process.env.FAULT_RUNS_WITHOUT_SHEETS_API;

describeFaultRuns(['service error'], { sampled: true });

export {};
