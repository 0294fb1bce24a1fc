export { createLeadForm, connectForm, onLeadFormSubmit, processLeadForms, retryIntake } from './entries';
export { findDuplicates } from './duplicates';
