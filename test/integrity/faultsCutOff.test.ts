import { describeFaultRuns } from './faultRuns';

// Issue #18: the execution cut off at its time limit at every round trip of every writing entry
// point (nothing after it runs), then a retry (faultRuns.ts has the operations and the checks).
describeFaultRuns(['cut off at the time limit']);
