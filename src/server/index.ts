/**
 * The Apps Script entry points. Every export here becomes a top-level function in dist/Code.js
 * (scripts/build.mjs generates the wrappers), so this file is the public contract.
 */
export { onOpen, onInstall } from './menu';
export { setupWorkbook } from './setup/setupWorkbook';
export { saveRecord, getRecord, searchRecords, getCustomer360, deleteRecord } from './api/records';
export { completeTodo } from './api/todos';
export { rebuildSummaries } from './summaries';
export { installTriggers } from './triggers';
export { showSidebar, getSidebarContext, getReminders, getPipeline, getMyTargets } from './sidebar';
export {
  convertLead,
  createOrderFromQuote,
  schedulePayments,
  runDailyJobs,
  sendReminderDigest,
  findDuplicateCustomers,
  mergeCustomers,
  importRecords,
  exportRecords,
  backupNow,
  scheduledBackup,
  listBackups,
  restoreFromBackup,
  listPool,
  claimFromPool,
  assignFromPool,
} from './workflows';
export { handleEdit, onEdit } from './edit';
export { getCapacity } from './capacity';
export { rebuildIndex } from './api/keyIndex';
export { addOption } from './lists/addOption';
export { createLeadForm, connectForm, onLeadFormSubmit, processLeadForms, retryIntake, findDuplicates } from './intake';
export { addWebhook, deliverNotifications } from './notify';
export { grantSelfService, revokeSelfService, portalTickets, portalRaiseTicket } from './portal';
export { doGet, showAppLink } from './web';
export { setCalendarSync, getCalendarSync, syncMyCalendar, syncCalendar } from './calendar';
export { previewMailMerge, testMailMerge, startMailMerge, resumeMailMerges, mailMergeStatus } from './mailMerge';
export { makeDocumentPdf, emailDocument, uploadFile } from './documents';
export { setEmailLogging, getEmailLogging, toggleEmailLogging, logEmails } from './emailLog';
