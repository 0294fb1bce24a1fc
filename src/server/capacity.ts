import * as z from 'zod/mini';
import { capacityOf, type Capacity, type CapacityLevel, type TabGrid } from '../core/capacity';
import { optionsArg, signature } from './args';
import { throwing } from './entry';

/** Grid sizes change only when rows are added; a 10-minute-old answer is good enough for a warning. */
const CACHE_KEY = 'crm.capacity';
const CACHE_SECONDS = 600;

export interface CapacityResult extends Capacity {
  /** 'YYYY-MM-DDTHH:mm:ss.sssZ' when the grid sizes were read. */
  measuredAt: string;
  /** True when the answer came from the document cache. */
  cached: boolean;
}

/**
 * Every tab's grid, read with metadata calls only: with the Sheets service one spreadsheets.get
 * (sheet properties only, no cells), else three calls per tab, never per row.
 */
function readGrids(): TabGrid[] {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (typeof Sheets !== 'undefined' && Sheets) {
    const meta = Sheets.Spreadsheets.get(ss.getId(), { fields: 'sheets.properties(title,gridProperties(rowCount,columnCount))' });
    return (meta.sheets ?? []).map((s) => ({
      name: s.properties?.title ?? '',
      rows: s.properties?.gridProperties?.rowCount ?? 0,
      columns: s.properties?.gridProperties?.columnCount ?? 0,
    }));
  }
  return ss.getSheets().map((sheet) => ({ name: sheet.getName(), rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() }));
}

function fromCache(cache: GoogleAppsScript.Cache.Cache | null): CapacityResult | null {
  const text = cache?.get(CACHE_KEY);
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as CapacityResult;
    return typeof parsed.usedCells === 'number' && Array.isArray(parsed.tabs) ? { ...parsed, cached: true } : null;
  } catch {
    return null;
  }
}

/** The last measured level, kept past the cache's ten minutes (the sidebar reads it on a cache miss). */
const LEVEL_PROPERTY = 'crm.capacity.level';

/** What the sidebar and a summary need to warn: the share used and its level. */
export interface CapacityLevelInfo {
  level: CapacityLevel;
  ratio: number;
  usedCells: number;
  limit: number;
}

const levelInfo = (c: Capacity): CapacityLevelInfo => ({ level: c.level, ratio: c.ratio, usedCells: c.usedCells, limit: c.limit });

/** The document property that remembers a measured level, as [key, value]. */
export function levelProperty(c: Capacity): [string, string] {
  return [LEVEL_PROPERTY, JSON.stringify(levelInfo(c))];
}

/**
 * Reads every tab's grid (unless given), caches the answer for ten minutes and remembers its level
 * (unless `levelByCaller`: a caller about to write document properties anyway writes levelProperty
 * with them, one round trip for both).
 */
function measure(cache: GoogleAppsScript.Cache.Cache | null, grids?: readonly TabGrid[], levelByCaller = false): CapacityResult {
  const result: CapacityResult = { ...capacityOf(grids ?? readGrids()), measuredAt: new Date().toISOString(), cached: false };
  // ~60 bytes per tab: far below the cache's 100 KB per value.
  cache?.put(CACHE_KEY, JSON.stringify(result), CACHE_SECONDS);
  if (!levelByCaller) PropertiesService.getDocumentProperties()?.setProperty(...levelProperty(result));
  return result;
}

/**
 * For a job about to write tabs (the summary rebuild): the capacity measured now, with every tab's
 * grid size, when the Sheets service reads them in one call (or the caller already read them with
 * its own metadata call: `grids`); null without it (use currentCapacity).
 */
export function measuredGrids(
  grids?: readonly TabGrid[],
  levelByCaller = false,
): { capacity: CapacityResult; grids: Map<string, TabGrid> } | null {
  if (!grids && (typeof Sheets === 'undefined' || !Sheets)) return null;
  const capacity = measure(CacheService.getDocumentCache(), grids, levelByCaller);
  return { capacity, grids: new Map(capacity.tabs.map((t) => [t.name, t])) };
}

/** The cached answer, else the grids read now (a summary rebuild, which reads whole tabs anyway). */
export function currentCapacity(): CapacityResult {
  const cache = CacheService.getDocumentCache();
  return fromCache(cache) ?? measure(cache);
}

/**
 * The last known level without reading any grid: one cache get, and on a miss one property get
 * (the level the last measurement left). Null when it was never measured.
 */
export function knownCapacityLevel(): CapacityLevelInfo | null {
  const hit = fromCache(CacheService.getDocumentCache());
  if (hit) return levelInfo(hit);
  try {
    const raw = JSON.parse(PropertiesService.getDocumentProperties()?.getProperty(LEVEL_PROPERTY) ?? 'null') as CapacityLevelInfo | null;
    return raw && typeof raw.ratio === 'number' && typeof raw.level === 'string' ? raw : null;
  } catch {
    return null;
  }
}

/**
 * getCapacity({ refresh? }): cells used against Sheets' 10-million-cell limit, per tab, with the
 * level ('ok', 'warning' from 80%, 'full'), so the sidebar or a summary can warn before the
 * workbook stops growing. Cached for ten minutes in the document cache (one round trip on a hit);
 * `refresh: true` reads the grids again (three metadata calls per tab) and remembers the level in a
 * document property for the sidebar.
 */
export const getCapacity = throwing(
  signature(['options'], z.optional(optionsArg({ refresh: z.optional(z.boolean()) }))),
  (o = {}): CapacityResult => {
    const cache = CacheService.getDocumentCache();
    const hit = o.refresh === true ? null : fromCache(cache);
    if (hit) return hit;
    return measure(cache);
  },
  'read',
);
