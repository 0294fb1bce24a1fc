/** Workflows: pure planning for lead conversion, orders, payments, lifecycle, dedupe, import, backup. */
export * from './values';
export * from './conversion';
export * from './orders';
export * from './payments';
export * from './lifecycle';
export * from './campaigns';
export * from './support';
export * from './dedupe';
export * from './backup';
export * from './digest';
export * from './importing/mapping';
export * from './importing/plan';
export * from './files/base64';
export * from './files/csv';
export * from './files/xlsx';
export * from './files/decode';
export * from './intake';
