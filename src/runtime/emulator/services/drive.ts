/** DriveApp: files and folders in Env.drive; a spreadsheet copy is a deep workbook copy. */
import { Env, DriveEntry } from '../env';
import { gasError, signatureError } from '../errors';
import { conforms, registerService, Service } from '../instrument';
import { newFileId } from '../model/workbook';
import { spreadsheetUrl } from '../spreadsheet/spreadsheet';
import { EmuBlob, fromBytesOrString } from './blob';
import { cloneDocument, documentPdf, urlOfDocument } from './document';
import { EmuUser } from './session';

const FOLDER_MIME = 'application/vnd.google-apps.folder';
const PDF_MIME = 'application/pdf';

function entry(env: Env, id: string, kind: 'file' | 'folder'): DriveEntry {
  const e = env.drive.get(String(id));
  const isFolder = e?.kind === 'folder';
  if (!e || isFolder !== (kind === 'folder')) {
    throw gasError(
      kind === 'folder'
        ? 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.'
        : 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
    );
  }
  return e;
}

function createEntry(env: Env, name: string, kind: DriveEntry['kind'], folderId: string, mimeType: string, content?: Buffer): DriveEntry {
  const e: DriveEntry = { id: newFileId(), name, mimeType, trashed: false, createdAt: new Date(env.nowMs), folderIds: [folderId], kind };
  if (content !== undefined) e.content = content;
  env.drive.set(e.id, e);
  return e;
}

abstract class DriveItem extends Service {
  constructor(
    protected readonly env: Env,
    protected readonly e: DriveEntry,
  ) {
    super();
  }
  getId(): string {
    return this.e.id;
  }
  getName(): string {
    return this.e.name;
  }
  setName(name: string): this {
    this.e.name = String(name);
    const wb = this.env.workbooks.get(this.e.id);
    if (wb) wb.name = this.e.name;
    return this;
  }
  getDateCreated(): Date {
    return this.env.date(this.e.createdAt.getTime());
  }
  getLastUpdated(): Date {
    return this.env.date(this.env.nowMs);
  }
  isTrashed(): boolean {
    return this.e.trashed;
  }
  setTrashed(trashed: boolean): this {
    this.e.trashed = !!trashed;
    return this;
  }
  getOwner(): EmuUser {
    return new EmuUser(this.env.workbook.owner);
  }
  getParents(): EmuFolderIterator {
    return new EmuFolderIterator(this.e.folderIds.map((id) => new EmuFolder(this.env, entry(this.env, id, 'folder'))));
  }
  getDescription(): string | null {
    return null;
  }
  moveTo(destination: EmuFolder): this {
    this.e.folderIds = [destination.getId()];
    return this;
  }
}

export class EmuFile extends DriveItem {
  getUrl(): string {
    if (this.e.kind === 'spreadsheet') return spreadsheetUrl(this.e.id);
    return this.e.kind === 'document' ? urlOfDocument(this.e.id) : `https://drive.google.com/file/d/${this.e.id}/view`;
  }
  getMimeType(): string {
    return this.e.mimeType;
  }
  getSize(): number {
    return this.e.content?.length ?? 0;
  }
  /** A Google Doc's blob is its PDF (Apps Script converts Google files on getBlob). */
  getBlob(): EmuBlob {
    const doc = this.env.documents.get(this.e.id);
    if (doc) return new EmuBlob(documentPdf(doc, this.e.name, this.env.nowMs), PDF_MIME, `${this.e.name}.pdf`);
    return new EmuBlob(this.e.content ?? Buffer.alloc(0), this.e.mimeType, this.e.name);
  }
  /** getAs('application/pdf') converts a Google Doc; any other file keeps its bytes under the new type. */
  getAs(contentType: string): EmuBlob {
    if (typeof contentType !== 'string') throw signatureError('File.getAs', [contentType]);
    if (this.e.kind === 'document' && contentType !== PDF_MIME)
      throw gasError(`Converting from ${this.e.mimeType} to ${contentType} is not supported.`);
    if (this.e.kind === 'spreadsheet' || this.e.kind === 'folder')
      throw gasError(`Converting from ${this.e.mimeType} to ${contentType} is not supported.`);
    return this.getBlob().getAs(contentType);
  }
  /** makeCopy(), (name), (destination), (name, destination). */
  makeCopy(a?: string | EmuFolder, b?: EmuFolder): EmuFile {
    const name = typeof a === 'string' ? a : `Copy of ${this.e.name}`;
    const folder = a instanceof EmuFolder ? a : b instanceof EmuFolder ? b : null;
    const folderIds = folder ? [folder.getId()] : [...this.e.folderIds];
    const wb = this.env.workbooks.get(this.e.id);
    if (wb) {
      const clone = wb.clone(name);
      this.env.addWorkbook(clone, folderIds);
      return new EmuFile(this.env, entry(this.env, clone.id, 'file'));
    }
    const copy = createEntry(this.env, name, this.e.kind, folderIds[0], this.e.mimeType, this.e.content);
    const doc = this.env.documents.get(this.e.id);
    if (doc) this.env.documents.set(copy.id, cloneDocument(doc));
    return new EmuFile(this.env, copy);
  }
}

export class EmuFolder extends DriveItem {
  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this.e.id}`;
  }
  private _children(kind: 'file' | 'folder'): DriveEntry[] {
    return [...this.env.drive.values()].filter(
      (x) => x.folderIds.includes(this.e.id) && !x.trashed && (x.kind === 'folder') === (kind === 'folder'),
    );
  }
  getFiles(): EmuFileIterator {
    return new EmuFileIterator(this._children('file').map((x) => new EmuFile(this.env, x)));
  }
  getFilesByName(name: string): EmuFileIterator {
    return new EmuFileIterator(
      this._children('file')
        .filter((x) => x.name === name)
        .map((x) => new EmuFile(this.env, x)),
    );
  }
  getFolders(): EmuFolderIterator {
    return new EmuFolderIterator(this._children('folder').map((x) => new EmuFolder(this.env, x)));
  }
  getFoldersByName(name: string): EmuFolderIterator {
    return new EmuFolderIterator(
      this._children('folder')
        .filter((x) => x.name === name)
        .map((x) => new EmuFolder(this.env, x)),
    );
  }
  createFolder(name: string): EmuFolder {
    return new EmuFolder(this.env, createEntry(this.env, String(name), 'folder', this.e.id, FOLDER_MIME));
  }
  /** createFile(name, content[, mimeType]) or createFile(blob). */
  createFile(a: string | EmuBlob, content?: string, mimeType?: string): EmuFile {
    const e =
      a instanceof EmuBlob
        ? createEntry(
            this.env,
            a.getName() ?? 'Untitled',
            'file',
            this.e.id,
            a.getContentType() ?? 'application/octet-stream',
            fromBytesOrString(a),
          )
        : createEntry(this.env, String(a), 'file', this.e.id, mimeType ?? 'text/plain', Buffer.from(String(content ?? ''), 'utf8'));
    return new EmuFile(this.env, e);
  }
}

class Iterator<T> extends Service {
  private i = 0;
  constructor(private readonly items: T[]) {
    super();
  }
  hasNext(): boolean {
    return this.i < this.items.length;
  }
  next(): T {
    if (this.i >= this.items.length) throw gasError('Cannot retrieve the next object: iterator has reached the end.');
    return this.items[this.i++];
  }
  getContinuationToken(): string {
    return String(this.i);
  }
}
export class EmuFileIterator extends Iterator<EmuFile> {}
export class EmuFolderIterator extends Iterator<EmuFolder> {}

export class EmuDriveApp extends Service {
  constructor(private readonly env: Env) {
    super();
  }
  private _root(): EmuFolder {
    return new EmuFolder(this.env, entry(this.env, this.env.rootFolderId, 'folder'));
  }
  getFileById(id: string): EmuFile {
    if (typeof id !== 'string') throw signatureError('DriveApp.getFileById', [id]);
    return new EmuFile(this.env, entry(this.env, id, 'file'));
  }
  getFolderById(id: string): EmuFolder {
    return new EmuFolder(this.env, entry(this.env, id, 'folder'));
  }
  getRootFolder(): EmuFolder {
    return this._root();
  }
  getFiles(): EmuFileIterator {
    return new EmuFileIterator(
      [...this.env.drive.values()].filter((x) => x.kind !== 'folder' && !x.trashed).map((x) => new EmuFile(this.env, x)),
    );
  }
  getFilesByName(name: string): EmuFileIterator {
    return new EmuFileIterator(
      [...this.env.drive.values()].filter((x) => x.kind !== 'folder' && !x.trashed && x.name === name).map((x) => new EmuFile(this.env, x)),
    );
  }
  getFolders(): EmuFolderIterator {
    return new EmuFolderIterator(
      [...this.env.drive.values()]
        .filter((x) => x.kind === 'folder' && x.id !== this.env.rootFolderId && !x.trashed)
        .map((x) => new EmuFolder(this.env, x)),
    );
  }
  getFoldersByName(name: string): EmuFolderIterator {
    return new EmuFolderIterator(
      [...this.env.drive.values()]
        .filter((x) => x.kind === 'folder' && !x.trashed && x.name === name)
        .map((x) => new EmuFolder(this.env, x)),
    );
  }
  createFolder(name: string): EmuFolder {
    return this._root().createFolder(name);
  }
  createFile(a: string | EmuBlob, content?: string, mimeType?: string): EmuFile {
    return this._root().createFile(a, content, mimeType);
  }
  getTrashedFiles(): EmuFileIterator {
    return new EmuFileIterator(
      [...this.env.drive.values()].filter((x) => x.kind !== 'folder' && x.trashed).map((x) => new EmuFile(this.env, x)),
    );
  }
}

registerService(EmuFile, 'File', { local: ['getId', 'getUrl', 'getMimeType'] });
registerService(EmuFolder, 'Folder', { local: ['getId', 'getUrl'] });
registerService(EmuFileIterator, 'FileIterator', { allLocal: true });
registerService(EmuFolderIterator, 'FolderIterator', { allLocal: true });
registerService(EmuDriveApp, 'DriveApp');
conforms<EmuFile, GoogleAppsScript.Drive.File>(true);
conforms<EmuFolder, GoogleAppsScript.Drive.Folder>(true);
conforms<EmuFileIterator, GoogleAppsScript.Drive.FileIterator>(true);
conforms<EmuFolderIterator, GoogleAppsScript.Drive.FolderIterator>(true);
conforms<EmuDriveApp, GoogleAppsScript.Drive.DriveApp>(true);
