/** Plain-data descriptions of non-cell sheet objects (validations, protections, charts, triggers). */
import { GridRef } from './a1';

/** A range stored inside another object (validation source, chart data, protection). */
export interface SheetRangeRef extends GridRef {
  sheetId: number;
}

export type CriteriaArg = string | number | boolean | Date | null | SheetRangeRef | CriteriaArg[];

export interface ValidationSpec {
  criteria: string; // a DataValidationCriteria name, e.g. VALUE_IN_LIST
  args: CriteriaArg[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ProtectionSpec {
  id: number;
  type: 'SHEET' | 'RANGE';
  sheetId: number;
  range: GridRef | null; // null for a whole-sheet protection
  description: string;
  warningOnly: boolean;
  editors: string[];
  unprotected: GridRef[];
  domainEdit: boolean;
}

export interface ChartSpec {
  id: number;
  chartType: string; // a Charts.ChartType name
  ranges: SheetRangeRef[];
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
  numHeaders: number;
  transpose: boolean;
  hiddenDimensionStrategy: string | null;
  mergeStrategy: string | null;
}

export interface TriggerSpec {
  uid: string;
  handler: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  source: 'CLOCK' | 'SPREADSHEETS' | 'FORMS';
  sourceId: string | null;
  schedule: TriggerSchedule | null;
  owner: string;
}

export interface TriggerSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  at?: string;
  after?: number;
  timeZone?: string;
}

/** Script state that persists with the workbook (the `_runtime` sheet in xlsx). */
export interface RuntimeState {
  scriptProperties: Record<string, string>;
  documentProperties: Record<string, string>;
  userProperties: Record<string, Record<string, string>>;
  triggers: TriggerSpec[];
  /** CalendarApp: each user's default calendar, by email (absent until a calendar is first used). */
  calendars?: Record<string, CalendarData>;
}

export interface CalendarEventData {
  id: string;
  title: string;
  start: Date;
  end: Date;
  description: string;
  location: string;
  guests: string[];
  tags: Record<string, string>;
  popupReminders: number[];
  created: Date;
  updated: Date;
}

export interface CalendarData {
  id: string;
  owner: string;
  name: string;
  timeZone: string;
  events: CalendarEventData[];
  /** Events created on one day (the daily quota). */
  created: { day: string; count: number } | null;
}

export function emptyRuntimeState(): RuntimeState {
  return { scriptProperties: {}, documentProperties: {}, userProperties: {}, triggers: [] };
}

export function overlaps(a: GridRef, b: GridRef): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}

export function contains(outer: GridRef, inner: GridRef): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.col + inner.numCols <= outer.col + outer.numCols
  );
}
