/** Blob (bytes + content type + name). Apps Script byte arrays are signed numbers -128..127. */
import { conforms, registerService, Service } from '../instrument';

export function toSignedBytes(buf: Buffer): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

export function fromBytesOrString(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Buffer.isBuffer(data)) return Buffer.from(data);
  if (Array.isArray(data)) return Buffer.from(data.map((b: number) => b & 0xff));
  if (data instanceof EmuBlob) return Buffer.from(data.getBytes().map((b) => b & 0xff));
  return Buffer.from(String(data ?? ''), 'utf8');
}

export class EmuBlob extends Service {
  private bytes: Buffer;
  constructor(
    data: unknown,
    private contentType: string | null = null,
    private name: string | null = null,
  ) {
    super();
    this.bytes = fromBytesOrString(data);
  }
  getBytes(): number[] {
    return toSignedBytes(this.bytes);
  }
  setBytes(data: number[]): this {
    this.bytes = fromBytesOrString(data);
    return this;
  }
  getDataAsString(charset?: string): string {
    return this.bytes.toString(
      String(charset ?? 'UTF-8')
        .toUpperCase()
        .replace('_', '-') === 'US-ASCII'
        ? 'ascii'
        : 'utf8',
    );
  }
  setDataFromString(string: string): this {
    this.bytes = Buffer.from(String(string), 'utf8');
    return this;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string | null): this {
    this.contentType = contentType;
    return this;
  }
  setContentTypeFromExtension(): this {
    const ext = /\.([^.]+)$/.exec(this.name ?? '')?.[1]?.toLowerCase();
    const types: Record<string, string> = {
      csv: 'text/csv',
      txt: 'text/plain',
      html: 'text/html',
      json: 'application/json',
      pdf: 'application/pdf',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      png: 'image/png',
    };
    this.contentType = (ext && types[ext]) || this.contentType;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): this {
    this.name = String(name);
    return this;
  }
  copyBlob(): EmuBlob {
    return new EmuBlob(this.getBytes(), this.contentType, this.name);
  }
  getAs(contentType: string): EmuBlob {
    return new EmuBlob(this.getBytes(), contentType, this.name);
  }
  getBlob(): EmuBlob {
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
}

registerService(EmuBlob, 'Blob', { counted: false });
conforms<EmuBlob, GoogleAppsScript.Base.Blob>(true);
