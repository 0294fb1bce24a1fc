/** What a cell can hold, and realm-safe checks for values coming from the bundle's vm context. */
import { types } from 'node:util';

/** A stored cell value. '' means empty. Dates are host-realm Date objects owned by the model. */
export type CellValue = string | number | boolean | Date;

/** True for Date objects from any realm (the bundle runs in a vm context, so instanceof Date is wrong). */
export function isDateValue(v: unknown): v is Date {
  return types.isDate(v);
}

/** Copies a Date from any realm into a host Date. */
export function toHostDate(d: Date): Date {
  return new Date(Date.prototype.getTime.call(d));
}

export function isEmptyCell(v: CellValue | undefined | null): boolean {
  return v === undefined || v === null || v === '';
}

/** Model-side copy of one value (Dates are mutable, so never share them). */
export function copyCell(v: CellValue | undefined): CellValue {
  if (v === undefined) return '';
  return typeof v === 'object' ? new Date(v.getTime()) : v;
}
