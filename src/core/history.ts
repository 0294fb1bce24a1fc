/** One row of the append-only history tab: one changed field of one record. */
export interface HistoryEntry {
  time: string;
  user: string;
  table: string;
  recordId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  source: 'sidebar' | 'edit' | 'import' | 'script' | 'form' | 'assign' | 'pool' | 'portal' | 'email';
  note?: string;
}
