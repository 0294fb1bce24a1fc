/**
 * Import jobs that outlive one execution. A file too large to write within one run (Apps Script
 * stops a run at 6 minutes) is written in chunks; what is done is kept in a document property
 * (durable, unlike the cache, whose entries may be evicted — losing it would mean not knowing
 * which rows a half-done import wrote). The file itself is not stored (a property holds 9 KB, a
 * cache value 100 KB): the caller sends the same content again with the jobId, and its hash must match.
 */
export interface ImportJob {
  id: string;
  table: string;
  hash: string;
  policy: string;
  /** File line of the last row written: a resumed run carries on after it. */
  lastLine: number;
  /** IDs written, as runs of one stem (prefix + day) and sequence numbers. */
  created: IdRun[];
  /**
   * A run's rows sent but not yet seen on the tab. The job is saved before the rows' write (a
   * property cannot join the sheet's one batched write), so the next run looks whether the first
   * of these IDs is on the tab: all of them landed (the write is all or nothing) or none did, and
   * the job carries on after the right line either way, never skipping or repeating rows.
   */
  pending?: { lastLine: number; created: IdRun[] } | null;
  user: string;
  startedAt: string;
}

export interface IdRun {
  stem: string;
  from: number;
  to: number;
}

const PREFIX = 'crm.import.';

export function readJob(id: string): ImportJob | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(PREFIX + id);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as ImportJob;
  } catch {
    return null;
  }
}

export function saveJob(job: ImportJob): void {
  PropertiesService.getDocumentProperties().setProperty(PREFIX + job.id, JSON.stringify(job));
}

export function deleteJob(id: string): void {
  PropertiesService.getDocumentProperties().deleteProperty(PREFIX + id);
}

/** Adds IDs to a compact list of runs (IDs of one run come from nextIds, so they are consecutive). */
export function addIds(runs: IdRun[], ids: readonly string[]): void {
  for (const id of ids) {
    const m = /^([A-Z]+\d{8})(\d{3,})$/.exec(id);
    if (!m) continue;
    const seq = Number(m[2]);
    const last = runs[runs.length - 1];
    if (last && last.stem === m[1] && last.to === seq - 1) last.to = seq;
    else runs.push({ stem: m[1], from: seq, to: seq });
  }
}

export function idsOf(runs: readonly IdRun[]): string[] {
  const out: string[] = [];
  for (const r of runs) for (let s = r.from; s <= r.to; s++) out.push(r.stem + String(s).padStart(3, '0'));
  return out;
}

/** Every ID the job wrote, or may have written (its pending run's too: rollbacks check each). */
export function createdIds(job: ImportJob): string[] {
  return [...idsOf(job.created), ...idsOf(job.pending?.created ?? [])];
}

/** The pending run's rows landed (or did not): the job's progress follows. */
export function settlePending(job: ImportJob, landed: boolean): void {
  const p = job.pending;
  if (!p) return;
  if (landed) {
    addIds(job.created, idsOf(p.created));
    job.lastLine = p.lastLine;
  }
  job.pending = null;
}
