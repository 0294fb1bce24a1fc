import type * as Entries from './index';

/**
 * The name of an exported entry point (a top-level function of dist/Code.js). Menu items and
 * trigger handlers are typed by it, so a rename that misses one fails to compile.
 */
export type EntryName = keyof typeof Entries;
