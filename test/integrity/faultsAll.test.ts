import { describeFaultRuns } from './faultRuns';

// Issue #18: a service error at every round trip of every writing entry point, then a retry
// (faultRuns.ts has the operations and the checks; faultsCutOff.test.ts the other kind of fault).
describeFaultRuns(['service error'], { retype: true });
