/** Quotes as documents and files per customer: entry points exported from src/server/index.ts. */
export { makeDocumentPdf, emailDocument, uploadFile } from './entries';
export type { FileInfo } from './entries';
