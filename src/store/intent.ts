import { FAILED_ATTEMPT_NOTE } from '../core';
import { history } from '../schema';
import { escapeText, isDate, type SheetCell } from './cells';
import { pastGrid, type Block, type Cell } from './io';

type Properties = GoogleAppsScript.Properties.Properties;

/**
 * All-or-nothing logged writes without the Sheets advanced service.
 *
 * With the service a locked step's writes (rows, change log, key index) go as one batchUpdate, which
 * Sheets applies whole or not at all. Without it (a copy of the script without the service) each block
 * is its own setValues, and a failure between two leaves part of a step behind: a change-log entry
 * for a row that never landed, or a row whose entries are missing. Here such a step is written as
 * an intent:
 * 1. a document property records what the step is about to overwrite (its undo image: blank for
 *    appended rows, the cells read before for the rest) and where its log rows go;
 * 2. its change-log rows are written marked as a failed attempt, then every other block;
 * 3. the marks are replaced by the entries' own notes: the commit, and the step's last call (as the
 *    batchUpdate is with the service), so an execution cut off after it has nothing left undone;
 * 4. the next locked step finds the log rows committed and clears the property.
 * A failure before the commit is rolled back at once: the undo image is written back and the step's
 * own change-log rows are cleared (they were appended at rows read blank), so the attempt leaves
 * nothing, as with the service. A failure of the rollback itself, or an execution cut off at its
 * time limit, leaves the property and the marked rows (which read as a failed attempt meanwhile);
 * the next locked step settles it before anything else: log rows whole and unmarked mean the step
 * committed (only the property is left to clear), anything else means it did not (roll back). So
 * no new ID is drawn while a failed attempt's entries are on the log, and none is left there after:
 * an ID in the log names one record only.
 */

const KEY = 'crm.writeIntent';
/** A property value holds at most 9 kB (UTF-8); a longer intent goes in parts. */
const PART_BYTES = 8000;
/** Beyond this an intent would crowd the document's 500 kB of properties: the step goes unprotected. */
const MAX_INTENT_BYTES = 200000;
/** Note column of the change log's fixed column order. */
const NOTE_AT = history.columns.findIndex((c) => c.key === 'note');

export interface QueuedWrite {
  block: Block;
  values: Cell[][];
  /** log: change-log rows; append: rows read blank (or past the data); absent: anything else. */
  kind?: 'log' | 'append';
}

/** A cell as JSON keeps it: dates as { d: epoch ms }. */
type StoredCell = string | number | boolean | { d: number };

interface Undo {
  sheet: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** The cells before the step; absent: blank. */
  cells?: StoredCell[][];
}

interface LogBlock {
  sheet: string;
  row: number;
  numColumns: number;
  notes: string[];
}

interface Intent {
  logs: LogBlock[];
  undo: Undo[];
}

export interface IntentIO {
  read(block: Block): SheetCell[][];
  write(block: Block, values: Cell[][]): void;
  flush(): void;
}

const isMarked = (note: unknown) => typeof note === 'string' && note.startsWith(FAILED_ATTEMPT_NOTE);
const marked = (note: string) => (note ? `${FAILED_ATTEMPT_NOTE}: ${note}` : FAILED_ATTEMPT_NOTE);
const noteBlock = (l: LogBlock): Block => ({ sheet: l.sheet, row: l.row, column: NOTE_AT + 1, numRows: l.notes.length, numColumns: 1 });
const logBlock = (l: LogBlock): Block => ({ sheet: l.sheet, row: l.row, column: 1, numRows: l.notes.length, numColumns: l.numColumns });
const RECORD_ID_AT = history.columns.findIndex((c) => c.key === 'recordId');

function storedCell(v: unknown): StoredCell {
  if (isDate(v)) return { d: v.getTime() };
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return v === null || v === undefined ? '' : String(v);
}

/** A cell read back as it is written again: text stays text (escaped), dates stay dates. */
function cellOf(v: StoredCell): Cell {
  if (typeof v === 'object') return new Date(v.d);
  return typeof v === 'string' ? escapeText(v) : v;
}

export class WriteIntents {
  /** Parts the intent property was last known to span (stale parts are deleted when it shrinks). */
  private parts = 0;

  constructor(
    private readonly properties: () => Properties | null,
    private readonly io: IntentIO,
  ) {}

  /**
   * Settles what an earlier execution left (at the start of a locked step, before any read): rolls
   * back a step that never committed, or clears the record of one that did.
   */
  settle(): void {
    const props = this.properties();
    if (!props) return;
    const { intent: pending, parts } = readIntent(props);
    this.parts = parts;
    if (!pending) {
      if (parts) this.clear(props);
      return;
    }
    // Committed: every log row there, with its own note (a rollback cut short leaves rows blank or marked).
    const committed = pending.logs.every((l) => {
      const rows = this.io.read(logBlock(l));
      return l.notes.every(
        (note, i) =>
          String(rows[i]?.[RECORD_ID_AT] ?? '') !== '' && !isMarked(rows[i]?.[NOTE_AT]) && String(rows[i]?.[NOTE_AT] ?? '') === note,
      );
    });
    if (!committed) this.rollBack(pending.undo, pending.logs);
    this.clear(props);
  }

  /**
   * Sends a logged step's writes as an intent (see above); false when it cannot be protected (no
   * properties, or an intent too large), and the caller writes as before.
   */
  send(queue: readonly QueuedWrite[]): boolean {
    const props = this.properties();
    if (!props) return false;
    const logs = queue.filter((q) => q.kind === 'log');
    const others = queue.filter((q) => q.kind !== 'log');
    const undo: Undo[] = others.map(({ block, values, kind }) => {
      const b = { sheet: block.sheet, row: block.row, column: block.column, numRows: values.length, numColumns: values[0].length };
      return kind === 'append' ? b : { ...b, cells: this.readBefore(b).map((row) => row.map(storedCell)) };
    });
    const logBlocks = logs.map(({ block, values }) => ({
      sheet: block.sheet,
      row: block.row,
      numColumns: values[0].length,
      notes: values.map((r) => String(r[NOTE_AT] ?? '')),
    }));
    // (The caller settled what earlier executions left when its locked step began.)
    if (!this.record(props, { logs: logBlocks, undo })) return false;
    let written = 0;
    const blocks: QueuedWrite[] = [
      ...logs.map((q, i) => ({
        block: q.block,
        values: q.values.map((r, j) => r.map((c, at) => (at === NOTE_AT ? marked(logBlocks[i].notes[j]) : c))),
      })),
      ...others,
    ];
    try {
      for (const q of blocks) {
        this.io.write(q.block, q.values);
        written++;
      }
      this.io.flush();
      // The commit: the entries' own notes replace the marks (sent when the execution ends, as every
      // write without the service; a failure there fails the execution, and the next step settles).
      for (const l of logBlocks)
        this.io.write(
          noteBlock(l),
          l.notes.map((n) => [n]),
        );
    } catch (e) {
      try {
        // The block that failed is put back too (its before image: harmless if it never landed).
        this.rollBack(undo.slice(0, Math.max(0, written - logs.length + 1)), logBlocks.slice(0, Math.min(written + 1, logs.length)));
        this.clear(props);
      } catch {
        // Left for the next locked step to settle (the property still describes this attempt).
      }
      throw e;
    }
    return true;
  }

  /**
   * Writes the undo image back (last written first), then clears the attempt's log rows. Blocks
   * past a tab's grid were never written: they are skipped.
   */
  private rollBack(undo: readonly Undo[], logs: readonly LogBlock[]): void {
    const put = (block: Block, values: Cell[][]) => {
      try {
        this.io.write(block, values);
      } catch (e) {
        // (A tab deleted since has nothing to put back either.)
        if (!pastGrid(e) && !/Unable to parse range/i.test(String(e))) throw e;
      }
    };
    const blanks = (rows: number, columns: number) => Array.from({ length: rows }, () => new Array<Cell>(columns).fill(''));
    for (const u of [...undo].reverse()) {
      put(
        { sheet: u.sheet, row: u.row, column: u.column, numRows: u.numRows, numColumns: u.numColumns },
        u.cells ? u.cells.map((row) => row.map(cellOf)) : blanks(u.numRows, u.numColumns),
      );
    }
    for (const l of logs) put(logBlock(l), blanks(l.notes.length, l.numColumns));
    this.io.flush();
  }

  private readBefore(b: Block): SheetCell[][] {
    try {
      const got = this.io.read(b);
      return Array.from({ length: b.numRows ?? 0 }, (_, r) => Array.from({ length: b.numColumns ?? 0 }, (_, c) => got[r]?.[c] ?? ''));
    } catch (e) {
      // Rows past the grid hold nothing (the write there fails, and is retried after the grid grows).
      if (pastGrid(e)) return [];
      throw e;
    }
  }

  /** Writes the intent; false when it is too large to keep. */
  private record(props: Properties, intent: Intent): boolean {
    const json = JSON.stringify(intent);
    const pieces = utf8Pieces(json, PART_BYTES, MAX_INTENT_BYTES);
    if (!pieces) return false;
    const parts: Record<string, string> = {};
    if (pieces.length === 1) parts[KEY] = json;
    else {
      parts[KEY] = JSON.stringify({ parts: pieces.length });
      pieces.forEach((piece, i) => (parts[`${KEY}.${i + 1}`] = piece));
    }
    props.setProperties(parts);
    this.parts = Object.keys(parts).length - 1;
    return true;
  }

  /** Deletes the intent and its parts. */
  private clear(props: Properties): void {
    for (let i = this.parts; i >= 1; i--) props.deleteProperty(`${KEY}.${i}`);
    props.deleteProperty(KEY);
    this.parts = 0;
  }
}

function readIntent(props: Properties): { intent: Intent | null; parts: number } {
  const head = props.getProperty(KEY);
  if (!head) return { intent: null, parts: 0 };
  let parts = 0;
  try {
    const parsed = JSON.parse(head) as Intent & { parts?: number };
    if (typeof parsed.parts !== 'number') return { intent: parsed, parts };
    parts = parsed.parts;
    let json = '';
    for (let i = 1; i <= parts; i++) json += props.getProperty(`${KEY}.${i}`) ?? '';
    return { intent: JSON.parse(json) as Intent, parts };
  } catch {
    // Unreadable (a part lost): nothing can be settled from it; it is overwritten by the next step.
    return { intent: null, parts };
  }
}

/**
 * `text` cut into pieces of at most `bytes` bytes of UTF-8 each, never inside a surrogate pair (a
 * lone half would not survive the store); null when the whole is over `max` bytes.
 */
export function utf8Pieces(text: string, bytes: number, max: number): string[] | null {
  const pieces: string[] = [];
  let start = 0;
  let size = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (size + n > bytes) {
      pieces.push(text.slice(start, i));
      start = i;
      size = 0;
    }
    size += n;
    total += n;
    if (total > max) return null;
    if (pair) i++;
  }
  pieces.push(text.slice(start));
  return pieces;
}
