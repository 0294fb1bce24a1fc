/** Utilities (not counted: it runs inside the script, no service round trip). */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Env } from '../env';
import { Enums } from '../enums';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { isDateValue } from '../model/cellValue';
import { EmuBlob, fromBytesOrString, toSignedBytes } from './blob';
import { formatJavaDate, parseJavaDate } from './javaDateFormat';

const DIGESTS: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

/** Java String.format subset: %s %d %f %.Nf %x %b %%, widths and zero padding. */
export function formatJava(template: string, args: unknown[]): string {
  let i = 0;
  return String(template).replace(/%(-)?(0)?(\d+)?(?:\.(\d+))?([sdfxXbc%])/g, (_m, left, zero, width, prec, conv: string) => {
    if (conv === '%') return '%';
    const a = args[i++];
    let s: string;
    switch (conv) {
      case 'd':
        s = String(Math.trunc(Number(a)));
        break;
      case 'f':
        s = Number(a).toFixed(prec === undefined ? 6 : Number(prec));
        break;
      case 'x':
      case 'X':
        s = Math.trunc(Number(a)).toString(16);
        if (conv === 'X') s = s.toUpperCase();
        break;
      case 'b':
        s = String(!!a);
        break;
      case 'c':
        s = typeof a === 'number' ? String.fromCharCode(a) : String(a).charAt(0);
        break;
      default:
        s = prec === undefined ? String(a) : String(a).slice(0, Number(prec));
    }
    const w = width ? Number(width) : 0;
    if (s.length >= w) return s;
    if (left) return s.padEnd(w);
    return zero && conv !== 's' ? (s.startsWith('-') ? '-' + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0')) : s.padStart(w);
  });
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsvText(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function charsetEncoding(charset?: unknown): BufferEncoding {
  return String(charset ?? 'UTF_8') === 'US_ASCII' ? 'ascii' : 'utf8';
}

function toBuffer(data: unknown, charset?: unknown): Buffer {
  return typeof data === 'string' ? Buffer.from(data, charsetEncoding(charset)) : fromBytesOrString(data);
}

export class EmuUtilities extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  get Charset(): Record<string, string> {
    return Enums.Charset;
  }
  get DigestAlgorithm(): Record<string, string> {
    return Enums.DigestAlgorithm;
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDateValue(date)) throw signatureError('Utilities.formatDate', [date, timeZone, format]);
    return formatJavaDate(date, String(timeZone), String(format));
  }
  parseDate(date: string, timeZone: string, format: string): Date {
    const d = parseJavaDate(String(date), String(timeZone), String(format));
    if (!d) throw gasError(`Unparseable date: "${date}"`);
    return this.env.date(d.getTime());
  }
  formatString(template: string, ...args: unknown[]): string {
    return formatJava(template, args);
  }
  base64Encode(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, charset?: string): number[] {
    void charset;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(String(encoded).replace(/\s/g, ''))) throw gasError('Could not decode string.');
    return toSignedBytes(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string, charset?: string): number[] {
    void charset;
    return toSignedBytes(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const alg = DIGESTS[String(algorithm)];
    if (!alg) throw gasError(`Unsupported digest algorithm: ${algorithm}`);
    return toSignedBytes(createHash(alg).update(toBuffer(value, charset)).digest());
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return toSignedBytes(createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  newBlob(data: unknown, contentType?: string, name?: string): EmuBlob {
    return new EmuBlob(data, contentType ?? null, name ?? null);
  }
  getUuid(): string {
    return randomUUID();
  }
  /** Advances the virtual clock; nothing actually waits. */
  sleep(milliseconds: number): void {
    if (!(milliseconds >= 0) || milliseconds > 300000) throw gasError('Invalid argument: milliseconds');
    this.env.nowMs += milliseconds;
  }
  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsvText(String(csv), delimiter ?? ',');
  }
}

registerService(EmuUtilities, 'Utilities', { counted: false });
conforms<EmuUtilities, GoogleAppsScript.Utilities.Utilities>(true);
