/**
 * The Apps Script entry points. Every export here becomes a top-level function in dist/Code.js
 * (scripts/build.mjs generates the wrappers), so this file is the public contract.
 */
export { onOpen, onInstall } from './menu';
export { setupWorkbook } from './setup/setupWorkbook';
export { saveRecord, getRecord, searchRecords, getCustomer360 } from './api/records';
