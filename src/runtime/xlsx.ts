/** .xlsx persistence of the workbook (ExcelJS): see persist/ for the format. */
export { saveWorkbookXlsx } from './persist/saveXlsx';
export { loadWorkbookXlsx } from './persist/loadXlsx';
