import { describeFaultRunsWithoutApi } from './faultRunsNoApi';

// Issue #18 without the Sheets advanced service: the fault runs of faultRuns.ts (cut off at the time limit). Sampled:
// every round trip of each operation's write phase, every eighth of the reads before it
// (faultPoints in faultRuns.ts); FAULTS_EVERY_K=1 runs every one.
describeFaultRunsWithoutApi(['cut off at the time limit'], { sampled: true });
