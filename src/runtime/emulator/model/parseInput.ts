/**
 * Turns a value written by a script (setValues) or typed by a person into what Sheets stores:
 * numeric text -> number, TRUE/FALSE -> boolean, ISO dates -> Date in the spreadsheet zone,
 * "=..." -> formula, a leading apostrophe keeps the rest as literal text.
 */
import { GasError } from '../errors';
import { CellValue, isDateValue, toHostDate } from './cellValue';
import { fromWallClock } from './timeZone';

export const MAX_CELL_CHARS = 50000;
export const TEXT_FORMAT = '@';

export type ParsedInput = { kind: 'value'; value: CellValue } | { kind: 'formula'; formula: string };

export class InputError extends GasError {}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Parses text the way the Sheets UI does; returns null when it stays text. */
export function parseTypedText(text: string, timeZone: string): CellValue | null {
  const t = text.trim();
  if (!t) return null;
  if (NUMBER.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ''));
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  const upper = t.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  const d = DATE.exec(t);
  if (d) {
    const [y, mo, da, h, mi, s] = [d[1], d[2], d[3], d[4] ?? '0', d[5] ?? '0', d[6] ?? '0'].map(Number);
    if (mo < 1 || mo > 12 || da < 1 || da > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
    return new Date(fromWallClock(timeZone, y, mo, da, h, mi, s));
  }
  const tm = TIME.exec(t);
  if (tm) {
    const [h, mi, s] = [tm[1], tm[2], tm[3] ?? '0'].map(Number);
    if (h > 23 || mi > 59 || s > 59) return null;
    return new Date(fromWallClock(timeZone, 1899, 12, 30, h, mi, s)); // Sheets stores a bare time on day 0
  }
  return null;
}

function checkLength(s: string): void {
  if (s.length > MAX_CELL_CHARS) {
    throw new InputError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
}

/**
 * Normalises one value written through the service. `numberFormat` is the cell's format;
 * '@' (plain text) keeps strings as typed.
 */
export function parseInput(raw: unknown, numberFormat: string | undefined, timeZone: string): ParsedInput {
  if (raw === null || raw === undefined) return { kind: 'value', value: '' };
  if (typeof raw === 'number') return { kind: 'value', value: Number.isFinite(raw) ? raw : '#NUM!' };
  if (typeof raw === 'boolean') return { kind: 'value', value: raw };
  if (isDateValue(raw)) return { kind: 'value', value: toHostDate(raw) };
  if (typeof raw === 'bigint') return { kind: 'value', value: Number(raw) };
  if (typeof raw !== 'string') {
    throw new InputError('Cannot convert object to a cell value: only strings, numbers, booleans and Dates can be stored.');
  }
  checkLength(raw);
  if (raw.startsWith("'")) return { kind: 'value', value: raw.slice(1) };
  if (numberFormat === TEXT_FORMAT) return { kind: 'value', value: raw };
  if (raw.startsWith('=') && raw.length > 1) return { kind: 'formula', formula: raw };
  const parsed = parseTypedText(raw, timeZone);
  return { kind: 'value', value: parsed ?? raw };
}
