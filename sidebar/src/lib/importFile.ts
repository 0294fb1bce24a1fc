/**
 * A file chosen for import, read the way importRecords takes it: CSV as text, XLSX as base64
 * without the data: prefix.
 */
import type { FileFormat } from '../../../src/core/workflows';

export interface ImportSource {
  /** File name, or '' for pasted text. */
  name: string;
  content: string;
  format: FileFormat;
}

export function formatOf(fileName: string): FileFormat | null {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

/**
 * CSV bytes as text: UTF-16 with its byte-order mark, UTF-8 (with or without BOM); bytes that are
 * not UTF-8 are read as GB18030, which is what Excel on Chinese Windows saves a CSV in.
 */
export function decodeCsv(bytes: ArrayBuffer): string {
  // "Unicode text" from Excel is UTF-16 with a byte-order mark (and tabs, which the parser guesses).
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function read(file: Blob, as: 'dataUrl' | 'bytes'): Promise<string | ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (reader.result === null ? reject(new Error('empty read')) : resolve(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    if (as === 'dataUrl') reader.readAsDataURL(file);
    else reader.readAsArrayBuffer(file);
  });
}

/** null for a file that is neither .csv nor .xlsx (an old .xls is a different format). */
export async function readImportFile(file: File): Promise<ImportSource | null> {
  const format = formatOf(file.name);
  if (!format) return null;
  if (format === 'xlsx') {
    const url = String(await read(file, 'dataUrl'));
    return { name: file.name, content: url.slice(url.indexOf(',') + 1), format };
  }
  return { name: file.name, content: decodeCsv((await read(file, 'bytes')) as ArrayBuffer), format };
}
