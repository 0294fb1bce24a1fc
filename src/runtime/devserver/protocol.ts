/** JSON shapes between the dev server and its page (src/runtime/devserver/page). */
import type { MenuInfo, TriggerInfo } from '../types';

export interface SheetInfo {
  name: string;
  /** Rows and columns holding data (the grid shows a little more). */
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  /** Column widths in pixels (1-based column -> px), when set. */
  widths: Record<number, number>;
  /** Columns hidden by the user or by setup (1-based): not drawn, as in Sheets. */
  hidden?: number[];
}

export interface DevState {
  /** Bumped by every change to the workbook: the page refetches what it shows when it moves. */
  revision: number;
  title: string;
  locale: string;
  user: string;
  /** The runtime's clock (ISO), which time-driven triggers follow. */
  now: string;
  sheets: SheetInfo[];
  menus: MenuInfo[];
  sidebar: { title: string; opened: number } | null;
  triggers: TriggerInfo[];
  /** Alerts and toasts the bundle showed, newest last. */
  messages: string[];
  /** Where the workbook is saved, and whether unsaved changes remain. */
  file: string;
  dirty: boolean;
}

export interface GridCell {
  /** Displayed text (number formats applied). */
  v: string;
  note?: string;
  bg?: string;
  bold?: boolean;
  /** The value breaks the cell's data validation (Sheets' red corner). */
  invalid?: boolean;
}

export interface RowsPage {
  sheet: string;
  from: number;
  rows: GridCell[][];
}

export interface EditRequest {
  sheet: string;
  row: number;
  column: number;
  value: string;
}

export type Outcome = { ok: true; note?: string } | { ok: false; error: string };

/** google.script.run over HTTP: the shim posts the call, the server answers with the JSON copy. */
export interface RunRequest {
  fn: string;
  args: unknown[];
}
export type RunReply = { ok: true; value: unknown } | { ok: false; error: string };

/** A native chart drawn by the page (see chartData.ts). */
export interface ChartView {
  id: number;
  /** A Charts.ChartType name: PIE, BAR, COLUMN, LINE, AREA... */
  type: string;
  title: string;
  labels: string[];
  series: { name: string; values: number[] }[];
}
