/** Workflow entry points: each is exported from src/server/index.ts. */
export { convertLead } from './convertLead';
export { createOrderFromQuote, schedulePayments } from './orders';
export { runDailyJobs } from './dailyJobs';
export { sendReminderDigest } from './digest';
export { findDuplicateCustomers, mergeCustomers } from './merge';
export { importRecords } from './importing/importRecords';
export { exportRecords } from './exportRecords';
export { backupNow, scheduledBackup, listBackups, restoreFromBackup } from './backup';
export { listPool, claimFromPool, assignFromPool } from './pool';
