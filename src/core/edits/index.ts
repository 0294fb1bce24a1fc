export { planEdit } from './plan';
export { isCrmNote, MARK_BACKGROUND, noteText, type NoteKey } from './notes';
export type { CellMark, CellWrite, EditCounts, EditedRow, EditInput, EditLogEntry, EditPlan } from './types';
