import { matchOption, optionText, STAGES, type Lang } from '../schema';

/** One entry of an opportunity's stage log: when it entered a stage (canonical zh value). */
export interface StageEntry {
  at: string;
  stage: string;
}

const STAGE_VALUES: ReadonlySet<string> = new Set(STAGES.map((s) => s.value));
const ENTRY = /^\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\s+(.+?)\s*$/;
const SEPARATOR = '; ';
/** The log lives in one cell (longText, 10,000 characters): about 400 stage changes. */
export const STAGE_LOG_MAX = 10000;

/**
 * Parses "2026-01-02 10:00 线索; 2026-01-10 09:00 需求分析": the stages an opportunity entered,
 * oldest first. Stage names may be in either language; unreadable entries are skipped.
 */
export function parseStageLog(text: unknown): StageEntry[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const out: StageEntry[] = [];
  for (const part of text.split(';')) {
    const m = ENTRY.exec(part);
    if (!m) continue;
    const stage = matchOption(STAGES, m[2]);
    if (typeof stage === 'string' && STAGE_VALUES.has(stage)) out.push({ at: m[1], stage });
  }
  return out;
}

/**
 * The log with one more entry, in the workbook's language. Kept on the opportunity itself so the
 * funnel (furthest stage, time in each stage) never has to scan the ever-growing change log.
 * When the cell would overflow, the oldest changes after the first entry (the creation) go first.
 */
export function appendStageLog(log: unknown, at: string, stage: string, lang: Lang): string {
  const entries =
    typeof log === 'string' && log.trim() !== ''
      ? log
          .split(';')
          .map((e) => e.trim())
          .filter(Boolean)
      : [];
  entries.push(`${at} ${optionText(STAGES, stage, lang)}`);
  while (entries.length > 2 && entries.join(SEPARATOR).length > STAGE_LOG_MAX) entries.splice(1, 1);
  return entries.join(SEPARATOR);
}
