/**
 * Roles on every entry point.
 *
 * Declaring an entry point's permission: wrap it with `enveloped(signature, fn, requirement)` or
 * `throwing(signature, fn, requirement)` from src/server/entry.ts. `requirement` is a Permission
 * ('public' | 'read' | 'write' | 'export' | 'import' | 'admin' | 'setup', see src/core/roles.ts) or
 * a list of roles (['admin', 'manager']). Defaults: enveloped → 'write', throwing → 'read'.
 * The wrapper checks the requirement before the body runs, reusing the execution's context
 * (openContext), and every write to a data table is checked again per record by the store
 * (sales: own and team records only; service: tickets and feedback). Entry points that are plain
 * functions (simple triggers, showSidebar) are listed in PUBLIC_ENTRY_POINTS;
 * test/integrity/entryPoints.test.ts fails for any other entry point without a declaration.
 */
export { Authority, spreadsheetOwner, type OwnerLookup, type Requirement } from './authority';
export { asCrmError } from './failures';
export { currentScope, enterScope, leaveScope, type Scope } from './scope';

/**
 * Entry points that need no role: menus and the sidebar shell read no data (handleEdit checks each
 * edit's user itself; doGet serves its pages by its own rules: the staff app to listed users only).
 */
export const PUBLIC_ENTRY_POINTS: readonly string[] = [
  'onOpen',
  'onInstall',
  'onEdit',
  'showSidebar',
  'handleEdit',
  'doGet',
  'showAppLink',
];
