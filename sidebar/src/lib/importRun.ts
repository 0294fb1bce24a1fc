/**
 * The commit of an import: one importRecords call per run. A file too big for one Apps Script
 * execution comes back with done: false and a jobId, and is called again with that jobId until
 * done. A cancel asked for between runs rolls back what the job wrote (mode: 'cancel').
 */
import type { FieldError } from '../../../src/core';
import type { ImportReply, ImportRequest } from '../rpc';
import { toFailure } from './failure';

/** importRecords for one table and file content, with the given options. */
export type ImportSend = (options: ImportRequest) => Promise<ImportReply>;

export interface ImportProgress {
  created: number;
  updated: number;
  /** The job to resume or cancel; null before the first run answers and once it is done. */
  jobId: string | null;
}

export type ImportOutcome =
  | { status: 'done'; created: number; updated: number }
  | { status: 'cancelled'; removed: number }
  /** The server found errors when it re-checked the file (and undid the job, if one was started). */
  | { status: 'refused'; errors: FieldError[] }
  /** A call failed (network, time limit): `progress.jobId` can be resumed or cancelled. */
  | { status: 'failed'; error: Error; progress: ImportProgress };

export interface ImportHooks {
  onProgress: (p: ImportProgress) => void;
  /** Asked between runs: true stops the job and rolls it back. */
  cancelRequested: () => boolean;
}

export async function cancelImport(
  send: ImportSend,
  options: Omit<ImportRequest, 'mode'>,
  progress: ImportProgress,
): Promise<ImportOutcome> {
  try {
    const reply = await send({ ...options, mode: 'cancel', jobId: progress.jobId });
    return reply.ok ? { status: 'cancelled', removed: reply.total } : { status: 'refused', errors: reply.errors };
  } catch (e) {
    return { status: 'failed', error: toFailure(e), progress };
  }
}

/** Runs (or resumes, from `from`) a commit to the end, a refusal, a failure or a cancel. */
export async function runImport(
  send: ImportSend,
  options: Omit<ImportRequest, 'mode' | 'jobId'>,
  hooks: ImportHooks,
  from: ImportProgress = { created: 0, updated: 0, jobId: null },
): Promise<ImportOutcome> {
  let progress = from;
  for (;;) {
    if (progress.jobId && hooks.cancelRequested()) return cancelImport(send, options, progress);
    let reply: ImportReply;
    try {
      reply = await send({ ...options, mode: 'commit', jobId: progress.jobId });
    } catch (e) {
      return { status: 'failed', error: toFailure(e), progress };
    }
    if (!reply.ok) return { status: 'refused', errors: reply.errors };
    progress = {
      created: progress.created + (reply.written?.created ?? 0),
      updated: progress.updated + (reply.written?.updated ?? 0),
      jobId: reply.done === false ? (reply.jobId ?? null) : null,
    };
    hooks.onProgress(progress);
    if (reply.done !== false) return { status: 'done', created: progress.created, updated: progress.updated };
    // done: false without a jobId would loop forever: the server always sends one, but say so.
    if (!progress.jobId) return { status: 'failed', error: new Error('importRecords answered done: false without a jobId'), progress };
  }
}
