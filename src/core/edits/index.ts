export { planEdit } from './plan';
export { isCrmNote, MARK_BACKGROUND, NOTE_MARK, noteText, type NoteKey } from './notes';
export type { CellMark, CellWrite, EditCounts, EditedRow, EditInput, EditLogEntry, EditPlan } from './types';
