import type { HistoryEntry } from '../history';
import type { Lang, TableDef } from '../../schema';
import type { RefLookup } from '../integrity';
import type { Settings } from '../settings';
import type { Values } from '../validate';
import type { FieldError } from '../errors';

/** One row the edit touched, read after the edit. */
export interface EditedRow {
  /** Sheet row number. */
  rowNumber: number;
  /** Canonical values of every field with a column on the tab (lenient: what does not fit stays as typed). */
  values: Values;
}

export interface EditInput {
  table: TableDef;
  /** Fields whose columns the edited range covers. */
  edited: readonly string[];
  /** Fields that have a column on the tab. */
  present: readonly string[];
  rows: readonly EditedRow[];
  /** For a single-cell edit: the cell's previous value, canonical (null when it was empty). */
  previous: { value: unknown } | null;
  /** How many rows of the table carry each ID, after the edit. */
  idCounts: ReadonlyMap<string, number>;
  /** The table's records (uniqueness checks). */
  records: readonly Values[];
  refState: RefLookup;
  tableLabel: (table: string) => string;
  /** The settings tab's users (fields marked `member` must name one); none: not checked. */
  users?: readonly { email: string; name: string }[];
  lang: Lang;
  lists: Settings['lists'];
  /** 'YYYY-MM-DD HH:mm' in the spreadsheet time zone. */
  now: string;
  /** Who typed; '' when Apps Script does not say (then no role check is possible). */
  editor: string;
  /** The editor's right to turn `before` (null: create) into `after`; null when the editor is unknown. */
  permits: ((before: Values | null, after: Values) => boolean) | null;
  /** The editor's role, for notes. */
  roleName: string;
  /**
   * Checks of a whole row that need more than its own cells (targets: whose and which month, see
   * core/targets): the row's values (valid fields canonical) and the rows accepted before it in
   * this edit. Its errors mark the edited cells they name, as a bad value does.
   */
  rowCheck?: (values: Values, id: string, accepted: readonly Values[]) => FieldError[];
  /** The same moment as `now` to the second, 'YYYY-MM-DD HH:mm:ss': what updatedAt stamps start from. */
  clock: string;
}

export interface CellWrite {
  rowNumber: number;
  field: string;
  /** Canonical value. */
  value: unknown;
}

/** A note to put on a cell (highlighted), or null to clear the CRM's own mark there. */
export interface CellMark {
  rowNumber: number;
  field: string;
  note: string | null;
}

/** A history-tab row written by the edit handler. */
export type EditLogEntry = HistoryEntry & { source: 'edit' };

export interface EditCounts {
  rows: number;
  created: number;
  invalid: number;
  restored: number;
  refused: number;
}

export interface EditPlan {
  writes: CellWrite[];
  marks: CellMark[];
  history: EditLogEntry[];
  counts: EditCounts;
}
