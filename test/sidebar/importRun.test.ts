/** The sidebar's import commit loop over a stand-in importRecords: resume by jobId, cancel between runs, failures. */
import { cancelImport, runImport, type ImportSend } from '../../sidebar/src/lib/importRun';
import { decodeCsv, formatOf } from '../../sidebar/src/lib/importFile';
import type { ImportReply, ImportRequest } from '../../sidebar/src/rpc';

const counts = { create: 5, update: 0, merge: 0, skip: 0, error: 0 };
function run(created: number, done: boolean, jobId: string | null, updated = 0): ImportReply {
  return {
    ok: true,
    mode: 'commit',
    mapping: { columns: [], missingRequired: [] },
    total: 5,
    counts,
    rows: [],
    written: { created, updated },
    done,
    jobId,
  };
}

/** A server that answers from a script, recording every options object it got. */
function scripted(replies: (ImportReply | Error)[]): { send: ImportSend; sent: ImportRequest[] } {
  const sent: ImportRequest[] = [];
  const send: ImportSend = async (options) => {
    sent.push(options);
    const next = replies.shift();
    if (!next) throw new Error('no more replies scripted');
    if (next instanceof Error) throw next;
    return next;
  };
  return { send, sent };
}

const base = { format: 'csv' as const, mapping: {}, duplicates: 'skip' as const };

describe('runImport', () => {
  it('calls again with the returned jobId while the server says done: false, adding up what was written', async () => {
    const { send, sent } = scripted([run(2, false, 'job1', 1), run(2, false, 'job1'), run(1, true, null)]);
    const seen: number[] = [];
    const outcome = await runImport(send, base, { onProgress: (p) => seen.push(p.created), cancelRequested: () => false });
    expect(outcome).toEqual({ status: 'done', created: 5, updated: 1 });
    expect(sent.map((o) => [o.mode, o.jobId])).toEqual([
      ['commit', null],
      ['commit', 'job1'],
      ['commit', 'job1'],
    ]);
    expect(sent.every((o) => o.duplicates === 'skip' && o.format === 'csv')).toBe(true);
    expect(seen).toEqual([2, 4, 5]);
  });

  it("cancels between runs with the job's ID, and reports what was taken back", async () => {
    const cancelled: ImportReply = {
      ok: true,
      mode: 'cancel',
      mapping: { columns: [], missingRequired: [] },
      total: 2,
      counts,
      rows: [],
      done: true,
      jobId: null,
    };
    const { send, sent } = scripted([run(2, false, 'job2'), cancelled]);
    let cancel = false;
    const outcome = await runImport(send, base, {
      onProgress: () => {
        cancel = true;
      },
      cancelRequested: () => cancel,
    });
    expect(outcome).toEqual({ status: 'cancelled', removed: 2 });
    expect(sent.map((o) => [o.mode, o.jobId])).toEqual([
      ['commit', null],
      ['cancel', 'job2'],
    ]);
  });

  it('stops on a refusal, and on a failed call keeps the job to resume or cancel', async () => {
    const refusal: ImportReply = {
      ok: false,
      errors: [{ field: '', code: 'import_invalid', message: 'x', messages: { zh: 'x', en: 'x' } }],
    };
    expect(await runImport(scripted([refusal]).send, base, { onProgress: () => undefined, cancelRequested: () => false })).toMatchObject({
      status: 'refused',
      errors: [{ code: 'import_invalid' }],
    });

    const { send, sent } = scripted([run(2, false, 'job3'), new Error('Exceeded maximum execution time'), run(3, true, null)]);
    const hooks = { onProgress: () => undefined, cancelRequested: () => false };
    const failed = await runImport(send, base, hooks);
    expect(failed).toMatchObject({
      status: 'failed',
      error: { message: 'Exceeded maximum execution time' },
      progress: { created: 2, jobId: 'job3' },
    });
    if (failed.status !== 'failed') throw new Error('expected a failure');
    expect(await runImport(send, base, hooks, failed.progress)).toEqual({ status: 'done', created: 5, updated: 0 });
    expect(sent.map((o) => o.jobId)).toEqual([null, 'job3', 'job3']);
  });

  it("cancelImport sends mode cancel with the job's ID; a failed cancel keeps the job", async () => {
    const { send, sent } = scripted([new Error('network')]);
    const outcome = await cancelImport(send, base, { created: 2, updated: 0, jobId: 'job4' });
    expect(outcome).toMatchObject({ status: 'failed', progress: { jobId: 'job4' } });
    expect(sent).toEqual([{ ...base, mode: 'cancel', jobId: 'job4' }]);
  });
});

describe('import files', () => {
  it('knows CSV and XLSX by extension, and nothing else', () => {
    expect([formatOf('客户.CSV'), formatOf('a.xlsx'), formatOf('old.xls'), formatOf('noext')]).toEqual(['csv', 'xlsx', null, null]);
  });

  it('reads UTF-8 CSV (with or without BOM) and falls back to GB18030, as Excel on Chinese Windows saves it', () => {
    const utf8 = new TextEncoder().encode('\uFEFF客户名称,邮箱\n华为,a@b.com');
    expect(decodeCsv(utf8.buffer as ArrayBuffer)).toBe('客户名称,邮箱\n华为,a@b.com');
    // "客户名称" in GBK.
    const gbk = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0xc3, 0xfb, 0xb3, 0xc6]);
    expect(decodeCsv(gbk.buffer)).toBe('客户名称');
    // Excel's "Unicode text": UTF-16 LE with a BOM (which the decoder drops), and BE.
    const le = Buffer.from('\uFEFF客户名称\t邮箱', 'utf16le');
    expect(decodeCsv(le.buffer.slice(le.byteOffset, le.byteOffset + le.length) as ArrayBuffer)).toBe('客户名称\t邮箱');
    const be = Buffer.from(le).swap16();
    expect(decodeCsv(be.buffer.slice(be.byteOffset, be.byteOffset + be.length) as ArrayBuffer)).toBe('客户名称\t邮箱');
  });
});
