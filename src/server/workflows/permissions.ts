import type { Requirement } from '../auth';

/**
 * Who may run each workflow entry point, in one place; each entry passes its line to
 * enveloped/throwing (src/server/auth documents the mechanism). Per-record rights (sales: own and
 * team records) are checked again by the store on every write a workflow makes.
 */
export const WORKFLOW_PERMISSIONS = {
  convertLead: 'write',
  createOrderFromQuote: 'write',
  schedulePayments: 'write',
  findDuplicateCustomers: 'read',
  mergeCustomers: ['admin', 'manager'],
  importRecords: 'import',
  exportRecords: 'export',
  backupNow: 'admin',
  scheduledBackup: 'admin',
  listBackups: 'admin',
  restoreFromBackup: 'admin',
  runDailyJobs: 'admin',
  sendReminderDigest: 'admin',
} as const satisfies Record<string, Requirement>;
