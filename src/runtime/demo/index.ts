/** Deterministic demo data for demo workbooks and benchmarks (host-side only, never bundled). */
export { DEFAULT_TODAY, generateDataset } from './generate';
export type { Dataset, DemoOptions } from './generate';
export { writeDataset } from './write';
export type { WriteReport } from './write';
export { DEFAULT_TEAM, PRODUCTS } from './catalog';
export { GRADE_THRESHOLDS, gradeOf } from './derive';
